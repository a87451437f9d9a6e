import { runCli } from './cli/main';

// The `authentik-oauth2` command: `validate` for pull requests, `deploy` to push a file to a server.
runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() }).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`authentik-oauth2: ${(error as Error)?.message ?? String(error)}\n`);
    process.exitCode = 2;
  },
);
