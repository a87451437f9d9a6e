import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import { CompletionList, Hover, InlayHint, MarkupContent } from 'vscode-languageserver-protocol/node';
import { ReferencesStatusNotification, ReferencesStatusParams } from '../../common/protocol';
import { LspClient } from '../helpers/lspClient';
import { TEST_TIMEOUT } from './documents';

interface MarkdownRenderer {
  render(source: string): string;
}
const MarkdownIt = require('markdown-it') as new (options: Record<string, unknown>) => MarkdownRenderer;
const renderer = new MarkdownIt({ html: true, linkify: true });

const FLOW = '8f3b0c7e-6a44-4b1e-9a5e-1f2d3c4b5a60';
const NAME = '![pixel](http://evil.example/p.png) [sign in](javascript:alert(1)) <img src=x onerror=alert(1)> https://evil.example';

/** What a hostile authentik answers for the flow list: garbage entries around one flow with a hostile name. */
const FLOWS = [
  null,
  5,
  'flow',
  { pk: null, name: 'no pk' },
  { pk: 'not-a-uuid\nclient_secret: injected', name: 'a pk that would write YAML into the file' },
  { pk: FLOW, name: NAME, slug: 'a`b` <b>', designation: 'authorization' },
  { pk: '8f3b0c7e-6a44-4b1e-9a5e-1f2d3c4b5a61', name: { toString: 'object' }, slug: 7, designation: 'authorization' },
];

describe('lsp: reference lists from a hostile server', TEST_TIMEOUT, () => {
  let server: http.Server;
  let url: string;
  before(async () => {
    server = http.createServer((request, response) => {
      const path = new URL(request.url ?? '/', 'http://x').pathname;
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ pagination: { next: 0 }, results: path === '/api/v3/flows/instances/' ? FLOWS : [] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('keeps only objects with a UUID pk, and shows their names as text in hovers, inlay hints and completion', async () => {
    const { client } = await LspClient.start({
      env: { AUTHENTIK_URL: url, AUTHENTIK_TOKEN: 'test-token' },
      capabilities: { textDocument: { completion: { completionItem: { labelDetailsSupport: true } } } },
    });
    try {
      const loaded = client.next<ReferencesStatusParams>(ReferencesStatusNotification.method, () => true, 10_000);
      const uri = 'file:///workspace/hostile.oauth2provider.yaml';
      const text = `name: x\nauthorization_flow: ${FLOW}\n`;
      await client.open(uri, text);
      assert.equal((await loaded).state, 'ok');

      const hover = (await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 25 } })).contents as MarkupContent;
      const [hint] = await client.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 2, character: 0 } } });
      const completion = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: { line: 1, character: 20 } });
      const flows = completion.items.filter((item) => item.kind === 18 /* Reference */);

      // The two objects with a UUID pk; the second's non-string name and slug give way to its pk.
      assert.deepEqual(flows.map((item) => item.textEdit && 'newText' in item.textEdit ? item.textEdit.newText : undefined), [FLOW, '8f3b0c7e-6a44-4b1e-9a5e-1f2d3c4b5a61']);
      assert.equal(hint.label, ` ${NAME} (a\`b\` <b>)`);
      for (const markdown of [hover.value, (hint.tooltip as MarkupContent).value, ...flows.map((item) => (item.documentation as MarkupContent).value)]) {
        const html = renderer.render(markdown);
        for (const tag of html.matchAll(/<\/?([a-zA-Z]+)/g)) assert.ok(['p', 'strong', 'code', 'hr'].includes(tag[1]), `<${tag[1]}> in ${html}`);
      }
      assert.ok(renderer.render(hover.value).includes('![pixel](http://evil.example/p.png) [sign in](javascript:alert(1)) &lt;img src=x onerror=alert(1)&gt; https://evil.example'));
      assert.deepEqual(client.logs.filter((log) => log.type === 1), [], 'no error logged');
    } finally {
      await client.dispose();
    }
  });
});
