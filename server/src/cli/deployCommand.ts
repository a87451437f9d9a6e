import * as fs from 'node:fs';
import * as path from 'node:path';
import { AuthentikApi } from '../../../common/authentik/apiClient';
import { checkBaseUrl, ConnectionConfig } from '../../../common/authentik/connection';
import { cliCacheDirectory, directoryStore } from '../../../common/authentik/profileStore';
import { loadServerProfile } from '../../../common/authentik/serverSchema';
import { Profile } from '../../../common/profiles';
import { commentVersionWarning, shapeOfFile } from '../authentik/deployTarget';
import { profileShapeCheck } from '../../../common/authentik/deployShape';
import { planDeploy } from '../../../common/authentik/deploy';
import { deployBody, describePlan, renderOutcome } from '../../../common/authentik/deployRun';
import { HttpClient, NodeHttpClient } from '../../../common/authentik/http';
import { prepareBody } from '../service/deployBody';
import { profileContext, resolveProfile } from '../service/profileResolution';
import { serverErrorFindings } from '../service/serverErrors';
import { parseText } from '../service/parsedDocument';
import { clampToRange, DEFAULT_SETTINGS, DEPLOY_TIMEOUT_RANGE } from '../../../common/settings';
import { describeFsError } from './files';
import { formatPlanMarkdown } from './deployPlanMarkdown';
import { formatFindingLines } from './textFormat';
import { visible } from './escape';
import { CliIo, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, fail, parseCommandLine, usageError } from './io';

/**
 * `authentik-oauth2 deploy <file> --url <base URL>`: creates the provider, or updates (PATCH) the one with the same name.
 * Never prompts (it runs in CI). The token comes only from AUTHENTIK_TOKEN, never from a flag, so it stays out of shell history and process lists.
 */
