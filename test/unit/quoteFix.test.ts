import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseDocument } from 'yaml';
import { applyEdits, documentWithCursor, service, VALID } from '../helpers/service';

/** The quote fixes offered on `client_id: <value>`, each with the value the fixed file holds. */
function quoteFixes(value: string, prefix = ''): { title: string; preferred: boolean | undefined; fixed: string; message: string }[] {
  const text = prefix + VALID + `client_id: ${value}\n`;
  const { document } = documentWithCursor(text);
  const s = service();
  const diagnostics = s.validate(document);
  const line = document.positionAt(text.indexOf('client_id:')).line;
  const diagnostic = diagnostics.find((d) => d.range.start.line === line);
  assert.ok(diagnostic, `no diagnostic on client_id: ${JSON.stringify(diagnostics)}`);
  return s
    .codeActions(document, diagnostic.range)
    .filter((a) => a.title.startsWith('Quote as the string'))
    .map((a) => {
      const after = applyEdits(document, a.edit!.changes![document.uri]);
      return { title: a.title, preferred: a.isPreferred, fixed: parseDocument(after).get('client_id') as string, message: diagnostic.message };
    });
}

describe('quick fix "Quote as the string": the text as written, never the value read from it', () => {
  // The YAML 1.2 core schema reads each of these as a number; quoting must keep every character.
  for (const written of ['1.10', '00123', '0x1F', '0o17', '1e3', '+12', '-0', '1.', '.5', '.inf', '-.Inf', '.nan', '012']) {
    it(`${written} becomes "${written}"`, () => {
      const [fix, ...more] = quoteFixes(written);
      assert.deepEqual(more, []);
      assert.deepEqual({ title: fix.title, preferred: fix.preferred, fixed: fix.fixed }, { title: `Quote as the string "${written}"`, preferred: true, fixed: written });
      if (['.inf', '-.Inf', '.nan'].includes(written)) {
        assert.equal(fix.message, `"client_id" is ${written}, which JSON cannot carry: it would be sent as null, which the server refuses (This field may not be null.). Quote it: "${written}".`);
        return;
      }
      // The server would store another text than the one written: the message says which it keeps.
      assert.match(fix.message, new RegExp(`^"client_id" is a number, which the server stores as the text "[^"]+", not "${written.replace(/[.+]/g, '\\$&')}" as written: quote it to keep it as written\\.$`));
    });
  }

  it('True (a boolean) becomes "True"', () => {
    assert.deepEqual(quoteFixes('True').map((f) => f.fixed), ['True']);
  });

  // Under %YAML 1.1 the yaml library reads more forms as numbers and booleans.
  for (const written of ['1_000', '0b101', '1:30', 'yes', 'off', '00123']) {
    it(`under %YAML 1.1, ${written} becomes "${written}"`, () => {
      assert.deepEqual(quoteFixes(written, '%YAML 1.1\n---\n').map((f) => [f.title, f.fixed]), [[`Quote as the string "${written}"`, written]]);
    });
  }

  for (const written of ['~', 'null', 'Null', 'NULL']) {
    it(`${written} where a string is wanted: offered (not preferred) as "${written}"`, () => {
      assert.deepEqual(quoteFixes(written).map((f) => [f.title, f.preferred, f.fixed]), [[`Quote as the string "${written}"`, false, written]]);
    });
  }

  it('an empty value has no text to quote: no fix', () => {
    assert.deepEqual(quoteFixes(''), []);
  });

  it('a tagged value is left to the user (the tag would still decide the type)', () => {
    assert.deepEqual(quoteFixes('!!int 12'), []);
  });

  it('a value with a comment after it: only the value is quoted', () => {
    const text = VALID + 'client_id: 1.10 # the old id\n';
    const { document } = documentWithCursor(text);
    const s = service();
    const diagnostic = s.validate(document).find((d) => d.code === 'string-from-number')!;
    const [action] = s.codeActions(document, diagnostic.range);
    assert.equal(applyEdits(document, action.edit!.changes![document.uri]), VALID + 'client_id: "1.10" # the old id\n');
  });
});
