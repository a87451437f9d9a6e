import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isMap, isScalar, isSeq } from 'yaml';
import { parseText, parseTextFast, parseTextFully } from '../../server/src/service/parsedDocument';
import { benchmarkLikeFile, seedFiles } from './seedTexts';

const LIMIT = { maxFileSize: 1 << 20 };

describe('fast path: which texts it reads', () => {
  it('reads every provider file of the examples, fixtures and e2e workspace', () => {
    const providers = seedFiles().filter((f) => /\.oauth2provider\.ya?ml$/.test(f.name));
    assert.ok(providers.length >= 10, `only ${providers.length} provider files`);
    const missed = providers.filter((f) => !parseTextFast(f.text)).map((f) => f.name);
    assert.deepEqual(missed, []);
  });

  it('reads the benchmark files of every kind (valid, typo, missing key, wrong type)', () => {
    for (const kind of [0, 1, 3, 5]) assert.ok(parseTextFast(benchmarkLikeFile(kind)), `benchmark file of kind ${kind}`);
  });

  it('is what parseText uses for them, and gives the values a user wrote', () => {
    const parsed = parseText(benchmarkLikeFile(0, 2), LIMIT);
    const first = parsed.documents[0];
    assert.ok(parseTextFast(benchmarkLikeFile(0, 2)));
    assert.deepEqual(first.toJS(), parseTextFully(benchmarkLikeFile(0, 2)).documents[0].toJS());
    const value = first.toJS() as Record<string, unknown>;
    assert.equal(value.client_type, 'confidential');
    assert.equal(value.include_claims_in_id_token, true);
    assert.equal(value.redirect_uris, 'https://grafana\\.example\\.com/login/generic_oauth\nhttps://grafana-staging\\.example\\.com/login/generic_oauth\n');
    assert.deepEqual(value.property_mappings, ['a1b2c3d4-0000-4000-8000-000000000001', 'a1b2c3d4-0000-4000-8000-000000000002']);
    assert.deepEqual(value.jwks_sources, []);
    // Nodes carry the offsets the diagnostics are placed with.
    assert.ok(parsed.root && isMap(parsed.root));
    const uris = parsed.root.items.find((p) => isScalar(p.key) && p.key.value === 'redirect_uris')?.value;
    assert.ok(isScalar(uris) && uris.type === 'BLOCK_LITERAL');
    const text = benchmarkLikeFile(0, 2);
    assert.equal(text.slice(uris.range[0], uris.range[1]), text.slice(text.indexOf('|'), text.indexOf('property_mappings')));
    const mappings = parsed.root.items.find((p) => isScalar(p.key) && p.key.value === 'property_mappings')?.value;
    assert.ok(isSeq(mappings));
    assert.equal(text.slice(mappings.items[1].range![0], mappings.items[1].range![1]), 'a1b2c3d4-0000-4000-8000-000000000002');
  });

  // Each of these is valid YAML (or an error the full parser must report) that the scanner does not read itself.
  const OUTSIDE: Record<string, string> = {
    'a flow list with items': 'name: x\njwks_sources: [a, b]\n',
    'a flow mapping with items': 'name: {a: 1}\n',
    'an anchor and an alias': 'name: &n x\nclient_id: *n\n',
    'a tag': 'name: !!str 1\n',
    'a document start marker': '---\nname: x\n',
    'a document end marker': 'name: x\n...\n',
    'two documents': 'name: x\n---\nname: y\n',
    'an explicit key': '? name\n: x\n',
    'a plain scalar over two lines': 'name: Graf\n  ana\n',
    'a quoted scalar over two lines': 'name: "Graf\n  ana"\n',
    'a folded block': 'name: >\n  x\n',
    'a block with an indentation indicator': 'redirect_uris: |2\n   x\n',
    'a block with a comment on its header': 'redirect_uris: | # uris\n  x\n',
    'a block with a line less indented than its first': 'redirect_uris: |\n    x\n  y\n',
    'a block starting with an empty line': 'redirect_uris: |\n\n  x\n',
    'an empty block': 'redirect_uris: |\nname: x\n',
    'a line of spaces only': 'name: x\n  \nclient_id: y\n',
    'a tab': 'name:\tx\n',
    'a nested mapping': 'name:\n  first: x\n',
    'an indented key': ' name: x\nclient_id: y\n',
    'a key with a space': 'client id: x\n',
    'a quoted key': '"name": x\n',
    'a value starting with an indicator': 'name: @x\n',
    'a colon and space inside a plain value': 'name: a: b\n',
    'a plain value ending with a colon': 'name: a:\n',
    'a double-quoted escape': 'name: "a\\tb"\n',
    'a comment glued to a quoted value': 'name: "x"# c\n',
    'an empty list item': 'property_mappings:\n  -\n  - x\n',
    'a nested list': 'property_mappings:\n  - - x\n',
    'a list with a comment between items': 'property_mappings:\n  - a\n  # c\n  - b\n',
    'a list with an empty line between items': 'property_mappings:\n  - a\n\n  - b\n',
    'a list with items at two indentations': 'property_mappings:\n  - a\n    - b\n',
    'an indented comment line': 'name: x\n  # c\nclient_id: y\n',
    'a lone carriage return': 'name: x\rclient_id: y\n',
    'a non-breaking space': 'name: x\u00a0y\n',
    'a line separator': 'name: x\u2028y\n',
    'a NUL character': 'name: x\u0000y\n',
    'a second byte order mark': '\uFEFF\uFEFFname: x\n',
    'a list at the top level': '- name: x\n',
    'a scalar at the top level': 'just text\n',
    'an empty text': '',
    'comments only': '# nothing\n',
    'a directive': '%YAML 1.2\n---\nname: x\n',
  };

  for (const [what, text] of Object.entries(OUTSIDE)) {
    it(`leaves ${what} to the yaml library`, () => {
      assert.equal(parseTextFast(text), undefined);
      // parseText then gives exactly the full parse.
      assert.deepStrictEqual(parseText(text, LIMIT), parseTextFully(text));
    });
  }
});
