import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '../..');
export const CLI_PATH = path.join(REPO_ROOT, 'dist/cli.js');
export const PACKAGE_VERSION: string = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')).version;

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `node dist/cli.js ...args` as a child process, without a shell (so a glob reaches the CLI
 * exactly as a quoted argument would). The working directory defaults to the repository root.
 */
export function runCli(args: string[], cwd = REPO_ROOT, env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  if (!fs.existsSync(CLI_PATH)) return Promise.reject(new Error(`${CLI_PATH} is missing: run "npm run build" first.`));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_PATH, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** `validate` with `--format json`, parsed. */
export async function runJson(args: string[], cwd = REPO_ROOT): Promise<{ result: CliResult; report: JsonReport }> {
  const result = await runCli(['validate', '--format', 'json', ...args], cwd);
  return { result, report: JSON.parse(result.stdout) as JsonReport };
}

export interface JsonDiagnostic {
  severity: 'error' | 'warning' | 'information' | 'hint';
  code: string;
  message: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

export interface JsonReport {
  files: { path: string; diagnostics: JsonDiagnostic[] }[];
  summary: { files: number; errors: number; warnings: number };
}
