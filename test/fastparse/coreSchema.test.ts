import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Document, isScalar, parseDocument } from 'yaml';
import { mayResolveToNonString } from '../../server/src/service/fastParse/nodes';
import { parseTextFast } from '../../server/src/service/parsedDocument';

/**
 * The fast path skips the core schema's tag tests for plain scalars whose first character no
 * null, bool, int or float pattern can start with. These tests hold that shortcut to the schema.
 */
describe('fast path: plain scalar types', () => {
  const tags = new Document().schema.tags.filter((tag) => !tag.collection && tag.default && tag.test);

  it('checks the tags of the core schema (null, bool, three ints, three floats)', () => {
    assert.equal(tags.length, 8);
  });

  it('no core tag matches a scalar whose first character the shortcut calls a string', () => {
    const plain = fc.string({ unit: 'binary', minLength: 1, maxLength: 12 }).filter((s) => !mayResolveToNonString(s));
    fc.assert(
      fc.property(plain, (value) => {
        for (const tag of tags) assert.ok(!tag.test!.test(value), `${tag.tag} matches ${JSON.stringify(value)}`);
      }),
      { numRuns: 2000 },
    );
  });

  it('every first character a core tag accepts is one the shortcut sends to the tags', () => {
    // One example of each pattern, and every first character of every example.
    const samples = ['null', 'Null', 'NULL', '~', '', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE', '0o17', '-12', '+3', '0x1F', '.inf', '-.Inf', '+.INF', '.nan', '.NaN', '.NAN', '1e5', '-.5E+3', '+1.', '.5', '3.25'];
    for (const sample of samples) {
      assert.ok(tags.some((tag) => tag.test!.test(sample)), `no tag for ${JSON.stringify(sample)}`);
      assert.ok(mayResolveToNonString(sample), JSON.stringify(sample));
    }
  });

  const TYPED: [string, unknown][] = [
    ['null', null], ['~', null], ['NULL', null], ['true', true], ['FALSE', false], ['tRUE', 'tRUE'], ['yes', 'yes'],
    ['12', 12], ['+12', 12], ['007', 7], ['0o17', 15], ['0o8', '0o8'], ['0x1f', 31], ['0xG', '0xG'], ['1.5', 1.5],
    ['1.', 1], ['.5', 0.5], ['1e3', 1000], ['.inf', Infinity], ['-.Inf', -Infinity], ['.nan', NaN], ['1_000', '1_000'],
    ['12:30', '12:30'], ['-1', -1], ['-x', '-x'], ['?x', '?x'], [':x', ':x'],
  ];
  for (const [source, expected] of TYPED) {
    it(`types the plain scalar ${source} as the yaml library does`, () => {
      const text = `value: ${source}\n`;
      const fast = parseTextFast(text)?.root?.items[0].value;
      assert.ok(isScalar(fast), 'read by the fast path');
      assert.deepEqual(fast.value, expected);
      assert.deepEqual(fast.value, (parseDocument(text).toJS() as { value: unknown }).value);
    });
  }
});
