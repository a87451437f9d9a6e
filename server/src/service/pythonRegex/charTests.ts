import { AssertionKind, Category, ClassItem, FLAG, RegexNode } from './ast';
import { PYTHON_WHITESPACE } from './pythonText';

/** true, false, or null where the answer depends on Unicode case or category data this checker does not carry. */
export type Verdict = boolean | null;

export type CharTest = (code: number) => Verdict;

/** Python's `_combine_flags`: a scoped type flag (`a`, `u`) replaces the other. */
export function combineFlags(flags: number, add: number, remove: number): number {
  const typeFlags = FLAG.ascii | FLAG.unicode | FLAG.locale;
  const base = add & typeFlags ? flags & ~typeFlags : flags;
  return (base | add) & ~remove;
}

const isAscii = (code: number) => code < 0x80;
const asciiLower = (code: number) => (code >= 0x41 && code <= 0x5a ? code + 0x20 : code);
const asciiUpper = (code: number) => (code >= 0x61 && code <= 0x7a ? code - 0x20 : code);

/**
 * Non-ASCII characters that case-insensitive Unicode matching ties to an ASCII letter: U+0130 and
 * U+212A lower-case to `i` and `k`; U+0131 and U+017F are Python's extra equivalents of `i` and `s`.
 */
const ASCII_CASE_PARTNERS: Readonly<Record<number, readonly number[]>> = {
  0x69: [0x130, 0x131],
  0x73: [0x17f],
  0x6b: [0x212a],
};

function categoryTest(category: Category, code: number, ascii: boolean): Verdict {
  let verdict: Verdict;
  switch (category) {
    case 'digit':
    case 'notDigit':
      verdict = code >= 0x30 && code <= 0x39 ? true : isAscii(code) || ascii ? false : null;
      return category === 'digit' ? verdict : negate(verdict);
    case 'space':
    case 'notSpace':
      verdict = ascii ? code === 0x20 || (code >= 0x09 && code <= 0x0d) : PYTHON_WHITESPACE.has(code);
      return category === 'space' ? verdict : negate(verdict);
    case 'word':
    case 'notWord':
      verdict = isWordChar(code, ascii);
      return category === 'word' ? verdict : negate(verdict);
  }
}

function isWordChar(code: number, ascii: boolean): Verdict {
  if (isAscii(code)) return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) || code === 0x5f;
  return ascii ? false : null;
}

function negate(verdict: Verdict): Verdict {
  return verdict === null ? null : !verdict;
}

/** Whether one class item holds `code`, compared exactly (no case folding). */
function itemHolds(item: ClassItem, code: number, ascii: boolean): Verdict {
  if (item.kind === 'char') return item.code === code;
  if (item.kind === 'range') return item.from <= code && code <= item.to;
  return categoryTest(item.category, code, ascii);
}

function anyOf(items: readonly ClassItem[], test: (item: ClassItem) => Verdict): Verdict {
  let unsure = false;
  for (const item of items) {
    const verdict = test(item);
    if (verdict === true) return true;
    if (verdict === null) unsure = true;
  }
  return unsure ? null : false;
}

/**
 * Case-insensitive membership, as Python's IN_IGNORE / IN_UNI_IGNORE: the lower-cased character
 * against the lower-cased members. Exact for ASCII input; for other input only equality is sure.
 */
function holdsIgnoringCase(items: readonly ClassItem[], code: number, ascii: boolean): Verdict {
  if (!ascii && !isAscii(code)) return null;
  const lower = asciiLower(code);
  const candidates = [lower, asciiUpper(lower)];
  if (!ascii) candidates.push(...(ASCII_CASE_PARTNERS[lower] ?? []));
  return anyOf(items, (item) => (item.kind === 'category' ? categoryTest(item.category, lower, ascii) : candidates.some((c) => itemHolds(item, c, ascii) === true)));
}

function literalIgnoringCase(literal: number, code: number, ascii: boolean): Verdict {
  if (literal === code) return true;
  if (ascii || (isAscii(literal) && isAscii(code))) return asciiLower(literal) === asciiLower(code);
  return holdsIgnoringCase([{ kind: 'char', code: literal }], code, ascii);
}

/** The test a one-character node applies under `flags`. */
export function charTest(node: Extract<RegexNode, { type: 'char' | 'any' | 'set' }>, flags: number): CharTest {
  const ascii = (flags & FLAG.ascii) !== 0;
  const ignoreCase = (flags & FLAG.ignoreCase) !== 0;
  if (node.type === 'any') return flags & FLAG.dotAll ? () => true : (code) => code !== 0x0a;
  if (node.type === 'char') {
    const literal = node.code;
    return ignoreCase ? (code) => literalIgnoringCase(literal, code, ascii) : (code) => code === literal;
  }
  const { items, negated } = node;
  const holds: CharTest = ignoreCase ? (code) => holdsIgnoringCase(items, code, ascii) : (code) => anyOf(items, (item) => itemHolds(item, code, ascii));
  return negated ? (code) => negate(holds(code)) : holds;
}

/** Whether a zero-width assertion holds at `position` of `input` (code points) under `flags`. */
export function assertionHolds(kind: AssertionKind, flags: number, input: readonly number[], position: number): Verdict {
  const length = input.length;
  const multiline = (flags & FLAG.multiline) !== 0;
  switch (kind) {
    case 'stringStart':
      return position === 0;
    case 'stringEnd':
      return position === length;
    case 'lineStart':
      return position === 0 || (multiline && input[position - 1] === 0x0a);
    case 'lineEnd':
      return position === length || (input[position] === 0x0a && (multiline || position === length - 1));
    case 'wordBoundary':
    case 'notWordBoundary': {
      // Python: never at the start of an empty string, either way.
      if (length === 0) return false;
      const ascii = (flags & FLAG.ascii) !== 0;
      const before = position > 0 ? isWordChar(input[position - 1], ascii) : false;
      const after = position < length ? isWordChar(input[position], ascii) : false;
      if (before === null || after === null) return null;
      return kind === 'wordBoundary' ? before !== after : before === after;
    }
  }
}
