import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { PublishDiagnosticsParams as Published } from 'vscode-languageserver-protocol';
import { LspClient } from '../helpers/lspClient';

const FLOW = '8f3b0c7e-6a44-4b1e-9a5e-1f2d3c4b5a60';
const TYPO = `name: survivor\nauthorization_flow: ${FLOW}\nredirect_uris: https://a\\.b/c\nclient_type: confidental\n`;
const ERROR = 1; // MessageType.Error

describe('limits: the language server survives failing requests and hostile documents', { timeout: 60_000 }, () => {
  let server: LspClient;
  const uri = 'file:///workspace/survivor.oauth2provider.yaml';

  before(async () => {
    // The documents here are in the 2024.8 shape.
    server = (await LspClient.start({ initializationOptions: { settings: { serverVersion: '2024.8.4' } } })).client;
    const first = await server.open(uri, TYPO);
    assert.deepEqual(first.diagnostics.map((d) => d.code), ['invalid-enum']);
  });
  after(async () => {
    await server.dispose();
  });

  /** The hover on `client_type`: proof that the server still answers correctly. */
  async function assertStillServing(): Promise<void> {
    const hover = await server.request<{ range: unknown; contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri }, position: { line: 3, character: 3 } });
    assert.deepEqual(hover?.range, { start: { line: 3, character: 0 }, end: { line: 3, character: 11 } });
    assert.match(hover!.contents.value, /^\*\*client_type\*\*/);
    assert.ok(server.alive);
  }

  it('a code action request that throws inside the service: logged as an error, answered with no actions, next request served', async () => {
    const logged = server.next<{ type: number; message: string }>('window/logMessage', (p) => p.message.startsWith('codeAction failed'));
    const actions = await server.request('textDocument/codeAction', { textDocument: { uri }, range: null, context: { diagnostics: [] } });
    assert.deepEqual(actions, []);
    const log = await logged;
    assert.equal(log.type, ERROR);
    assert.match(log.message, /^codeAction failed: TypeError: Cannot read properties of null \(reading 'start'\)\n\s+at /);
    await assertStillServing();
  });

  it('a hover without a position: logged, answered with null', async () => {
    const logged = server.next<{ type: number; message: string }>('window/logMessage', (p) => p.message.startsWith('hover failed'));
    assert.equal(await server.request('textDocument/hover', { textDocument: { uri }, position: null }), null);
    assert.equal((await logged).type, ERROR);
    await assertStillServing();
  });

  it('a change notification that throws: logged, and the next change is validated', async () => {
    const logged = server.next<{ type: number; message: string }>('window/logMessage', (p) => p.message.includes("'textDocument/didChange' failed"));
    await server.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: null });
    assert.equal((await logged).type, ERROR);
    const published = server.next<Published>('textDocument/publishDiagnostics', (p) => p.uri === uri && p.version === 3);
    await server.notify('textDocument/didChange', {
      textDocument: { uri, version: 3 },
      contentChanges: [{ range: { start: { line: 3, character: 13 }, end: { line: 3, character: 24 } }, text: 'public' }],
    });
    assert.deepEqual((await published).diagnostics, []);
    await server.notify('textDocument/didChange', { textDocument: { uri, version: 4 }, contentChanges: [{ text: TYPO }] });
    await assertStillServing();
  });

  it('positions outside the document are clamped, not failures', async () => {
    const before = server.logs.length;
    const completion = await server.request<{ items: { label: string }[] }>('textDocument/completion', { textDocument: { uri }, position: { line: 1e9, character: -5 } });
    assert.ok(Array.isArray(completion.items));
    // A negative line is the start of the file: the hover of `name`.
    const hover = await server.request<{ range: unknown } | null>('textDocument/hover', { textDocument: { uri }, position: { line: -3, character: 1e9 } });
    assert.deepEqual(hover?.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } });
    assert.equal(server.logs.length, before, server.logs.slice(before).map((l) => l.message).join('\n'));
    await assertStillServing();
  });

  const HOSTILE: Record<string, { text: string; expect: (diagnostics: Published['diagnostics']) => void }> = {
    '10,000 nested flow sequences': {
      text: `name: deep\nx: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`,
      expect: (d) => assert.ok(d.some((x) => x.message === 'The YAML nests too deeply to be read: the parser gave up here. Flatten the structure.'), JSON.stringify(d)),
    },
    'mappings nested 30 deep as a key (used to take 2^30 steps)': {
      text: `name: keys\n${'{'.repeat(30)}${'}'.repeat(30)}: x\n`,
      expect: (d) => assert.ok(d.some((x) => x.code === 'unknown-key'), JSON.stringify(d)),
    },
    'an alias bomb': {
      text: 'a: &a [x, x, x, x, x, x, x, x, x]\n' + Array.from({ length: 8 }, (_, i) => `${'bcdefghi'[i]}: &${'bcdefghi'[i]} [${Array(9).fill(`*${'abcdefgh'[i]}`).join(', ')}]`).join('\n') + '\n',
      expect: (d) => assert.deepEqual(d.map((x) => x.code).filter((c) => c === 'alias-limit'), ['alias-limit']),
    },
    'an alias of a list used as a key (the yaml library used to print a warning)': {
      text: 'list: &l [1, 2]\n*l : x\n',
      expect: (d) => assert.ok(d.some((x) => x.code === 'unknown-key'), JSON.stringify(d)),
    },
  };

  for (const [shape, { text, expect }] of Object.entries(HOSTILE)) {
    it(`${shape}: diagnostics are published, the server keeps serving, nothing on stderr`, async () => {
      const hostileUri = `file:///workspace/${encodeURIComponent(shape)}.oauth2provider.yaml`;
      const published = await server.open(hostileUri, text);
      expect(published.diagnostics);
      const symbols = await server.request<unknown[]>('textDocument/documentSymbol', { textDocument: { uri: hostileUri } });
      assert.ok(Array.isArray(symbols));
      await assertStillServing();
      assert.equal(server.stderr, '');
    });
  }

  it('logged nothing else, and ends cleanly', async () => {
    assert.deepEqual(
      server.logs.map((l) => l.message.split(':')[0]),
      ['codeAction failed', 'hover failed', "Notification handler 'textDocument/didChange' failed with message"],
    );
    assert.equal(await server.shutdown(), 0);
  });
});
