import { ConnectionConfig, checkBaseUrl } from './connection';
import { HttpClient, HttpResponse, TransportError, TransportFailure } from './http';
import { VERSION } from '../version';

export type ForbiddenReason = 'no-token' | 'invalid-token' | 'no-permission' | 'unsupported-auth' | 'unknown';

export type ApiFailureKind =
  | 'config'
  | 'transport'
  | 'forbidden'
  | 'validation'
  | 'not-found'
  | 'server-error'
  | 'html'
  | 'malformed-json'
  | 'redirect'
  | 'unexpected-status';

export interface ApiFailure {
  kind: ApiFailureKind;
  message: string;
  status?: number;
  transport?: TransportFailure;
  forbidden?: ForbiddenReason;
  /** For 400: field name -> messages, as the server sent them. */
  fieldErrors?: Record<string, unknown>;
  /** Technical detail for the log (never contains the token). */
  detail?: string;
}

export type ApiResult<T> = { ok: true; status: number; body: T; timeMs: number } | { ok: false; failure: ApiFailure; timeMs: number };

export interface Clock {
  now(): number;
}
export const systemClock: Clock = { now: () => Date.now() };

/** authentik's texts for each 403 (it never answers 401). */
const FORBIDDEN_TEXTS: Record<string, ForbiddenReason> = {
  'Authentication credentials were not provided.': 'no-token',
  'Token invalid/expired': 'invalid-token',
  'You do not have permission to perform this action.': 'no-permission',
  'Unsupported authentication type': 'unsupported-auth',
};

const FORBIDDEN_ADVICE: Record<ForbiddenReason, string> = {
  'no-token': 'No API token was sent. Set one with "authentik: Set API Token" (or AUTHENTIK_TOKEN).',
  'invalid-token': 'The API token is invalid or expired. Set a new one with "authentik: Set API Token".',
  'no-permission': "The token is valid, but its user may not do this: grant it the permission to view and change OAuth2 providers.",
  'unsupported-auth': 'The server did not accept the authentication scheme; use an API token (Bearer).',
  unknown: 'The server refused access.',
};

export interface Pagination {
  next: number;
  previous: number;
  count: number;
  current: number;
  total_pages: number;
  start_index: number;
  end_index: number;
}
export interface Page<T> {
  pagination: Pagination;
  results: T[];
}

const USER_AGENT = `authentik-oauth2-config/${VERSION}`;

/** A small client for the endpoints this tool uses. Every outcome is a value; nothing throws past it. */
export class AuthentikApi {
  constructor(
    private readonly config: ConnectionConfig,
    private readonly http: HttpClient,
    private readonly clock: Clock = systemClock,
  ) {}

  get baseUrl(): string {
    const check = checkBaseUrl(this.config.baseUrl, this.config.allowInsecureHttp);
    return check.ok ? check.baseUrl : this.config.baseUrl;
  }

  get hasToken(): boolean {
    return !!this.config.token;
  }

  async request<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, options: { body?: unknown; query?: Record<string, string | number | boolean>; signal?: AbortSignal } = {}): Promise<ApiResult<T>> {
    const started = this.clock.now();
    const elapsed = () => this.clock.now() - started;
    const check = checkBaseUrl(this.config.baseUrl, this.config.allowInsecureHttp);
    if (!check.ok) return { ok: false, failure: { kind: 'config', message: check.message }, timeMs: 0 };
    const url = new URL(check.baseUrl + path);
    for (const [k, v] of Object.entries(options.query ?? {})) url.searchParams.set(k, String(v));
    const headers: Record<string, string> = { accept: 'application/json', 'user-agent': USER_AGENT };
    if (this.config.token) headers.authorization = `Bearer ${this.config.token}`;
    let body: string | undefined;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] = 'application/json';
    }
    let response: HttpResponse;
    try {
      response = await this.http.send({ method, url: url.toString(), headers, body, timeoutMs: this.config.timeoutMs, signal: options.signal });
    } catch (error) {
      const transport = error instanceof TransportError ? error : new TransportError('other', (error as Error)?.message ?? String(error));
      return { ok: false, failure: { kind: 'transport', transport: transport.kind, message: transport.message, detail: transport.detail }, timeMs: elapsed() };
    }
    return { ...interpret<T>(response, check.origin, `${method} ${url.pathname}`), timeMs: elapsed() } as ApiResult<T>;
  }

  /** Fetches every page of a paginated list (authentik's `next` is a page number, 0 when there is none). */
  async listAll<T>(path: string, query: Record<string, string | number | boolean> = {}, signal?: AbortSignal): Promise<ApiResult<T[]>> {
    const all: T[] = [];
    let page = 1;
    let timeMs = 0;
    for (let guard = 0; guard < 1000; guard++) {
      const result = await this.request<Page<T>>('GET', path, { query: { ...query, page, page_size: 100 }, signal });
      timeMs += result.timeMs;
      if (!result.ok) return result;
      const body = result.body as Partial<Page<T>>;
      if (!Array.isArray(body?.results)) {
        return { ok: false, failure: { kind: 'unexpected-status', status: result.status, message: `Unexpected list response from ${path}: no "results".` }, timeMs };
      }
      all.push(...body.results);
      const next = body.pagination?.next ?? 0;
      if (!next || next <= page) break;
      page = next;
    }
    return { ok: true, status: 200, body: all, timeMs };
  }
}

