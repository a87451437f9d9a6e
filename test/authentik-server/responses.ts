import { randomUUID } from 'node:crypto';

/** A response before it is written, so faults can alter it (truncate, pad, drop). */
export interface ApiResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

// Headers authentik's middleware adds to every response.
function commonHeaders(): Record<string, string> {
  return {
    'X-authentik-id': randomUUID().replace(/-/g, ''),
    'X-Frame-Options': 'DENY',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'same-origin',
  };
}

/** A DRF response: compact JSON, as orjson renders it. */
export function jsonResponse(status: number, body: unknown): ApiResponse {
  return { status, headers: { ...commonHeaders(), 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
}

export function detailResponse(status: number, detail: string): ApiResponse {
  return jsonResponse(status, { detail });
}

export function noContentResponse(): ApiResponse {
  return { status: 204, headers: commonHeaders(), body: '' };
}

export function htmlResponse(status: number, html: string, extraHeaders: Record<string, string> = {}): ApiResponse {
  return { status, headers: { ...commonHeaders(), 'Content-Type': 'text/html; charset=utf-8', ...extraHeaders }, body: html };
}

export function textResponse(status: number, contentType: string, body: string): ApiResponse {
  return { status, headers: { ...commonHeaders(), 'Content-Type': contentType }, body };
}
