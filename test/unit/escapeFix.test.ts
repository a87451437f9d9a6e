import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits, diagnose, FLOW_EXPLICIT, service, textAt } from '../helpers/service';
import { rulesOn } from '../helpers/settings';

const SETTINGS = rulesOn('redirectUris');
const HEAD = `name: app\nauthorization_flow: ${FLOW_EXPLICIT}\n`;

/** The redirect_uris line after the escape fix of the first unescaped entry, and the text the diagnostic covers. */
function escaped(line: string): { covered: string; fixedLine: string; suggestion: string } {
  const { document, diagnostics } = diagnose(HEAD + line + '\n', { settings: SETTINGS });
  const diagnostic = diagnostics.find((d) => d.code === 'redirect-uri-unescaped');
  assert.ok(diagnostic, JSON.stringify(diagnostics));
  const actions = service(undefined, SETTINGS).codeActions(document, diagnostic.range).filter((a) => a.title === 'Escape the regular-expression characters');
  assert.equal(actions.length, 1);
  const after = applyEdits(document, actions[0].edit!.changes![document.uri]);
  return { covered: textAt(document, diagnostic.range), fixedLine: after.slice(HEAD.length, -1), suggestion: /Write "(.*)"\.$/.exec(diagnostic.message)![1] };
}

describe('quick fix "Escape the regular-expression characters" with characters outside the BMP', () => {
  // Each is two UTF-16 code units (or more): counting code points instead escaped the characters after the ".".
  // The fix escapes the dots of the scheme and host and every "?" and "+" meant as URL characters; a dot in the
  // path or query matches itself too, so it stays as written.
  for (const [what, chars] of [
    ['a mathematical letter', '𝒳'],
    ['two emoji', '😀😀'],
    ['a letter with a combining mark and a CJK character of plane 2', 'é𠀋'],
  ]) {
    it(`${what} (${chars}) in the host: exactly the dots and the "?" are escaped`, () => {
      const uri = `https://${chars}.example.com/cb?next=a.b`;
      const result = escaped(`redirect_uris: ${uri}`);
      assert.equal(result.covered, uri, 'the diagnostic covers the entry');
      assert.equal(result.fixedLine, `redirect_uris: https://${chars}\\.example\\.com/cb\\?next=a.b`);
      assert.equal(result.suggestion, `https://${chars}\\.example\\.com/cb\\?next=a.b`);
    });
  }

  it('an emoji with a skin tone and a joiner (👩🏽‍💻, seven code units) in the path', () => {
    const result = escaped('redirect_uris: https://app\\.example/👩🏽‍💻/a.b+c');
    assert.equal(result.fixedLine, 'redirect_uris: https://app\\.example/👩🏽‍💻/a.b\\+c');
  });

  it('in a double-quoted scalar, a second entry after one with an emoji', () => {
    const result = escaped('redirect_uris: "https://a\\\\.b/😀 https://😀.c.d/x"');
    assert.equal(result.covered, 'https://😀.c.d/x');
    assert.equal(result.fixedLine, 'redirect_uris: "https://a\\\\.b/😀 https://😀\\\\.c\\\\.d/x"');
  });

  it('in a block scalar, with 𝒳 in the path', () => {
    const result = escaped('redirect_uris: |\n  https://ok\\.example/𝒳/a+b');
    assert.equal(result.covered, 'https://ok\\.example/𝒳/a+b');
    assert.equal(result.fixedLine, 'redirect_uris: |\n  https://ok\\.example/𝒳/a\\+b');
  });
});
