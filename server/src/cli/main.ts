import { DEFAULT_SETTINGS, RuleId, normalizeSettings } from '../../../common/settings';
import { VERSION } from '../../../common/version';
import { runDeploy } from './deployCommand';
import { runMigrate } from './migrateCommand';
import { collectFiles } from './files';
import { formatGithub, formatJson, formatSarif, formatText, OUTPUT_FORMATS, OutputFormat, summarize } from './formats';
import { CliIo, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, parseCommandLine, usageError } from './io';
import { formatMarkdown } from './markdownReport';
import { AUTO_VERSION, versionProblem } from '../service/profileResolution';
import { validateFiles } from './validateFiles';
import { AuthentikApi } from '../../../common/authentik/apiClient';
import { checkBaseUrl, ConnectionConfig } from '../../../common/authentik/connection';
import { HttpClient, NodeHttpClient } from '../../../common/authentik/http';
import { cliCacheDirectory, directoryStore } from '../../../common/authentik/profileStore';
import { loadServerProfile } from '../../../common/authentik/serverSchema';
import { Profile } from '../../../common/profiles';
import { LiveReferenceSource } from '../authentik/liveReferences';
import { ReferenceSource } from '../service/references';

const USAGE = `Usage: authentik-oauth2 <command> [options]

Commands:
  validate [paths or globs...]   Check *.oauth2provider.yaml files (directories are searched; default: .)
  deploy <file> --url <base URL> Create or update the provider on an authentik server (token from AUTHENTIK_TOKEN)
  migrate [paths...] --to VERSION
                                 Show, as a unified diff, how the files change for another release; --write rewrites them

validate options:
  --format text|github|sarif|json|markdown
                                    Output format (default: text)
  --max-warnings N                  Fail when there are more than N warnings (default: warnings never fail)
  --disable RULE                    Switch off an authentik rule (repeatable): ${Object.keys(DEFAULT_SETTINGS.rules).join(', ')}
  --max-file-size BYTES             Skip validation of larger files with an error (default: ${DEFAULT_SETTINGS.maxFileSize})
  --server-version VERSION          Check files without an "# authentik-version:" comment for this release
                                    (a line such as 2026.2 or a release such as 2024.8.4; default: auto, the
                                    --url server's release, else the newest known)
  --url BASE_URL                    Check files against that server: its own schema decides the release of files
                                    without a comment (with --server-version auto, the default), cached in
                                    $XDG_CACHE_HOME/authentik-oauth2; with AUTHENTIK_TOKEN, references are checked too
  --allow-insecure-http             Allow plain http to a server other than this machine

migrate options:
  --to VERSION                      The release to migrate to (a line such as 2026.5 or a release such as 2024.8.4)
  --write                           Rewrite the files instead of printing the diff
  --invalidation-flow UUID          The flow an added invalidation_flow names (default: a blank value to fill in)

Exit codes: 0 no errors, 1 errors found (or too many warnings), 2 usage error or unreadable path.
  migrate: 0 nothing to change (or all written), 1 changes needed, 2 a file cannot be migrated or read.
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
  if (command === 'migrate') return runMigrate(rest, io);
  io.stderr.write(`authentik-oauth2: unknown command "${command}"\n\n${USAGE}`);
  return EXIT_USAGE;
}

async function runValidate(argv: string[], io: CliIo, http: HttpClient = new NodeHttpClient()): Promise<number> {
  const usage = (message: string) => usageError(io, 'validate', message);
  const parsed = parseCommandLine(io, 'validate', argv, {
    format: { type: 'string', short: 'f', default: 'text' },
    'max-warnings': { type: 'string' },
    disable: { type: 'string', multiple: true, default: [] },
    'max-file-size': { type: 'string' },
    'server-version': { type: 'string' },
    url: { type: 'string' },
    'allow-insecure-http': { type: 'boolean', default: false },
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
  const serverVersion = values['server-version'] as string | undefined;
  const versionError = serverVersion === undefined || serverVersion.trim() === AUTO_VERSION ? undefined : versionProblem(serverVersion);
  if (versionError) return usage(`--server-version: ${versionError}`);
  const settings = normalizeSettings({ ...DEFAULT_SETTINGS, rules, maxFileSize, serverVersion });
  let server: ServerContext = {};
  if (values.url !== undefined) {
    const urlCheck = checkBaseUrl(values.url as string, values['allow-insecure-http'] === true);
    if (!urlCheck.ok) return usage(`--url: ${urlCheck.message}`);
    server = await serverContext({ baseUrl: urlCheck.baseUrl, token: io.env.AUTHENTIK_TOKEN || undefined, allowInsecureHttp: values['allow-insecure-http'] === true, timeoutMs: 10_000 }, http, io);
  }

  const { files, problems } = collectFiles(positionals.length ? positionals : ['.'], io.cwd);
  // A CI job pointed at the wrong folder must not pass silently.
  if (files.length === 0 && problems.length === 0) problems.push({ path: positionals.join(' ') || '.', message: 'no *.oauth2provider.yaml files found' });
  const reports = validateFiles(files, settings, server.references, io.cwd, { settingVersion: settings.serverVersion, serverProfile: server.profile });
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

interface ServerContext {
  profile?: Profile;
  references?: ReferenceSource;
}

/** The profile of the --url server (from its schema, cached) and, with a token, its objects for reference checks. Problems go to stderr. */
async function serverContext(connection: ConnectionConfig, http: HttpClient, io: CliIo): Promise<ServerContext> {
  const loaded = await loadServerProfile(connection, { http, store: directoryStore(cliCacheDirectory(io.env)) });
  if (loaded.kind === 'none' || loaded.message) io.stderr.write(`authentik-oauth2: ${loaded.message}\n`);
  const context: ServerContext = { profile: loaded.kind === 'none' ? undefined : loaded.profile };
  if (!connection.token) {
    io.stderr.write('authentik-oauth2: no AUTHENTIK_TOKEN: references are not checked against the server.\n');
    return context;
  }
  // Fetched once for the run; a failed fetch leaves references unchecked, with the reason.
  const source = new LiveReferenceSource(new AuthentikApi(connection, http), { ttlMs: Number.POSITIVE_INFINITY });
  const refreshed = await source.refresh();
  if (refreshed.ok) context.references = source;
  else io.stderr.write(`authentik-oauth2: references are not checked against the server: ${refreshed.message}\n`);
  return context;
}
