import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentSymbol, SymbolKind } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ReferenceSource } from '../../server/src/service/references';
import { defaultReferences } from '../helpers/references';
import { documentWithCursor, FLOW_EXPLICIT, SCOPE_EMAIL, SCOPE_OPENID, service, SOURCE_JWKS, VALID } from '../helpers/service';

interface SymbolView {
  name: string;
  detail?: string;
  kind: SymbolKind;
  covers: string;
  selects: string;
  children?: SymbolView[];
}

/** The outline as a user sees it: names, details, kinds and the text each range covers. */
function outline(text: string, references?: ReferenceSource): SymbolView[] {
  const { document } = documentWithCursor(text);
  const view = (s: DocumentSymbol): SymbolView => {
    const v: SymbolView = { name: s.name, detail: s.detail, kind: s.kind, covers: document.getText(s.range), selects: document.getText(s.selectionRange) };
    if (s.children) v.children = s.children.map(view);
    return v;
  };
  return service(references).documentSymbols(document).map(view);
}

/** Folding ranges as the first and last line of each fold. */
function folds(text: string): string[] {
  const document: TextDocument = documentWithCursor(text).document;
  const lines = text.split(/\r?\n/);
  return service()
    .foldingRanges(document)
    .map((f) => `${lines[f.startLine]} … ${lines[f.endLine]}`);
}

const SECRET = 'not-for-the-outline-1234';

describe('outline', () => {
  it('one symbol per key, with kinds, details and ranges; list items named after what they refer to', () => {
    const text = VALID + `client_secret: ${SECRET}\ninclude_claims_in_id_token: false\nsigning_key: null\njwks_sources: [${SOURCE_JWKS}]\n`;
    assert.deepEqual(outline(text, defaultReferences()), [
      { name: 'name', detail: 'Grafana', kind: SymbolKind.String, covers: 'name: Grafana', selects: 'name' },
      { name: 'authorization_flow', detail: FLOW_EXPLICIT, kind: SymbolKind.String, covers: `authorization_flow: ${FLOW_EXPLICIT}`, selects: 'authorization_flow' },
      { name: 'client_type', detail: 'confidential', kind: SymbolKind.String, covers: 'client_type: confidential', selects: 'client_type' },
      {
        name: 'redirect_uris',
        detail: 'https://grafana\\.example\\.com/login/generic_oauth',
        kind: SymbolKind.String,
        covers: 'redirect_uris: |\n  https://grafana\\.example\\.com/login/generic_oauth',
        selects: 'redirect_uris',
      },
      {
        name: 'property_mappings',
        detail: '2 items',
        kind: SymbolKind.Array,
        covers: `property_mappings:\n  - ${SCOPE_OPENID}\n  - ${SCOPE_EMAIL}`,
        selects: 'property_mappings',
        children: [
          { name: "authentik default OAuth Mapping: OpenID 'openid' (openid)", detail: SCOPE_OPENID, kind: SymbolKind.String, covers: SCOPE_OPENID, selects: SCOPE_OPENID },
          { name: "authentik default OAuth Mapping: OpenID 'email' (email)", detail: SCOPE_EMAIL, kind: SymbolKind.String, covers: SCOPE_EMAIL, selects: SCOPE_EMAIL },
        ],
      },
      { name: 'access_token_validity', detail: 'hours=1', kind: SymbolKind.String, covers: 'access_token_validity: hours=1', selects: 'access_token_validity' },
      { name: 'client_secret', detail: '••••••', kind: SymbolKind.String, covers: `client_secret: ${SECRET}`, selects: 'client_secret' },
      { name: 'include_claims_in_id_token', detail: 'false', kind: SymbolKind.Boolean, covers: 'include_claims_in_id_token: false', selects: 'include_claims_in_id_token' },
      { name: 'signing_key', detail: 'null', kind: SymbolKind.Null, covers: 'signing_key: null', selects: 'signing_key' },
      {
        name: 'jwks_sources',
        detail: '1 item',
        kind: SymbolKind.Array,
        covers: `jwks_sources: [${SOURCE_JWKS}]`,
        selects: 'jwks_sources',
        children: [{ name: 'GitHub Actions (github-actions)', detail: SOURCE_JWKS, kind: SymbolKind.String, covers: SOURCE_JWKS, selects: SOURCE_JWKS }],
      },
    ]);
  });

  it('the client secret never appears in the outline', () => {
    const symbols = outline(VALID + `client_secret: "${SECRET}"\n`);
    assert.ok(!JSON.stringify(symbols.map(({ name, detail, children }) => ({ name, detail, children }))).includes(SECRET));
  });

  it('without references, list items are named by their UUID', () => {
    const mappings = outline(VALID).find((s) => s.name === 'property_mappings');
    assert.deepEqual(mappings?.children?.map((c) => [c.name, c.detail]), [
      [SCOPE_OPENID, undefined],
      [SCOPE_EMAIL, undefined],
    ]);
  });

  it('a number, a long value and a multi-line value get short details', () => {
    const symbols = outline(`name: ${'x'.repeat(80)}\nclient_id: 12345\nredirect_uris: |\n\n  https://a\\.b/c\n  https://d\\.e/f\n`);
    assert.deepEqual(symbols.map((s) => [s.name, s.detail, s.kind]), [
      ['name', 'x'.repeat(57) + '...', SymbolKind.String],
      ['client_id', '12345', SymbolKind.Number],
      ['redirect_uris', 'https://a\\.b/c', SymbolKind.String],
    ]);
  });

  it('CRLF: ranges end where the value ends', () => {
    const symbols = outline('name: x\r\nproperty_mappings:\r\n  - a\r\n  - b\r\nclient_type: public\r\n');
    assert.deepEqual(symbols.map((s) => s.covers), ['name: x', 'property_mappings:\r\n  - a\r\n  - b', 'client_type: public']);
  });

  it('nothing for a document that is not a mapping', () => {
    assert.deepEqual(outline('- a\n- b\n'), []);
    assert.deepEqual(outline(''), []);
  });
});

describe('folding', () => {
  it('block scalars and lists fold from the key to their last line; single-line values do not', () => {
    const text = VALID + 'jwks_sources: []\nsub_mode: >\n  user_id\n';
    assert.deepEqual(folds(text), [
      'redirect_uris: | …   https://grafana\\.example\\.com/login/generic_oauth',
      `property_mappings: …   - ${SCOPE_EMAIL}`,
      'sub_mode: > …   user_id',
    ]);
  });

  it('trailing blank lines and comments are not part of the fold', () => {
    const text = 'redirect_uris: |\n  https://a\\.b/c\n  https://d\\.e/f\n\n# next\nproperty_mappings:\n  - a\n\n\nname: x\n';
    assert.deepEqual(folds(text), ['redirect_uris: | …   https://d\\.e/f', 'property_mappings: …   - a']);
  });

  it('multi-line plain and quoted scalars and flow lists fold too', () => {
    const text = 'redirect_uris: https://a\\.b/c\n  https://d\\.e/f\nname: "a long\n  name"\njwks_sources: [\n  a,\n  b]\n';
    assert.deepEqual(folds(text), ['redirect_uris: https://a\\.b/c …   https://d\\.e/f', 'name: "a long …   name"', 'jwks_sources: [ …   b]']);
  });

  it('CRLF files fold on the same lines', () => {
    const text = 'name: x\r\nproperty_mappings:\r\n  - a\r\n  - b\r\nclient_type: public\r\n';
    const { document } = documentWithCursor(text);
    assert.deepEqual(service().foldingRanges(document), [{ startLine: 1, endLine: 3 }]);
  });
});
