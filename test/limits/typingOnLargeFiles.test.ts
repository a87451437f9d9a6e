import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { HoverRequest } from 'vscode-languageserver-protocol/node';
import { DEFAULT_SETTINGS } from '../../common/settings';
import { LspClient } from '../helpers/lspClient';
import { VALID } from '../helpers/service';

/** VALID, then unknown keys (the costliest shape to parse and validate) up to `bytes`. */
function unknownKeysUpTo(bytes: number): string {
  let text = VALID;
  for (let i = 0; ; i++) {
    const line = `unknown_key_${i}: value\n`;
    if (text.length + line.length > bytes) return text;
    text += line;
  }
}

describe('limits: typing in a file at the size limit', { timeout: 60_000 }, () => {
  it('keystrokes do not queue validations ahead of a hover: it is answered before the next diagnostics', async () => {
    const { client } = await LspClient.start();
    try {
      const uri = 'file:///workspace/large.oauth2provider.yaml';
      // Room left for the keystrokes.
      const text = unknownKeysUpTo(DEFAULT_SETTINGS.maxFileSize - 100);
      const opened = await client.open(uri, text, { timeoutMs: 30_000 });
      assert.ok(opened.diagnostics.length > 10_000, `${opened.diagnostics.length} diagnostics`);

      // Twenty keystrokes in the value of `name`, sent as fast as a client can, then a hover.
      const column = 'name: Grafana'.length;
      for (let i = 0; i < 20; i++) {
        const at = { line: 0, character: column + i };
        await client.change(uri, i + 2, [{ range: { start: at, end: at }, text: 'x' }]);
      }
      const lastVersion = 21;
      const diagnosed = client.waitForDiagnostics(uri, lastVersion, 30_000);
      const asked = performance.now();
      const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 1 } });
      const answeredAt = performance.now();
      assert.deepEqual(hover?.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } });
      const published = await diagnosed;
      assert.ok(client.receivedAt(published) > answeredAt, `the hover (${(answeredAt - asked).toFixed(0)} ms) waited for the validation of the last keystroke`);
      // The keystrokes before the last one were never validated.
      assert.deepEqual(client.publishedFor(uri).map((p) => p.version), [1, lastVersion]);
      assert.ok(published.diagnostics.length > 10_000);
    } finally {
      await client.dispose();
    }
  });
});
