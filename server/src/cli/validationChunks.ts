import { AuthentikSettings } from '../../../common/settings';
import { FileReport, validateFile } from './validateFiles';

/**
 * A batch of files validated by several threads: each takes the next chunk of files from a
 * counter they share, until none is left, so a thread that starts late or runs slowly simply
 * takes fewer chunks. Reports are put back in file order by chunk index.
 */
export interface ChunkJob {
  files: readonly string[];
  settings: AuthentikSettings;
  cwd: string;
  /** One Int32: the index of the next chunk to take. */
  counter: SharedArrayBuffer;
}

/** Small enough that the threads finish close together, large enough that messages are few. */
export const CHUNK_SIZE = 50;

export function chunkCount(job: ChunkJob): number {
  return Math.ceil(job.files.length / CHUNK_SIZE);
}

export function validateChunk(job: ChunkJob, chunk: number): FileReport[] {
  const context = { rules: job.settings.rules, maxFileSize: job.settings.maxFileSize };
  return job.files.slice(chunk * CHUNK_SIZE, (chunk + 1) * CHUNK_SIZE).map((file) => validateFile(file, context, job.cwd));
}

/** Takes and validates chunks until the job has none left. */
export function takeChunks(job: ChunkJob, done: (chunk: number, reports: FileReport[]) => void): void {
  const counter = new Int32Array(job.counter);
  const count = chunkCount(job);
  for (let chunk = Atomics.add(counter, 0, 1); chunk < count; chunk = Atomics.add(counter, 0, 1)) done(chunk, validateChunk(job, chunk));
}
