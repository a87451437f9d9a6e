import { describe, it, after, before } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AuthentikTestServer, SEED_IDS, startAuthentikTestServer } from '../authentik-server';
import { runCli } from '../helpers/cli';
import { providerYaml, TOKEN } from './harness';

/** 2024.10.3 and later: the list form and invalidation_flow. */
const MODERN = `name: Grafana
authorization_flow: ${SEED_IDS.flows.explicitConsent}
invalidation_flow: ${SEED_IDS.flows.invalidation}
redirect_uris:
  - matching_mode: strict
    url: https://grafana.example.com/login/generic_oauth
`;

/** 2024.8.5 and 2024.8.6: the list form, no invalidation_flow. */
const LIST_2024_8 = `name: Grafana
authorization_flow: ${SEED_IDS.flows.explicitConsent}
redirect_uris:
  - matching_mode: strict
    url: https://grafana.example.com/login/generic_oauth
`;

function inTempDir(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'authentik-cli-profile-'));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

function useServerOf(version: string): () => AuthentikTestServer {
  let server: AuthentikTestServer | undefined;
  before(async () => {
    server = await startAuthentikTestServer({ token: TOKEN, version });
  });
  after(() => server?.close());
  return () => server!;
}

describe('cli validate --url: the server decides the release', () => {
  const modern = useServerOf('2026.2.2');
  const old = useServerOf('2024.8.4');
  let cacheHome = '';
  before(() => {
    cacheHome = fs.mkdtempSync(path.join(os.tmpdir(), 'authentik-cli-xdg-'));
  });
  after(() => fs.rmSync(cacheHome, { recursive: true, force: true }));
  const env = (token = '') => ({ AUTHENTIK_TOKEN: token, XDG_CACHE_HOME: cacheHome });

  it("checks a 2026-shaped file clean with a 2026.2.2 server's schema, says so, and caches the schema", async () => {
    const dir = inTempDir({ 'grafana.oauth2provider.yaml': MODERN });
    const result = await runCli(['validate', '.', '--url', modern().url], { cwd: dir, env: env() });
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /Checked for authentik 2026\.2\.2 \(the connected server runs 2026\.2\.2\)\./);
    assert.equal(result.stderr, 'authentik-oauth2: no AUTHENTIK_TOKEN: references are not checked against the server.\n');
    assert.ok(modern().requests.some((r) => r.path === '/api/v3/schema/'));
    assert.equal(fs.readdirSync(path.join(cacheHome, 'authentik-oauth2')).length, 1);
  });

  it('flags the same file against a 2024.8.4 server, exit 1', async () => {
    const dir = inTempDir({ 'grafana.oauth2provider.yaml': MODERN });
    const result = await runCli(['validate', '.', '--url', old().url, '--format', 'json'], { cwd: dir, env: env() });
    assert.equal(result.code, 1, result.stderr);
    const [file] = JSON.parse(result.stdout).files ?? JSON.parse(result.stdout);
    assert.equal(file.profile.release, '2024.8.4');
    assert.equal(file.profile.source, 'server');
    assert.ok(file.diagnostics.some((d: { code: string; severity: string }) => d.code === 'wrong-type' && d.severity === 'error'), result.stdout);
  });

  it('with AUTHENTIK_TOKEN, checks references against the server', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    const dir = inTempDir({ 'grafana.oauth2provider.yaml': MODERN.replace(SEED_IDS.flows.invalidation, missing) });
    const result = await runCli(['validate', '.', '--url', modern().url, '--format', 'json'], { cwd: dir, env: env(TOKEN) });
    assert.equal(result.stderr, '');
    const [file] = JSON.parse(result.stdout).files ?? JSON.parse(result.stdout);
    const found = file.diagnostics.filter((d: { code: string }) => d.code === 'reference-not-found');
    assert.equal(found.length, 1, result.stdout);
    assert.equal(found[0].range.start.line, 2);
  });

  it('refuses a URL it would send the token to in clear text (usage error, exit 2)', async () => {
    const result = await runCli(['validate', '.', '--url', 'http://auth.example.com'], { env: env() });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /--url: Refusing to send the API token over plain http to auth\.example\.com/);
  });
});

describe('cli deploy: the server release decides the shape', () => {
  const server = useServerOf('2024.8.5');
  const env = () => ({ AUTHENTIK_TOKEN: TOKEN, AUTHENTIK_URL: '' });

  it('deploys a list-form file to 2024.8.5 (once treated as an old-shape server)', async () => {
    server().reset();
    const dir = inTempDir({ 'grafana.oauth2provider.yaml': LIST_2024_8 });
    const result = await runCli(['deploy', 'grafana.oauth2provider.yaml', '--url', server().url], { cwd: dir, env: env() });
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /201 Created/);
    const post = server().requests.find((r) => r.method === 'POST');
    assert.deepEqual((post?.body as { redirect_uris: unknown }).redirect_uris, [{ matching_mode: 'strict', url: 'https://grafana.example.com/login/generic_oauth' }]);
  });

  it('refuses a string-form file before anything is sent, with the differences', async () => {
    server().reset();
    const dir = inTempDir({ 'grafana.oauth2provider.yaml': providerYaml() });
    const result = await runCli(['deploy', 'grafana.oauth2provider.yaml', '--url', server().url], { cwd: dir, env: env() });
    assert.equal(result.code, 1, result.stdout + result.stderr);
    // providerYaml() starts with its version comment: redirect_uris is on line 5.
    assert.match(result.stdout, /grafana\.oauth2provider\.yaml:5:\d+: error .*redirect_uris/);
    assert.match(
      result.stderr,
      /grafana\.oauth2provider\.yaml is in the shape of authentik 2023\.5\.0 to 2024\.8\.4, not the one authentik 2024\.8\.5 on the server accepts \(\d+ difference\(s\) above\); convert it first \(authentik-oauth2 migrate grafana\.oauth2provider\.yaml --to 2024\.8\.5 --write\)\. Nothing was sent\./,
    );
    assert.equal(server().requests.filter((r) => r.method !== 'GET').length, 0);
  });

  it('warns on stderr when the comment names another release, and deploys in the server shape', async () => {
    server().reset();
    const dir = inTempDir({ 'grafana.oauth2provider.yaml': `# authentik-version: 2024.8.6\n${LIST_2024_8}` });
    const result = await runCli(['deploy', 'grafana.oauth2provider.yaml', '--url', server().url], { cwd: dir, env: env() });
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.match(
      result.stderr,
      /^authentik-oauth2 deploy: warning: The file's comment on line 1 names authentik 2024\.8\.6, but the server runs 2024\.8\.5: it is checked and sent in the shape 2024\.8\.5 accepts\.$/m,
    );
  });
});
