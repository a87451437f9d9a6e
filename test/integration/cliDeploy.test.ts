import { describe, it, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../helpers/cli';
import { providerYaml, SEED_IDS, TOKEN, useTestServer } from './harness';

const server = useTestServer();
const SECRET = 'file-secret-that-must-never-be-printed-8c7b6a';

function writeProvider(text: string, name = 'grafana.oauth2provider.yaml'): { dir: string; file: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'authentik-deploy-'));
  fs.writeFileSync(path.join(dir, name), text);
  return { dir, file: name };
}

/** Neither the token nor any client secret may appear in anything the CLI prints. */
function assertNoSecrets(output: string, ...secrets: string[]): void {
  for (const secret of [TOKEN, SECRET, ...secrets]) assert.ok(!output.includes(secret), `output leaks a secret: ${output}`);
}

describe('cli deploy against the test server', () => {
  beforeEach(() => server().reset());
  const env = () => ({ AUTHENTIK_TOKEN: TOKEN, AUTHENTIK_URL: '' });

  it('creates, then says it updates, then that nothing changed', async () => {
    const { dir, file } = writeProvider(providerYaml('Grafana', `client_secret: ${SECRET}\n`));
    const created = await runCli(['deploy', file, '--url', server().url], { cwd: dir, env: env() });
    assert.equal(created.code, 0, created.stderr);
    assert.match(created.stdout, new RegExp(`^POST ${server().url}/api/v3/providers/oauth2/\\n201 Created · \\d+ ms\\nCreated provider "Grafana" \\(pk \\d+\\)\\.\\n\\n\\{`));
    assert.match(created.stdout, /"client_secret": "••••••••"/);
    assertNoSecrets(created.stdout + created.stderr);

    fs.writeFileSync(path.join(dir, file), providerYaml('Grafana', `client_secret: ${SECRET}\nsub_mode: user_email\n`));
    const dry = await runCli(['deploy', file, '--url', server().url, '--dry-run'], { cwd: dir, env: env() });
    assert.equal(dry.code, 0, dry.stderr);
    assert.match(dry.stdout, /^Dry run, nothing sent\.\nUpdate provider "Grafana" \(pk \d+\) on http:\/\/127\.0\.0\.1:\d+ \(PATCH\):\n  sub_mode: "hashed_user_id" -> "user_email"\n$/);
    assert.equal(server().requests.filter((r) => r.method === 'PATCH').length, 0);

    const updated = await runCli(['deploy', file, '--url', server().url], { cwd: dir, env: env() });
    assert.equal(updated.code, 0, updated.stderr);
    assert.match(updated.stdout, /^PATCH .*\/api\/v3\/providers\/oauth2\/\d+\/\n200 OK · \d+ ms\nUpdated provider "Grafana" \(pk \d+\): sub_mode\.\n/);
    const again = await runCli(['deploy', file, '--url', server().url], { cwd: dir, env: env() });
    assert.equal(again.code, 0);
    assert.match(again.stdout, /^Provider "Grafana" \(pk \d+\) is already up to date; nothing was sent\.\n/);
    assert.equal(server().providers().length, 1);
    assertNoSecrets(dry.stdout + dry.stderr + updated.stdout + updated.stderr + again.stdout + again.stderr);
  });

  it('the generated client secret is masked too', async () => {
    const { dir, file } = writeProvider(providerYaml());
    const result = await runCli(['deploy', file, '--url', server().url], { cwd: dir, env: env() });
    assert.equal(result.code, 0);
    const generated = server().providers()[0].client_secret as string;
    assert.equal(generated.length, 128);
    assertNoSecrets(result.stdout + result.stderr, generated);
  });

  it('a rejected request exits 1 with path:line:col diagnostics', async () => {
    const missingFlow = '00000000-0000-4000-8000-00000000dead';
    const { dir, file } = writeProvider(providerYaml().replace(SEED_IDS.flows.explicitConsent, missingFlow));
    const result = await runCli(['deploy', file, '--url', server().url], { cwd: dir, env: env() });
    assert.equal(result.code, 1);
    assert.match(result.stdout, /^POST .*\n400 Bad Request · \d+ ms\nDeploy failed: The server rejected the provider \(400\)\.\n/);
    assert.ok(result.stdout.endsWith(`\ngrafana.oauth2provider.yaml:3:21: error server-rejected authentik: Invalid pk "${missingFlow}" - object does not exist.\n`), result.stdout);
  });

  it('a name taken by a provider of another type exits 1 before anything is sent', async () => {
    const { dir, file } = writeProvider(providerYaml('Grafana proxy'));
    const result = await runCli(['deploy', file, '--url', server().url], { cwd: dir, env: env() });
    assert.equal(result.code, 1);
    const message = 'The name "Grafana proxy" is taken on the server by a Proxy Provider (pk 1). Provider names are unique across all provider types, so this file can neither create a provider of that name nor update that one: rename the provider in the file. Nothing was sent.';
    assert.equal(result.stdout, `Deploy failed: ${message}\ngrafana.oauth2provider.yaml:2:7: error server-rejected authentik: ${message}\n`);
    const dry = await runCli(['deploy', file, '--url', server().url, '--dry-run'], { cwd: dir, env: env() });
    assert.equal(dry.code, 1);
    assert.equal(dry.stdout, `grafana.oauth2provider.yaml:2:7: error server-rejected authentik: ${message}\n`);
    assert.equal(dry.stderr, `authentik-oauth2 deploy: ${message}\n`);
    assert.equal(server().requests.filter((r) => r.method !== 'GET').length, 0);
    assert.deepEqual(server().requests.find((r) => r.path === '/api/v3/providers/all/')?.query, { search: 'Grafana proxy', page: '1', page_size: '100' });
  });

  it('a file with errors is not sent', async () => {
    const { dir, file } = writeProvider('# authentik-version: 2024.8.4\nname: x\nclient_type: secret\n');
    const result = await runCli(['deploy', file, '--url', server().url], { cwd: dir, env: env() });
    assert.equal(result.code, 1);
    assert.match(result.stdout, /^grafana\.oauth2provider\.yaml:2:1: error missing-required Missing required key "authorization_flow"/);
    assert.match(result.stdout, /grafana\.oauth2provider\.yaml:3:14: error invalid-enum "secret" is not a valid choice/);
    assert.match(result.stderr, /has 2 error\(s\) for authentik 2024\.8\.4, the server's release; nothing was sent\./);
    // Only what says which release the server runs was asked (the schema, unless an earlier test cached it).
    const asked = server().requests.map((r) => `${r.method} ${r.path}`);
    assert.ok(asked.includes('GET /api/v3/admin/version/'));
    assert.deepEqual(asked.filter((a) => a !== 'GET /api/v3/admin/version/' && a !== 'GET /api/v3/schema/'), []);
  });

  it('a bad token exits 1 with the 403 text, never showing the token', async () => {
    const { dir, file } = writeProvider(providerYaml());
    const result = await runCli(['deploy', file, '--url', server().url], { cwd: dir, env: { AUTHENTIK_TOKEN: 'bad-token-0000' } });
    assert.equal(result.code, 1);
    assert.match(result.stdout, /Deploy failed: 403 Token invalid\/expired: The API token is invalid or expired/);
    assert.ok(!(result.stdout + result.stderr).includes('bad-token-0000'));
  });

  it('usage and connection errors exit 2', async () => {
    const { dir, file } = writeProvider(providerYaml());
    const noToken = await runCli(['deploy', file, '--url', server().url], { cwd: dir, env: { AUTHENTIK_TOKEN: '' } });
    assert.equal(noToken.code, 2);
    assert.equal(noToken.stderr, 'authentik-oauth2 deploy: set the API token in the AUTHENTIK_TOKEN environment variable.\n');
    const insecure = await runCli(['deploy', file, '--url', 'http://auth.example.com'], { cwd: dir, env: env() });
    assert.equal(insecure.code, 2);
    assert.match(insecure.stderr, /Refusing to send the API token over plain http to auth\.example\.com/);
    const missing = await runCli(['deploy', 'nope.oauth2provider.yaml', '--url', server().url], { cwd: dir, env: env() });
    assert.equal(missing.code, 2);
    assert.equal(missing.stderr, 'authentik-oauth2 deploy: nope.oauth2provider.yaml: no such file or directory\n');
    // Asked twice: for the server's profile (its schema then answers), then by the deploy plan.
    server().addFault({ path: '/api/v3/admin/version/', status: 502, htmlBody: true, times: 2 });
    const down = await runCli(['deploy', file, '--url', server().url], { cwd: dir, env: env() });
    assert.equal(down.code, 2);
    assert.match(down.stdout, /Deploy failed: The server failed on GET \/api\/v3\/admin\/version\/ with HTTP 502/);
    assertNoSecrets(noToken.stderr + insecure.stderr + missing.stderr + down.stdout + down.stderr);
  });
});
