import { CliIo, EXIT_USAGE } from './main';

/** Placeholder until the authentik connection lands: says so clearly instead of pretending. */
export async function runDeploy(_argv: string[], io: CliIo): Promise<number> {
  io.stderr.write('authentik-oauth2 deploy: not available in this build yet.\n');
  return EXIT_USAGE;
}
