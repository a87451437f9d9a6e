import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { documentWithCursor, service, summarize, textAt, VALID, SCOPE_OPENID } from '../helpers/service';
import { SettingsBuilder } from '../helpers/settings';
import { defaultReferences } from '../helpers/references';
import { useEveryFeature } from './everyFeature';
import { withinMs } from './timing';

/** Hostile input meets every rule and feature, with the size limit raised (its highest is 4 MiB) to let these files in. */
const EVERYTHING = new SettingsBuilder().withAllRules().withInlayHints().withMaxFileSize(2 * 1024 * 1024).build();

const MB = 1_000_000;

function check(text: string) {
  const { document } = documentWithCursor(text);
  const s = service(defaultReferences(), EVERYTHING);
  const diagnostics = withinMs(5_000, 'validation', () => s.validate(document));
  useEveryFeature(s, document, 5_000);
  return { document, diagnostics, s };
}

describe('limits: a 1 MB single line', () => {
  it('a client_id of a million characters: too-long, covering exactly the value', () => {
    const { document, diagnostics } = check(`${VALID}client_id: ${'c'.repeat(MB)}\n`);
    assert.deepEqual(diagnostics.map((d) => d.code), ['too-long']);
    assert.deepEqual(diagnostics[0].range, { start: { line: 9, character: 11 }, end: { line: 9, character: 11 + MB } });
    assert.equal(textAt(document, diagnostics[0].range).length, MB);
  });

  it('a comment of a million characters changes nothing', () => {
    const { diagnostics } = check(`${VALID}# ${'x'.repeat(MB)}\n`);
    assert.deepEqual(diagnostics, []);
  });

  it('a flow list of 27,000 UUIDs on one line', () => {
    const items = Array(27_000).fill(SCOPE_OPENID).join(', ');
    const text = VALID.replace(/property_mappings:\n(  - .*\n)+/, `property_mappings: [${items}]\n`);
    assert.ok(text.length > MB);
    const { diagnostics, s, document } = check(text);
    assert.deepEqual(diagnostics, []);
    assert.equal(s.documentSymbols(document).find((symbol) => symbol.name === 'property_mappings')?.children?.length, 27_000);
  });

  it('a redirect URI of a million characters is still checked as a URI', () => {
    const uri = `https://app.example.com/${'p'.repeat(MB)}`;
    const { document, diagnostics } = check(VALID.replace(/redirect_uris: \|\n  .*\n/, `redirect_uris: ${uri}\n`));
    assert.deepEqual(summarize(document, diagnostics), [`redirect-uri-unescaped@3:15-3:${15 + uri.length} ${JSON.stringify(uri)}`]);
  });

  it('a double-quoted string of a million escapes', () => {
    const { diagnostics } = check(`${VALID.replace('name: Grafana', `name: "${'\\t'.repeat(MB / 2)}"`)}`);
    // Only tabs: the server trims them away and refuses the blank name. The finding covers the whole value.
    assert.deepEqual(diagnostics.map((d) => [d.code, d.range.start.character, d.range.end.character]), [['empty-string', 6, 6 + MB + 2]]);
    assert.equal(
      diagnostics[0].message,
      '"name" holds only whitespace, which the server trims away: it refuses the value (This field may not be blank.).',
    );
  });
});
