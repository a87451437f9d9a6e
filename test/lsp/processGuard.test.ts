import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { HoverRequest } from 'vscode-languageserver-protocol/node';
import { LspClient } from '../helpers/lspClient';
import { fixtureText, position, TEST_TIMEOUT, uniqueUri } from './documents';

const PLANT = path.resolve(__dirname, '../helpers/plantRejection.cjs');

describe('lsp: a promise that rejects with no handler', TEST_TIMEOUT, () => {
  it('is logged with its stack, and the server keeps serving', async () => {
    const { client } = await LspClient.start({ env: { NODE_OPTIONS: `--require ${PLANT}` } });
    try {
      const uri = uniqueUri('guarded');
      await client.open(uri, fixtureText('mistakes/typos.oauth2provider.yaml'));
      const logged = client.next<{ type: number; message: string }>('window/logMessage', (p) => p.message.startsWith('Unhandled rejection'), 10_000);
      client.process.kill('SIGUSR2');
      const log = await logged;
      assert.equal(log.type, 1, 'an error');
      assert.match(log.message, /^Unhandled rejection \(the server keeps running\): Error: planted rejection\n\s+at /);
      const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: position(1, 1) });
      // `name` on line 2, after the version comment.
      assert.deepEqual(hover?.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 4 } });
      assert.equal(await client.shutdown(), 0);
    } finally {
      await client.dispose();
    }
  });
});
