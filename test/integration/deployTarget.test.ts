import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { planDeploy, releaseShapeCheck } from '../../common/authentik/deploy';
import { PrepareDeployRequest, SetConnectionsNotification } from '../../common/protocol';
import { AuthentikTestServer, startAuthentikTestServer } from '../authentik-server';
import { LspClient } from '../helpers/lspClient';
import { apiFor, providerYaml, SEED_IDS, TOKEN } from './harness';

const LIST_2024_8 = `name: Grafana
authorization_flow: ${SEED_IDS.flows.explicitConsent}
redirect_uris:
  - matching_mode: strict
    url: https://grafana.example.com/login/generic_oauth
`;

/**
 * A deploy from the editor to a 2024.8.5 server: the language server prepares the body in the shape
 * of the server's release (its own schema), whatever the file's comment says.
 */
describe('deploy through the language server: the server release decides the shape', () => {
  let server: AuthentikTestServer;
  let client: LspClient;
  let cacheDir: string;
  before(async () => {
    server = await startAuthentikTestServer({ token: TOKEN, version: '2024.8.5' });
    cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-target-'));
    ({ client } = await LspClient.start({ initializationOptions: { useEnvironment: false, profileCacheDir: cacheDir } }));
    await client.connection.sendNotification(SetConnectionsNotification, { connections: [{ scopeUri: null, serverUrl: server.url, token: TOKEN, allowInsecureHttp: false }] });
  });
  after(async () => {
    await client.dispose();
    await server.close();
    fs.rmSync(cacheDir, { recursive: true, force: true });
  });
  const prepare = (uri: string) => client.connection.sendRequest(PrepareDeployRequest, { textDocument: { uri, version: 1 } });

  it('refuses a file in the 2024.8.4 shape, with the differences under 2024.8.5, as a mismatch', async () => {
    const uri = 'file:///work/old.oauth2provider.yaml';
    // providerYaml() starts with `# authentik-version: 2024.8.4`.
    await client.open(uri, providerYaml());
    const prepared = await prepare(uri);
    assert.equal(prepared.kind, 'invalid');
    assert.ok(prepared.kind === 'invalid');
    assert.equal(prepared.mismatch, true);
    assert.deepEqual(prepared.target, {
      release: '2024.8.5',
      profileId: 'server-2024.8.5',
      fromServer: true,
      warnings: ["The file's comment on line 1 names authentik 2024.8.4, but the server runs 2024.8.5: it is checked and sent in the shape 2024.8.5 accepts."],
    });
    assert.deepEqual(
      prepared.errors.map((d) => `${d.code}@${d.range.start.line}: ${d.message}`),
      ['wrong-type@4: "redirect_uris" must be a list, not a string.'],
    );
    assert.equal(server.requests.filter((r) => r.method !== 'GET').length, 0);
  });

  it('prepares a list-form file with a comment naming 2024.8.6, with a warning, and its deploy reaches 2024.8.5', async () => {
    const uri = 'file:///work/new.oauth2provider.yaml';
    await client.open(uri, `# authentik-version: 2024.8.6\n${LIST_2024_8}`);
    const prepared = await prepare(uri);
    assert.equal(prepared.kind, 'ready');
    assert.ok(prepared.kind === 'ready' && prepared.target);
    assert.deepEqual(prepared.target.warnings, ["The file's comment on line 1 names authentik 2024.8.6, but the server runs 2024.8.5: it is checked and sent in the shape 2024.8.5 accepts."]);
    const planned = await planDeploy(apiFor(server.url), prepared.body, { checkShape: releaseShapeCheck(prepared.target.release) });
    assert.ok(planned.ok, planned.ok ? '' : planned.failure.message);
    assert.equal(planned.plan.action, 'create');
    assert.equal(planned.plan.serverVersion, '2024.8.5');
  });
});

describe("deploy through the language server: a server whose schema cannot be read", () => {
  let server: AuthentikTestServer;
  let client: LspClient;
  before(async () => {
    server = await startAuthentikTestServer({ token: TOKEN, version: '2024.8.6' });
    // A proxy in front of it answers the schema with its own HTML page.
    server.addFault({ path: '/api/v3/schema/', status: 502, htmlBody: true });
    ({ client } = await LspClient.start({ initializationOptions: { useEnvironment: false } }));
    await client.connection.sendNotification(SetConnectionsNotification, { connections: [{ scopeUri: null, serverUrl: server.url, token: TOKEN, allowInsecureHttp: false }] });
  });
  after(async () => {
    await client.dispose();
    await server.close();
  });

  it("checks against the bundled profile of its release, and says why in the deploy's warnings", async () => {
    const uri = 'file:///work/fallback.oauth2provider.yaml';
    await client.open(uri, LIST_2024_8);
    const prepared = await client.connection.sendRequest(PrepareDeployRequest, { textDocument: { uri, version: 1 } });
    assert.equal(prepared.kind, 'ready');
    assert.ok(prepared.kind === 'ready' && prepared.target);
    assert.equal(prepared.target.release, '2024.8.6');
    assert.equal(prepared.target.profileId, '2024.8.5');
    assert.deepEqual(prepared.target.warnings, [
      `The schema of ${server.url} (/api/v3/schema/) could not be used: The server failed on GET /api/v3/schema/ with HTTP 502 (an HTML error page). Details are in the log. Files are checked with the bundled profile for authentik 2024.8.6, the release /api/v3/admin/version/ names.`,
    ]);
  });
});
