/** Where the server is and how to reach it. The token is held here and only ever put in a request header. */
export interface ConnectionConfig {
  baseUrl: string;
  token: string | undefined;
  allowInsecureHttp: boolean;
  timeoutMs: number;
}

const LOOPBACK_HOST = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\]|::1)$/i;

export function isLoopback(hostname: string): boolean {
  return LOOPBACK_HOST.test(hostname);
}

export type BaseUrlCheck = { ok: true; baseUrl: string; origin: string } | { ok: false; message: string };

/**
 * Normalizes a configured server URL (trailing slashes and a pasted `/api/v3` are dropped) and
 * refuses plain http to anything but loopback unless explicitly allowed: the token would travel in clear text.
 */
export function checkBaseUrl(raw: string, allowInsecureHttp: boolean): BaseUrlCheck {
  const trimmed = raw.trim();
  if (!trimmed) return { ok: false, message: 'No authentik server URL is set (setting authentik.serverUrl, or AUTHENTIK_URL).' };
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return { ok: false, message: `"${trimmed}" is not a valid URL (expected e.g. https://auth.example.com).` };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, message: `The server URL must use https (got ${url.protocol}).` };
  if (url.username || url.password) return { ok: false, message: 'The server URL must not contain credentials; set the token with "authentik: Set API Token".' };
  if (url.protocol === 'http:' && !isLoopback(url.hostname) && !allowInsecureHttp) {
    return {
      ok: false,
      message: `Refusing to send the API token over plain http to ${url.host}. Use https, or turn on authentik.allowInsecureHttp if you accept the risk.`,
    };
  }
  const path = url.pathname.replace(/\/+$/, '').replace(/\/api\/v3$/, '');
  return { ok: true, baseUrl: `${url.origin}${path}`, origin: url.origin };
}
