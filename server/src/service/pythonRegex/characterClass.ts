import type { ClassItem, RegexNode } from './ast';
import { classEscape, EscapeMeaning } from './escapes';
import { codePointLength, PatternReader } from './reader';

/** `[…]` after its `[` (at code point `start`): members, ranges and class escapes, as Python reads them. */
export function parseCharacterClass(reader: PatternReader, start: number): RegexNode {
  const items: ClassItem[] = [];
  const negated = reader.match('^');
  const unterminated = () => reader.error('unterminated character set', reader.tell() - start);
  for (;;) {
    const token = reader.get();
    if (token === null) throw unterminated();
    if (token === ']' && items.length > 0) break;
    const first = token[0] === '\\' ? classEscape(reader, token) : ({ kind: 'char', code: token.codePointAt(0)! } as const);
    if (reader.match('-')) {
      const second = reader.get();
      if (second === null) throw unterminated();
      if (second === ']') {
        items.push(toClassItem(first), { kind: 'char', code: 0x2d });
        break;
      }
      const last = second[0] === '\\' ? classEscape(reader, second) : ({ kind: 'char', code: second.codePointAt(0)! } as const);
      const rangeError = () => reader.error(`bad character range ${token}-${second}`, codePointLength(token) + 1 + codePointLength(second));
      if (first.kind !== 'char' || last.kind !== 'char') throw rangeError();
      if (last.code < first.code) throw rangeError();
      items.push({ kind: 'range', from: first.code, to: last.code });
    } else {
      items.push(toClassItem(first));
    }
  }
  return { type: 'set', negated, items, start: reader.utf16Index(start), end: reader.utf16Index(reader.tell()) };
}

function toClassItem(meaning: { kind: 'char'; code: number } | EscapeMeaning): ClassItem {
  if (meaning.kind === 'char') return { kind: 'char', code: meaning.code };
  if (meaning.kind === 'category') return { kind: 'category', category: meaning.category };
  throw new Error('a class holds characters and categories only');
}
