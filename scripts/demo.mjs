// `npm start`: a one-command demo. Builds the extension, starts the authentik test server with demo data,
// and serves VS Code (code-server) on 127.0.0.1 with the extension loaded on examples/. Prints the URL to
// open; Ctrl+C stops everything it started.
//
// Environment: PORT (code-server's port, default a free one), DEMO_KEEP=1 (keep the throwaway profile).
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const examples = join(repo, 'examples');
const { workbenchUrl } = createRequire(import.meta.url)('../test/e2e/driver/workbenchUrl.js');
const STARTUP_DEADLINE_MS = 60_000;
const STOP_DEADLINE_MS = 5_000;

const say = (line) => console.log(`[demo] ${line}`);

/** Process groups started here (each child leads its own), stopped together on exit. */
const groups = [];
let profile;
let stopping = false;

async function main() {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => void stop(0));

  say('building the extension (npm run build)');
  run('npm', ['run', '--silent', 'build']);
  const codeServer = installCodeServer();

  profile = mkdtempSync(join(tmpdir(), 'authentik-demo-'));
  // Demo-only: a random token for the test server, never printed. The editor gets it from its environment.
  const token = randomBytes(24).toString('hex');
  const authentikUrl = await startTestServer(token);
  await addDemoProviders(authentikUrl, token);
  say(`authentik test server: ${authentikUrl} (authentik ${DEMO_RELEASE}, demo data; its API token is only in the editor's environment)`);

  writeUserSettings(authentikUrl);
  const port = process.env.PORT ? Number(process.env.PORT) : await freePort();
  const base = `http://127.0.0.1:${port}`;
  startCodeServer(codeServer, port, { AUTHENTIK_URL: authentikUrl, AUTHENTIK_TOKEN: token });
  await waitUntilServing(`${base}/healthz`);

  const url = workbenchUrl(base, examples, { extensionDevelopmentPath: repo });
  console.log(`\n  Open VS Code with the extension and examples/ (see examples/README.md):\n\n  ${url}\n\n  Press Ctrl+C to stop.\n`);
}

/** Runs a command to completion with its output shown; exits the demo if it fails. */
function run(command, args) {
  const result = spawnSync(command, args, { cwd: repo, stdio: 'inherit' });
  if (result.status !== 0) fail(`${command} ${args.join(' ')} failed`);
}

/** The e2e tests' installer (apt packages when missing, code-server cached): prints the binary's path last. */
function installCodeServer() {
  const result = spawnSync('bash', [join(repo, 'scripts/e2e/install-prerequisites.sh'), '--without-browser'], {
    cwd: repo,
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
  });
  if (result.status !== 0) fail('installing code-server failed (scripts/e2e/install-prerequisites.sh)');
  return result.stdout.trim().split('\n').pop();
}

/** Starts a child in a process group of its own, so that stopping it also stops what it started. */
function startGroup(name, command, args, options) {
  const child = spawn(command, args, { cwd: repo, detached: true, ...options });
  groups.push(child.pid);
  child.on('exit', (code, signal) => {
    if (stopping) return;
    say(`${name} exited (${signal ?? `code ${code}`}); stopping`);
    void stop(1);
  });
  return child;
}

/** The release the demo server behaves like: the newest the bundled profiles know, as the examples are written for. */
const DEMO_RELEASE = '2026.5';

/** The authentik test server as a separate process; resolves with the URL it prints once listening. */
function startTestServer(token) {
  const args = ['--import', 'tsx', 'test/authentik-server/main.ts', '--port', '0', '--token', token, '--version', DEMO_RELEASE];
  const child = startGroup('the authentik test server', process.execPath, args, {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolveUrl, reject) => {
    const deadline = setTimeout(() => reject(new Error('the authentik test server printed no URL')), STARTUP_DEADLINE_MS);
    createInterface({ input: child.stdout }).on('line', (line) => {
      const match = /^authentik test server listening on (http:\S+)$/.exec(line);
      if (!match) return;
      clearTimeout(deadline);
      resolveUrl(match[1]);
    });
  });
}

