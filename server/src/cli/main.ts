import { VERSION } from '../../../common/version';
import { runDeploy } from './deployCommand';
import { visible } from './escape';
import { CliIo, EXIT_OK, EXIT_USAGE } from './io';
import { runValidate, VALIDATE_OPTIONS_HELP } from './validateCommand';

const USAGE = `Usage: authentik-oauth2 <command> [options]

Commands:
  validate [paths or globs...]   Check *.oauth2provider.yaml files (directories are searched; default: .)
  deploy <file> --url <base URL> Create or update the provider on an authentik server (token from AUTHENTIK_TOKEN)

${VALIDATE_OPTIONS_HELP}

Exit codes: 0 no errors, 1 errors found (or too many warnings), 2 usage error, unreadable path or a limit reached.
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
  io.stderr.write(`authentik-oauth2: unknown command "${visible(command)}"\n\n${USAGE}`);
  return EXIT_USAGE;
}
