import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ErrorCodes, HoverRequest } from 'vscode-languageserver-protocol/node';
import { ConvertFormatRequest, PlaceServerErrorsRequest, PrepareDeployRequest, RefreshReferencesRequest, SetConnectionsNotification } from '../../common/protocol';
import { LspClient } from '../helpers/lspClient';
import { fixtureText, position, TEST_TIMEOUT, uniqueUri, useServer } from './documents';

const TYPOS = fixtureText('mistakes/typos.oauth2provider.yaml');

/** The hover on `redirect_uri` (line 4, after the version comment): the server is alive and still answers right. */
async function assertServing(client: LspClient, uri: string): Promise<void> {
  const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: position(3, 3) });
  assert.deepEqual(hover?.range, { start: { line: 3, character: 0 }, end: { line: 3, character: 11 } });
  assert.ok(client.alive, 'the server is still running');
}

/** Params a client could write for `authentik/setConnections`, each with what the log must say about it. */
const BAD_CONNECTIONS: [string, Record<string, unknown>, string][] = [
  ['a number for the server URL, at the top', { params: { serverUrl: 12 } }, 'connections is missing (a list)'],
  ['an empty object', { params: {} }, 'connections is missing (a list)'],
  // A list by position is spread over the handler's arguments: ["x"] is the one value "x".
  ['a list', { params: ['x'] }, 'params must be an object, not a string'],
  ['an empty list', { params: [] }, 'params are missing (an object)'],
  ['null', { params: null }, 'params must be an object, not null'],
  ['a string', { params: 'x' }, 'params must be an object, not a string'],
  ['no params at all', {}, 'params are missing (an object)'],
  ['connections that is not a list', { params: { connections: 'x' } }, 'connections must be a list, not a string'],
  ['a null connection', { params: { connections: [null] } }, 'connections[0] must be an object, not null'],
  ['a number for the server URL', { params: { connections: [{ scopeUri: null, serverUrl: 12, allowInsecureHttp: false }] } }, 'connections[0].serverUrl must be a string, not a number'],
  ['an object for the token', { params: { connections: [{ scopeUri: null, serverUrl: 'http://127.0.0.1:9', token: {}, allowInsecureHttp: false }] } }, 'connections[0].token must be a string, not an object'],
  ['a string for allowInsecureHttp', { params: { connections: [{ scopeUri: 'file:///w', serverUrl: '', allowInsecureHttp: 'yes' }] } }, 'connections[0].allowInsecureHttp must be a boolean, not a string'],
  ['a number for the scope', { params: { connections: [{ scopeUri: 7, serverUrl: '', allowInsecureHttp: false }] } }, 'connections[0].scopeUri must be a string or null, not a number'],
];

describe('lsp: malformed authentik/setConnections notifications', TEST_TIMEOUT, () => {
  const server = useServer();

  for (const [shape, message, logged] of BAD_CONNECTIONS) {
    it(`${shape}: logged, dropped, and the server keeps serving`, async () => {
      const uri = uniqueUri('connections');
      await server().open(uri, TYPOS);
      const log = server().next<{ message: string }>('window/logMessage', (p) => p.message.startsWith('Ignored authentik/setConnections'));
      await server().sendRaw({ method: SetConnectionsNotification.method, ...message });
      assert.equal((await log).message, `Ignored authentik/setConnections: ${logged}.`);
      await assertServing(server(), uri);
    });
  }

  it('two values by position: refused, as no declared params look like that', async () => {
    const log = server().next<{ message: string }>('window/logMessage', (p) => p.message.startsWith('Ignored authentik/setConnections'));
    await server().sendRaw({ method: SetConnectionsNotification.method, params: [{ connections: [] }, 1] });
    assert.equal((await log).message, 'Ignored authentik/setConnections: params must be one object, not 2 values by position.');
  });

  it('never echoes a token it refuses', async () => {
    const log = server().next<{ message: string }>('window/logMessage', (p) => p.message.startsWith('Ignored authentik/setConnections'));
    await server().sendRaw({ method: SetConnectionsNotification.method, params: { connections: [{ scopeUri: null, serverUrl: 5, token: 'sekret-token-value', allowInsecureHttp: false }] } });
    assert.doesNotMatch((await log).message, /sekret/);
  });

  it('a well-formed notification is still applied: no log, and the documents are validated again', async () => {
    const uri = uniqueUri('connections-ok');
    await server().open(uri, TYPOS);
    const before = server().logs.length;
    const revalidated = server().waitForDiagnostics(uri, 1);
    await server().connection.sendNotification(SetConnectionsNotification, { connections: [{ scopeUri: null, serverUrl: '', token: undefined, allowInsecureHttp: false }] });
    assert.equal((await revalidated).diagnostics.length, 3);
    assert.deepEqual(server().logs.slice(before), []);
  });
});

