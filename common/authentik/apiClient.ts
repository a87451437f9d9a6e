import { ConnectionConfig, checkBaseUrl } from './connection';
import { HttpClient, HttpResponse, TransportError, TransportFailure } from './http';
import { SecretRedactor } from './secrets';
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
  | 'unexpected-status'
  /** An answer whose shape is not what authentik sends (a version that is no string, a pk that is no integer). */
  | 'unexpected-response'
  /** The server's state rules the deploy out: the name is taken by another type, or by several providers. */
  | 'conflict';

export interface ApiFailure {
  kind: ApiFailureKind;
  message: string;
  status?: number;
  transport?: TransportFailure;
  forbidden?: ForbiddenReason;
  /** For 400: field name -> messages, as the server sent them. */
  fieldErrors?: Record<string, unknown>;
  /** Technical detail for the log (never contains the token or a secret). */
  detail?: string;
}

/** Server text quoted in a message is cut to this many characters. */
const MAX_QUOTED = 300;

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

/**
 * A small client for the endpoints this tool uses. Every outcome is a value; nothing throws past it.
 * Every failure it returns has been through its redactor, which knows the token and every secret
 * sent or received on this connection, so a failure can be shown and logged as it is.
 */
export class AuthentikApi {
  readonly redactor: SecretRedactor;

  constructor(
    private readonly config: ConnectionConfig,
    private readonly http: HttpClient,
    private readonly clock: Clock = systemClock,
  ) {
    this.redactor = new SecretRedactor([config.token]);
  }

  get baseUrl(): string {
    const check = checkBaseUrl(this.config.baseUrl, this.config.allowInsecureHttp);
    return check.ok ? check.baseUrl : this.config.baseUrl;
  }

  get hasToken(): boolean {
    return !!this.config.token;
  }

  /** The failure with its texts and field messages redacted. */
  redactFailure(failure: ApiFailure): ApiFailure {
    const redacted: ApiFailure = { ...failure, message: this.redactor.text(failure.message) };
    if (failure.detail !== undefined) redacted.detail = this.redactor.text(failure.detail);
    if (failure.fieldErrors !== undefined) redacted.fieldErrors = this.redactor.value(failure.fieldErrors, { byKey: false });
    return redacted;
  }

  async request<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, options: { body?: unknown; query?: Record<string, string | number | boolean>; signal?: AbortSignal } = {}): Promise<ApiResult<T>> {
    const started = this.clock.now();
    const elapsed = () => this.clock.now() - started;
    const check = checkBaseUrl(this.config.baseUrl, this.config.allowInsecureHttp);
    if (!check.ok) return { ok: false, failure: this.redactFailure({ kind: 'config', message: check.message }), timeMs: 0 };
    const url = new URL(check.baseUrl + path);
    for (const [k, v] of Object.entries(options.query ?? {})) url.searchParams.set(k, String(v));
    const headers: Record<string, string> = { accept: 'application/json', 'user-agent': USER_AGENT };
    if (this.config.token) headers.authorization = `Bearer ${this.config.token}`;
    let body: string | undefined;
    if (options.body !== undefined) {
      this.redactor.rememberFrom(options.body);
      body = JSON.stringify(options.body);
      headers['content-type'] = 'application/json';
    }
    let response: HttpResponse;
    try {
      response = await this.http.send({ method, url: url.toString(), headers, body, timeoutMs: this.config.timeoutMs, signal: options.signal });
    } catch (error) {
      const transport = error instanceof TransportError ? error : new TransportError('other', (error as Error)?.message ?? String(error));
      return { ok: false, failure: this.redactFailure({ kind: 'transport', transport: transport.kind, message: transport.message, detail: transport.detail }), timeMs: elapsed() };
    }
    const result = interpret<T>(response, check.origin, `${method} ${url.pathname}`, this.redactor);
    return result.ok ? { ...result, timeMs: elapsed() } : { ok: false, failure: this.redactFailure(result.failure), timeMs: elapsed() };
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
      const body = result.body as unknown;
      const results = isObject(body) ? body.results : undefined;
      const pagination = isObject(body) ? body.pagination : undefined;
      const next = isObject(pagination) ? pagination.next : undefined;
      const problem = !Array.isArray(results)
        ? `"results" is ${describeJson(results)}, not a list`
        : pagination !== undefined && (!isObject(pagination) || (next !== undefined && !(Number.isSafeInteger(next) && (next as number) >= 0)))
          ? `"pagination.next" is ${describeJson(next)}, not a page number`
          : undefined;
      if (problem) {
        return { ok: false, failure: this.redactFailure({ kind: 'unexpected-response', status: result.status, message: `The server's answer to GET ${path} is not an authentik list: ${problem}.` }), timeMs };
      }
      all.push(...(results as T[]));
      if (!next || (next as number) <= page) break;
      page = next as number;
    }
    return { ok: true, status: 200, body: all, timeMs };
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A JSON value described for a message: its type, and a short quote of a scalar. */
export function describeJson(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  const quoted = JSON.stringify(value);
  const short = quoted.length > 60 ? `${quoted.slice(0, 57)}...` : quoted;
  return typeof value === 'string' ? `the string ${short}` : `the ${typeof value} ${short}`;
}

