import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CodeActionKind, Range } from 'vscode-languageserver-types';
import { applyEdits, diagnose, documentWithCursor, FLOW_EXPLICIT, service, VALID } from '../helpers/service';
import { rulesOn } from '../helpers/settings';

/** The rules whose findings have fixes here (the schema's findings need none). */
const SETTINGS = rulesOn('unknownKeys', 'readOnlyKeys');

/** Every quick fix for the diagnostics overlapping `range` (default: the whole file), applied one by one. */
function fixes(text: string, range?: Range): { title: string; preferred: boolean | undefined; result: string; code: unknown }[] {
  const { document } = documentWithCursor(text);
  const whole: Range = { start: { line: 0, character: 0 }, end: document.positionAt(text.length) };
  return service(undefined, SETTINGS)
    .codeActions(document, range ?? whole)
    .map((action) => {
      assert.equal(action.kind, CodeActionKind.QuickFix);
      assert.equal(action.diagnostics?.length, 1);
      return {
        title: action.title,
        preferred: action.isPreferred,
        code: action.diagnostics![0].code,
        result: applyEdits(document, action.edit!.changes![document.uri]),
      };
    });
}

/** The text after the one fix with this title. */
function applyFix(text: string, title: string): string {
  const matching = fixes(text).filter((f) => f.title === title);
  assert.equal(matching.length, 1, `fixes: ${fixes(text).map((f) => f.title).join(' | ')}`);
  return matching[0].result;
}

describe('quick fixes: values', () => {
  it('an enum typo becomes the suggested value', () => {
    const text = VALID.replace('client_type: confidential', 'client_type: confidental');
    assert.deepEqual(fixes(text), [{ title: 'Change to "confidential"', preferred: true, code: 'invalid-enum', result: VALID }]);
  });

  it('a boolean where a string is expected gets quoted', () => {
    assert.deepEqual(fixes(VALID.replace('name: Grafana', 'name: true')), [
      { title: 'Quote as the string "true"', preferred: true, code: 'wrong-type', result: VALID.replace('name: Grafana', 'name: "true"') },
    ]);
  });
});

describe('quick fixes: unknown and read-only keys', () => {
  const base = VALID.replace('access_token_validity: hours=1\n', '');

  it('an unknown key can be renamed to the key it resembles', () => {
    const text = base + 'sub_mod: user_id\n';
    assert.equal(applyFix(text, 'Rename to "sub_mode"'), base + 'sub_mode: user_id\n');
  });

  it('an unknown key can be removed with its whole line', () => {
    const text = base.replace('client_type: confidential\n', 'client_type: confidential\nfoo: bar\n');
    assert.equal(applyFix(text, 'Remove "foo"'), base);
    // No rename without a resembling key.
    assert.deepEqual(fixes(text).map((f) => f.title), ['Remove "foo"']);
  });

  it('removing a key with a list value removes every line of it', () => {
    const text = base.replace('client_type: confidential\n', 'client_type: confidential\nfoo:\n  - a\n  - b\n');
    assert.equal(applyFix(text, 'Remove "foo"'), base);
  });

  it('removing a key with a block scalar value removes every line of it', () => {
    const text = base.replace('client_type: confidential\n', 'client_type: confidential\nfoo: |\n  a\n  b\n');
    assert.equal(applyFix(text, 'Remove "foo"'), base);
  });

  it('removing in a CRLF file leaves the other lines and their line breaks intact', () => {
    const crlf = base.replace(/\n/g, '\r\n');
    const text = crlf.replace('client_type: confidential\r\n', 'client_type: confidential\r\nfoo: |\r\n  a\r\n  b\r\nbar: 1\r\n');
    assert.equal(applyFix(text, 'Remove "foo"'), crlf.replace('client_type: confidential\r\n', 'client_type: confidential\r\nbar: 1\r\n'));
    assert.equal(applyFix(text, 'Remove "bar"'), crlf.replace('client_type: confidential\r\n', 'client_type: confidential\r\nfoo: |\r\n  a\r\n  b\r\n'));
  });

  it('a read-only key is removed, also on the last line without a line break', () => {
    assert.deepEqual(fixes(base + 'pk: 3\n'), [{ title: 'Remove "pk"', preferred: true, code: 'read-only-key', result: base }]);
    assert.equal(applyFix(base + 'pk: 3', 'Remove "pk"'), base);
  });
});

