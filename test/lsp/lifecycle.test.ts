import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { HoverRequest, ResponseError, ErrorCodes } from 'vscode-languageserver-protocol/node';
import { VERSION } from '../../common/version';
import { LspClient } from '../helpers/lspClient';
import { fixtureText, position, range, TEST_TIMEOUT, uniqueUri, useServer } from './documents';

describe('lsp: initialize', TEST_TIMEOUT, () => {
  it('announces incremental sync, completion triggers, hover, quick fixes, symbols, folding, inlay hints and its name', async () => {
    const { client, initializeResult } = await LspClient.start();
    try {
      assert.deepEqual(initializeResult, {
        capabilities: {
          textDocumentSync: { openClose: true, change: 2, save: false },
          completionProvider: { triggerCharacters: [':', ' ', '-'], resolveProvider: false },
          hoverProvider: true,
          codeActionProvider: { codeActionKinds: ['quickfix', 'refactor.rewrite'] },
          documentSymbolProvider: true,
          foldingRangeProvider: true,
          inlayHintProvider: true,
        },
        serverInfo: { name: 'authentik-oauth2-language-server', version: VERSION },
      });
    } finally {
      await client.dispose();
    }
  });
});

describe('lsp: shutdown', TEST_TIMEOUT, () => {
  it('ends the process with exit code 0 after shutdown and exit', async () => {
    const { client } = await LspClient.start();
    await client.open(uniqueUri('bye'), fixtureText('clean/grafana.oauth2provider.yaml'));
    assert.equal(await client.shutdown(), 0);
  });
});

describe('lsp: robustness', TEST_TIMEOUT, () => {
  const server = useServer();

  it('answers an unknown method with MethodNotFound and keeps serving', async () => {
    const uri = uniqueUri('garbage');
    await server().open(uri, fixtureText('mistakes/typos.oauth2provider.yaml'));
    await assert.rejects(server().request('authentik/noSuchMethod', { garbage: true }), (error: unknown) => {
      assert.ok(error instanceof ResponseError);
      assert.equal(error.code, ErrorCodes.MethodNotFound);
      return true;
    });
    const hover = await server().connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: position(3, 3) });
    assert.deepEqual(hover?.range, range(3, 0, 3, 11));
  });

  it('answers a request whose handler throws with an error, and still answers the next one', async () => {
    const uri = uniqueUri('throws');
    await server().open(uri, fixtureText('mistakes/typos.oauth2provider.yaml'));
    // No textDocument at all: the handler cannot even find the document. An error response or an empty answer are both fine.
    const answer = await server().request('textDocument/hover', {}).then(
      (result) => result,
      (error: unknown) => (error instanceof ResponseError ? error.code : error),
    );
    assert.ok(answer === null || answer === ErrorCodes.InternalError || answer === ErrorCodes.InvalidParams, `unexpected answer: ${String(answer)}`);
    // No range: the service throws inside the guarded handler, which logs it and answers with no actions.
    assert.deepEqual(await server().request('textDocument/codeAction', { textDocument: { uri }, context: { diagnostics: [] } }), []);
    assert.ok(server().logs.some((log) => log.message.startsWith('codeAction failed: TypeError')), server().logs.map((log) => log.message).join('\n'));
    const hover = await server().connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: position(1, 1) });
    assert.deepEqual(hover?.range, range(1, 0, 1, 4));
  });

  it('answers a position far outside the document without failing', async () => {
    const uri = uniqueUri('far');
    await server().open(uri, fixtureText('clean/grafana.oauth2provider.yaml'));
    const far = await server().connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: position(10_000, 10_000) });
    assert.equal(far, null);
    const near = await server().connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: position(2, 2) });
    assert.deepEqual(near?.range, range(2, 0, 2, 4));
  });

  it('answers requests for a document it never opened with empty results', async () => {
    const uri = uniqueUri('never-opened');
    assert.equal(await server().connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: position(0, 0) }), null);
    assert.deepEqual(await server().request('textDocument/documentSymbol', { textDocument: { uri } }), []);
  });
});

describe('lsp: didClose', TEST_TIMEOUT, () => {
  const server = useServer();

  it('clears the diagnostics of a closed document', async () => {
    const uri = uniqueUri('closed');
    const opened = await server().open(uri, fixtureText('mistakes/typos.oauth2provider.yaml'));
    assert.equal(opened.diagnostics.length, 3);
    const cleared = server().waitForDiagnostics(uri, () => true);
    await server().close(uri);
    assert.deepEqual(await cleared, { uri, diagnostics: [] });
  });
});