/** Of a long answer only this much is searched for a quote: far more than is quoted, so no cut reaches into it. */
const QUOTE_WINDOW = 64 * 1024;

/** Server text for a message: secrets masked first, then whitespace collapsed and the length capped. */
function quote(text: string, redactor: SecretRedactor, max = MAX_QUOTED): string {
  const flat = redactor.text(text.slice(0, QUOTE_WINDOW)).replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}...` : flat;
}

function interpret<T>(response: HttpResponse, origin: string, what: string, redactor: SecretRedactor): { ok: true; status: number; body: T } | { ok: false; failure: ApiFailure } {
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
        message: `The server answered ${what} with a redirect (${status}) to ${elsewhere ? `another origin, ${quote(target, redactor, 200)}` : quote(location, redactor, 200)}. It was not followed${elsewhere ? ', so the token stays with ' + origin : ''}: check authentik.serverUrl.`,
      },
    };
  }
  const looksHtml = /text\/html/i.test(contentType) || /^\s*</.test(text);
  let json: unknown;
  let jsonError: string | undefined;
  if (status !== 204 && text.trim() !== '' && !looksHtml) {
    try {
      json = JSON.parse(text);
      redactor.rememberFrom(json);
    } catch (error) {
      jsonError = (error as Error).message;
    }
  }
  // Masked before it is cut, so a cut can never leave part of a secret unrecognised.
  const snippet = quote(text, redactor);
  if (status >= 200 && status < 300) {
    if (looksHtml) return { ok: false, failure: { kind: 'html', status, message: `The server answered ${what} with an HTML page instead of JSON: is authentik.serverUrl the authentik server (not a proxy login page)?`, detail: snippet } };
    if (jsonError) return { ok: false, failure: { kind: 'malformed-json', status, message: `The server answered ${what} with ${status} but its JSON is malformed (${quote(jsonError, redactor, 120)}). The request may have succeeded: check the server before retrying.`, detail: snippet } };
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
  const rawDetail = isObject(json) && typeof json.detail === 'string' ? json.detail : undefined;
  const detail = rawDetail === undefined ? undefined : quote(rawDetail, redactor);
  if (status === 403) {
    const reason = (rawDetail && Object.hasOwn(FORBIDDEN_TEXTS, rawDetail) && FORBIDDEN_TEXTS[rawDetail]) || 'unknown';
    return { ok: false, failure: { kind: 'forbidden', status, forbidden: reason, message: `403 ${detail ?? 'Forbidden'}: ${FORBIDDEN_ADVICE[reason]}` } };
  }
  if (status === 404) return { ok: false, failure: { kind: 'not-found', status, message: `404 ${detail ?? 'Not found.'} (${what})` } };
  if (status === 400 && isObject(json)) {
    return { ok: false, failure: { kind: 'validation', status, message: detail ? `400 ${detail}` : 'The server rejected the provider (400).', fieldErrors: json } };
  }
  return { ok: false, failure: { kind: 'unexpected-status', status, message: `The server answered ${what} with HTTP ${status}${detail ? `: ${detail}` : ''}.`, detail: snippet } };
}
