import assert from 'node:assert/strict';
import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { describe, it } from 'node:test';
import { SEED_IDS } from '../authentik-server';
import { parseCliArgs } from '../authentik-server/cli-args';

const MAIN = path.resolve(__dirname, '../authentik-server/main.ts');
const TOKEN = 'cli-secret-token';

interface Started {
  child: ChildProcess;
  url: string;
  stdout: string[];
  stderr: string[];
}

/** Spawns main.ts and waits for its one line with the URL. */
async function startCli(args: string[]): Promise<Started> {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], { cwd: path.resolve(__dirname, '../..'), stdio: 'pipe' });
  const stdout: string[] = [];
  const stderr: string[] = [];
  child.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  const lines = createInterface({ input: child.stdout! });
  const exited = once(child, 'exit').then(([code]) => {
    throw new Error(`main.ts exited with ${code} before listening: ${stderr.join('')}`);
  });
  const firstLine = new Promise<string>((resolve) => lines.once('line', resolve));
  const line = await Promise.race([firstLine, exited]);
  stdout.push(line);
  lines.on('line', (more) => stdout.push(more));
  const match = /^authentik test server listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(line);
  assert.ok(match, `unexpected first line: ${line}`);
  return { child, url: match[1], stdout, stderr };
}

async function stop(started: Started, signal: NodeJS.Signals): Promise<number | null> {
  const exit = once(started.child, 'exit');
  started.child.kill(signal);
  const [code] = await exit;
  return code as number | null;
}

describe('authentik test server: the command line', () => {
  it('prints its URL, serves requests with the given token and stops on SIGTERM', async () => {
    const started = await startCli(['--port', '0', '--token', TOKEN]);
    const ok = await fetch(`${started.url}/api/v3/admin/version/`, { headers: { Authorization: `Bearer ${TOKEN}` } });
    assert.equal(ok.status, 200);
    assert.equal(((await ok.json()) as { version_current: string }).version_current, '2024.8.4');
    const denied = await fetch(`${started.url}/api/v3/admin/version/`, { headers: { Authorization: 'Bearer test-token' } });
    assert.equal(denied.status, 403);
    assert.equal(await stop(started, 'SIGTERM'), 0);
    assert.deepEqual(started.stdout, [`authentik test server listening on ${started.url}`], 'exactly one line');
    assert.ok(!started.stdout.join('').includes(TOKEN) && !started.stderr.join('').includes(TOKEN), 'the token is never printed');
  });

  it('stops on SIGINT too', async () => {
    const started = await startCli(['--port', '0', '--token', TOKEN]);
    assert.equal(await stop(started, 'SIGINT'), 0);
  });

  it('injects a status fault on a path and latency from its flags', async () => {
    const started = await startCli(['--port', '0', '--token', TOKEN, '--latency', '120', '--fault-status', '502', '--fault-path', '/api/v3/providers/', '--fault-html']);
    try {
      const headers = { Authorization: `Bearer ${TOKEN}` };
      const faulted = await fetch(`${started.url}/api/v3/providers/oauth2/`, { headers });
      assert.equal(faulted.status, 502);
      assert.match(await faulted.text(), /502 Bad Gateway/);
      const begun = performance.now();
      const normal = await fetch(`${started.url}/api/v3/flows/instances/`, { headers });
      assert.equal(normal.status, 200);
      assert.ok(performance.now() - begun >= 115, 'every request is delayed');
    } finally {
      assert.equal(await stop(started, 'SIGTERM'), 0);
    }
  });

  it('--fresh-ids: two servers side by side have the same flows and key pairs under different UUIDs', async () => {
    const [plain, fresh] = await Promise.all([startCli(['--port', '0', '--token', TOKEN]), startCli(['--port', '0', '--token', TOKEN, '--fresh-ids'])]);
    try {
      const rows = async (started: Started, path: string) => {
        const reply = await fetch(`${started.url}${path}`, { headers: { Authorization: `Bearer ${TOKEN}` } });
        assert.equal(reply.status, 200);
        return ((await reply.json()) as { results: { pk: string; name: string; slug?: string }[] }).results;
      };
      for (const path of ['/api/v3/flows/instances/', '/api/v3/crypto/certificatekeypairs/', '/api/v3/propertymappings/all/']) {
        const [a, b] = await Promise.all([rows(plain, path), rows(fresh, path)]);
        assert.deepEqual(b.map((row) => [row.name, row.slug]), a.map((row) => [row.name, row.slug]), path);
        assert.ok(a.length > 0 && a.every((row, i) => row.pk !== b[i].pk), `${path}: every pk differs`);
      }
      const flows = await rows(plain, '/api/v3/flows/instances/');
      assert.ok(flows.some((flow) => flow.pk === SEED_IDS.flows.explicitConsent), 'without the flag: the fixed ids');
    } finally {
      await Promise.all([stop(plain, 'SIGTERM'), stop(fresh, 'SIGTERM')]);
    }
  });

  it('reads every option into server options and faults', () => {
    const config = parseCliArgs([
      '--port', '8123', '--host', '0.0.0.0', '--token', 'a', '--read-only-token', 'r', '--expired-token', 'e', '--no-seed', '--fresh-ids', '--flows', '300',
      '--latency', '50', '--fault-status', '503', '--fault-path', '/api/v3/', '--fault-method', 'POST', '--fault-times', '2', '--fault-html',
    ]);
    assert.deepEqual(config, {
      server: { port: 8123, host: '0.0.0.0', token: 'a', readOnlyToken: 'r', expiredToken: 'e', seed: false, freshIds: true },
      faults: [{ latencyMs: 50 }, { status: 503, path: '/api/v3/', method: 'POST', times: 2, htmlBody: true }],
      extraFlows: 300,
    });
    assert.deepEqual(parseCliArgs([]), { server: {}, faults: [], extraFlows: 0 });
    assert.throws(() => parseCliArgs(['--port', '70000']), /--port must be an integer from 0 to 65535/);
    assert.throws(() => parseCliArgs(['--token']), /--token needs a value/);
    assert.throws(() => parseCliArgs(['--fault-path', '/x']), /need --fault-status/);
  });

  it('refuses unknown options with its usage and exit code 2', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN, '--port', '0', '--frobnicate'], { stdio: 'pipe' });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [code] = await once(child, 'exit');
    assert.equal(code, 2);
    assert.match(stderr, /unknown option --frobnicate/);
    assert.match(stderr, /usage: /);
  });
});
