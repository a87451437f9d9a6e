import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CompletionList } from 'vscode-languageserver-protocol';
import { ProfileStatusParams, SetConnectionsNotification } from '../../common/protocol';
import { AuthentikTestServer, startAuthentikTestServer } from '../authentik-server';
import { LspClient } from '../helpers/lspClient';
import { position, TEST_TIMEOUT, uniqueUri } from './documents';

const TOKEN = 'lsp-environment-switch-token-2b3c4d';

/** No version comment: the connected server's release decides the profile. */
const FILE = `name: Grafana
authorization_flow:\u0020
`;

/**
 * Switching the current environment is, for the language server, a new connection for the scope:
 * the server's profile and the reference lists follow it, without a restart.
 */
describe('lsp: the profile and the references follow the connection the client sends', TEST_TIMEOUT, () => {
  let older: AuthentikTestServer;
  let newer: AuthentikTestServer;
  let client: LspClient;
  let cacheDir: string;
  const connectTo = (server: AuthentikTestServer) =>
    client.connection.sendNotification(SetConnectionsNotification, { connections: [{ scopeUri: null, serverUrl: server.url, token: TOKEN, allowInsecureHttp: false }] });

  before(async () => {
    [older, newer] = await Promise.all([startAuthentikTestServer({ token: TOKEN, version: '2024.8.4' }), startAuthentikTestServer({ token: TOKEN, version: '2026.2.2', freshIds: true })]);
    cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lsp-environments-'));
    ({ client } = await LspClient.start({ initializationOptions: { useEnvironment: false, profileCacheDir: cacheDir, settings: { serverVersion: 'auto' } } }));
  });
  after(async () => {
    await client.dispose();
    await Promise.all([older.close(), newer.close()]);
    fs.rmSync(cacheDir, { recursive: true, force: true });
  });

  const flowCompletions = async (uri: string) => {
    const list = (await client.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: position(1, 20) })) as CompletionList;
    // What accepting each item inserts: the UUID of a flow.
    return list.items.map((item) => (item.textEdit && 'newText' in item.textEdit ? item.textEdit.newText : item.insertText)).filter((text) => typeof text === 'string' && /^[0-9a-f-]{36}$/.test(text)).sort();
  };

  it('a switch to another server gives the file that server\'s release and flows', async () => {
    const uri = uniqueUri('switch');
    const first = client.next<ProfileStatusParams>('authentik/profileStatus', (p) => p.uri === uri && p.release === '2024.8.4', 15_000);
    await connectTo(older);
    await client.didOpen(uri, FILE);
    assert.equal((await first).reason, 'the connected server runs 2024.8.4');
    const olderFlows = [older.seedObjects.flows.explicitConsent.pk, older.seedObjects.flows.implicitConsent.pk].sort();
    await waitFor(async () => JSON.stringify(await flowCompletions(uri)) === JSON.stringify(olderFlows), 'the first server\'s authorization flows');

    const second = client.next<ProfileStatusParams>('authentik/profileStatus', (p) => p.uri === uri && p.release === '2026.2.2', 15_000);
    await connectTo(newer);
    assert.equal((await second).reason, 'the connected server runs 2026.2.2');
    const newerFlows = [newer.seedObjects.flows.explicitConsent.pk, newer.seedObjects.flows.implicitConsent.pk].sort();
    await waitFor(async () => JSON.stringify(await flowCompletions(uri)) === JSON.stringify(newerFlows), 'the second server\'s authorization flows');
  });
});

/** Polls a condition the server reaches on its own (a background fetch), up to the test's timeout. */
async function waitFor(condition: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
