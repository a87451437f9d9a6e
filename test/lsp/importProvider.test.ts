import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ErrorCodes } from 'vscode-languageserver-protocol/node';
import { ExportProviderRequest, ListProvidersRequest, SetConnectionsNotification } from '../../common/protocol';
import { AuthentikTestServer, SEED_IDS, startAuthentikTestServer } from '../authentik-server';
import { LspClient } from '../helpers/lspClient';
import { apiFor } from '../integration/harness';
import { TEST_TIMEOUT } from './documents';

const TOKEN = 'lsp-import-token-8c7b6a5d';
const SECRET = 'lsp-import-secret-Vb7Nm3Qw9Er1Ty5Ui8Op2As4Df6Gh0';
const FOLDER = 'file:///work/import-folder';
const OTHER_FOLDER = 'file:///work/no-server';

describe('lsp: authentik/listProviders and authentik/exportProvider', TEST_TIMEOUT, () => {
  let server: AuthentikTestServer;
  let client: LspClient;
  let grafanaPk = 0;
  before(async () => {
    server = await startAuthentikTestServer({ version: '2026.5', token: TOKEN });
    const api = apiFor(server.url, TOKEN);
    const created = await api.request<{ pk: number }>('POST', '/api/v3/providers/oauth2/', {
      body: {
        name: 'Grafana (prod)',
        authorization_flow: SEED_IDS.flows.explicitConsent,
        invalidation_flow: SEED_IDS.flows.providerInvalidation,
        client_id: 'grafana-prod',
        client_secret: SECRET,
        signing_key: SEED_IDS.keyPairs.selfSigned,
        property_mappings: [SEED_IDS.scopeMappings.openid],
        redirect_uris: [{ matching_mode: 'strict', url: 'https://grafana\\.example\\.com/cb' }],
      },
    });
    assert.ok(created.ok);
    grafanaPk = created.body.pk;
    const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lsp-import-'));
    ({ client } = await LspClient.start({ initializationOptions: { useEnvironment: false, profileCacheDir: cacheDir } }));
    await client.connection.sendNotification(SetConnectionsNotification, {
      connections: [
        { scopeUri: FOLDER, serverUrl: server.url, token: TOKEN, allowInsecureHttp: false },
        { scopeUri: OTHER_FOLDER, serverUrl: '', token: undefined, allowInsecureHttp: false },
      ],
    });
  });
  after(async () => {
    await client?.stop();
    await server?.close();
  });

  it("lists the folder's server's OAuth2 providers by pk, name and client id, never a secret", async () => {
    const result = await client.connection.sendRequest(ListProvidersRequest, { folder: FOLDER });
    assert.deepEqual(result, { kind: 'providers', providers: [{ pk: grafanaPk, name: 'Grafana (prod)', clientId: 'grafana-prod' }] });
    assert.ok(!JSON.stringify(result).includes(SECRET));
  });

  it('exports one as a file: references by slug or name, the secret as !env, the notes one line each', async () => {
    const result = await client.connection.sendRequest(ExportProviderRequest, { folder: FOLDER, pk: grafanaPk });
    assert.equal(result.kind, 'exported');
    if (result.kind !== 'exported') return;
    assert.equal(result.fileName, 'grafana-prod.oauth2provider.yaml');
    assert.ok(result.text.startsWith('# authentik-version: 2026.5'), result.text);
    assert.match(result.text, /^authorization_flow: !ref default-provider-authorization-explicit-consent$/m);
    assert.match(result.text, /^signing_key: !ref authentik Self-signed Certificate$/m);
    assert.match(result.text, /^client_secret: !env GRAFANA_PROD_CLIENT_SECRET$/m);
    assert.deepEqual(result.notes, ['redirect_uris[0]: a strict entry with backslashes (https://grafana\\.example\\.com/cb) matches only that exact text.']);
    assert.ok(!JSON.stringify(result).includes(SECRET));
    assert.ok(!client.stderr.includes(SECRET) && !JSON.stringify(client.logs).includes(SECRET), 'nothing logged holds the secret');
  });

  it('leaves out a proxy provider the OAuth2 list shows too (authentik 2024.8 does), and will not export it', async () => {
    const api = apiFor(server.url, TOKEN);
    const list = await api.listAll<Record<string, unknown>>('/api/v3/providers/oauth2/');
    assert.ok(list.ok);
    // pk 1 is the seed's proxy provider "Grafana proxy"; /providers/all/ says what it is.
    const results = [...list.body, { ...list.body[0], pk: 1, name: 'Grafana proxy', client_id: 'proxy-client' }];
    const pagination = { next: 0, previous: 0, count: results.length, current: 1, total_pages: 1, start_index: 1, end_index: results.length };
    server.addFault({ method: 'GET', path: '/api/v3/providers/oauth2/', json: { pagination, results } });
    try {
      const listed = await client.connection.sendRequest(ListProvidersRequest, { folder: FOLDER });
      assert.deepEqual(listed, { kind: 'providers', providers: [{ pk: grafanaPk, name: 'Grafana (prod)', clientId: 'grafana-prod' }] });
      const exported = await client.connection.sendRequest(ExportProviderRequest, { folder: FOLDER, pk: 1 });
      assert.deepEqual(exported, { kind: 'unavailable', message: 'Provider pk 1 is not an OAuth2 provider (the OAuth2 list shows it because its type is built on OAuth2 providers).' });
    } finally {
      server.clearFaults();
    }
  });

  it('a folder without a server, a pk the server does not have: unavailable, with the reason', async () => {
    assert.deepEqual(await client.connection.sendRequest(ListProvidersRequest, { folder: OTHER_FOLDER }), {
      kind: 'unavailable',
      message: 'No authentik server is connected for this folder: set authentik.serverUrl and the API token.',
    });
    assert.deepEqual(await client.connection.sendRequest(ExportProviderRequest, { folder: FOLDER, pk: 999 }), { kind: 'unavailable', message: 'The server has no OAuth2 provider pk 999 (any more).' });
  });

  it('malformed params are refused with InvalidParams', async () => {
    for (const [params, message] of [
      [{ folder: 5 }, 'folder must be a string, not a number'],
      [{ pk: '3' }, 'pk must be an integer, not a string'],
      [{ pk: 0 }, 'pk must be a positive integer'],
    ] as const) {
      const method = 'pk' in params ? ExportProviderRequest.method : ListProvidersRequest.method;
      await assert.rejects(client.request(method, params), (error: { code: number; message: string }) => {
        assert.equal(error.code, ErrorCodes.InvalidParams);
        assert.ok(error.message.includes(message), error.message);
        return true;
      });
    }
  });
});
