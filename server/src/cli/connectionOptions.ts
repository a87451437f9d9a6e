import { checkBaseUrl, ConnectionConfig } from '../../../common/authentik/connection';
import { clampToRange, DEFAULT_SETTINGS, DEPLOY_TIMEOUT_RANGE } from '../../../common/settings';
import { visible } from './escape';
import { CliIo, fail, usageError } from './io';

/** The options of a command that talks to a server, as parseArgs gives them. */
export interface ConnectionOptions {
  url?: string;
  timeout?: string;
  'allow-insecure-http'?: boolean;
}

/** The parseArgs spec of those options. */
export const CONNECTION_OPTIONS = {
  url: { type: 'string' },
  timeout: { type: 'string' },
  'allow-insecure-http': { type: 'boolean', default: false },
} as const;

export type ConnectionProblem = { kind: 'usage' | 'setup'; message: string };

/**
 * The connection of --url (or AUTHENTIK_URL), --timeout and --allow-insecure-http, with the token from
 * AUTHENTIK_TOKEN only (never a flag: it would stay in shell history and process lists), or what is
 * wrong: `usage` for a flag, `setup` for a refused URL or a missing token. A timeout out of range is
 * clamped, with a warning on stderr.
 */
export function connectionFrom(io: CliIo, command: string, values: ConnectionOptions): { ok: true; connection: ConnectionConfig } | ({ ok: false } & ConnectionProblem) {
  const allowInsecureHttp = values['allow-insecure-http'] === true;
  const urlCheck = checkBaseUrl(values.url ?? io.env.AUTHENTIK_URL ?? '', allowInsecureHttp);
  if (!urlCheck.ok) return { ok: false, kind: 'setup', message: urlCheck.message };
  const requested = values.timeout === undefined ? DEFAULT_SETTINGS.deployTimeoutSeconds : Number(values.timeout);
  const { minimum, maximum } = DEPLOY_TIMEOUT_RANGE;
  if (!(requested > 0) || !Number.isFinite(requested)) return { ok: false, kind: 'usage', message: `--timeout takes a number of seconds from ${minimum} to ${maximum}` };
  const timeoutSeconds = clampToRange(requested, DEPLOY_TIMEOUT_RANGE, DEFAULT_SETTINGS.deployTimeoutSeconds);
  if (timeoutSeconds !== requested) io.stderr.write(`authentik-oauth2 ${command}: --timeout ${visible(values.timeout ?? '')} is outside ${minimum} to ${maximum} seconds; using ${timeoutSeconds}.\n`);
  const token = io.env.AUTHENTIK_TOKEN || undefined;
  if (!token) return { ok: false, kind: 'setup', message: 'set the API token in the AUTHENTIK_TOKEN environment variable.' };
  return { ok: true, connection: { baseUrl: urlCheck.baseUrl, token, allowInsecureHttp, timeoutMs: timeoutSeconds * 1000 } };
}

/** The same, a problem said on stderr and given as the exit code (2, the usual usage code) instead. */
export function connectionFromOptions(io: CliIo, command: string, values: ConnectionOptions): ConnectionConfig | number {
  const result = connectionFrom(io, command, values);
  if (result.ok) return result.connection;
  return result.kind === 'usage' ? usageError(io, command, result.message) : fail(io, command, result.message);
}
