import { CliError, parseCliArgs, USAGE } from './cli-args';
import { startAuthentikTestServer } from './server';

/**
 * Runs the test server for demos and benchmarks. Prints one line with its URL (never the token)
 * and stops on SIGINT/SIGTERM.
 */
async function main(argv: string[]): Promise<void> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    return;
  }
  const config = parseCliArgs(argv);
  const server = await startAuthentikTestServer(config.server);
  if (config.extraFlows > 0) server.addFlows(config.extraFlows);
  for (const fault of config.faults) server.addFault(fault);

  let stopping = false;
  const stop = () => {
    if (stopping) process.exit(1); // a second signal: do not wait any longer
    stopping = true;
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`authentik test server: ${String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // Only now: whoever reads this line may signal at once, and an unhandled signal kills the process.
  console.log(`authentik test server listening on ${server.url}`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof CliError) console.error(`${error.message}\n${USAGE}`);
  else console.error(`authentik test server: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
});