export async function runDeploy(argv: string[], io: CliIo, http: HttpClient = new NodeHttpClient()): Promise<number> {
  const parsed = parseCommandLine(io, 'deploy', argv, {
    url: { type: 'string' },
    'dry-run': { type: 'boolean', default: false },
    timeout: { type: 'string' },
    'allow-insecure-http': { type: 'boolean', default: false },
    format: { type: 'string', default: 'text' },
  });
  if (!parsed) return EXIT_USAGE;
  const { values, positionals } = parsed;
  if (positionals.length !== 1) return usageError(io, 'deploy', 'give exactly one provider file, e.g. deploy grafana.oauth2provider.yaml --url https://auth.example.com');
  const file = positionals[0];
  if (values.format !== 'text' && !(values.format === 'markdown' && values['dry-run'])) {
    io.stderr.write(`authentik-oauth2 deploy: --format takes text, or markdown with --dry-run (got "${visible(values.format ?? '')}")\n`);
    return EXIT_USAGE;
  }
  const url = values.url ?? io.env.AUTHENTIK_URL ?? '';
  const allowInsecureHttp = values['allow-insecure-http'] === true;
  const urlCheck = checkBaseUrl(url, allowInsecureHttp);
  if (!urlCheck.ok) return fail(io, 'deploy', urlCheck.message);
  const requestedTimeout = values.timeout === undefined ? DEFAULT_SETTINGS.deployTimeoutSeconds : Number(values.timeout);
  const { minimum, maximum } = DEPLOY_TIMEOUT_RANGE;
  if (!(requestedTimeout > 0) || !Number.isFinite(requestedTimeout)) return usageError(io, 'deploy', `--timeout takes a number of seconds from ${minimum} to ${maximum}`);
  const timeoutSeconds = clampToRange(requestedTimeout, DEPLOY_TIMEOUT_RANGE, DEFAULT_SETTINGS.deployTimeoutSeconds);
  if (timeoutSeconds !== requestedTimeout) io.stderr.write(`authentik-oauth2 deploy: --timeout ${values.timeout} is outside ${minimum} to ${maximum} seconds; using ${timeoutSeconds}.\n`);
  const token = io.env.AUTHENTIK_TOKEN || undefined;
  if (!token) return fail(io, 'deploy', 'set the API token in the AUTHENTIK_TOKEN environment variable.');

  let text: string;
  try {
    const absolute = path.resolve(io.cwd, file);
    const stat = fs.statSync(absolute);
    // A pipe or device would block the read; a huge file would never be a provider.
    if (!stat.isFile()) throw Object.assign(new Error('not a regular file'), { code: 'ENOTREG' });
    if (stat.size > DEFAULT_SETTINGS.maxFileSize) throw Object.assign(new Error(`the file is ${stat.size} bytes, over the limit of ${DEFAULT_SETTINGS.maxFileSize}`), { code: 'EFBIG' });
    text = fs.readFileSync(absolute, 'utf8').replace(/^\uFEFF/, '');
  } catch (error) {
    return fail(io, 'deploy', `${visible(file)}: ${visible(describeFsError(error))}`);
  }
  const document = parseText(text, { maxFileSize: DEFAULT_SETTINGS.maxFileSize });
  const connection = { baseUrl: urlCheck.baseUrl, token, allowInsecureHttp, timeoutMs: timeoutSeconds * 1000 };
  // The server's release (its own schema) decides the shape; the file's comment only when the server names none.
  const target = await serverProfileFor(connection, http, io);
  const own = resolveProfile(document);
  const profile = target?.profile ?? own.profile;
  if (target) {
    const warning = commentVersionWarning(document.text, target.release);
    if (warning) io.stderr.write(`authentik-oauth2 deploy: warning: ${warning}\n`);
  }
  const prepared = prepareBody(document, {
    rules: DEFAULT_SETTINGS.rules,
    maxFileSize: DEFAULT_SETTINGS.maxFileSize,
    ...(target ? { profile, release: target.release, profileFindings: [] } : profileContext(own)),
  });
  if (!prepared.ok) {
    io.stdout.write(formatFindingLines({ path: file, findings: prepared.errors, lines: document.lineCounter }));
    const shape = target && shapeOfFile(document, DEFAULT_SETTINGS.rules, DEFAULT_SETTINGS.maxFileSize, own.profile);
    const why = shape
      ? `${visible(file)} is in the shape of ${shape.label}, not the one authentik ${visible(target.release)} on the server accepts (${prepared.errors.length} difference(s) above); convert it first (authentik-oauth2 migrate ${visible(file)} --to ${visible(target.release)} --write). Nothing was sent.`
      : `${visible(file)} has ${prepared.errors.length} error(s)${target ? ` for authentik ${visible(target.release)}, the server's release` : ''}; nothing was sent.`;
    return fail(io, 'deploy', why, EXIT_FINDINGS);
  }

  const api = new AuthentikApi(connection, http);
  // Everything the server answered goes through the connection's redactor: no token or secret is printed.
  const { redactor } = api;
  const checkShape = profileShapeCheck(profile);
  // Messages arrive redacted (by value: a key there names a field, not a secret); a name the server's state rules out goes on `name:`.
  const fileLines = (fieldErrors: Record<string, unknown>) => formatFindingLines({ path: file, findings: serverErrorFindings(document, fieldErrors), lines: document.lineCounter });
  if (values['dry-run']) {
    const planned = await planDeploy(api, prepared.body, { checkShape });
    if (!planned.ok) {
      if (planned.failure.kind === 'conflict') io.stdout.write(fileLines({ name: [planned.failure.message] }));
      return fail(io, 'deploy', redactor.text(planned.failure.message), exitCodeFor(planned.failure.kind));
    }
    const plan = values.format === 'markdown' ? formatPlanMarkdown(planned.plan, api.baseUrl, file, redactor) : `Dry run, nothing sent.\n${describePlan(planned.plan, api.baseUrl, redactor)}\n`;
    io.stdout.write(redactor.text(plan));
    return EXIT_OK;
  }
  const outcome = await deployBody(api, prepared.body, { checkShape });
  io.stdout.write(redactor.text(renderOutcome(outcome)));
  if (outcome.ok) return EXIT_OK;
  if (outcome.failure?.kind === 'validation' && outcome.failure.fieldErrors) io.stdout.write(fileLines(outcome.failure.fieldErrors));
  if (outcome.failure?.kind === 'conflict') io.stdout.write(fileLines({ name: [outcome.failure.message] }));
  return exitCodeFor(outcome.failure?.kind);
}

/** The profile of the server (from its schema, cached under the CLI's cache directory), or undefined with the reason on stderr. */
async function serverProfileFor(connection: ConnectionConfig, http: HttpClient, io: CliIo): Promise<{ profile: Profile; release: string } | undefined> {
  const result = await loadServerProfile(connection, { http, store: directoryStore(cliCacheDirectory(io.env)) });
  if (result.kind === 'none' || result.message) io.stderr.write(`authentik-oauth2: ${result.message}\n`);
  return result.kind === 'none' ? undefined : result;
}

/** 1 when the server answered and said no; 2 when there was no usable answer (network, HTML, 5xx...). */
function exitCodeFor(kind: string | undefined): number {
  return kind === 'validation' || kind === 'forbidden' || kind === 'not-found' || kind === 'config' || kind === 'conflict' ? EXIT_FINDINGS : EXIT_USAGE;
}
