import * as fs from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import { AuthentikApi, ApiFailure } from '../../../common/authentik/apiClient';
import { ConnectionConfig } from '../../../common/authentik/connection';
import { describePlan, planFailureOutcome, renderOutcome, runPlannedDeploy } from '../../../common/authentik/deployRun';
import { HttpClient, NodeHttpClient } from '../../../common/authentik/http';
import { serverErrorFindings } from '../service/serverErrors';
import { CONNECTION_OPTIONS, connectionFrom } from './connectionOptions';
import { formatPlanMarkdown } from './deployPlanMarkdown';
import { visible, linePath } from './escape';
import { collectFiles, DEFAULT_SEARCH_LIMITS, describeFsError } from './files';
import { CliIo, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, fail, parseCommandLine, usageError } from './io';
import { formatPlan } from './planCommand';
import { resolvedLines } from './planText';
import { applyOrder, FilePlan, namedFile, openPlanTarget, planAction, planFile, planRun, PlanTarget, serverSaidNo } from './providerPlans';
import { formatFindingLines } from './textFormat';

/**
 * `authentik-oauth2 deploy <paths...> --url <base URL>`. One file: creates the provider, or updates
 * (PATCH) the one with the same name, without asking (as in CI). Several files, a folder or a glob:
 * every file is read, checked, resolved and planned first; any error and nothing is sent. The plan
 * is shown, confirmed on a terminal (or by --yes), then applied file by file in the order shown,
 * stopping at the first failed request. The token comes only from AUTHENTIK_TOKEN, never from a flag,
 * so it stays out of shell history and process lists.
 */
