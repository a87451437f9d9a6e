import type { IncomingHttpHeaders } from 'node:http';
import { AUTH_MESSAGES, authenticate, Tokens } from './auth';
import { errorView } from './error-views';
import type { ServedRelease } from './release';
import { ServerCrash } from './server-crash';
import { ApiResponse, detailResponse, jsonResponse } from './responses';
import type { Store } from './store';

/**
 * Dispatch in the order Django and DRF work: URL resolution (unknown URL -> error view), then
 * authentication, list-level permissions, the method, and the handler. Object-level permissions
 * come after the object lookup, inside detail handlers (so an unknown id is 404 even read-only).
 */

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestContext {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  rawBody: Buffer;
  store: Store;
  /** 'read' for the read-only token; public views get 'read'. */
  access: 'full' | 'read';
  /** The authentik release this server behaves like. */
  release: ServedRelease;
}

export type Handler = (context: RequestContext, params: string[]) => ApiResponse;

export interface View {
  name: string;
  pattern: RegExp;
  /** Served without authentication. */
  public?: boolean;
  /** Detail views check write permission on the object, after looking it up. */
  detail?: boolean;
  methods: Partial<Record<Method, Handler>>;
}

export interface RouterOptions {
  tokens: Tokens;
  legacyErrorViews: boolean;
}

const ORDER: string[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

export function dispatch(views: View[], context: RequestContext, options: RouterOptions): ApiResponse {
  const method = context.method;
  let view: View | undefined;
  let params: string[] = [];
  for (const candidate of views) {
    const match = candidate.pattern.exec(context.path);
    if (match) {
      view = candidate;
      params = match.slice(1);
      break;
    }
  }
  if (!view) return errorView(404, method, options.legacyErrorViews);
  try {
    return handle(view, params, context, options);
  } catch (error) {
    if (!(error instanceof ServerCrash)) console.error('authentik test server: unexpected error', error);
    return errorView(500, method, options.legacyErrorViews);
  }
}

/** DRF puts the view's Allow header on every response it finalizes, errors included. */
function handle(view: View, params: string[], context: RequestContext, options: RouterOptions): ApiResponse {
  const allow = [...ORDER.filter((m) => m in view.methods), 'HEAD', 'OPTIONS'].join(', ');
  const response = handleInView(view, params, context, options);
  if (!('Allow' in response.headers)) response.headers.Allow = allow;
  return response;
}

function handleInView(view: View, params: string[], context: RequestContext, options: RouterOptions): ApiResponse {
  const method = context.method;
  if (!view.public) {
    const auth = authenticate(firstHeader(context.headers.authorization), options.tokens);
    if (!auth.ok) return detailResponse(403, auth.detail);
    context.access = auth.access;
    const safe = ['GET', 'HEAD', 'OPTIONS'].includes(method);
    if (!safe && !view.detail && auth.access === 'read') return detailResponse(403, AUTH_MESSAGES.noPermission);
  }
  if (method === 'OPTIONS') {
    return jsonResponse(200, { name: view.name, description: '', renders: ['application/json'], parses: ['application/json'] });
  }
  const handler = view.methods[(method === 'HEAD' ? 'GET' : method) as Method];
  if (!handler) return detailResponse(405, `Method "${method}" not allowed.`);
  return handler(context, params);
}

/** For detail handlers, after the lookup: the read-only token may not change the object. */
export function writeDenied(context: RequestContext): ApiResponse | undefined {
  return context.access === 'read' ? detailResponse(403, AUTH_MESSAGES.noPermission) : undefined;
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
