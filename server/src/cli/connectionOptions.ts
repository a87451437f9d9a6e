import { checkBaseUrl, ConnectionConfig } from '../../../common/authentik/connection';
import { clampToRange, DEFAULT_SETTINGS, DEPLOY_TIMEOUT_RANGE } from '../../../common/settings';
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

/**
 * The connection of --url (or AUTHENTIK_URL), --timeout and --allow-insecure-http, with the token from
 * AUTHENTIK_TOKEN only (never a flag: it would stay in shell history and process lists). A problem is
 * said on stderr and gives the exit code instead.
 */
export function connectionFromOptions(io: CliIo, command: string, values: ConnectionOptions): ConnectionConfig | number {
  const allowInsecureHttp = values['allow-insecure-http'] === true;
  const urlCheck = checkBaseUrl(values.url ?? io.env.AUTHENTIK_URL ?? '', allowInsecureHttp);
  if (!urlCheck.ok) return fail(io, command, urlCheck.message);
  const requested = values.timeout === undefined ? DEFAULT_SETTINGS.deployTimeoutSeconds : Number(values.timeout);
  const { minimum, maximum } = DEPLOY_TIMEOUT_RANGE;
  if (!(requested > 0) || !Number.isFinite(requested)) return usageError(io, command, `--timeout takes a number of seconds from ${minimum} to ${maximum}`);
  const timeoutSeconds = clampToRange(requested, DEPLOY_TIMEOUT_RANGE, DEFAULT_SETTINGS.deployTimeoutSeconds);
  if (timeoutSeconds !== requested) io.stderr.write(`authentik-oauth2 ${command}: --timeout ${values.timeout} is outside ${minimum} to ${maximum} seconds; using ${timeoutSeconds}.\n`);
  const token = io.env.AUTHENTIK_TOKEN || undefined;
  if (!token) return fail(io, command, 'set the API token in the AUTHENTIK_TOKEN environment variable.');
  return { baseUrl: urlCheck.baseUrl, token, allowInsecureHttp, timeoutMs: timeoutSeconds * 1000 };
}