export async function runDeploy(argv: string[], io: CliIo, http: HttpClient = new NodeHttpClient(), usageText = ''): Promise<number> {
  const parsed = parseCommandLine(io, 'deploy', argv, {
    ...CONNECTION_OPTIONS,
    'dry-run': { type: 'boolean', default: false },
    yes: { type: 'boolean', short: 'y', default: false },
    format: { type: 'string', default: 'text' },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (!parsed) return EXIT_USAGE;
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout.write(usageText);
    return EXIT_OK;
  }
  if (positionals.length === 0) return usageError(io, 'deploy', 'give the provider files or folders to deploy, e.g. deploy grafana.oauth2provider.yaml --url https://auth.example.com');
  if (values.format !== 'text' && !(values.format === 'markdown' && values['dry-run'])) {
    io.stderr.write(`authentik-oauth2 deploy: --format takes text, or markdown with --dry-run (got "${visible(values.format ?? '')}")\n`);
    return EXIT_USAGE;
  }
  const connection = connectionFrom(io, 'deploy', values);
  if (!connection.ok) return connection.kind === 'usage' ? usageError(io, 'deploy', connection.message) : fail(io, 'deploy', connection.message);
  const options = { dryRun: values['dry-run'] === true, markdown: values.format === 'markdown', yes: values.yes === true };
  if (positionals.length === 1 && !isSearch(positionals[0], io.cwd)) return deployOne(positionals[0], connection.connection, options, io, http);
  return deployMany(positionals, connection.connection, options, io, http);
}

interface DeployOptions {
  dryRun: boolean;
  markdown: boolean;
  yes: boolean;
}

/** A folder or a glob (several files); a file, or a path that does not exist, is one file. */
function isSearch(input: string, cwd: string): boolean {
  const absolute = path.resolve(cwd, input);
  if (!fs.existsSync(absolute)) return picomatch.scan(input).isGlob;
  try {
    return fs.statSync(absolute).isDirectory();
  } catch {
    return false;
  }
}

/** 1 when the server answered and said no; 2 when there was no usable answer (network, HTML, 5xx...). */
function exitCodeFor(kind: string | undefined): number {
  return serverSaidNo(kind) ? EXIT_FINDINGS : EXIT_USAGE;
}

/** The server's messages (redacted) on the file's lines: a 400's per field, a name conflict on `name:`. */
function failureLines(file: FilePlan, failure: ApiFailure | undefined, api: AuthentikApi): string {
  const fieldErrors = failure?.kind === 'validation' ? failure.fieldErrors : failure?.kind === 'conflict' ? { name: [failure.message] } : undefined;
  if (!fieldErrors || !file.document) return '';
  const findings = serverErrorFindings(file.document, fieldErrors);
  return api.redactor.text(formatFindingLines({ path: file.path, findings, lines: file.lines }));
}

async function deployOne(file: string, connection: ConnectionConfig, options: DeployOptions, io: CliIo, http: HttpClient): Promise<number> {
  const found = namedFile(file, io.cwd);
  // Read problems first: nothing is asked of the server for a file that is not there.
  try {
    const stat = fs.statSync(found.real);
    if (!stat.isFile()) throw Object.assign(new Error('not a regular file'), { code: 'ENOTREG' });
  } catch (error) {
    return fail(io, 'deploy', `${visible(file)}: ${visible(describeFsError(error))}`);
  }
  const target = await openPlanTarget(connection, http, io);
  const planned = await planFile(target, found);
  if (planned.warning) io.stderr.write(`authentik-oauth2 deploy: warning: ${visible(planned.warning)}\n`);
  const { api } = target;
  const { redactor } = api;
  if (!planned.result.ok) {
    const { error } = planned.result;
    if (error.stage === 'read') return fail(io, 'deploy', `${visible(file)}: ${visible(error.message)}`);
    const findingLines = redactor.text(formatFindingLines({ path: file, findings: error.findings, lines: planned.lines }));
    if (error.stage === 'file') {
      io.stdout.write(findingLines);
      return fail(io, 'deploy', error.message, EXIT_FINDINGS);
    }
    if (options.dryRun) {
      io.stdout.write(findingLines);
      return fail(io, 'deploy', redactor.text(error.failure.message), exitCodeFor(error.failure.kind));
    }
    io.stdout.write(redactor.text(renderOutcome(planFailureOutcome(api, error.body, error.failure))));
    io.stdout.write(findingLines);
    return exitCodeFor(error.failure.kind);
  }
  const { plan, resolved } = planned.result;
  if (options.dryRun) {
    if (options.markdown) {
      io.stdout.write(redactor.text(formatPlanMarkdown(plan, api.baseUrl, file, redactor, resolved)));
      return EXIT_OK;
    }
    const tags = resolved.length ? ['Resolved:', ...resolvedLines(resolved, redactor)].join('\n') + '\n' : '';
    io.stdout.write(redactor.text(`Dry run, nothing sent.\n${describePlan(plan, api.baseUrl, redactor)}\n${tags}`));
    return EXIT_OK;
  }
  const outcome = await runPlannedDeploy(api, plan);
  io.stdout.write(redactor.text(renderOutcome(outcome)));
  if (outcome.ok) return EXIT_OK;
  io.stdout.write(failureLines(planned, outcome.failure, api));
  return exitCodeFor(outcome.failure?.kind);
}

async function deployMany(inputs: string[], connection: ConnectionConfig, options: DeployOptions, io: CliIo, http: HttpClient): Promise<number> {
  const { files, notes } = collectFiles(inputs, io.cwd, DEFAULT_SEARCH_LIMITS);
  for (const note of notes) io.stderr.write(`authentik-oauth2: ${note.level === 'warning' ? 'warning: ' : ''}${visible(note.path)}: ${visible(note.message)}\n`);
  if (notes.some((n) => n.level === 'error')) return fail(io, 'deploy', 'some paths could not be searched (above); nothing was sent.');
  if (files.length === 0) return fail(io, 'deploy', `no *.oauth2provider.yaml files found in ${inputs.map(visible).join(' ')}; nothing was sent.`);

  const target = await openPlanTarget(connection, http, io);
  const plans = await planRun(target, files);
  for (const plan of plans) if (plan.warning) io.stderr.write(`authentik-oauth2 deploy: warning: ${linePath(plan.path)}: ${visible(plan.warning)}\n`);
  const { api } = target;
  const { redactor } = api;
  io.stdout.write(redactor.text(formatPlan(plans, api.baseUrl, target.release, redactor, options.markdown ? 'markdown' : 'text')));
  await io.stdout.ready();

  const failed = plans.filter((p) => !p.result.ok);
  if (failed.length > 0) {
    const noAnswer = failed.some((p) => !p.result.ok && p.result.error.stage === 'server' && !serverSaidNo(p.result.error.failure.kind));
    return fail(io, 'deploy', `${failed.length} of ${plans.length} file(s) cannot be deployed (above); nothing was sent.`, noAnswer ? EXIT_USAGE : EXIT_FINDINGS);
  }
  const changes = plans.filter((p) => p.result.ok && planAction(p.result.plan) !== 'none');
  if (options.dryRun) {
    if (!options.markdown) io.stdout.write('Dry run, nothing sent.\n');
    return EXIT_OK;
  }
  if (changes.length === 0) {
    io.stdout.write('Nothing to change; nothing was sent.\n');
    return EXIT_OK;
  }
  if (!options.yes) {
    if (!io.prompt) return fail(io, 'deploy', 'applying the plan above needs a confirmation, and there is no terminal to ask on: run again with --yes to apply it. Nothing was sent.');
    const question = `Apply ${changes.length} change(s) to ${api.baseUrl}? Only "y" or "yes" applies. [y/N] `;
    if (!(await io.prompt.confirm(question))) return fail(io, 'deploy', 'not confirmed; nothing was sent.', EXIT_FINDINGS);
  }
  return apply(applyOrder(changes), target, io);
}

/**
 * Sends the changes in order (a file after those whose providers it names, else as shown); the first
 * failed request stops the run. A file that waited for another file's provider is planned again
 * first, now that the provider exists.
 */
async function apply(changes: FilePlan[], target: PlanTarget, io: CliIo): Promise<number> {
  const { api } = target;
  const { redactor } = api;
  const applied: string[] = [];
  const stop = (i: number, where: string, code: number) => {
    const rest = changes.slice(i + 1).map((p) => linePath(p.path));
    io.stdout.write(`Applied ${applied.length} of ${changes.length} change(s)${applied.length ? `: ${applied.map(linePath).join(', ')}` : ''}. Failed: ${where}.${rest.length ? ` Not attempted: ${rest.join(', ')}.` : ''}\n`);
    return code;
  };
  for (let i = 0; i < changes.length; i++) {
    let file = changes[i];
    const where = linePath(file.path);
    if (file.pending) {
      target.forgetLists();
      file = await planFile(target, file.source);
      if (!file.result.ok) {
        const { error } = file.result;
        io.stdout.write(`${where}: Deploy failed: it could not be planned again once the providers it names existed:\n`);
        io.stdout.write(error.stage === 'read' ? `  ${visible(error.message)}\n` : redactor.text(formatFindingLines({ path: file.path, findings: error.findings, lines: file.lines })));
        if (error.stage === 'server') io.stdout.write(redactor.text(`  ${visible(error.failure.message)}\n`));
        return stop(i, where, error.stage === 'server' ? exitCodeFor(error.failure.kind) : EXIT_FINDINGS);
      }
    }
    if (!file.result.ok) continue;
    const outcome = await runPlannedDeploy(api, file.result.plan);
    if (outcome.ok) {
      applied.push(file.path);
      io.stdout.write(redactor.text(`${where}: ${outcome.method ? `${outcome.method} ${outcome.status ?? ''} · ` : ''}${outcome.summary}\n`));
      await io.stdout.ready();
      continue;
    }
    io.stdout.write(redactor.text(`${where}: Deploy failed: ${visible(outcome.summary)}\n`));
    if (outcome.failure?.detail) io.stdout.write(redactor.text(`  Details: ${visible(outcome.failure.detail)}\n`));
    io.stdout.write(failureLines(file, outcome.failure, api));
    return stop(i, where, exitCodeFor(outcome.failure?.kind));
  }
  io.stdout.write(`Applied ${applied.length} of ${changes.length} change(s).\n`);
  return EXIT_OK;
}
