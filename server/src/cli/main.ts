import { DEFAULT_SETTINGS, RuleId, normalizeSettings } from '../../../common/settings';
import { VERSION } from '../../../common/version';
import { runDeploy } from './deployCommand';
import { collectFiles } from './files';
import { formatGithub, formatJson, formatSarif, formatText, OUTPUT_FORMATS, OutputFormat, summarize } from './formats';
import { CliIo, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, parseCommandLine, usageError } from './io';
import { formatMarkdown } from './markdownReport';
import { validateFiles } from './validateFiles';

const USAGE = `Usage: authentik-oauth2 <command> [options]

Commands:
  validate [paths or globs...]   Check *.oauth2provider.yaml files (directories are searched; default: .)
  deploy <file> --url <base URL> Create or update the provider on an authentik server (token from AUTHENTIK_TOKEN)

validate options:
  --format text|github|sarif|json|markdown
                                    Output format (default: text)
  --max-warnings N                  Fail when there are more than N warnings (default: warnings never fail)
  --disable RULE                    Switch off an authentik rule (repeatable): ${Object.keys(DEFAULT_SETTINGS.rules).join(', ')}
  --max-file-size BYTES             Skip validation of larger files with an error (default: ${DEFAULT_SETTINGS.maxFileSize})

Exit codes: 0 no errors, 1 errors found (or too many warnings), 2 usage error or unreadable path.
`;

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    io.stdout.write(USAGE);
    return command ? EXIT_OK : EXIT_USAGE;
  }
  if (command === '--version' || command === '-v') {
    io.stdout.write(`${VERSION}\n`);
    return EXIT_OK;
  }
  if (command === 'validate') return runValidate(rest, io);
  if (command === 'deploy') return runDeploy(rest, io);
  io.stderr.write(`authentik-oauth2: unknown command "${command}"\n\n${USAGE}`);
  return EXIT_USAGE;
}

function runValidate(argv: string[], io: CliIo): number {
  const usage = (message: string) => usageError(io, 'validate', message);
  const parsed = parseCommandLine(io, 'validate', argv, {
    format: { type: 'string', short: 'f', default: 'text' },
    'max-warnings': { type: 'string' },
    disable: { type: 'string', multiple: true, default: [] },
    'max-file-size': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (!parsed) return EXIT_USAGE;
  const { values, positionals } = parsed;
  // `validate --help` is what people type first; it is a request for usage, not a usage error.
  if (values.help) {
    io.stdout.write(USAGE);
    return EXIT_OK;
  }
  const format = values.format as OutputFormat;
  if (!OUTPUT_FORMATS.includes(format)) return usage(`unknown format "${values.format}" (use ${OUTPUT_FORMATS.join(', ')})`);
  let maxWarnings: number | undefined;
  if (values['max-warnings'] !== undefined) {
    maxWarnings = Number(values['max-warnings']);
    if (!Number.isInteger(maxWarnings) || maxWarnings < 0) return usage('--max-warnings takes a whole number of 0 or more');
  }
  const rules = { ...DEFAULT_SETTINGS.rules };
  for (const id of values.disable as string[]) {
    if (!(id in rules)) return usage(`unknown rule "${id}" (rules: ${Object.keys(rules).join(', ')})`);
    rules[id as RuleId] = false;
  }
  const maxFileSize = values['max-file-size'] === undefined ? undefined : Number(values['max-file-size']);
  if (maxFileSize !== undefined && !(maxFileSize > 0)) return usage('--max-file-size takes a positive number of bytes');
  // The flag is the CI's own choice, not an editor setting: it is not clamped to the settings' range.
  const settings = { ...normalizeSettings({ ...DEFAULT_SETTINGS, rules }), maxFileSize: maxFileSize ?? DEFAULT_SETTINGS.maxFileSize };

  const { files, problems } = collectFiles(positionals.length ? positionals : ['.'], io.cwd);
  // A CI job pointed at the wrong folder must not pass silently.
  if (files.length === 0 && problems.length === 0) problems.push({ path: positionals.join(' ') || '.', message: 'no *.oauth2provider.yaml files found' });
  const reports = validateFiles(files, settings, undefined, io.cwd);
  for (const problem of problems) io.stderr.write(`authentik-oauth2: ${problem.path}: ${problem.message}\n`);
  const readable = reports.filter((r) => !r.readError);
  for (const r of reports) if (r.readError) io.stderr.write(`authentik-oauth2: ${r.path}: ${r.readError}\n`);

  switch (format) {
    case 'text':
      io.stdout.write(formatText(readable));
      break;
    case 'github':
      io.stdout.write(formatGithub(readable));
      break;
    case 'json':
      io.stdout.write(formatJson(readable));
      break;
    case 'sarif':
      io.stdout.write(formatSarif(readable, VERSION));
      break;
    case 'markdown':
      io.stdout.write(formatMarkdown(readable));
      break;
  }
  if (problems.length > 0 || readable.length < reports.length) return EXIT_USAGE;
  const summary = summarize(readable);
  if (summary.errors > 0) return EXIT_FINDINGS;
  if (maxWarnings !== undefined && summary.warnings > maxWarnings) return EXIT_FINDINGS;
  return EXIT_OK;
}
