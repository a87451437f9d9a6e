import * as http from 'node:http';
import * as https from 'node:https';

/** One HTTP exchange as the authentik client needs it; injected so tests and the editor can swap it. */
export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  signal?: AbortSignal;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export type TransportFailure = 'refused' | 'dns' | 'timeout' | 'tls' | 'reset' | 'cancelled' | 'too-large' | 'other';

/** A request that got no complete HTTP response. The message never contains request headers. */
export class TransportError extends Error {
  constructor(
    readonly kind: TransportFailure,
    message: string,
    readonly detail?: string,
  ) {
    super(message);
  }
}

export interface HttpClient {
  send(request: HttpRequest): Promise<HttpResponse>;
}

/** Response bodies beyond this are cut off with an error instead of filling memory. */
export const DEFAULT_MAX_BODY_BYTES = 8 * 1024 * 1024;

/** The longest delay Node's timers take; a longer one fires at once (TimeoutOverflowWarning). */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** A request timeout Node's timers can honour: at least 1 ms, at most MAX_TIMER_MS (also for NaN or Infinity). */
export function timerDelay(timeoutMs: number): number {
  if (Number.isNaN(timeoutMs)) return MAX_TIMER_MS;
  return Math.min(Math.max(Math.round(timeoutMs), 1), MAX_TIMER_MS);
}

function classify(error: NodeJS.ErrnoException, host: string): TransportError {
  const code = error.code ?? '';
  if (code === 'ECONNREFUSED') return new TransportError('refused', `Connection refused by ${host}: is the server running?`, code);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new TransportError('dns', `Could not resolve ${host} (DNS lookup failed).`, code);
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'ECONNABORTED' || error.message === 'aborted') {
    return new TransportError('reset', `The connection to ${host} was closed before the response was complete.`, code || error.message);
  }
  if (/CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/i.test(code) || /certificate/i.test(error.message)) {
    return new TransportError('tls', `TLS error talking to ${host}: ${error.message}`, code);
  }
  return new TransportError('other', `Request to ${host} failed: ${error.message}`, code);
}

/** Node's http/https. Never follows redirects: a redirect is returned as is, so the token never leaves the origin. */
export class NodeHttpClient implements HttpClient {
  constructor(private readonly maxBodyBytes = DEFAULT_MAX_BODY_BYTES) {}

  send(request: HttpRequest): Promise<HttpResponse> {
    const url = new URL(request.url);
    const transport = url.protocol === 'https:' ? https : http;
    const host = url.host;
    return new Promise<HttpResponse>((resolve, reject) => {
      if (request.signal?.aborted) return reject(new TransportError('cancelled', 'The request was cancelled.'));
      let settled = false;
      const fail = (error: TransportError) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        request.signal?.removeEventListener('abort', onAbort);
        req.destroy();
        reject(error);
      };
      const req = transport.request(
        url,
        { method: request.method, headers: { ...request.headers, ...(request.body !== undefined ? { 'content-length': Buffer.byteLength(request.body) } : {}) } },
        (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > this.maxBodyBytes) {
              fail(new TransportError('too-large', `The response from ${host} is larger than ${Math.round(this.maxBodyBytes / 1048576)} MiB; it was not read.`));
              return;
            }
            chunks.push(chunk);
          });
          res.on('aborted', () => fail(new TransportError('reset', `The connection to ${host} was closed before the response was complete.`)));
          res.on('error', (error) => fail(classify(error as NodeJS.ErrnoException, host)));
          res.on('end', () => {
            if (settled) return;
            if (!res.complete) return fail(new TransportError('reset', `The connection to ${host} was closed before the response was complete.`));
            settled = true;
            clearTimeout(timer);
            request.signal?.removeEventListener('abort', onAbort);
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') });
          });
        },
      );
      const delay = timerDelay(request.timeoutMs);
      const timer = setTimeout(() => fail(new TransportError('timeout', `No response from ${host} within ${Math.round(delay / 100) / 10} s.`)), delay);
      const onAbort = () => fail(new TransportError('cancelled', 'The request was cancelled.'));
      request.signal?.addEventListener('abort', onAbort, { once: true });
      req.on('error', (error) => fail(classify(error as NodeJS.ErrnoException, host)));
      if (request.body !== undefined) req.write(request.body);
      req.end();
    });
  }
}
