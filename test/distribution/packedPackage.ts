import { execFile, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';

export const REPO = path.resolve(__dirname, '../..');
export const VERSION: string = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')).version;
/** The tarball `npm run build` packs (scripts/pack-npm.mjs). */
export const TARBALL = path.join(REPO, 'out/pack', `authentik-oauth2-${VERSION}.tgz`);

export const run = promisify(execFile);

export function assertTarball(): string {
  if (!fs.existsSync(TARBALL)) throw new Error(`${TARBALL} is missing: run "npm run build" first (it packs the npm package).`);
  return TARBALL;
}

/**
 * npm with an empty cache of its own and no network: whatever the package needed from the registry
 * would fail with ENOTCACHED. No user or global npmrc either, so nothing on this machine helps.
 */
export function offlineNpmEnv(cacheDir: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    npm_config_cache: cacheDir,
    npm_config_offline: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    npm_config_userconfig: path.join(cacheDir, 'no-user-npmrc'),
    npm_config_globalconfig: path.join(cacheDir, 'no-global-npmrc'),
  };
}

export interface Project {
  dir: string;
  env: NodeJS.ProcessEnv;
  /** Writes files (relative path -> text) into the project. */
  write(files: Record<string, string>): void;
  remove(): void;
}

/** A new empty folder with a package.json and nothing else: where a user would start. */
export function emptyProject(prefix: string): Project {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const cache = path.join(dir, '.npm-cache');
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'providers-repo', version: '1.0.0', private: true }, null, 2) + '\n');
  return {
    dir,
    env: offlineNpmEnv(cache),
    write(files) {
      for (const [relative, text] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(dir, relative)), { recursive: true });
        fs.writeFileSync(path.join(dir, relative), text);
      }
    },
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/** `npm install <tarball>` into an empty project, offline. */
export async function projectWithPackage(prefix: string): Promise<Project> {
  const project = emptyProject(prefix);
  await run('npm', ['install', '--no-save', assertTarball()], { cwd: project.dir, env: project.env });
  return project;
}

export interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to its end, never throwing on a non-zero exit: the exit code is part of what is tested. */
export function runToEnd(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; input?: string; timeoutMs?: number }): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}

/** A provider that validates without findings, and one with an error and a warning at known places. */
/** Valid for the newest release, which a file without a version comment is checked for. */
export const GOOD_PROVIDER = [
  'name: grafana',
  'authorization_flow: 8f3b0c7e-6a44-4b1e-9a5e-1f2d3c4b5a60',
  'invalidation_flow: 8f3b0c7e-6a44-4b1e-9a5e-1f2d3c4b5a63',
  'redirect_uris:',
  '  - matching_mode: strict',
  '    url: https://grafana.example.com/login/generic_oauth',
  '',
].join('\n');
/** A misspelt client_type on line 4 and an unknown key on line 5 (1-based). */
export const BAD_PROVIDER = [
  'name: wiki',
  'authorization_flow: 8f3b0c7e-6a44-4b1e-9a5e-1f2d3c4b5a60',
  'invalidation_flow: 8f3b0c7e-6a44-4b1e-9a5e-1f2d3c4b5a63',
  'client_type: confidentail',
  'redirect_uri: https://wiki.example.com/cb',
  'redirect_uris:',
  '  - matching_mode: strict',
  '    url: https://wiki.example.com/cb',
  '',
].join('\n');
