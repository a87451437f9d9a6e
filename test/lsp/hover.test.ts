import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { HoverRequest, MarkupContent, MarkupKind, Position } from 'vscode-languageserver-protocol/node';
import { LspClient } from '../helpers/lspClient';
import { position, range, TEST_TIMEOUT, uniqueUri, useServer } from './documents';

const TEXT = `name: Hover
client_type: public
access_token_validity: hours=1
refresh_token_validity: days=1;hours=2;minutes=30
legacy_field: 1
`;

async function hoverAt(client: LspClient, at: Position) {
  const uri = uniqueUri('hover');
  await client.open(uri, TEXT);
  const result = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: at });
  assert.ok(result, 'expected a hover');
  const contents = result.contents as MarkupContent;
  assert.equal(contents.kind, MarkupKind.Markdown);
  return { range: result.range, markdown: contents.value };
}

describe('lsp: hover', TEST_TIMEOUT, () => {
  const server = useServer();

  it('describes a key: name, whether required, type, choices, default and the schema description', async () => {
    const { range: at, markdown } = await hoverAt(server(), position(1, 5));
    assert.deepEqual(at, range(1, 0, 1, 11));
    assert.equal(
      markdown,
      '**client_type** · optional · string · one of `confidential`, `public` · server default `confidential`\n\n' +
        'Confidential clients are capable of maintaining the confidentiality of their credentials, such as the client secret (an application running on a server). ' +
        'Public clients are incapable of it (an application in a browser or on a device): they use no client secret.',
    );
  });

  it('says what a duration value means ("1 hour") on the value', async () => {
    const { range: at, markdown } = await hoverAt(server(), position(2, 25));
    assert.deepEqual(at, range(2, 23, 2, 30));
    assert.ok(markdown.startsWith('`hours=1` = **1 hour**\n\n---\n\n**access_token_validity** · optional · duration string'), markdown);
  });

  it('adds up a duration of several parts', async () => {
    const { range: at, markdown } = await hoverAt(server(), position(3, 30));
    assert.deepEqual(at, range(3, 24, 3, 49));
    assert.ok(markdown.startsWith('`days=1;hours=2;minutes=30` = **1 day 2 hours 30 minutes**'), markdown);
  });

  it('says an unknown key is ignored by the server', async () => {
    const { range: at, markdown } = await hoverAt(server(), position(4, 0));
    assert.deepEqual(at, range(4, 0, 4, 12));
    assert.equal(markdown, '**legacy_field**\n\nNot a field of an OAuth2 provider: the server ignores it.');
  });

  it('shows nothing past the end of a line with no key', async () => {
    const uri = uniqueUri('hover-blank');
    await server().open(uri, 'name: x\n\n\n');
    assert.equal(await server().connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: position(2, 0) }), null);
  });
});
