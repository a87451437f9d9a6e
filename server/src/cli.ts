import { runCli } from './cli/main';
import { visible } from './cli/escape';
import { cliIo, EXIT_USAGE, finishOutput } from './cli/io';
import { terminalPrompt } from './cli/terminalPrompt';

// The `authentik-oauth2` command: `validate` for pull requests, `plan` and `deploy` to push files to a server.
const prompt = terminalPrompt(process.stdin, process.stdout);
const io = cliIo({ stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd(), ...(prompt ? { prompt } : {}) });
runCli(process.argv.slice(2), io)
  .catch((error) => {
    io.stderr.write(`authentik-oauth2: ${visible((error as Error)?.message ?? String(error))}\n`);
    return EXIT_USAGE;
  })
  .then((code) => finishOutput(io, code))
  .then((code) => {
    process.exitCode = code;
  });
