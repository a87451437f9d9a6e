import type { SecretRedactor } from '../../../common/authentik/secrets';
import { HttpClient, NodeHttpClient } from '../../../common/authentik/http';
import { CONNECTION_OPTIONS, connectionFrom } from './connectionOptions';
import { visible } from './escape';
import { collectFiles, DEFAULT_SEARCH_LIMITS } from './files';
import { CliIo, fail, parseCommandLine, usageError } from './io';
import { formatPlanJson } from './planJson';
import { formatPlanMarkdownReport } from './planMarkdown';
import { countPlans, formatPlanText } from './planText';
import { FilePlan, openPlanTarget, planRun } from './providerPlans';

/**
 * `plan`'s exit codes, as `terraform plan -detailed-exitcode` has them (they differ from validate's):
 * 0 every file is up to date, 1 an error (in a file, the command line, or reaching the server),
 * 2 the plan has changes. A usage error is 1 too, so that 2 only ever means "changes pending".
 */
export const PLAN_NO_CHANGES = 0;
export const PLAN_ERRORS = 1;
export const PLAN_CHANGES = 2;

export type PlanFormat = 'text' | 'json' | 'markdown';
const PLAN_FORMATS: readonly PlanFormat[] = ['text', 'json', 'markdown'];

/** The plan of several files in one of the formats (`deploy` shows the text or Markdown one). */
export function formatPlan(files: readonly FilePlan[], baseUrl: string, release: string | undefined, redactor: SecretRedactor, format: PlanFormat): string {
  if (format === 'json') return formatPlanJson(files, baseUrl, release, redactor);
  if (format === 'markdown') return formatPlanMarkdownReport(files, baseUrl, release, redactor);
  return formatPlanText(files, baseUrl, release, redactor);
}

/**
 * `authentik-oauth2 plan <paths...> --url <base URL> [--format text|json|markdown]`: for each file,
 * create, update (field by field) or up to date, after resolving its tags and checking it with the
 * server's profile. Sends nothing that changes state.
 */
export async function runPlan(argv: string[], io: CliIo, usageText: string, http: HttpClient = new NodeHttpClient()): Promise<number> {
  const parsed = parseCommandLine(io, 'plan', argv, {
    ...CONNECTION_OPTIONS,
    format: { type: 'string', short: 'f', default: 'text' },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (!parsed) return PLAN_ERRORS;
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout.write(usageText);
    return PLAN_NO_CHANGES;
  }
  const usage = (message: string) => (usageError(io, 'plan', message), PLAN_ERRORS);
  const format = values.format as PlanFormat;
  if (!PLAN_FORMATS.includes(format)) return usage(`unknown format "${visible(values.format ?? '')}" (use ${PLAN_FORMATS.join(', ')})`);
  if (positionals.length === 0) return usage('give the provider files or folders to plan, e.g. plan providers/ --url https://auth.example.com');
  const connection = connectionFrom(io, 'plan', values);
  if (!connection.ok) return connection.kind === 'usage' ? usage(connection.message) : fail(io, 'plan', connection.message, PLAN_ERRORS);

  const { files, notes } = collectFiles(positionals, io.cwd, DEFAULT_SEARCH_LIMITS);
  for (const note of notes) io.stderr.write(`authentik-oauth2: ${note.level === 'warning' ? 'warning: ' : ''}${visible(note.path)}: ${visible(note.message)}\n`);
  if (notes.some((n) => n.level === 'error')) return fail(io, 'plan', 'some paths could not be searched (above).', PLAN_ERRORS);
  if (files.length === 0) return fail(io, 'plan', `no *.oauth2provider.yaml files found in ${positionals.map(visible).join(' ')}.`, PLAN_ERRORS);

  const target = await openPlanTarget(connection.connection, http, io);
  const plans = await planRun(target, files);
  for (const plan of plans) if (plan.warning) io.stderr.write(`authentik-oauth2 plan: warning: ${visible(plan.path)}: ${visible(plan.warning)}\n`);
  const { redactor, baseUrl } = target.api;
  io.stdout.write(redactor.text(formatPlan(plans, baseUrl, target.release, redactor, format)));
  const counts = countPlans(plans);
  if (counts.error > 0) return PLAN_ERRORS;
  return counts.create + counts.update > 0 ? PLAN_CHANGES : PLAN_NO_CHANGES;
}
