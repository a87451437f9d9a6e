import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AuthentikApi } from '../../common/authentik/apiClient';
import { planDeploy, releaseShapeCheck } from '../../common/authentik/deploy';
import { NodeHttpClient } from '../../common/authentik/http';
import { storedFieldsOf } from '../../common/authentik/storedValues';
import { PrepareDeployRequest, SetConnectionsNotification } from '../../common/protocol';
import { AuthentikTestServer, startAuthentikTestServer } from '../authentik-server';
import { LspClient } from '../helpers/lspClient';
import { TEST_TIMEOUT, uniqueUri } from './documents';

const TOKEN = 'lsp-deploy-stored-token-3c2b1a';

/** A 2026.5 file whose redirect_uris entry leaves redirect_uri_type to the server's default. */
const CURRENT = `# authentik-version: 2026.5
name: Dashboard
authorization_flow: !ref default-provider-authorization-explicit-consent
invalidation_flow: !ref default-provider-invalidation-flow
client_type: public
client_id: dashboard
grant_types: [authorization_code]
redirect_uris:
  - matching_mode: strict
    url: https://dashboard.example.com/cb
`;

/**
 * The editor's deploy compares the file with the live provider as the server of the file's release
 * stores it: prepareDeploy gives the request schema of that release with the body, and a file the
 * server already holds is up to date.
 */
describe('lsp: prepareDeploy gives how the release stores each field', TEST_TIMEOUT, () => {
  let server: AuthentikTestServer;
  let client: LspClient;
  before(async () => {
    server = await startAuthentikTestServer({ token: TOKEN, version: '2026.5' });
    ({ client } = await LspClient.start({ initializationOptions: { useEnvironment: false } }));
    await client.connection.sendNotification(SetConnectionsNotification, { connections: [{ scopeUri: null, serverUrl: server.url, token: TOKEN, allowInsecureHttp: false }] });
  });
  after(async () => {
    await client.dispose();
    await server.close();
  });

  it('an unchanged 2026.5 file is up to date once the server holds it; compared as 2024.8 stores it, it would not be', async () => {
    const uri = uniqueUri('stored-fields');
    await client.open(uri, CURRENT);
    const prepared = await client.connection.sendRequest(PrepareDeployRequest, { textDocument: { uri, version: 1 } });
    assert.equal(prepared.kind, 'ready', JSON.stringify(prepared));
    assert.ok(prepared.kind === 'ready');
    const api = new AuthentikApi({ baseUrl: server.url, token: TOKEN, allowInsecureHttp: false, timeoutMs: 5000 }, new NodeHttpClient());
    const created = await api.request('POST', '/api/v3/providers/oauth2/', { body: prepared.body });
    assert.ok(created.ok && created.status === 201);

    const checkShape = releaseShapeCheck(prepared.target!.release);
    const planned = await planDeploy(api, prepared.body, { checkShape, fields: storedFieldsOf(prepared.requestSchema) });
    assert.ok(planned.ok && planned.plan.action === 'update');
    assert.deepEqual(planned.plan.changes, []);
    // The server filled in redirect_uri_type: without the release's schema, that default reads as a change.
    const legacy = await planDeploy(api, prepared.body, { checkShape });
    assert.ok(legacy.ok && legacy.plan.action === 'update');
    assert.deepEqual(legacy.plan.changes.map((c) => c.key), ['redirect_uris']);
  });
});
