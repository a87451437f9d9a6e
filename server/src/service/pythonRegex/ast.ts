/**
 * The tree a Python `re` pattern parses into. It follows the structure of CPython's parser (a
 * sequence of items, alternations, groups, repeats), not its optimised opcodes: a character class
 * of one character stays a class, `(?:…)` stays a group. Offsets are UTF-16 indices into the
 * pattern string, so they can become editor positions directly.
 */

/** Python's MAXREPEAT: a repeat count at or above it is an OverflowError. */
export const MAXREPEAT = 4294967295;

/** Python's MAXGROUPS on 64-bit builds. */
export const MAXGROUPS = 1073741823;

/** Inline flag bits, with the values of Python's `re` module. */
export const FLAG = {
  template: 1,
  ignoreCase: 2,
  locale: 4,
  multiline: 8,
  dotAll: 16,
  unicode: 32,
  verbose: 64,
  debug: 128,
  ascii: 256,
} as const;

export interface Span {
  /** UTF-16 index of the node's first character in the pattern. */
  start: number;
  /** UTF-16 index just after the node. */
  end: number;
}

export type Category = 'digit' | 'notDigit' | 'space' | 'notSpace' | 'word' | 'notWord';

export type ClassItem =
  | { kind: 'char'; code: number }
  | { kind: 'range'; from: number; to: number }
  | { kind: 'category'; category: Category };

/**
 * `lineStart` is `^`, `lineEnd` is `$` (both follow MULTILINE), `stringStart` is `\A`, `stringEnd`
 * is `\Z`, the boundaries are `\b` and `\B`.
 */
export type AssertionKind = 'lineStart' | 'lineEnd' | 'stringStart' | 'stringEnd' | 'wordBoundary' | 'notWordBoundary';

export type RepeatMode = 'greedy' | 'lazy' | 'possessive';

export type RegexNode =
  /** One literal character; `escaped` when it was written as an escape (`\.`, `\x41`, `\n`). */
  | ({ type: 'char'; code: number; escaped: boolean } & Span)
  /** `.` */
  | ({ type: 'any' } & Span)
  /** `[…]`, or a class escape such as `\d` outside brackets. */
  | ({ type: 'set'; negated: boolean; items: ClassItem[] } & Span)
  | ({ type: 'assertion'; kind: AssertionKind } & Span)
  /**
   * `(…)` (index set), `(?P<name>…)` (index and name), `(?:…)` and `(?flags:…)` (index null).
   * The flags are bits of FLAG turned on and off for the group's body.
   */
  | ({ type: 'group'; index: number | null; name: string | null; addFlags: number; removeFlags: number; body: RegexNode } & Span)
  /** `(?>…)` */
  | ({ type: 'atomic'; body: RegexNode } & Span)
  /** `(?=…)`, `(?!…)`, `(?<=…)`, `(?<!…)` */
  | ({ type: 'lookaround'; behind: boolean; negated: boolean; body: RegexNode } & Span)
  /** `\1` or `(?P=name)` */
  | ({ type: 'backref'; group: number } & Span)
  /** `(?(1)yes|no)`, `(?(name)yes)` */
  | ({ type: 'conditional'; group: number; yes: RegexNode; no: RegexNode | null } & Span)
  /** `max` null: no upper bound (`*`, `+`, `{m,}`). */
  | ({ type: 'repeat'; min: number; max: number | null; mode: RepeatMode; body: RegexNode } & Span)
  | ({ type: 'sequence'; items: RegexNode[] } & Span)
  | ({ type: 'alternation'; branches: RegexNode[] } & Span);

export type NodeOfType<T extends RegexNode['type']> = Extract<RegexNode, { type: T }>;

export interface RegexAst {
  pattern: string;
  /** Global flags set by `(?…)` at the start of the pattern (bits of FLAG). */
  flags: number;
  /** Number of capturing groups. */
  groupCount: number;
  groupNames: ReadonlyMap<string, number>;
  body: RegexNode;
}
