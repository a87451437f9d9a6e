import { parentPort, workerData } from 'node:worker_threads';
import { setRequestValidator } from '../service/schemaValidation';
import { precompiledValidator } from './precompiledValidator';
import { ChunkJob, takeChunks } from './validationChunks';

/** A worker thread of `validate` (dist/cliWorker.js): validates chunks of the job and sends back their reports. */
if (parentPort) {
  const port = parentPort;
  if (precompiledValidator) setRequestValidator(precompiledValidator);
  takeChunks(workerData as ChunkJob, (chunk, reports) => port.postMessage({ chunk, reports }));
  port.postMessage({ done: true });
}
