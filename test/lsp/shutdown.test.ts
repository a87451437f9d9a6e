import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ErrorCodes } from 'vscode-languageserver-protocol/node';
import { PrepareDeployRequest, RefreshReferencesRequest } from '../../common/protocol';
import { LspClient } from '../helpers/lspClient';
import { fixtureText, TEST_TIMEOUT, uniqueUri } from './documents';

const TYPOS = fixtureText('mistakes/typos.oauth2provider.yaml');

describe('lsp: after shutdown', TEST_TIMEOUT, () => {
  it('every request is an InvalidRequest error, a second shutdown too, nothing is published, and exit ends with 0', async () => {
    const { client } = await LspClient.start();
    try {
      const uri = uniqueUri('before-shutdown');
      await client.open(uri, TYPOS);
      assert.equal(await client.request('shutdown', null), null);

      const requests: [string, unknown][] = [
        ['textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 1 } }],
        ['textDocument/completion', { textDocument: { uri }, position: { line: 0, character: 1 } }],
        ['textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 5, character: 0 } }, context: { diagnostics: [] } }],
        ['textDocument/documentSymbol', { textDocument: { uri } }],
        ['textDocument/foldingRange', { textDocument: { uri } }],
        ['textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 5, character: 0 } } }],
        [PrepareDeployRequest.method, { textDocument: { uri, version: 1 } }],
        [RefreshReferencesRequest.method, null],
        ['authentik/noSuchMethod', {}],
        ['shutdown', null],
        ['initialize', { processId: null, rootUri: null, capabilities: {} }],
      ];
      for (const [method, params] of requests) {
        const answer = await client.rawRequest(method, params);
        assert.equal(answer.error?.code, ErrorCodes.InvalidRequest, `${method}: ${JSON.stringify(answer)}`);
        assert.equal(answer.result, undefined, method);
      }

      // Documents opened, changed or closed now are not validated, and no diagnostics are cleared.
      const published = client.published.length;
      const other = uniqueUri('after-shutdown');
      await client.didOpen(other, TYPOS);
      await client.change(uri, 2, [{ text: TYPOS + 'extra: 1\n' }]);
      await client.close(uri);
      await client.changeConfiguration({ authentik: { rules: { durations: false } } });
      // Requests are answered in order: once this one is, the notifications before it were handled.
      await client.rawRequest('textDocument/hover', { textDocument: { uri: other }, position: { line: 0, character: 1 } });
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.deepEqual(client.published.slice(published), []);

      await client.notify('exit', null);
      assert.equal(await client.exited, 0);
    } finally {
      await client.dispose();
    }
  });

  it('a validation under way when shutdown arrives publishes nothing', async () => {
    const { client } = await LspClient.start();
    try {
      const uri = uniqueUri('racing');
      // Long enough that its validation pauses between parts, and the shutdown is read in such a pause.
      const large = TYPOS + Array.from({ length: 5000 }, (_, i) => `unknown_${i}: x\n`).join('');
      await client.open(uri, large);
      const published = client.publishedFor(uri).length;
      const change = { method: 'textDocument/didChange', params: { textDocument: { uri, version: 2 }, contentChanges: [{ text: large.replace('confidental', 'nope') }] } };
      assert.equal((await client.rawRequest('shutdown', null, [change])).result, null);
      await new Promise((resolve) => setTimeout(resolve, 500));
      assert.deepEqual(client.publishedFor(uri).slice(published).map((p) => p.version), []);
    } finally {
      await client.dispose();
    }
  });
});
