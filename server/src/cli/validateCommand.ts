import { DEFAULT_SETTINGS, RuleId, normalizeSettings } from '../../../common/settings';
import { VERSION } from '../../../common/version';
import { checkBaseUrl } from '../../../common/authentik/connection';
import { HttpClient, NodeHttpClient } from '../../../common/authentik/http';
import { AUTO_VERSION, versionProblem } from '../service/profileResolution';
import { visible } from './escape';
import { collectFiles, DEFAULT_SEARCH_LIMITS, SearchLimits } from './files';
import { DEFAULT_FINDING_CAPS, FindingBudget } from './findingCaps';
import { addToSummary, Formatter, OUTPUT_FORMATS, OutputFormat, RunNotice, Summary } from './formats';
import { GithubFormatter } from './githubFormat';
import { CliIo, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, parseCommandLine, usageError } from './io';
import { JsonFormatter } from './jsonFormat';
import { MarkdownFormatter } from './markdownReport';
import { SarifFormatter } from './sarifFormat';
import { TextFormatter } from './textFormat';
import { RunContext, validateFile } from './validateFiles';
import { serverContext, ServerContext } from './serverContext';

/** Bytes read over all files before a run stops (about 128 files at the default size limit). */
export const DEFAULT_MAX_BYTES = 128 * 1024 * 1024;

export const VALIDATE_OPTIONS_HELP = `validate options:
  --format text|github|sarif|json|markdown
                                    Output format (default: text)
  --max-warnings N                  Fail when there are more than N warnings (default: warnings never fail)
  --disable RULE                    Switch off an authentik rule (repeatable): ${Object.keys(DEFAULT_SETTINGS.rules).join(', ')}
  --max-file-size BYTES             Skip validation of larger files with an error (default: ${DEFAULT_SETTINGS.maxFileSize})
  --max-findings N                  List at most N findings in all (default: ${DEFAULT_FINDING_CAPS.perRun}); the rest are counted
  --max-findings-per-file N         List at most N findings of one file (default: ${DEFAULT_FINDING_CAPS.perFile})
  --max-files N                     Stop after N provider files (default: ${DEFAULT_SEARCH_LIMITS.maxFiles})
  --max-depth N                     Search folders at most N levels deep (default: ${DEFAULT_SEARCH_LIMITS.maxDepth})
  --max-bytes BYTES                 Stop after reading this much in all (default: ${DEFAULT_MAX_BYTES})
  --server-version VERSION          Check files without an "# authentik-version:" comment for this release
                                    (a line such as 2026.2 or a release such as 2024.8.4; default: auto, the
                                    --url server's release, else the newest known)
  --url BASE_URL                    Check files against that server: its own schema decides the release of files
                                    without a comment (with --server-version auto, the default), cached in
                                    $XDG_CACHE_HOME/authentik-oauth2; with AUTHENTIK_TOKEN, references are checked too
  --allow-insecure-http             Allow plain http to a server other than this machine

Symbolic links are followed only inside the folder a search starts in (never into .git or node_modules);
others are reported and not read.`;

function formatterFor(format: OutputFormat, cwd: string): Formatter {
  switch (format) {
    case 'text':
      return new TextFormatter();
    case 'github':
      return new GithubFormatter();
    case 'json':
      return new JsonFormatter();
    case 'sarif':
      return new SarifFormatter(VERSION, cwd);
    case 'markdown':
      return new MarkdownFormatter();
  }
}

/** `authentik-oauth2: [warning: ]path: message` on stderr, the path spelled out so it stays on its line. */
function sayNotice(io: CliIo, notice: RunNotice): void {
  io.stderr.write(`authentik-oauth2: ${notice.level === 'warning' ? 'warning: ' : ''}${visible(notice.path)}: ${visible(notice.message)}\n`);
}

/**
 * `authentik-oauth2 validate [paths...]`: the files are searched first, then read, validated and
 * written one at a time, so the output streams and memory holds one file's findings.
 */
