import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import { ReferencesStatusNotification, SetConnectionsNotification } from '../../common/protocol';
import { LspClient } from '../helpers/lspClient';
import { TEST_TIMEOUT } from './documents';

const FLOW = '8f3b0c7e-6a44-4b1e-9a5e-1f2d3c4b5a60';

describe('lsp: numeric settings from a workspace are clamped to their range', TEST_TIMEOUT, () => {
  let server: http.Server;
  let url: string;
  let flowLists = 0;
  before(async () => {
    server = http.createServer((request, response) => {
      const path = new URL(request.url ?? '/', 'http://x').pathname;
      if (path === '/api/v3/flows/instances/') flowLists++;
      const results = path === '/api/v3/flows/instances/' ? [{ pk: FLOW, name: 'Authorize', slug: 'authorize', designation: 'authorization' }] : [];
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ pagination: { next: 0 }, results }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('referencesTtlSeconds: 0.001 does not make every keystroke fetch the lists again', async () => {
    const { client } = await LspClient.start({ initializationOptions: { useEnvironment: false } });
    try {
      // What VS Code pushes: the user's settings merged with the workspace's own.
      await client.changeConfiguration({ authentik: { referencesTtlSeconds: 0.001 } });
      const loaded = client.next(ReferencesStatusNotification.method, () => true, 10_000);
      await client.connection.sendNotification(SetConnectionsNotification, { connections: [{ scopeUri: null, serverUrl: url, token: 't', allowInsecureHttp: false }] });
      await loaded;
      const uri = 'file:///workspace/ttl.oauth2provider.yaml';
      await client.open(uri, 'name: x\nauthorization_flow: \n');
      for (let i = 0; i < 10; i++) {
        await new Promise((resolve) => setTimeout(resolve, 30));
        const items = await client.complete(uri, { line: 1, character: 20 });
        assert.ok(items.some((item) => item.label === 'authorize'), 'completion offers the flow');
      }
      assert.equal(flowLists, 1, 'fetched once: the TTL is at least 5 s');
    } finally {
      await client.dispose();
    }
  });
});
