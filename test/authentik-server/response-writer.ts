import type { ServerResponse } from 'node:http';
import type { FaultPlan } from './faults';
import type { ApiResponse } from './responses';

/** Writes a response, or the broken version of it a fault asks for. */
export async function writeResponse(res: ServerResponse, response: ApiResponse, fault?: FaultPlan['body']): Promise<void> {
  const status = fault?.status ?? response.status;
  if (fault?.kind === 'malformed') return writeWhole(res, status, { ...response.headers, 'Content-Type': 'application/json' }, truncated(response.body));
  if (fault?.kind === 'huge') return writePadded(res, status, response, fault.bytes ?? 0);
  if (fault?.kind === 'drop') return writeThenDrop(res, status, response);
  writeWhole(res, status, response.headers, response.body);
}

function writeWhole(res: ServerResponse, status: number, headers: Record<string, string>, body: string): void {
  res.writeHead(status, { ...headers, 'Content-Length': String(Buffer.byteLength(body)) });
  res.end(body);
}

/** A strict prefix of a JSON document never parses. */
function truncated(body: string): string {
  if (body.length < 2) return '{"detail":';
  return body.slice(0, Math.floor(body.length / 2));
}

/** Announces the whole length, sends half, then cuts the connection. */
function writeThenDrop(res: ServerResponse, status: number, response: ApiResponse): Promise<void> {
  const body = Buffer.from(response.body);
  res.writeHead(status, { ...response.headers, 'Content-Length': String(Math.max(body.length, 2)) });
  res.flushHeaders();
  const part = body.subarray(0, Math.floor(body.length / 2));
  return new Promise((resolve) => {
    const drop = () => {
      res.destroy();
      resolve();
    };
    if (part.length === 0) drop();
    else res.write(part, drop);
  });
}

const CHUNK = 64 * 1024;

/**
 * A valid JSON body of (at least) `bytes` bytes: the normal object with a long "padding" string
 * added, streamed in chunks so a very large size costs no memory.
 */
async function writePadded(res: ServerResponse, status: number, response: ApiResponse, bytes: number): Promise<void> {
  const body = response.body.trim();
  const base = body.startsWith('{') && body.endsWith('}') ? body.slice(0, -1) : '{';
  const prefix = `${base}${base === '{' ? '' : ','}"padding":"`;
  const suffix = '"}';
  const paddingLength = Math.max(0, bytes - Buffer.byteLength(prefix) - suffix.length);
  res.writeHead(status, {
    ...response.headers,
    'Content-Type': 'application/json',
    'Content-Length': String(Buffer.byteLength(prefix) + paddingLength + suffix.length),
  });
  await write(res, prefix);
  const chunk = 'x'.repeat(CHUNK);
  for (let left = paddingLength; left > 0 && !res.destroyed; left -= CHUNK) {
    await write(res, left >= CHUNK ? chunk : chunk.slice(0, left));
  }
  if (!res.destroyed) res.end(suffix);
}

/** Waits for 'drain' when the socket's buffer is full, and gives up when the client goes away. */
function write(res: ServerResponse, data: string): Promise<void> {
  if (res.destroyed) return Promise.resolve();
  if (res.write(data)) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.once('drain', done);
    res.once('close', done);
  });
}
