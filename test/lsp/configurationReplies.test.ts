import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { HoverRequest, PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { LspClient } from '../helpers/lspClient';
import { fixtureText, position, uniqueUri } from './documents';

/** Has an unescaped "." in a redirect URI (line 4) and a misspelt duration unit (line 5), after its version comment. */
const WIKI = fixtureText('warnings/wiki.oauth2provider.yaml');
const BOTH = ['redirect-uri-unescaped', 'duration-ignored-part'];
const codes = (params: PublishDiagnosticsParams) => params.diagnostics.map((d) => d.code);
const CAPABILITIES = { workspace: { configuration: true, didChangeConfiguration: {} } };
const TIMEOUT_LOG = 'The client did not answer workspace/configuration within 3 s: using the default settings until it does.';

/** A promise and the function that settles it. */
function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('lsp: a workspace/configuration request that is never answered', { timeout: 30_000 }, () => {
  it('holds no document: after a few seconds the defaults are used, said once in the log', async () => {
    const { client } = await LspClient.start({ capabilities: CAPABILITIES, configuration: () => new Promise(() => undefined) });
    try {
      const first = uniqueUri('unanswered');
      const started = Date.now();
      assert.deepEqual(codes(await client.open(first, WIKI, { timeoutMs: 10_000 })), BOTH);
      const waited = Date.now() - started;
      assert.ok(waited >= 2900 && waited < 8000, `diagnostics after ${waited} ms`);
      // A second file asks again, waits as long, and is not logged again.
      const second = uniqueUri('unanswered-too');
      assert.deepEqual(codes(await client.open(second, WIKI, { timeoutMs: 10_000 })), BOTH);
      const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: second }, position: position(1, 1) });
      assert.ok(hover, 'hover answers with the defaults too');
      assert.deepEqual(client.logs.filter((l) => l.message.includes('workspace/configuration')).map((l) => [l.type, l.message]), [[2, TIMEOUT_LOG]]);
    } finally {
      await client.dispose();
    }
  });

  it('an answer that comes after the timeout is used then: the file is validated again with it', async () => {
    const late = deferred<unknown>();
    const { client } = await LspClient.start({ capabilities: CAPABILITIES, configuration: () => late.promise });
    try {
      const uri = uniqueUri('late');
      assert.deepEqual(codes(await client.open(uri, WIKI, { timeoutMs: 10_000 })), BOTH);
      const again = client.waitForDiagnostics(uri, 1, 10_000);
      late.resolve({ rules: { durations: false } });
      assert.deepEqual(codes(await again), ['redirect-uri-unescaped']);
    } finally {
      await client.dispose();
    }
  });
});

describe('lsp: configuration answers that arrive out of order', { timeout: 30_000 }, () => {
  it('an answer to a request made before the latest didChangeConfiguration is dropped', async () => {
    const answers: (() => unknown)[] = [];
    const { client } = await LspClient.start({
      capabilities: CAPABILITIES,
      configuration: () => {
        const next = answers.shift();
        return next ? next() : {};
      },
    });
    try {
      const uri = uniqueUri('out-of-order');
      assert.deepEqual(codes(await client.open(uri, WIKI)), BOTH);

      // The first change's answer is held back (it still says durations: on)...
      const slow = deferred<unknown>();
      const asked = client.configurationRequests.length;
      answers.push(() => slow.promise);
      await client.changeConfiguration(null);
      while (client.configurationRequests.length === asked) await new Promise((resolve) => setTimeout(resolve, 5));

      // ...while the second change's answer (durations: off) comes at once and is published.
      answers.push(() => ({ rules: { durations: false } }));
      const newest = client.waitForDiagnostics(uri, (p) => p.version === 1 && !codes(p).includes('duration-ignored-part'), 10_000);
      await client.changeConfiguration(null);
      assert.deepEqual(codes(await newest), ['redirect-uri-unescaped']);

      // The old answer arrives last: nothing is computed from it.
      const count = client.publishedFor(uri).length;
      slow.resolve({});
      await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: position(1, 1) });
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.deepEqual(client.publishedFor(uri).slice(count).map(codes), []);
      assert.deepEqual(codes(client.publishedFor(uri).at(-1)!), ['redirect-uri-unescaped']);
    } finally {
      await client.dispose();
    }
  });
});
