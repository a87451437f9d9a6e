import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { CLI_PATH } from '../cli/runCli';

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Set when the CLI had to be killed: it froze. */
  timedOut: boolean;
}

/**
 * Runs `node dist/cli.js ...args` in `cwd`, optionally through a wrapper command (e.g. `setpriv ...`).
 * A run that outlives `timeoutMs` is killed and reported as frozen instead of hanging the suite.
 */
export function runCliIn(cwd: string, args: string[], options: { wrapper?: string[]; timeoutMs?: number } = {}): Promise<CliRun> {
  if (!fs.existsSync(CLI_PATH)) return Promise.reject(new Error(`${CLI_PATH} is missing: run "npm run build" first.`));
  const [command, ...prefix] = [...(options.wrapper ?? []), process.execPath];
  return new Promise((resolve, reject) => {
    const child = spawn(command, [...prefix, CLI_PATH, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs ?? 30_000);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, timedOut });
    });
  });
}

/** `validate --format json`, parsed: the diagnostics per file as the editor would show them. */
export async function validateJson(cwd: string, args: string[], options: { wrapper?: string[]; timeoutMs?: number } = {}) {
  const run = await runCliIn(cwd, ['validate', '--format', 'json', ...args], options);
  if (run.timedOut) throw new Error(`the CLI froze on ${args.join(' ')}; stderr: ${run.stderr}`);
  const report = JSON.parse(run.stdout) as {
    files: { path: string; diagnostics: { severity: string; code: string; message: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }[] }[];
    summary: { files: number; errors: number; warnings: number };
  };
  /** `path: code code ...` per checked file, in order. */
  const codesByFile = Object.fromEntries(report.files.map((f) => [f.path, f.diagnostics.map((d) => d.code)]));
  return { run, report, codesByFile };
}
