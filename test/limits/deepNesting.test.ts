import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Diagnostic } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { documentWithCursor, service, summarize, textAt } from '../helpers/service';
import { SettingsBuilder } from '../helpers/settings';
import { useEveryFeature } from './everyFeature';
import { withinMs } from './timing';

const TOO_DEEP = 'The YAML nests too deeply to be read: the parser gave up here. Flatten the structure.';
const FLOW = '8f3b0c7e-6a44-4b1e-9a5e-1f2d3c4b5a60';

/** The single "too deep" error, on one character of the nesting (where depends on the stack left). */
function assertTooDeepOnce(document: TextDocument, diagnostics: Diagnostic[], expectedText: RegExp): void {
  const tooDeep = diagnostics.filter((d) => d.message === TOO_DEEP);
  assert.equal(tooDeep.length, 1, summarize(document, diagnostics).join('\n'));
  assert.equal(tooDeep[0].code, 'yaml-syntax');
  assert.match(textAt(document, tooDeep[0].range), expectedText);
}

function check(text: string, options: { limitMs: number; maxFileSize?: number }) {
  const settings = new SettingsBuilder().withAllRules().withInlayHints().withMaxFileSize(options.maxFileSize ?? 1024 * 1024).build();
  const { document } = documentWithCursor(text);
  const s = service();
  const diagnostics = withinMs(options.limitMs, 'validation', () => s.validate(document, settings));
  useEveryFeature(s, document, options.limitMs, settings);
  return { document, diagnostics };
}

describe('limits: nesting thousands deep', () => {
  it('10,000 nested flow sequences under a key: one clear error, no stack overflow', () => {
    const { document, diagnostics } = check(`name: deep\nauthorization_flow: ${FLOW}\nx: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`, { limitMs: 5_000 });
    assertTooDeepOnce(document, diagnostics, /^\[$/);
    assert.ok(summarize(document, diagnostics).includes('unknown-key@2:0-2:1 "x"'));
  });

  it('10,000 nested flow sequences as the whole document', () => {
    const { document, diagnostics } = check(`${'['.repeat(10_000)}${']'.repeat(10_000)}\n`, { limitMs: 5_000 });
    assertTooDeepOnce(document, diagnostics, /^\[$/);
    assert.equal(diagnostics.filter((d) => d.code === 'not-a-mapping').length, 1);
  });

  it('10,000 nested flow mappings', () => {
    const { document, diagnostics } = check(`name: deep\nx: ${'{a: '.repeat(10_000)}1${'}'.repeat(10_000)}\n`, { limitMs: 5_000 });
    assertTooDeepOnce(document, diagnostics, /^[{a]$/);
  });

  it('5,000 nested block mappings (12 MB of indentation): file-too-large at the default limit', () => {
    const text = Array.from({ length: 5_000 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n') + ' leaf\n';
    const { document, diagnostics } = check(text, { limitMs: 2_000 });
    assert.deepEqual(summarize(document, diagnostics), ['file-too-large@0:0-0:0 ""']);
  });

  it('5,000 nested block mappings with the limit raised: one clear error, no stack overflow', () => {
    const text = Array.from({ length: 5_000 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n') + ' leaf\n';
    const { document, diagnostics } = check(text, { limitMs: 10_000, maxFileSize: 20 * 1024 * 1024 });
    assertTooDeepOnce(document, diagnostics, /^k$/);
  });

  it('5,000 nested block sequences on one line (- - - ... x)', () => {
    const { document, diagnostics } = check(`name: deep\nredirect_uris:\n  ${'- '.repeat(5_000)}x\n`, { limitMs: 5_000 });
    assertTooDeepOnce(document, diagnostics, /^-$/);
  });

  it('500 levels, which the parser still reads, give the ordinary type error', () => {
    const { document, diagnostics } = check(`name: deep\nauthorization_flow: ${FLOW}\nredirect_uris: ${'['.repeat(500)}${']'.repeat(500)}\n`, { limitMs: 5_000 });
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      ['wrong-type'],
    );
    assert.equal(textAt(document, diagnostics[0].range), '['.repeat(500) + ']'.repeat(500));
  });

  // Before flattening collection keys, yaml re-serialised each nested key per level: 2^n work, a frozen editor at n = 30.
  it('mappings nested as keys ({{{...}}}: x) validate at once and name the key as written', () => {
    for (const depth of [30, 700]) {
      const key = '{'.repeat(depth) + '}'.repeat(depth);
      const { document, diagnostics } = check(`name: keys\nauthorization_flow: ${FLOW}\n${key}: x\n`, { limitMs: 2_000 });
      const unknown = diagnostics.filter((d) => d.code === 'unknown-key');
      assert.equal(unknown.length, 1, summarize(document, diagnostics).join('\n'));
      assert.equal(textAt(document, unknown[0].range), key);
      assert.equal(unknown[0].message, `Unknown key "${key}": the server silently ignores it.`);
    }
  });

  it('a list nested 700 deep as an explicit key', () => {
    const key = '['.repeat(700) + ']'.repeat(700);
    const { document, diagnostics } = check(`name: keys\nauthorization_flow: ${FLOW}\n? ${key}\n: x\n`, { limitMs: 2_000 });
    assert.deepEqual(summarize(document, diagnostics.filter((d) => d.code === 'unknown-key')), [`unknown-key@2:2-2:1402 "${key}"`]);
  });
});
