import { VERSION } from '../../../common/version';
import { runDeploy } from './deployCommand';
import { visible } from './escape';
import { EXPORT_OPTIONS_HELP, runExport } from './exportCommand';
import { CliIo, EXIT_OK, EXIT_USAGE } from './io';
import { runMigrate } from './migrateCommand';
import { runValidate, VALIDATE_OPTIONS_HELP } from './validateCommand';

const USAGE = `Usage: authentik-oauth2 <command> [options]

Commands:
  validate [paths or globs...]   Check *.oauth2provider.yaml files (directories are searched; default: .)
  deploy <file> --url <base URL> Create or update the provider on an authentik server (token from AUTHENTIK_TOKEN)
  migrate [paths...] --to VERSION
                                 Show, as a unified diff, how the files change for another release; --write rewrites them
  export --url <base URL> --out <dir> [--name NAME]...
                                 Write the server's OAuth2 providers as files: references by slug or name,
                                 the client secret as !env NAME_CLIENT_SECRET (token from AUTHENTIK_TOKEN)

${VALIDATE_OPTIONS_HELP}

migrate options:
  --to VERSION                      The release to migrate to (a line such as 2026.5 or a release such as 2024.8.4)
  --write                           Rewrite the files instead of printing the diff
  --invalidation-flow UUID          The flow an added invalidation_flow names (default: a blank value to fill in)

${EXPORT_OPTIONS_HELP}

Exit codes: 0 no errors, 1 errors found (or too many warnings), 2 usage error, unreadable path or a limit reached.
  migrate: 0 nothing to change (or all written), 1 changes needed, 2 a file cannot be migrated or read.
  export: 0 every file written, 1 a --name that is no OAuth2 provider of the server (nothing written) or the
    server refused, 2 usage error, no usable answer or a file not written, 3 files that existed were kept.
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
  if (command === 'validate') return runValidate(rest, io, USAGE);
  if (command === 'deploy') return runDeploy(rest, io);
  if (command === 'migrate') return runMigrate(rest, io);
  if (command === 'export') return runExport(rest, io);
  io.stderr.write(`authentik-oauth2: unknown command "${visible(command)}"\n\n${USAGE}`);
  return EXIT_USAGE;
}
