import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { AuthentikApi } from '../../../common/authentik/apiClient';
import { checkBaseUrl } from '../../../common/authentik/connection';
import { planDeploy } from '../../../common/authentik/deploy';
import { deployBody, describePlan, renderOutcome } from '../../../common/authentik/deployRun';
import { HttpClient, NodeHttpClient } from '../../../common/authentik/http';
import { prepareBody } from '../service/deployBody';
import { serverErrorFindings } from '../service/serverErrors';
import { Finding } from '../service/findings';
import { parseText } from '../service/parsedDocument';
import { DEFAULT_SETTINGS } from '../../../common/settings';
import { describeFsError } from './files';
import { formatPlanMarkdown } from './deployPlanMarkdown';
import { CliIo, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from './main';

/** `path:line:col: severity code message`, as `validate` prints it. */
function findingLines(file: string, text: string, findings: Finding[]): string {
  const lines = TextDocument.create('file:///' + file, 'authentik-oauth2provider', 0, text);
  return findings
    .map((f) => {
      const at = lines.positionAt(f.start);
      return `${file}:${at.line + 1}:${at.character + 1}: ${f.severity} ${f.code} ${f.message}\n`;
    })
    .join('');
}

/**
 * `authentik-oauth2 deploy <file> --url <base URL>`: creates the provider, or updates (PATCH) the one with the same name.
 * Never prompts (it runs in CI). The token comes only from AUTHENTIK_TOKEN, never from a flag, so it stays out of shell history and process lists.
 */
export async function runDeploy(argv: string[], io: CliIo, http: HttpClient = new NodeHttpClient()): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        url: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        timeout: { type: 'string' },
        'allow-insecure-http': { type: 'boolean', default: false },
        format: { type: 'string', default: 'text' },
      },
    });
  } catch (error) {
    io.stderr.write(`authentik-oauth2 deploy: ${(error as Error).message}\n`);
    return EXIT_USAGE;
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) {
    io.stderr.write('authentik-oauth2 deploy: give exactly one provider file, e.g. deploy grafana.oauth2provider.yaml --url https://auth.example.com\n');
    return EXIT_USAGE;
  }
  const file = positionals[0];
  if (values.format !== 'text' && !(values.format === 'markdown' && values['dry-run'])) {
    io.stderr.write(`authentik-oauth2 deploy: --format takes text, or markdown with --dry-run (got "${values.format}")\n`);
    return EXIT_USAGE;
  }
  const url = values.url ?? io.env.AUTHENTIK_URL ?? '';
  const allowInsecureHttp = values['allow-insecure-http'] === true;
  const urlCheck = checkBaseUrl(url, allowInsecureHttp);
  if (!urlCheck.ok) {
    io.stderr.write(`authentik-oauth2 deploy: ${urlCheck.message}\n`);
    return EXIT_USAGE;
  }
  const timeoutSeconds = values.timeout === undefined ? DEFAULT_SETTINGS.deployTimeoutSeconds : Number(values.timeout);
  if (!(timeoutSeconds > 0)) {
    io.stderr.write('authentik-oauth2 deploy: --timeout takes a positive number of seconds\n');
    return EXIT_USAGE;
  }
  const token = io.env.AUTHENTIK_TOKEN || undefined;
  if (!token) {
    io.stderr.write('authentik-oauth2 deploy: set the API token in the AUTHENTIK_TOKEN environment variable.\n');
    return EXIT_USAGE;
  }

  let text: string;
  try {
    const absolute = path.resolve(io.cwd, file);
    const stat = fs.statSync(absolute);
    // A pipe or device would block the read; a huge file would never be a provider.
    if (!stat.isFile()) throw Object.assign(new Error('not a regular file'), { code: 'ENOTREG' });
    if (stat.size > DEFAULT_SETTINGS.maxFileSize) throw Object.assign(new Error(`the file is ${stat.size} bytes, over the limit of ${DEFAULT_SETTINGS.maxFileSize}`), { code: 'EFBIG' });
    text = fs.readFileSync(absolute, 'utf8').replace(/^\uFEFF/, '');
  } catch (error) {
    io.stderr.write(`authentik-oauth2 deploy: ${file}: ${describeFsError(error)}\n`);
    return EXIT_USAGE;
  }
  const document = parseText(text, { maxFileSize: DEFAULT_SETTINGS.maxFileSize });
  const prepared = prepareBody(document, DEFAULT_SETTINGS.rules, DEFAULT_SETTINGS.maxFileSize);
  if (!prepared.ok) {
    io.stdout.write(findingLines(file, text, prepared.errors));
    io.stderr.write(`authentik-oauth2 deploy: ${file} has ${prepared.errors.length} error(s); nothing was sent.\n`);
    return EXIT_FINDINGS;
  }

  const api = new AuthentikApi({ baseUrl: urlCheck.baseUrl, token, allowInsecureHttp, timeoutMs: timeoutSeconds * 1000 }, http);
  if (values['dry-run']) {
    const planned = await planDeploy(api, prepared.body);
    if (!planned.ok) {
      io.stderr.write(`authentik-oauth2 deploy: ${planned.failure.message}\n`);
      return exitCodeFor(planned.failure.kind);
    }
    io.stdout.write(values.format === 'markdown' ? formatPlanMarkdown(planned.plan, api.baseUrl, file) : `Dry run, nothing sent.\n${describePlan(planned.plan, api.baseUrl)}\n`);
    return EXIT_OK;
  }
  const outcome = await deployBody(api, prepared.body);
  io.stdout.write(renderOutcome(outcome));
  if (outcome.ok) return EXIT_OK;
  if (outcome.failure?.kind === 'validation' && outcome.failure.fieldErrors) {
    io.stdout.write(findingLines(file, text, serverErrorFindings(document, outcome.failure.fieldErrors)));
  }
  return exitCodeFor(outcome.failure?.kind);
}

/** 1 when the server answered and said no; 2 when there was no usable answer (network, HTML, 5xx...). */
function exitCodeFor(kind: string | undefined): number {
  return kind === 'validation' || kind === 'forbidden' || kind === 'not-found' || kind === 'config' ? EXIT_FINDINGS : EXIT_USAGE;
}