/** A provider that already exists, with older settings than examples/gitea.oauth2provider.yaml: its deploy is an update. */
async function addDemoProviders(authentikUrl, token) {
  const response = await fetch(`${authentikUrl}/api/v3/providers/oauth2/`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({
      name: 'Gitea',
      authorization_flow: 'c4a0c9b2-6b1f-4d8e-9a3c-2f1e5d7b8a01',
      client_type: 'confidential',
      client_id: 'gitea',
      invalidation_flow: '8e7d6c5b-4a3f-4e2d-9c1b-0a9f8e7d6c05',
      redirect_uris: [{ matching_mode: 'strict', url: 'https://git.example.com/user/oauth2/authentik/callback' }],
      property_mappings: ['1f0e2d3c-4b5a-4697-8a8b-9c0d1e2f3a41', '2e1f3a4b-5c6d-4e7f-9081-a2b3c4d5e642'],
      access_token_validity: 'minutes=5',
    }),
  });
  if (response.status !== 201) fail(`adding the demo's Gitea provider answered ${response.status}: ${await response.text()}`);
}

/** The demo profile's user settings (not the workspace's): quiet, trusted, pointed at the test server. */
function writeUserSettings(authentikUrl) {
  mkdirSync(join(profile, 'user-data/User'), { recursive: true });
  const settings = {
    'authentik.serverUrl': authentikUrl,
    'workbench.startupEditor': 'readme',
    'security.workspace.trust.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'workbench.enableExperiments': false,
    // The examples live in this repository: no prompt to open it in the Source Control view.
    'git.openRepositoryInParentFolders': 'never',
  };
  writeFileSync(join(profile, 'user-data/User/settings.json'), JSON.stringify(settings, null, 2));
}

function startCodeServer(codeServer, port, authentikEnv) {
  const log = createWriteStream(join(profile, 'code-server.log'));
  const child = startGroup(
    'code-server',
    codeServer,
    [
      '--bind-addr', `127.0.0.1:${port}`,
      '--auth', 'none',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-getting-started-override',
      '--ignore-last-opened',
      '--user-data-dir', join(profile, 'user-data'),
      '--extensions-dir', join(profile, 'extensions'),
      examples,
    ],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      // The extension host inherits this environment: the extension takes AUTHENTIK_TOKEN for AUTHENTIK_URL's origin.
      env: { ...process.env, ...authentikEnv, XDG_CONFIG_HOME: join(profile, 'config'), XDG_DATA_HOME: join(profile, 'data') },
    },
  );
  child.stdout.pipe(log);
  child.stderr.pipe(log);
}

async function waitUntilServing(url) {
  const deadline = Date.now() + STARTUP_DEADLINE_MS;
  while (Date.now() < deadline) {
    if (await fetch(url).then((r) => r.ok, () => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  fail(`code-server did not answer on ${url}; its log: ${join(profile, 'code-server.log')}`);
}

function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
    server.on('error', reject);
  });
}

const groupAlive = (pid) => {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
};
const signalGroup = (pid, signal) => {
  try {
    process.kill(-pid, signal);
  } catch {
    /* already gone */
  }
};

/** Stops every process group (TERM, then KILL after a deadline), removes the profile and exits. */
async function stop(code) {
  if (stopping) return;
  stopping = true;
  if (groups.length > 0) say('stopping code-server and the authentik test server');
  for (const pid of groups) signalGroup(pid, 'SIGTERM');
  const deadline = Date.now() + STOP_DEADLINE_MS;
  while (groups.some(groupAlive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  for (const pid of groups.filter(groupAlive)) signalGroup(pid, 'SIGKILL');
  if (profile && !process.env.DEMO_KEEP) rmSync(profile, { recursive: true, force: true });
  else if (profile) say(`kept ${profile}`);
  process.exit(code);
}

function fail(message) {
  console.error(`[demo] ${message}`);
  void stop(1);
  throw new Error(message);
}

main().catch((error) => {
  if (!stopping) console.error(`[demo] ${error instanceof Error ? error.message : String(error)}`);
  void stop(1);
});
