import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '../..');
export const CLI_PATH = path.join(REPO_ROOT, 'dist/cli.js');
export const PACKAGE_VERSION: string = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')).version;

let cacheHome: string | undefined;
/** One cache directory per test process, removed when it exits. */
function testCacheHome(): string {
  if (!cacheHome) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'authentik-cli-cache-'));
    cacheHome = dir;
    process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  }
  return cacheHome;
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  /** Working directory; default the repository root. */
  cwd?: string;
  /** Added to this process's environment. */
  env?: NodeJS.ProcessEnv;
  /** A command the CLI runs under, e.g. `setpriv ...`. */
  wrapper?: string[];
  /** A run that outlives this is killed and the promise rejects: the CLI froze. Default 30 s. */
  timeoutMs?: number;
  /** The CLI's stdout goes to this open file descriptor (e.g. of /dev/full) instead of the test. */
  stdoutFd?: number;
  /** The test stops reading stdout and closes it after this many characters, as `| head -c N` does. */
  closeStdoutAfter?: number;
}

/**
 * Runs `node dist/cli.js ...args` as a child process, without a shell (so a glob reaches the CLI
 * exactly as a quoted argument would), and resolves with its exit code and output.
 */
export function runCli(args: string[], options: CliOptions = {}): Promise<CliResult> {
  if (!fs.existsSync(CLI_PATH)) return Promise.reject(new Error(`${CLI_PATH} is missing: run "npm run build" first.`));
  const [command, ...prefix] = [...(options.wrapper ?? []), process.execPath];
  const timeoutMs = options.timeoutMs ?? 30_000;
  return new Promise((resolve, reject) => {
    const stdio = ['ignore', options.stdoutFd ?? 'pipe', 'pipe'] as const;
    // Servers' schemas are cached in a directory of the test run, never in the user's ~/.cache.
    const env = { ...process.env, XDG_CACHE_HOME: testCacheHome(), ...options.env };
    const child = spawn(command, [...prefix, CLI_PATH, ...args], { cwd: options.cwd ?? REPO_ROOT, stdio: [...stdio], env });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the CLI froze (killed after ${timeoutMs} ms): ${args.join(' ')}\nstderr: ${stderr}`));
    }, timeoutMs);
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (options.closeStdoutAfter !== undefined && stdout.length >= options.closeStdoutAfter) child.stdout?.destroy();
    });
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

export interface JsonDiagnostic {
  severity: 'error' | 'warning' | 'information' | 'hint';
  code: string;
  message: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

export interface JsonReport {
  files: { path: string; profile?: { id: string; release: string; source: string; reason: string }; diagnostics: JsonDiagnostic[] }[];
  summary: { files: number; errors: number; warnings: number };
}

/** `validate --format json ...args`, parsed: the diagnostics per file as the editor would show them. */
export async function validateJson(args: string[], options: CliOptions = {}): Promise<{ result: CliResult; report: JsonReport; codesByFile: Record<string, string[]> }> {
  const result = await runCli(['validate', '--format', 'json', ...args], options);
  const report = JSON.parse(result.stdout) as JsonReport;
  /** The codes found per checked file, in order. */
  const codesByFile = Object.fromEntries(report.files.map((f) => [f.path, f.diagnostics.map((d) => d.code)]));
  return { result, report, codesByFile };
}
