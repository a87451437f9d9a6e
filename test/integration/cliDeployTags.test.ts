import { after, describe, it, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../helpers/cli';
import { SEED_IDS, TOKEN, useTestServer } from './harness';

const server = useTestServer();
// Quotes, a slash and markup: every encoding writes it differently; "Qz4Vn8Tk" is in all of them.
const SECRET = `env-se"cret/<b>Qz4Vn8Tk-7d1e`;
const MARKER = 'Qz4Vn8Tk';

const made: string[] = [];
after(() => made.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/** A portable file: every reference by slug, name or managed id, the secret from the environment. */
const PORTABLE = `# authentik-version: 2024.8.4
name: Grafana
authorization_flow: !ref default-provider-authorization-explicit-consent
client_type: confidential
client_secret: !env GRAFANA_CLIENT_SECRET
redirect_uris: |
  https://grafana\\.example\\.com/login/generic_oauth
property_mappings:
  - !ref goauthentik.io/providers/oauth2/scope-openid
  - !Find [authentik_providers_oauth2.scopemapping, [managed, goauthentik.io/providers/oauth2/scope-email]]
signing_key: !ref authentik Self-signed Certificate
`;

function writeProvider(text: string, name = 'grafana.oauth2provider.yaml'): { dir: string; file: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'authentik-tags-'));
  made.push(dir);
  fs.writeFileSync(path.join(dir, name), text);
  return { dir, file: name };
}

const writes = () => server().requests.filter((r) => r.method !== 'GET');