describe('quick fixes: missing required keys', () => {
  const withoutRequired = 'client_type: public\nredirect_uris: https://a\\.b/c\n';

  it('one fix adds every missing key at the end of the file', () => {
    const all = fixes(withoutRequired);
    // Two diagnostics (one per key) but a single fix in the light bulb.
    assert.deepEqual(
      all.map((f) => [f.title, f.preferred]),
      [['Add missing required keys name, authorization_flow', true]],
    );
    assert.equal(all[0].result, withoutRequired + 'name: \nauthorization_flow: \n');
  });

  it('only the keys that are missing', () => {
    assert.deepEqual(fixes('name: x\n').map((f) => [f.title, f.result]), [['Add missing required key authorization_flow', 'name: x\nauthorization_flow: \n']]);
  });

  it('to an empty file', () => {
    assert.deepEqual(fixes('').map((f) => f.result), ['name: \nauthorization_flow: \n']);
  });

  it('to a file holding only a comment', () => {
    assert.deepEqual(fixes('# provider\n').map((f) => f.result), ['# provider\nname: \nauthorization_flow: \n']);
  });

  it('to a file without a trailing newline', () => {
    const text = withoutRequired.trimEnd();
    assert.deepEqual(fixes(text).map((f) => f.result), [text + '\nname: \nauthorization_flow: ']);
  });

  it('with CRLF line breaks', () => {
    const text = withoutRequired.replace(/\n/g, '\r\n');
    assert.deepEqual(fixes(text).map((f) => f.result), [text + 'name: \r\nauthorization_flow: \r\n']);
  });

  it('after a last value that is a block scalar', () => {
    const text = 'client_type: public\nredirect_uris: |\n  https://a\\.b/c\n';
    const result = fixes(text)[0].result;
    assert.equal(result, text + 'name: \nauthorization_flow: \n');
    assert.equal(diagnose(result, { settings: SETTINGS }).diagnostics.filter((d) => d.code === 'yaml-syntax').length, 0);
  });
});

describe('quick fixes: duplicate keys', () => {
  it('removes the second occurrence', () => {
    const text = VALID.replace('client_type: confidential\n', 'client_type: confidential\nname: Other\n');
    assert.deepEqual(fixes(text), [{ title: 'Remove "name"', preferred: true, code: 'duplicate-key', result: VALID }]);
  });
});

describe('quick fixes: only for the requested range', () => {
  const text = `name: x\nauthorization_flow: ${FLOW_EXPLICIT}\nredirect_uris: https://a\\.b/c\nclient_type: publik\nfoo: 1\n`;

  it('a range on one diagnostic gets only its fixes', () => {
    const onEnum = { start: { line: 3, character: 15 }, end: { line: 3, character: 15 } };
    assert.deepEqual(fixes(text, onEnum).map((f) => f.title), ['Change to "public"']);
    const onFoo = { start: { line: 4, character: 0 }, end: { line: 4, character: 1 } };
    assert.deepEqual(fixes(text, onFoo).map((f) => f.title), ['Remove "foo"']);
  });

  it('a range over lines without diagnostics gets none', () => {
    assert.deepEqual(fixes(text, { start: { line: 0, character: 0 }, end: { line: 1, character: 5 } }), []);
  });

  it('a range over both gets both', () => {
    assert.deepEqual(fixes(text, { start: { line: 3, character: 0 }, end: { line: 4, character: 6 } }).map((f) => f.title), ['Change to "public"', 'Remove "foo"']);
  });
});