function interpret<T>(response: HttpResponse, origin: string, what: string): { ok: true; status: number; body: T } | { ok: false; failure: ApiFailure } {
  const { status } = response;
  const contentType = String(response.headers['content-type'] ?? '');
  const text = response.body;
  if (status >= 300 && status < 400) {
    const location = String(response.headers.location ?? '');
    let target = location;
    try {
      target = new URL(location, origin).origin;
    } catch {
      /* keep the raw header */
    }
    const elsewhere = target !== origin;
    return {
      ok: false,
      failure: {
        kind: 'redirect',
        status,
        message: `The server answered ${what} with a redirect (${status}) to ${elsewhere ? `another origin, ${target}` : location}. It was not followed${elsewhere ? ', so the token stays with ' + origin : ''}: check authentik.serverUrl.`,
      },
    };
  }
  const looksHtml = /text\/html/i.test(contentType) || /^\s*</.test(text);
  let json: unknown;
  let jsonError: string | undefined;
  if (status !== 204 && text.trim() !== '' && !looksHtml) {
    try {
      json = JSON.parse(text);
    } catch (error) {
      jsonError = (error as Error).message;
    }
  }
  const snippet = text.replace(/\s+/g, ' ').trim().slice(0, 300);
  if (status >= 200 && status < 300) {
    if (looksHtml) return { ok: false, failure: { kind: 'html', status, message: `The server answered ${what} with an HTML page instead of JSON: is authentik.serverUrl the authentik server (not a proxy login page)?`, detail: snippet } };
    if (jsonError) return { ok: false, failure: { kind: 'malformed-json', status, message: `The server answered ${what} with ${status} but its JSON is malformed (${jsonError}). The request may have succeeded: check the server before retrying.`, detail: snippet } };
    return { ok: true, status, body: json as T };
  }
  // authentik 2024.8 answers a write that fails inside the server (e.g. a duration out of range) with 405,
  // because its error views only accept GET; a 405 on our own endpoints is therefore a server failure.
  if (status === 405 && what.startsWith('GET') === false) {
    return {
      ok: false,
      failure: { kind: 'server-error', status, message: `The server failed on ${what} (HTTP 405: authentik answers this way when a write fails inside the server, e.g. on a duration out of range). Nothing was changed.`, detail: snippet },
    };
  }
  if (status >= 500) {
    return {
      ok: false,
      failure: { kind: 'server-error', status, message: `The server failed on ${what} with HTTP ${status}${looksHtml ? ' (an HTML error page)' : ''}. Details are in the log.`, detail: snippet },
    };
  }
  if (looksHtml) return { ok: false, failure: { kind: 'html', status, message: `The server answered ${what} with HTTP ${status} and an HTML page instead of JSON.`, detail: snippet } };
  if (jsonError) return { ok: false, failure: { kind: 'malformed-json', status, message: `The server answered ${what} with HTTP ${status} and malformed JSON.`, detail: snippet } };
  const detail = typeof (json as { detail?: unknown })?.detail === 'string' ? (json as { detail: string }).detail : undefined;
  if (status === 403) {
    const reason = (detail && FORBIDDEN_TEXTS[detail]) || 'unknown';
    return { ok: false, failure: { kind: 'forbidden', status, forbidden: reason, message: `403 ${detail ?? 'Forbidden'}: ${FORBIDDEN_ADVICE[reason]}` } };
  }
  if (status === 404) return { ok: false, failure: { kind: 'not-found', status, message: `404 ${detail ?? 'Not found.'} (${what})` } };
  if (status === 400 && json && typeof json === 'object' && !Array.isArray(json)) {
    return { ok: false, failure: { kind: 'validation', status, message: detail ? `400 ${detail}` : 'The server rejected the provider (400).', fieldErrors: json as Record<string, unknown> } };
  }
  return { ok: false, failure: { kind: 'unexpected-status', status, message: `The server answered ${what} with HTTP ${status}${detail ? `: ${detail}` : ''}.`, detail: snippet } };
}
