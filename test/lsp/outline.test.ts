import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentSymbol, DocumentSymbolRequest, FoldingRangeRequest, InlayHintRequest, SymbolKind } from 'vscode-languageserver-protocol/node';
import { fixtureText, range, TEST_TIMEOUT, uniqueUri, useServer } from './documents';

/** name, kind, range and selection range: what the outline and breadcrumbs use. */
const outline = (symbols: DocumentSymbol[]): unknown[] =>
  symbols.map((s) => ({
    name: s.name,
    detail: s.detail,
    kind: s.kind,
    range: s.range,
    selectionRange: s.selectionRange,
    ...(s.children ? { children: outline(s.children) } : {}),
  }));

describe('lsp: outline', TEST_TIMEOUT, () => {
  const server = useServer();

  it('lists each top-level key with its value, list items as children, each range ending with its text', async () => {
    const uri = uniqueUri('outline');
    await server().open(uri, fixtureText('clean/grafana.oauth2provider.yaml'));
    const symbols = (await server().connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) as DocumentSymbol[];
    const uuid1 = 'a1b2c3d4-0000-4000-8000-000000000001';
    const uuid2 = 'a1b2c3d4-0000-4000-8000-000000000002';
    assert.deepEqual(outline(symbols), [
      { name: 'name', detail: 'Grafana', kind: SymbolKind.String, range: range(2, 0, 2, 13), selectionRange: range(2, 0, 2, 4) },
      { name: 'authorization_flow', detail: '8f3b0c7e-6a44-4b1e-9a5e-1f2d3c4b5a60', kind: SymbolKind.String, range: range(3, 0, 3, 56), selectionRange: range(3, 0, 3, 18) },
      { name: 'client_type', detail: 'confidential', kind: SymbolKind.String, range: range(4, 0, 4, 25), selectionRange: range(4, 0, 4, 11) },
      { name: 'client_id', detail: 'grafana', kind: SymbolKind.String, range: range(5, 0, 5, 18), selectionRange: range(5, 0, 5, 9) },
      { name: 'redirect_uris', detail: 'https://grafana\\.example\\.com/login/generic_oauth', kind: SymbolKind.String, range: range(6, 0, 7, 51), selectionRange: range(6, 0, 6, 13) },
      {
        name: 'property_mappings',
        detail: '2 items',
        kind: SymbolKind.Array,
        range: range(8, 0, 10, 40),
        selectionRange: range(8, 0, 8, 17),
        children: [
          { name: uuid1, detail: undefined, kind: SymbolKind.String, range: range(9, 4, 9, 40), selectionRange: range(9, 4, 9, 40) },
          { name: uuid2, detail: undefined, kind: SymbolKind.String, range: range(10, 4, 10, 40), selectionRange: range(10, 4, 10, 40) },
        ],
      },
      { name: 'access_token_validity', detail: 'hours=1', kind: SymbolKind.String, range: range(11, 0, 11, 30), selectionRange: range(11, 0, 11, 21) },
      { name: 'sub_mode', detail: 'user_email', kind: SymbolKind.String, range: range(12, 0, 12, 20), selectionRange: range(12, 0, 12, 8) },
    ]);
  });

  it('never shows a client secret in the outline', async () => {
    const uri = uniqueUri('secret');
    await server().open(uri, fixtureText('warnings/public-app.oauth2provider.yaml'));
    const symbols = (await server().connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) as DocumentSymbol[];
    const secret = symbols.find((s) => s.name === 'client_secret');
    assert.equal(secret?.detail, '••••••');
  });

  it('folds the multi-line block scalar and the list, each from its key to its last line', async () => {
    const uri = uniqueUri('folding');
    await server().open(uri, fixtureText('clean/grafana.oauth2provider.yaml'));
    const folds = await server().connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri } });
    assert.deepEqual(folds, [
      { startLine: 6, endLine: 7 },
      { startLine: 8, endLine: 10 },
    ]);
  });

  it('has no inlay hints without a reference source (offline)', async () => {
    const uri = uniqueUri('hints');
    await server().open(uri, fixtureText('clean/grafana.oauth2provider.yaml'));
    const hints = await server().connection.sendRequest(InlayHintRequest.type, { textDocument: { uri }, range: range(0, 0, 13, 0) });
    assert.deepEqual(hints, []);
  });
});
