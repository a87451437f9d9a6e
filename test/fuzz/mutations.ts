import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { VALID } from '../helpers/service';

const FIXTURES = path.resolve(__dirname, '../fixtures');

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(full);
    return /\.ya?ml$/.test(entry.name) ? [full] : [];
  });
}

/** The texts mutations start from: every YAML fixture (when the folder exists) and VALID. */
export const SEED_TEXTS: readonly string[] = [VALID, ...filesUnder(FIXTURES).sort().map((file) => fs.readFileSync(file, 'utf8'))];

type Mutation =
  | { op: 'delete'; at: number; length: number }
  | { op: 'duplicate'; at: number; length: number }
  | { op: 'swap'; at: number; other: number }
  | { op: 'insert'; at: number; text: string }
  | { op: 'truncate'; at: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ op: fc.constant('duplicate' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ op: fc.constant('swap' as const), at: fc.nat(), other: fc.oneof(fc.constant(1), fc.nat()) }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), text: fc.constantFrom(' ', '\t', '\n', '\r\n', '\r', ':', '-', '- ', '#', '"', "'", '&a', '*a', '[', '{', '|', '>', '\uFEFF', '\u0000', '😀', '\uD800', '---\n') }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
);

/** Applies one mutation; offsets are taken modulo the text's length so every generated number is usable. */
function apply(text: string, m: Mutation): string {
  const at = m.at % (text.length + 1);
  switch (m.op) {
    case 'delete':
      return text.slice(0, at) + text.slice(at + m.length);
    case 'duplicate':
      return text.slice(0, at + m.length) + text.slice(at, at + m.length) + text.slice(at + m.length);
    case 'swap': {
      if (text.length < 2) return text;
      const i = Math.min(at, text.length - 1);
      const j = (i + m.other) % text.length;
      const [a, b] = i < j ? [i, j] : [j, i];
      return a === b ? text : text.slice(0, a) + text[b] + text.slice(a + 1, b) + text[a] + text.slice(b + 1);
    }
    case 'insert':
      return text.slice(0, at) + m.text + text.slice(at);
    case 'truncate':
      return text.slice(0, at);
  }
}

/** A seed text with one to five deletions, duplications, swaps, insertions or a truncation. */
export const mutatedSeed: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom(...SEED_TEXTS), fc.array(mutation, { minLength: 1, maxLength: 5 }))
  .map(([seed, mutations]) => mutations.reduce(apply, seed));
