import { VERSION } from '../../../common/version';
import { runDeploy } from './deployCommand';
import { visible } from './escape';
import { EXPORT_OPTIONS_HELP, runExport } from './exportCommand';
import { CliIo, EXIT_OK, EXIT_USAGE } from './io';
import { runMigrate } from './migrateCommand';
import { runPlan } from './planCommand';
import { runValidate, VALIDATE_OPTIONS_HELP } from './validateCommand';

const USAGE = `Usage: authentik-oauth2 <command> [options]

Commands:
  validate [paths or globs...]   Check *.oauth2provider.yaml files (directories are searched; default: .)
  plan <paths...> --url <base URL>
                                 Say for each file whether deploying it would create, update (field by field)
                                 or leave its provider as it is (token from AUTHENTIK_TOKEN); sends no change
  deploy <paths...> --url <base URL>
                                 Create or update the providers on an authentik server (token from AUTHENTIK_TOKEN)
  migrate [paths...] --to VERSION
                                 Show, as a unified diff, how the files change for another release; --write rewrites them
  export --url <base URL> --out <dir> [--name NAME]...
                                 Write the server's OAuth2 providers as files: references by slug or name,
                                 the client secret as !env NAME_CLIENT_SECRET (token from AUTHENTIK_TOKEN)

${VALIDATE_OPTIONS_HELP}

plan and deploy options:
  --url BASE_URL                    The server (default: $AUTHENTIK_URL)
  --timeout SECONDS                 Per request (default: 30)
  --allow-insecure-http             Allow plain http to a server other than this machine
  --format text|json|markdown       plan: output format (default: text; json is a stable shape, version 1)
  --format text|markdown            deploy: markdown with --dry-run only
  --dry-run                         deploy: show the plan (and each !ref/!Find with what it resolved to), send nothing
  --yes, -y                         deploy: apply the plan of several files without asking (for CI)

  Before anything is sent, every file is checked with the server's own profile and its tags are resolved:
  !ref and !Find against the server's objects, !env NAME from this process's environment (an unset variable
  is an error naming it). !env values are masked in all output, like client secrets.
  deploy of one file sends it at once. deploy of several files, a folder or a glob plans every file first (any
  error: nothing is sent), shows the plan, asks on a terminal (without one, only --yes applies), then applies
  the files in the order shown and stops at the first failed request, saying what was applied and what not.
  A file whose !ref names a provider another file of the run creates is planned and sent after that file.

migrate options:
  --to VERSION                      The release to migrate to (a line such as 2026.5 or a release such as 2024.8.4)
  --write                           Rewrite the files instead of printing the diff
  --invalidation-flow UUID          The flow an added invalidation_flow names (default: a blank value to fill in)

${EXPORT_OPTIONS_HELP}

Exit codes: validate: 0 no errors, 1 errors found (or too many warnings), 2 usage error, unreadable path or a limit reached.
  deploy: 0 done (or nothing to change), 1 a file has errors, the server said no or the plan was not confirmed,
          2 usage error, unreadable path, no usable answer from the server, or no terminal to confirm on (use --yes).
  plan (these differ from validate's, as terraform plan -detailed-exitcode): 0 no changes, 1 errors (usage errors
          included), 2 changes pending.
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
  if (command === 'deploy') return runDeploy(rest, io, undefined, USAGE);
  if (command === 'plan') return runPlan(rest, io, USAGE);
  if (command === 'migrate') return runMigrate(rest, io);
  if (command === 'export') return runExport(rest, io);
  io.stderr.write(`authentik-oauth2: unknown command "${visible(command)}"\n\n${USAGE}`);
  return EXIT_USAGE;
}
