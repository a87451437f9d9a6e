import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { documentWithCursor, service, summarize } from '../helpers/service';
import { SettingsBuilder } from '../helpers/settings';
import { useEveryFeature } from './everyFeature';
import { withinMs } from './timing';

/** Hostile input meets every rule and feature. */
const EVERYTHING = new SettingsBuilder().withAllRules().withInlayHints().build();

const FLOW = '8f3b0c7e-6a44-4b1e-9a5e-1f2d3c4b5a60';

/** Nine levels, each repeating the one above nine times: 9^9 (387 million) leaves once expanded. */
function laughs(open: string, close: string, item: (ref: string, i: number) => string): string {
  const lines = [`l0: &l0 ${open}${Array.from({ length: 9 }, (_, i) => item('"lol"', i)).join(', ')}${close}`];
  for (let level = 1; level <= 9; level++) {
    lines.push(`l${level}: &l${level} ${open}${Array.from({ length: 9 }, (_, i) => item(`*l${level - 1}`, i)).join(', ')}${close}`);
  }
  return lines.join('\n') + '\n';
}

const BOMBS: Record<string, string> = {
  'lists (billion laughs)': laughs('[', ']', (ref) => ref),
  'mappings': laughs('{', '}', (ref, i) => `k${i}: ${ref}`),
  'merge keys': ['a0: &a0 {x: 1, y: 2}', ...Array.from({ length: 9 }, (_, n) => `a${n + 1}: &a${n + 1} {<<: [${Array(9).fill(`*a${n}`).join(', ')}], z${n}: 1}`)].join('\n') + '\n',
  'block style under a real field': `name: bomb\nauthorization_flow: ${FLOW}\nx0: &x0\n  - lol\n  - lol\n${Array.from({ length: 12 }, (_, n) => `x${n + 1}: &x${n + 1}\n  - *x${n}\n  - *x${n}\n  - *x${n}\n  - *x${n}`).join('\n')}\nproperty_mappings: *x12\n`,
  'one anchor used 10,000 times': `a: &a lol\nlist:\n${'  - *a\n'.repeat(10_000)}`,
  'bomb as a key': laughs('[', ']', (ref) => ref) + '? *l9\n: boom\n',
};

describe('limits: alias bombs', () => {
  for (const [shape, text] of Object.entries(BOMBS)) {
    it(`${shape}: one alias-limit error on the first line, quickly`, () => {
      const { document } = documentWithCursor(text);
      const s = service(undefined, EVERYTHING);
      const diagnostics = withinMs(2_000, 'validation', () => s.validate(document));
      const limit = diagnostics.filter((d) => d.code === 'alias-limit');
      assert.equal(limit.length, 1, summarize(document, diagnostics).join('\n'));
      assert.equal(limit[0].message, 'The document cannot be expanded: Excessive alias count indicates a resource exhaustion attack.');
      assert.deepEqual([limit[0].range.start, limit[0].range.end.line], [{ line: 0, character: 0 }, 0]);
      // Nothing else is judged on a body that cannot be built: no findings about missing keys or types (merge keys are refused on their own).
      assert.deepEqual(diagnostics.filter((d) => !['alias-limit', 'duplicate-key', 'merge-key', 'yaml-syntax', 'yaml-warning'].includes(String(d.code))), []);
      useEveryFeature(s, document, 2_000);
    });
  }

  it('a few aliases of a small anchor are fine', () => {
    const { document } = documentWithCursor(`name: ok\nauthorization_flow: ${FLOW}\nredirect_uris: &r https://a\\.b/c\nx-copy: *r\n`);
    assert.deepEqual(summarize(document, service(undefined, EVERYTHING).validate(document)), ['unknown-key@3:0-3:6 "x-copy"']);
  });
});