describe('cli deploy of one file resolves its tags first', () => {
  beforeEach(() => server().reset());
  const env = (extra: NodeJS.ProcessEnv = { GRAFANA_CLIENT_SECRET: SECRET }) => ({ AUTHENTIK_TOKEN: TOKEN, AUTHENTIK_URL: '', ...extra });

  it('sends the UUIDs the references name and the secret from the environment, and never prints the secret', async () => {
    const { dir, file } = writeProvider(PORTABLE);
    const result = await runCli(['deploy', file, '--url', server().url], { cwd: dir, env: env() });
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /^POST .*\/api\/v3\/providers\/oauth2\/\n201 Created · \d+ ms\nCreated provider "Grafana" \(pk \d+\)\.\n/);
    const [post] = writes();
    assert.equal(post.method, 'POST');
    const body = post.body as Record<string, unknown>;
    assert.equal(body.authorization_flow, SEED_IDS.flows.explicitConsent);
    assert.deepEqual(body.property_mappings, [SEED_IDS.scopeMappings.openid, SEED_IDS.scopeMappings.email]);
    assert.equal(body.signing_key, SEED_IDS.keyPairs.selfSigned);
    assert.equal(body.client_secret, SECRET);
    assert.equal(server().providers()[0].client_secret, SECRET);
    assert.ok(!(result.stdout + result.stderr).includes(MARKER), result.stdout);
    // The answer carried the secret back: it is masked.
    assert.match(result.stdout, /"client_secret": "••••••••"/);
  });

  it('--dry-run shows each tag and what it resolved to, the variable only as set', async () => {
    const { dir, file } = writeProvider(PORTABLE);
    const result = await runCli(['deploy', file, '--url', server().url, '--dry-run'], { cwd: dir, env: env() });
    assert.equal(result.code, 0, result.stderr);
    const lines = result.stdout.split('\n');
    assert.equal(lines[0], 'Dry run, nothing sent.');
    assert.match(lines[1], /^Create provider "Grafana" on http:\/\/127\.0\.0\.1:\d+ \(POST\) with name, authorization_flow, client_type, client_secret, redirect_uris, property_mappings, signing_key\.$/);
    assert.deepEqual(lines.slice(2), [
      'Resolved:',
      `  authorization_flow ← !ref default-provider-authorization-explicit-consent → Authorize Application (${SEED_IDS.flows.explicitConsent})`,
      '  client_secret ← !env GRAFANA_CLIENT_SECRET: set',
      `  property_mappings[0] ← !ref goauthentik.io/providers/oauth2/scope-openid → authentik default OAuth Mapping: OpenID 'openid' (${SEED_IDS.scopeMappings.openid})`,
      `  property_mappings[1] ← !Find [authentik_providers_oauth2.scopemapping, [managed, goauthentik.io/providers/oauth2/scope-email]] → authentik default OAuth Mapping: OpenID 'email' (${SEED_IDS.scopeMappings.email})`,
      `  signing_key ← !ref authentik Self-signed Certificate → authentik Self-signed Certificate (${SEED_IDS.keyPairs.selfSigned})`,
      '',
    ]);
    assert.deepEqual(writes(), []);
    assert.ok(!(result.stdout + result.stderr).includes(MARKER));
  });

  it('--dry-run --format markdown lists the tags in a table', async () => {
    const { dir, file } = writeProvider(PORTABLE);
    const result = await runCli(['deploy', file, '--url', server().url, '--dry-run', '--format', 'markdown'], { cwd: dir, env: env() });
    assert.equal(result.code, 0, result.stderr);
    assert.ok(result.stdout.includes('\nResolved on the server and from the environment:\n\n| Field | Tag → value |\n| --- | --- |\n'), result.stdout);
    assert.ok(result.stdout.includes('| `client_secret` | `!env GRAFANA_CLIENT_SECRET: set` |\n'), result.stdout);
    assert.ok(result.stdout.includes('| `client_secret` | `••••••••` |'), result.stdout);
    assert.ok(!(result.stdout + result.stderr).includes(MARKER));
  });

  it('a reference that resolves to nothing stops the deploy on its line and column; nothing is sent', async () => {
    const { dir, file } = writeProvider(PORTABLE.replace('!ref default-provider-authorization-explicit-consent', '!ref no-such-flow'));
    const result = await runCli(['deploy', file, '--url', server().url], { cwd: dir, env: env() });
    assert.equal(result.code, 1);
    assert.equal(result.stdout, 'grafana.oauth2provider.yaml:3:21: error reference-unresolved No authorization flow on the server has the slug "no-such-flow".\n');
    assert.equal(result.stderr, 'authentik-oauth2 deploy: grafana.oauth2provider.yaml: 1 tag(s) could not be resolved on the server or from the environment; nothing was sent.\n');
    assert.deepEqual(writes(), []);
  });

  it('an unset variable is an error naming it; nothing is sent', async () => {
    const { dir, file } = writeProvider(PORTABLE);
    const result = await runCli(['deploy', file, '--url', server().url], { cwd: dir, env: env({ GRAFANA_CLIENT_SECRET: undefined }) });
    assert.equal(result.code, 1);
    assert.equal(result.stdout, 'grafana.oauth2provider.yaml:5:16: error env-missing The environment variable GRAFANA_CLIENT_SECRET is not set.\n');
    assert.deepEqual(writes(), []);
  });

  for (const [label, fault] of [
    ['a 400 that echoes the request', { method: 'POST', status: 400, echo: true }],
    ['a 500 HTML page that echoes the request', { method: 'POST', status: 500, echo: true, htmlBody: true }],
    ['a 201 that echoes the request', { method: 'POST', status: 201, echo: true }],
  ] as const) {
    it(`${label}: the !env value is in no output`, async () => {
      server().addFault({ ...fault });
      const { dir, file } = writeProvider(PORTABLE);
      const result = await runCli(['deploy', file, '--url', server().url], { cwd: dir, env: env() });
      assert.notEqual(result.code, 0);
      // The server did get it: the echo carried it.
      assert.ok(server().requests.at(-1)!.rawBody.includes(MARKER));
      assert.ok(!(result.stdout + result.stderr).includes(MARKER), result.stdout + result.stderr);
    });
  }

  it('a !env value in another field (client_id) is masked as well', async () => {
    const clientId = 'grafana-id-Wp3Xc9Lm2b';
    const { dir, file } = writeProvider(PORTABLE + 'client_id: !env GRAFANA_CLIENT_ID\n');
    const result = await runCli(['deploy', file, '--url', server().url], { cwd: dir, env: env({ GRAFANA_CLIENT_SECRET: SECRET, GRAFANA_CLIENT_ID: clientId }) });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(server().providers()[0].client_id, clientId);
    assert.ok(!(result.stdout + result.stderr).includes('Wp3Xc9Lm2b'), result.stdout);
  });
});
