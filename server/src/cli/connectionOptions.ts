import { checkBaseUrl, ConnectionConfig } from '../../../common/authentik/connection';
import { clampToRange, DEFAULT_SETTINGS, DEPLOY_TIMEOUT_RANGE } from '../../../common/settings';
import { visible } from './escape';
import type { CliIo } from './io';

/** The options `plan` and `deploy` share to reach the server (the token only from AUTHENTIK_TOKEN). */
export const CONNECTION_OPTIONS = {
  url: { type: 'string' },
  timeout: { type: 'string' },
  'allow-insecure-http': { type: 'boolean', default: false },
} as const;

export type ConnectionProblem = { kind: 'usage' | 'setup'; message: string };

/**
 * The connection from --url (else AUTHENTIK_URL), --timeout, --allow-insecure-http and AUTHENTIK_TOKEN,
 * or what is wrong: `usage` for a flag, `setup` for a refused URL or a missing token. A timeout out of
 * range is clamped, with a warning on stderr.
 */
export function connectionFrom(io: CliIo, command: string, values: { url?: string; timeout?: string; 'allow-insecure-http'?: boolean }): { ok: true; connection: ConnectionConfig } | ({ ok: false } & ConnectionProblem) {
  const url = values.url ?? io.env.AUTHENTIK_URL ?? '';
  const allowInsecureHttp = values['allow-insecure-http'] === true;
  const urlCheck = checkBaseUrl(url, allowInsecureHttp);
  if (!urlCheck.ok) return { ok: false, kind: 'setup', message: urlCheck.message };
  const requestedTimeout = values.timeout === undefined ? DEFAULT_SETTINGS.deployTimeoutSeconds : Number(values.timeout);
  const { minimum, maximum } = DEPLOY_TIMEOUT_RANGE;
  if (!(requestedTimeout > 0) || !Number.isFinite(requestedTimeout)) return { ok: false, kind: 'usage', message: `--timeout takes a number of seconds from ${minimum} to ${maximum}` };
  const timeoutSeconds = clampToRange(requestedTimeout, DEPLOY_TIMEOUT_RANGE, DEFAULT_SETTINGS.deployTimeoutSeconds);
  if (timeoutSeconds !== requestedTimeout) io.stderr.write(`authentik-oauth2 ${command}: --timeout ${visible(values.timeout ?? '')} is outside ${minimum} to ${maximum} seconds; using ${timeoutSeconds}.\n`);
  const token = io.env.AUTHENTIK_TOKEN || undefined;
  if (!token) return { ok: false, kind: 'setup', message: 'set the API token in the AUTHENTIK_TOKEN environment variable.' };
  return { ok: true, connection: { baseUrl: urlCheck.baseUrl, token, allowInsecureHttp, timeoutMs: timeoutSeconds * 1000 } };
}
