import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { toFileDiagnostic } from '../../server/src/cli/formats';
import { finding } from '../../server/src/service/findings';
import { parseText } from '../../server/src/service/parsedDocument';

/** Texts whose line breaks the parser sees in every kind of token. */
const TEXTS: Record<string, string> = {
  'empty file': '',
  'no final line break': 'name: x',
  'LF, comments and a block scalar': '# head\nname: x # tail\nredirect_uris: |\n  https://a\\.b/c\n\n  https://d\\.e/f\nclient_type: public\n',
  'CRLF': 'name: x\r\nredirect_uris: |\r\n  https://a\\.b/c\r\nclient_type: public\r\n',
  'lone CRs': 'name: x\rclient_type: public\rsub_mode: user_id\r',
  'mixed breaks': 'name: x\r\nclient_type: public\nsub_mode: user_id\rissuer_mode: global\n',
  'quoted and plain scalars over lines': 'name: "Graf\n  ana"\nclient_id: plain\n  continued\nclient_secret: \'a\n\n  b\'\n',
  'flow collections over lines': 'property_mappings: [\n  a,\n  b\n]\njwks_sources: {\n  x: 1 }\n',
  'astral characters': 'name: "🚀 Ünïcode"\nclient_type: "😀"\n',
  'broken YAML': 'name: [a, b\nclient_type: : :\n  - x\n',
  'two documents': 'name: a\n---\nname: b\n...\n',
};

describe('cli: line and column of every offset a finding can have', () => {
  for (const [name, text] of Object.entries(TEXTS)) {
    it(`${name}: the parser's line table gives the editor's positions`, () => {
      const { lineCounter } = parseText(text, { maxFileSize: 1 << 20 });
      const editor = TextDocument.create('file:///x.oauth2provider.yaml', 'authentik-oauth2provider', 1, text);
      for (let offset = 0; offset <= text.length; offset++) {
        // Between a CR and its LF the editor answers with the CR's position; no finding points there (validate() sees to it).
        if (text[offset - 1] === '\r' && text[offset] === '\n') continue;
        const shown = toFileDiagnostic(finding('schema', { message: '', start: offset, end: offset }), lineCounter).range.start;
        assert.deepEqual(shown, editor.positionAt(offset), `offset ${offset}`);
      }
    });
  }
});