export async function runValidate(argv: string[], io: CliIo, usageText: string, http: HttpClient = new NodeHttpClient()): Promise<number> {
  const usage = (message: string) => usageError(io, 'validate', message);
  const parsed = parseCommandLine(io, 'validate', argv, {
    format: { type: 'string', short: 'f', default: 'text' },
    'max-warnings': { type: 'string' },
    disable: { type: 'string', multiple: true, default: [] },
    'max-file-size': { type: 'string' },
    'max-findings': { type: 'string' },
    'max-findings-per-file': { type: 'string' },
    'max-files': { type: 'string' },
    'max-depth': { type: 'string' },
    'max-bytes': { type: 'string' },
    'server-version': { type: 'string' },
    url: { type: 'string' },
    'allow-insecure-http': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h' },
  });
  if (!parsed) return EXIT_USAGE;
  const { values, positionals } = parsed;
  // `validate --help` is what people type first; it is a request for usage, not a usage error.
  if (values.help) {
    io.stdout.write(usageText);
    return EXIT_OK;
  }
  const format = values.format as OutputFormat;
  if (!OUTPUT_FORMATS.includes(format)) return usage(`unknown format "${visible(values.format ?? '')}" (use ${OUTPUT_FORMATS.join(', ')})`);
  const numbers: Record<string, number | undefined> = {};
  for (const name of ['max-warnings', 'max-findings', 'max-findings-per-file', 'max-files', 'max-depth', 'max-bytes'] as const) {
    const raw = values[name];
    if (raw === undefined) continue;
    const n = Number(raw);
    if (!Number.isSafeInteger(n) || n < 0 || raw.trim() === '') return usage(`--${name} takes a whole number of 0 or more`);
    numbers[name] = n;
  }
  const rules = { ...DEFAULT_SETTINGS.rules };
  for (const id of values.disable as string[]) {
    if (!(id in rules)) return usage(`unknown rule "${visible(id)}" (rules: ${Object.keys(rules).join(', ')})`);
    rules[id as RuleId] = false;
  }
  const maxFileSize = values['max-file-size'] === undefined ? undefined : Number(values['max-file-size']);
  if (maxFileSize !== undefined && !(maxFileSize > 0)) return usage('--max-file-size takes a positive number of bytes');
  const serverVersion = values['server-version'] as string | undefined;
  const versionError = serverVersion === undefined || serverVersion.trim() === AUTO_VERSION ? undefined : versionProblem(serverVersion);
  if (versionError) return usage(`--server-version: ${visible(versionError)}`);
  // The flag is the CI's own choice, not an editor setting: it is not clamped to the settings' range.
  const settings = { ...normalizeSettings({ ...DEFAULT_SETTINGS, rules, serverVersion }), maxFileSize: maxFileSize ?? DEFAULT_SETTINGS.maxFileSize };
  let server: ServerContext = {};
  if (values.url !== undefined) {
    const urlCheck = checkBaseUrl(values.url as string, values['allow-insecure-http'] === true);
    if (!urlCheck.ok) return usage(`--url: ${visible(urlCheck.message)}`);
    server = await serverContext({ baseUrl: urlCheck.baseUrl, token: io.env.AUTHENTIK_TOKEN || undefined, allowInsecureHttp: values['allow-insecure-http'] === true, timeoutMs: 10_000 }, http, io);
  }
  const limits: SearchLimits = { maxFiles: numbers['max-files'] ?? DEFAULT_SEARCH_LIMITS.maxFiles, maxDepth: numbers['max-depth'] ?? DEFAULT_SEARCH_LIMITS.maxDepth };
  const maxBytes = numbers['max-bytes'] ?? DEFAULT_MAX_BYTES;
  const budget = new FindingBudget({ perRun: numbers['max-findings'] ?? DEFAULT_FINDING_CAPS.perRun, perFile: numbers['max-findings-per-file'] ?? DEFAULT_FINDING_CAPS.perFile });

  const { files, notes } = collectFiles(positionals.length ? positionals : ['.'], io.cwd, limits);
  const notices: RunNotice[] = [...notes];
  // A CI job pointed at the wrong folder must not pass silently.
  if (files.length === 0 && !notices.some((n) => n.level === 'error')) notices.push({ level: 'error', path: positionals.join(' ') || '.', message: 'no *.oauth2provider.yaml files found' });
  notices.forEach((notice) => sayNotice(io, notice));

  const formatter = formatterFor(format, io.cwd);
  if (format === 'github') io.stdout.allowWorkflowCommands();
  io.stdout.write(formatter.begin());
  const context: RunContext = {
    rules: settings.rules,
    maxFileSize: settings.maxFileSize,
    references: server.references,
    choice: { settingVersion: settings.serverVersion, serverProfile: server.profile },
  };
  const summary: Summary = { files: 0, errors: 0, warnings: 0, notShown: 0 };
  let bytes = 0;
  for (let i = 0; i < files.length; i++) {
    if (bytes >= maxBytes) {
      const notice: RunNotice = { level: 'error', path: files[i].path, message: `stopped after reading ${bytes} bytes (--max-bytes): this file and ${files.length - i - 1} more were not checked` };
      notices.push(notice);
      sayNotice(io, notice);
      break;
    }
    const report = validateFile(files[i], context);
    bytes += report.bytes ?? 0;
    if (report.readError) {
      const notice: RunNotice = { level: 'error', path: report.path, message: report.readError };
      notices.push(notice);
      sayNotice(io, notice);
      continue;
    }
    const shown = budget.take(report);
    addToSummary(summary, shown);
    io.stdout.write(formatter.file(shown));
    await io.stdout.ready();
  }
  io.stdout.write(formatter.end({ summary, capsNote: budget.describe(), notices }));

  if (notices.some((n) => n.level === 'error')) return EXIT_USAGE;
  if (summary.errors > 0) return EXIT_FINDINGS;
  if (numbers['max-warnings'] !== undefined && summary.warnings > numbers['max-warnings']) return EXIT_FINDINGS;
  return EXIT_OK;
}