describe('lsp: custom requests with malformed params are answered with InvalidParams', TEST_TIMEOUT, () => {
  const server = useServer();

  const CASES: [string, string, unknown[], string][] = [
    [RefreshReferencesRequest.method, 'a number for the uri', [{ uri: 5 }], 'uri must be a string, not a number'],
    [RefreshReferencesRequest.method, 'a string', ['file:///x'], 'params must be an object, not a string'],
    [PrepareDeployRequest.method, 'an empty object', [{}], 'textDocument is missing (an object)'],
    [PrepareDeployRequest.method, 'null', [null], 'params must be an object, not null'],
    [PrepareDeployRequest.method, 'no params', [], 'params are missing (an object)'],
    [PrepareDeployRequest.method, 'a number for the uri', [{ textDocument: { uri: 1, version: 1 } }], 'textDocument.uri must be a string, not a number'],
    [PrepareDeployRequest.method, 'a string for the version', [{ textDocument: { uri: 'file:///x', version: '1' } }], 'textDocument.version must be an integer, not a string'],
    [PrepareDeployRequest.method, 'a fraction for the version', [{ textDocument: { uri: 'file:///x', version: 1.5 } }], 'textDocument.version must be an integer, not a number'],
    [PrepareDeployRequest.method, 'a number for an environment value', [{ textDocument: { uri: 'file:///x', version: 1 }, environment: { SECRET: 7 } }], 'environment["SECRET"] must be a string, not a number'],
    [PlaceServerErrorsRequest.method, 'no fieldErrors', [{ textDocument: { uri: 'file:///x', version: 1 } }], 'fieldErrors is missing (an object)'],
    [PlaceServerErrorsRequest.method, 'a list of fieldErrors', [{ textDocument: { uri: 'file:///x', version: 1 }, fieldErrors: ['name'] }], 'fieldErrors must be an object, not a list'],
    [PlaceServerErrorsRequest.method, 'a list of two values by position', [[{ textDocument: { uri: 'file:///x', version: 1 }, fieldErrors: {} }, 2]], 'params must be one object, not 2 values by position'],
    [PlaceServerErrorsRequest.method, 'a list for the body sent', [{ textDocument: { uri: 'file:///x', version: 1 }, fieldErrors: {}, body: ['name'] }], 'body must be an object, not a list'],
    [ConvertFormatRequest.method, 'no document', [{ version: '2024.8' }], 'textDocument is missing (an object)'],
    [ConvertFormatRequest.method, 'a number for the version', [{ textDocument: { uri: 'file:///x', version: 1 }, version: 2024.8 }], 'version must be a string, not a number'],
    [ConvertFormatRequest.method, 'a version of 41 characters', [{ textDocument: { uri: 'file:///x', version: 1 }, version: '2'.repeat(41) }], 'version must be at most 40 characters'],
  ];

  for (const [method, shape, params, problem] of CASES) {
    it(`${method} with ${shape}`, async () => {
      const uri = uniqueUri('requests');
      await server().open(uri, TYPOS);
      const answer = await server().rawRequest(method, ...(params as [unknown?]));
      assert.deepEqual(answer.error, { code: ErrorCodes.InvalidParams, message: `${method}: ${problem}.` });
      await assertServing(server(), uri);
    });
  }

  it('well-formed requests are still answered', async () => {
    const uri = uniqueUri('requests-ok');
    await server().open(uri, fixtureText('clean/grafana.oauth2provider.yaml'));
    const prepared = await server().connection.sendRequest(PrepareDeployRequest, { textDocument: { uri, version: 1 } });
    assert.equal(prepared.kind, 'ready');
    const placed = await server().connection.sendRequest(PlaceServerErrorsRequest, { textDocument: { uri, version: 1 }, fieldErrors: { name: ['Bad name.'] } });
    assert.equal(placed.kind, 'placed');
    const refreshed = await server().rawRequest(RefreshReferencesRequest.method, null);
    assert.deepEqual(refreshed.result, { ok: false, message: 'No authentik server is configured (authentik.serverUrl).' });
  });
});
