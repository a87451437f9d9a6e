import { describe, it, beforeEach, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import * as os from 'node:os';
import * as path from 'node:path';
import { AddressInfo } from 'node:net';
import { deployBody, renderOutcome } from '../../common/authentik/deployRun';
import { apiFor, bodyOf, providerYaml, TEST_SERVER_CHECK, TOKEN, useTestServer } from './harness';

const server = useTestServer();

/** A local server that only counts what reaches it: the "other origin" of a redirect. */
function startCountingServer(): Promise<{ url: string; requests: http.IncomingMessage[]; close: () => Promise<void> }> {
  const requests: http.IncomingMessage[] = [];
  const s = http.createServer((req, res) => {
    requests.push(req);
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
  return new Promise((resolve) =>
    s.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(s.address() as AddressInfo).port}`, requests, close: () => new Promise((r) => s.close(() => r())) })),
  );
}

function closedPortUrl(): Promise<string> {
  const s = http.createServer();
  return new Promise((resolve) => s.listen(0, '127.0.0.1', () => {
    const port = (s.address() as AddressInfo).port;
    s.close(() => resolve(`http://127.0.0.1:${port}`));
  }));
}

/** Every fault: the user sees a specific message, no second provider appears, the token goes nowhere else. */
describe('deploy against a failing server', () => {
  beforeEach(() => server().reset());

  const deploy = (timeoutMs = 5000, signal?: AbortSignal, url = server().url) => deployBody(apiFor(url, TOKEN, timeoutMs), bodyOf(providerYaml()), { checkShape: TEST_SERVER_CHECK, signal });

  it('connection refused', async () => {
    const outcome = await deploy(5000, undefined, await closedPortUrl());
    assert.equal(outcome.failure?.kind, 'transport');
    assert.equal(outcome.failure?.transport, 'refused');
    assert.match(outcome.summary, /^Connection refused by 127\.0\.0\.1:\d+: is the server running\?$/);
  });

  it('a DNS failure', async () => {
    const outcome = await deployBody(apiFor('https://authentik.invalid', TOKEN, 10_000), bodyOf(providerYaml()), { checkShape: TEST_SERVER_CHECK });
    assert.equal(outcome.failure?.transport, 'dns');
    assert.equal(outcome.summary, 'Could not resolve authentik.invalid (DNS lookup failed).');
  });

  describe('a TLS certificate the system does not trust', () => {
    let tls: https.Server | undefined;
    let url = '';
    before(async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'authentik-tls-'));
      execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=127.0.0.1'], { stdio: 'ignore' });
      tls = https.createServer({ key: fs.readFileSync(path.join(dir, 'key.pem')), cert: fs.readFileSync(path.join(dir, 'cert.pem')) }, (_req, res) => res.end('{}'));
      await new Promise<void>((resolve) => tls!.listen(0, '127.0.0.1', () => resolve()));
      url = `https://127.0.0.1:${(tls.address() as AddressInfo).port}`;
    });
    after(() => new Promise<void>((resolve) => (tls ? tls.close(() => resolve()) : resolve())));

    it('is a TLS error, not a generic failure', async () => {
      const outcome = await deploy(5000, undefined, url);
      assert.equal(outcome.failure?.transport, 'tls');
      assert.match(outcome.summary, /^TLS error talking to 127\.0\.0\.1:\d+: self[- ]signed certificate/);
    });
  });

  it('a timeout on the lookup sends no write', async () => {
    server().addFault({ path: '/api/v3/admin/version/', latencyMs: 3000, times: 1 });
    const outcome = await deploy(300);
    assert.equal(outcome.failure?.transport, 'timeout');
    assert.match(outcome.summary, /^No response from 127\.0\.0\.1:\d+ within 0\.3 s\.$/);
    assert.equal(server().requests.filter((r) => r.method === 'POST').length, 0);
  });

  it('a timeout on the POST says it may have been applied, and a second deploy does not duplicate', async () => {
    server().addFault({ method: 'POST', latencyMs: 800, times: 1 });
    const first = await deploy(300);
    assert.equal(first.failure?.transport, 'timeout');
    assert.match(first.summary, /may still have applied it: deploying again looks the provider up by name/);
    // Whether or not the abandoned POST was applied, deploying again leaves exactly one provider.
    const second = await deploy();
    assert.equal(second.ok, true);
    assert.equal(server().providers().length, 1);
  });

  it('a slow response cancelled by the user', async () => {
    server().addFault({ path: '/api/v3/admin/version/', latencyMs: 5000, times: 1 });
    const controller = new AbortController();
    const pending = deploy(10_000, controller.signal);
    while (!server().requests.some((r) => r.path === '/api/v3/admin/version/')) await new Promise((r) => setImmediate(r));
    controller.abort();
    const outcome = await pending;
    assert.equal(outcome.failure?.transport, 'cancelled');
    assert.equal(outcome.summary, 'The request was cancelled.');
    assert.equal(server().providers().length, 0);
  });

  it('a connection dropped in the middle of the body', async () => {
    server().addFault({ method: 'POST', dropMidBody: true, times: 1 });
    const outcome = await deploy();
    assert.equal(outcome.failure?.transport, 'reset');
    assert.match(outcome.summary, /^The connection to 127\.0\.0\.1:\d+ was closed before the response was complete\. The server may still have applied it/);
    const again = await deploy();
    assert.equal(again.ok, true);
    assert.equal(server().providers().length, 1);
  });

  for (const status of [500, 502]) {
    it(`${status} with an HTML page`, async () => {
      server().addFault({ method: 'POST', status, htmlBody: true, times: 1 });
      const outcome = await deploy();
      assert.equal(outcome.failure?.kind, 'server-error');
      assert.equal(outcome.status, status);
      assert.equal(outcome.summary, `The server failed on POST /api/v3/providers/oauth2/ with HTTP ${status} (an HTML error page). Details are in the log.`);
      assert.match(outcome.failure?.detail ?? '', /</);
      assert.equal(server().providers().length, 0);
    });
  }

  it('a duration the server cannot handle (authentik answers 405)', async () => {
    const outcome = await deployBody(apiFor(server().url), { ...bodyOf(providerYaml()), access_token_validity: 'hours=inf' }, { checkShape: TEST_SERVER_CHECK });
    assert.equal(outcome.failure?.kind, 'server-error');
    assert.equal(outcome.status, 405);
    assert.match(outcome.summary, /HTTP 405: authentik answers this way when a write fails inside the server/);
  });

  it('malformed JSON in a 201', async () => {
    server().addFault({ method: 'POST', malformedJson: true, times: 1 });
    const outcome = await deploy();
    assert.equal(outcome.failure?.kind, 'malformed-json');
    assert.match(outcome.summary, /^The server answered POST \/api\/v3\/providers\/oauth2\/ with 201 but its JSON is malformed/);
    assert.equal(server().providers().length, 1);
    const again = await deploy();
    assert.equal(again.action, 'none');
    assert.equal(server().providers().length, 1);
  });

  it('a redirect to another origin is not followed, so the token never reaches it', async () => {
    const other = await startCountingServer();
    try {
      server().addFault({ redirectTo: other.url });
      const outcome = await deploy();
      assert.equal(outcome.failure?.kind, 'redirect');
      assert.equal(outcome.summary, `The server answered GET /api/v3/admin/version/ with a redirect (302) to another origin, ${other.url}. It was not followed, so the token stays with ${server().url}: check authentik.serverUrl.`);
      assert.equal(other.requests.length, 0);
    } finally {
      server().clearFaults();
      await other.close();
    }
  });

  it('a response body of tens of MB is cut off', async () => {
    server().addFault({ path: '/api/v3/providers/oauth2/', method: 'GET', hugeBodyBytes: 30 * 1024 * 1024, times: 1 });
    const outcome = await deploy();
    assert.equal(outcome.failure?.transport, 'too-large');
    assert.match(outcome.summary, /^The response from 127\.0\.0\.1:\d+ is larger than 8 MiB; it was not read\.$/);
    assert.equal(server().requests.filter((r) => r.method === 'POST').length, 0);
  });

  it('an HTML login page with 200 (a proxy in front of the server)', async () => {
    server().addFault({ path: '/api/v3/admin/version/', status: 200, htmlBody: true, times: 1 });
    const outcome = await deploy();
    assert.equal(outcome.failure?.kind, 'html');
    assert.match(outcome.summary, /an HTML page instead of JSON: is authentik\.serverUrl the authentik server/);
  });

  it('no rendered failure contains the token', async () => {
    server().addFault({ method: 'POST', status: 500, htmlBody: true, times: 1 });
    const outcome = await deploy();
    assert.ok(!renderOutcome(outcome).includes(TOKEN));
    assert.ok(!JSON.stringify(outcome).includes(TOKEN));
  });
});
