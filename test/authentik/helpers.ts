import { after, before } from 'node:test';
import { AuthentikTestServer, startAuthentikTestServer, TestServerOptions } from '../authentik-server';

export const TOKEN = 'test-token';
export const READ_ONLY_TOKEN = 'read-only-token';
export const EXPIRED_TOKEN = 'expired-token';
export const PROVIDERS = '/api/v3/providers/oauth2/';

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  /** The body parsed as JSON (throws when it is not). */
  json: unknown;
}

export interface CallOptions {
  /** A string is sent as is; anything else as JSON. */
  body?: unknown;
  /** Default: the full-access token; null sends no Authorization header. */
  token?: string | null;
  headers?: Record<string, string>;
}

/** One HTTP request with fetch, its body read completely. */
export async function call(server: AuthentikTestServer, method: string, path: string, options: CallOptions = {}): Promise<Reply> {
  const headers: Record<string, string> = {};
  const token = options.token === undefined ? TOKEN : options.token;
  if (token !== null) headers.Authorization = `Bearer ${token}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    headers['Content-Type'] = 'application/json';
  }
  Object.assign(headers, options.headers);
  const response = await fetch(server.url + path, { method, headers, body, redirect: 'manual' });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    text,
    get json() {
      return JSON.parse(text) as unknown;
    },
  };
}

/** Starts one server (with the read-only and expired tokens) for the enclosing describe block, and closes it after. */
export function useServer(options: TestServerOptions = {}): () => AuthentikTestServer {
  let server: AuthentikTestServer | undefined;
  before(async () => {
    server = await startAuthentikTestServer({ readOnlyToken: READ_ONLY_TOKEN, expiredToken: EXPIRED_TOKEN, ...options });
  });
  after(async () => {
    await server?.close();
  });
  return () => {
    if (!server) throw new Error('the server is not started yet');
    return server;
  };
}

/** A minimal valid create body. */
export function validBody(server: AuthentikTestServer, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { name: 'Grafana', authorization_flow: server.seedObjects.flows.explicitConsent.pk, ...overrides };
}

/** POSTs a provider that must be created, and returns it. */
export async function createProvider(server: AuthentikTestServer, overrides: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  const reply = await call(server, 'POST', PROVIDERS, { body: validBody(server, overrides) });
  if (reply.status !== 201) throw new Error(`expected 201, got ${reply.status}: ${reply.text}`);
  return reply.json as Record<string, unknown>;
}
