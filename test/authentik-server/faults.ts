import { STATUS_CODES } from 'node:http';
import { proxyErrorPage } from './error-views';
import { ApiResponse, htmlResponse, jsonResponse } from './responses';
import type { ReceivedRequest } from './types';
import type { FaultSpec } from './types';

/** Faults added by tests or CLI flags, matched per request and used up by `times`. */
export class FaultRegistry {
  private active: { spec: FaultSpec; remaining: number }[] = [];

  add(spec: FaultSpec): void {
    if (spec.times !== undefined && (!Number.isInteger(spec.times) || spec.times < 1)) {
      throw new Error(`fault "times" must be a positive integer, got ${spec.times}`);
    }
    this.active.push({ spec: { ...spec }, remaining: spec.times ?? Infinity });
  }

  clear(): void {
    this.active = [];
  }

  /** The faults that apply to this request, in the order they were added; each counts one use. */
  take(method: string, pathname: string): FaultSpec[] {
    const matched = this.active.filter(
      ({ spec }) =>
        (spec.method === undefined || spec.method.toUpperCase() === method.toUpperCase()) &&
        (spec.path === undefined || pathname.startsWith(spec.path)),
    );
    for (const fault of matched) fault.remaining--;
    this.active = this.active.filter((fault) => fault.remaining > 0);
    return matched.map(({ spec }) => spec);
  }
}

/** How the matched faults combine: latencies add up; a redirect wins, then a body fault, then a status. */
export interface FaultPlan {
  latencyMs: number;
  redirectTo?: string;
  /** Replaces the whole response (the normal handler does not run). */
  statusResponse?: ApiResponse;
  /** Alters the normal response while it is written. */
  body?: { kind: 'drop' | 'malformed' | 'huge'; status?: number; bytes?: number };
  /** Replaces the whole response with one made of the request. */
  echo?: { status: number; html: boolean };
}

export function planFaults(faults: FaultSpec[]): FaultPlan {
  const plan: FaultPlan = { latencyMs: faults.reduce((sum, f) => sum + (f.latencyMs ?? 0), 0) };
  const redirect = faults.find((f) => f.redirectTo !== undefined);
  if (redirect) return { ...plan, redirectTo: redirect.redirectTo };
  const bodyFault = faults.find((f) => f.dropMidBody || f.malformedJson || f.hugeBodyBytes !== undefined);
  if (bodyFault) {
    const kind = bodyFault.dropMidBody ? 'drop' : bodyFault.malformedJson ? 'malformed' : 'huge';
    return { ...plan, body: { kind, status: bodyFault.status, bytes: bodyFault.hugeBodyBytes } };
  }
  const echo = faults.find((f) => f.echo === true);
  if (echo) return { ...plan, echo: { status: echo.status ?? 200, html: echo.htmlBody === true } };
  const canned = faults.find((f) => f.json !== undefined);
  if (canned) return { ...plan, statusResponse: jsonResponse(canned.status ?? 200, canned.json) };
  const statusFault = faults.find((f) => f.status !== undefined);
  if (statusFault) return { ...plan, statusResponse: statusResponse(statusFault.status!, statusFault.htmlBody === true) };
  return plan;
}

function statusResponse(status: number, html: boolean): ApiResponse {
  return html ? htmlResponse(status, proxyErrorPage(status)) : jsonResponse(status, { detail: STATUS_CODES[status] ?? 'Error' });
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#x27;');

/**
 * The request echoed back: its headers and body as they came, JSON-escaped (inside `detail`),
 * URL-encoded, nested in lists and objects, and in an HTML page as Django's debug view escapes it.
 */
export function echoResponse(request: ReceivedRequest, status: number, html: boolean): ApiResponse {
  const headerLines = Object.entries(request.headers).map(([name, value]) => `${name}: ${Array.isArray(value) ? value.join(', ') : value ?? ''}`);
  const summary = `${request.method} ${request.path}\n${headerLines.join('\n')}\n\n${request.rawBody}`;
  if (html) {
    const page = `<!DOCTYPE html>\n<html><head><title>Server Error</title></head><body>\n<h1>Server Error (${status})</h1>\n<pre>${escapeHtml(summary)}</pre>\n<table>${headerLines.map((line) => `<tr><td>${escapeHtml(line)}</td></tr>`).join('')}</table>\n<p>Raw: ${summary}</p>\n<textarea>${encodeURIComponent(request.rawBody)}</textarea>\n<script>var request = ${JSON.stringify({ headers: request.headers, body: request.rawBody })};</script>\n</body></html>\n`;
    return htmlResponse(status, page);
  }
  return jsonResponse(status, {
    detail: `Echo of ${summary}`,
    request: { headers: request.headers, body: request.body, raw: request.rawBody, query: encodeURIComponent(request.rawBody) },
    non_field_errors: [[{ authorization: String(request.headers.authorization ?? ''), sent: request.body }]],
  });
}

/** An origin gets the request's path and query appended; a URL with a path is used as it is. */
export function redirectLocation(target: string, pathAndQuery: string): string {
  const url = new URL(target);
  const isOrigin = url.pathname === '/' && url.search === '' && url.hash === '';
  return isOrigin ? url.origin + pathAndQuery : target;
}
