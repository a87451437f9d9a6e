import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits, diagnose, documentWithCursor, service, summarize } from '../helpers/service';
import { SettingsBuilder } from '../helpers/settings';

/** Hostile input meets every rule and feature. */
const EVERYTHING = new SettingsBuilder().withAllRules().withInlayHints().build();

const FLOW = '8f3b0c7e-6a44-4b1e-9a5e-1f2d3c4b5a60';

/** One provider with three mistakes, each on its own line, joined by `breaks` in turn. */
function mistakes(breaks: string[]): string {
  const lines = ['name: endings', 'authorization_flow: not-a-uuid', 'redirect_uris: https://a\\.example\\.com/cb', 'sub_mode: user_mail', 'client_type: confidental', ''];
  return lines.map((line, i) => (i < lines.length - 1 ? line + breaks[i % breaks.length] : line)).join('');
}

const EXPECTED = ['invalid-uuid@1:20-1:30 "not-a-uuid"', 'invalid-enum@3:10-3:19 "user_mail"', 'invalid-enum@4:13-4:24 "confidental"'];

describe('limits: line endings and byte order mark', () => {
  it('LF: the reference positions', () => {
    const { document, diagnostics } = diagnose(mistakes(['\n']), { settings: EVERYTHING });
    assert.deepEqual(summarize(document, diagnostics), EXPECTED);
  });

  it('CRLF: the same lines and columns, the same covered text', () => {
    const { document, diagnostics } = diagnose(mistakes(['\r\n']), { settings: EVERYTHING });
    assert.deepEqual(summarize(document, diagnostics), EXPECTED);
  });

  it('lone CR (old Mac): the editor shows separate lines, and they are read as such', () => {
    const { document, diagnostics } = diagnose(mistakes(['\r']), { settings: EVERYTHING });
    assert.deepEqual(summarize(document, diagnostics), EXPECTED);
  });

  it('mixed LF, CRLF and CR in one file', () => {
    const { document, diagnostics } = diagnose(mistakes(['\r\n', '\n', '\r']), { settings: EVERYTHING });
    assert.deepEqual(summarize(document, diagnostics), EXPECTED);
  });

  it('a BOM counts as the first character of line 0 when the editor sends it', () => {
    const { document, diagnostics } = diagnose('\uFEFF' + mistakes(['\n']), { settings: EVERYTHING });
    assert.deepEqual(summarize(document, diagnostics), EXPECTED);
    const first = diagnose('\uFEFFclient_type: confidental\nname: x\n', { settings: EVERYTHING });
    assert.deepEqual(summarize(first.document, first.diagnostics.filter((d) => d.code === 'invalid-enum')), ['invalid-enum@0:14-0:25 "confidental"']);
  });

  it('quick fixes on a CRLF file keep CRLF', () => {
    const { document } = documentWithCursor('clientt_type: public\r\nsub_mode: user_mail\r\n');
    const s = service(undefined, EVERYTHING);
    const results = s.validate(document).flatMap((d) => s.codeActions(document, d.range)).map((a) => applyEdits(document, a.edit!.changes![document.uri]));
    assert.ok(results.includes('client_type: public\r\nsub_mode: user_mail\r\n'), results.join('\n---\n'));
    assert.ok(results.includes('clientt_type: public\r\nsub_mode: user_mail\r\nname: \r\nauthorization_flow: \r\n'), results.join('\n---\n'));
    for (const text of results) assert.doesNotMatch(text, /[^\r]\n/, `a bare LF slipped into ${JSON.stringify(text)}`);
  });

  it('a block scalar in a CRLF file: each redirect URI covered exactly, without its CR', () => {
    const { document, diagnostics } = diagnose(`name: b\r\nauthorization_flow: ${FLOW}\r\nredirect_uris: |\r\n  https://a.example.com/cb\r\n  https://b\\.example\\.com/*\r\n`, { settings: EVERYTHING });
    assert.deepEqual(summarize(document, diagnostics), [
      'redirect-uri-unescaped@3:2-3:26 "https://a.example.com/cb"',
      'redirect-uri-wildcard@4:2-4:27 "https://b\\\\.example\\\\.com/*"',
    ]);
  });
});
