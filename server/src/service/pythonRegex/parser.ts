import { FLAG, MAXGROUPS, MAXREPEAT, RegexAst, RegexNode, RepeatMode, Span } from './ast';
import { PythonRaise, Undecidable } from './errors';
import { EscapeMeaning, patternEscape } from './escapes';
import { parseCharacterClass } from './characterClass';
import { GroupState } from './groupState';
import { isFlagLetter, readInlineFlags } from './flags';
import { intDigitLimitMessage, INT_MAX_STR_DIGITS, isAsciiDecimal, isIdentifier, pythonInt, pythonRepr } from './pythonText';
import { codePointLength, PatternReader } from './reader';

/** Which Python's rules to follow where 3.11 and 3.12 differ (only names in `(?(…)…)`). */
export type PythonVersion = '3.11' | '3.12';

/** Groups, lookarounds and conditionals nested deeper than this are not checked (Python itself fails with RecursionError a few hundred levels down). */
export const MAX_NESTING = 100;

const SPECIAL = '.\\[{()*+?^$|';
const VERBOSE_SPACE = ' \t\n\r\v\f';
const DIGITS = '0123456789';

function isDigit(token: string | null): boolean {
  return token !== null && token.length === 1 && DIGITS.includes(token);
}

class Parser {
  private readonly state = new GroupState();
  private depth = 0;

  constructor(
    private readonly reader: PatternReader,
    private readonly version: PythonVersion,
  ) {}

  parse(): RegexAst {
    const reader = this.reader;
    const body = this.alternation(false, 0);
    const flags = this.state.flags;
    if (flags & FLAG.ascii && flags & FLAG.unicode) throw new PythonRaise('ValueError', 'ASCII and UNICODE flags are incompatible', null);
    if (reader.next !== null) throw reader.error('unbalanced parenthesis');
    for (const [group, position] of this.state.conditionalRefs) {
      if (group >= this.state.groups) throw new PythonRaise('re.error', `invalid group reference ${group}`, position);
    }
    return { pattern: reader.pattern, flags, groupCount: this.state.groups - 1, groupNames: this.state.names, body };
  }

  private span(fromPosition: number): { start: number; end: number } {
    return { start: this.reader.utf16Index(fromPosition), end: this.reader.utf16Index(this.reader.tell()) };
  }

  private enter(start: number): void {
    if (++this.depth > MAX_NESTING) throw new Undecidable(`groups nested more than ${MAX_NESTING} levels deep are not checked`, start);
  }

  /** `a|b|c` up to a `)` or the end. */
  private alternation(verbose: boolean, nested: number): RegexNode {
    const start = this.reader.tell();
    const branches: RegexNode[] = [];
    for (;;) {
      branches.push(this.sequence(verbose, nested + 1, nested === 0 && branches.length === 0));
      if (!this.reader.match('|')) break;
      if (nested === 0) verbose = (this.state.flags & FLAG.verbose) !== 0;
    }
    return branches.length === 1 ? branches[0] : { type: 'alternation', branches, ...this.span(start) };
  }

  /** Items up to a `|`, a `)` or the end. `first`: where global flags may stand. */
  private sequence(verbose: boolean, nested: number, first: boolean): RegexNode {
    const reader = this.reader;
    const start = reader.tell();
    const items: RegexNode[] = [];
    for (;;) {
      const token = reader.next;
      if (token === null || token === '|' || token === ')') break;
      const tokenStart = reader.tell();
      reader.get();
      if (verbose) {
        if (VERBOSE_SPACE.includes(token) && token.length === 1) continue;
        if (token === '#') {
          for (let skipped = reader.get(); skipped !== null && skipped !== '\n'; skipped = reader.get());
          continue;
        }
      }
      if (token[0] === '\\') {
        items.push(this.escapeItem(token, tokenStart));
      } else if (!SPECIAL.includes(token) || token.length !== 1) {
        items.push({ type: 'char', code: token.codePointAt(0)!, escaped: false, ...this.span(tokenStart) });
      } else if (token === '[') {
        items.push(parseCharacterClass(reader, tokenStart));
      } else if (token === '*' || token === '+' || token === '?' || token === '{') {
        this.repeat(token, tokenStart, items);
      } else if (token === '.') {
        items.push({ type: 'any', ...this.span(tokenStart) });
      } else if (token === '(') {
        const group = this.group(tokenStart, verbose, nested, first && items.length === 0);
        if (group === 'global flags') verbose = (this.state.flags & FLAG.verbose) !== 0;
        else if (group) items.push(group);
      } else if (token === '^') {
        items.push({ type: 'assertion', kind: 'lineStart', ...this.span(tokenStart) });
      } else if (token === '$') {
        items.push({ type: 'assertion', kind: 'lineEnd', ...this.span(tokenStart) });
      }
    }
    return items.length === 1 ? items[0] : { type: 'sequence', items, ...this.span(start) };
  }

  private escapeItem(token: string, tokenStart: number): RegexNode {
    const meaning = patternEscape(this.reader, token);
    if (meaning.kind === 'backref') return this.numberedBackref(meaning.digits, tokenStart);
    return this.escapeNode(meaning, tokenStart);
  }

  private escapeNode(meaning: Exclude<EscapeMeaning, { kind: 'backref' }>, tokenStart: number): RegexNode {
    const span = this.span(tokenStart);
    if (meaning.kind === 'char') return { type: 'char', code: meaning.code, escaped: true, ...span };
    if (meaning.kind === 'category') return { type: 'set', negated: false, items: [{ kind: 'category', category: meaning.category }], ...span };
    return { type: 'assertion', kind: meaning.assertion, ...span };
  }

  private numberedBackref(digits: string, tokenStart: number): RegexNode {
    const reader = this.reader;
    const group = Number(digits);
    const length = digits.length + 1;
    if (group < this.state.groups) {
      if (!this.state.isClosed(group)) throw reader.error('cannot refer to an open group', length);
      this.checkLookbehindReference(group);
      return { type: 'backref', group, ...this.span(tokenStart) };
    }
    throw reader.error(`invalid group reference ${group}`, length - 1);
  }

  private checkLookbehindReference(group: number): void {
    const limit = this.state.lookbehindGroups;
    if (limit === null) return;
    if (!this.state.isClosed(group)) throw this.reader.error('cannot refer to an open group');
    if (group >= limit) throw this.reader.error('cannot refer to group defined in the same lookbehind subpattern');
  }

  /** A quantifier after the last item; `{` that does not make one is a literal. */
  private repeat(token: string, tokenStart: number, items: RegexNode[]): void {
    const reader = this.reader;
    const here = reader.tell();
    let min: number;
    let max: number | null;
    if (token === '?') [min, max] = [0, 1];
    else if (token === '*') [min, max] = [0, null];
    else if (token === '+') [min, max] = [1, null];
    else {
      const literalBrace = () => items.push({ type: 'char', code: 0x7b, escaped: false, ...this.span(tokenStart) });
      if (reader.next === '}') {
        literalBrace();
        return;
      }
      let low = '';
      let high = '';
      while (isDigit(reader.next)) low += reader.get();
      if (reader.match(',')) {
        while (isDigit(reader.next)) high += reader.get();
      } else {
        high = low;
      }
      if (!reader.match('}')) {
        // Not a quantifier: the brace is a literal and reading goes on just after it.
        literalBrace();
        reader.seek(here);
        return;
      }
      min = 0;
      max = null;
      const braces = this.span(tokenStart);
      if (low) min = repeatCount(low, braces);
      if (high) {
        max = repeatCount(high, braces);
        if (max < min) throw reader.error('min repeat greater than max repeat', reader.tell() - here);
      }
    }
    const previous = items[items.length - 1];
    if (!previous || previous.type === 'assertion') throw reader.error('nothing to repeat', reader.tell() - here + 1);
    if (previous.type === 'repeat') throw reader.error('multiple repeat', reader.tell() - here + 1);
    let mode: RepeatMode = 'greedy';
    if (reader.match('?')) mode = 'lazy';
    else if (reader.match('+')) mode = 'possessive';
    items[items.length - 1] = { type: 'repeat', min, max, mode, body: previous, start: previous.start, end: reader.utf16Index(reader.tell()) };
  }

  /**
   * Everything that starts with `(`. Returns the node, 'global flags' for `(?flags)`, or null for
   * a comment.
   */
  private group(start: number, verbose: boolean, nested: number, globalFlagsAllowed: boolean): RegexNode | 'global flags' | null {
    const reader = this.reader;
    let capture = true;
    let atomic = false;
    let name: string | null = null;
    let addFlags = 0;
    let removeFlags = 0;
    if (reader.match('?')) {
      const char = reader.get();
      if (char === null) throw reader.error('unexpected end of pattern');
      if (char === 'P') {
        if (reader.match('<')) {
          name = reader.getUntil('>', 'group name');
          this.checkGroupName(name);
        } else if (reader.match('=')) {
          return this.namedBackref(start);
        } else {
          const after = reader.get();
          if (after === null) throw reader.error('unexpected end of pattern');
          throw reader.error('unknown extension ?P' + after, codePointLength(after) + 2);
        }
      } else if (char === ':') {
        capture = false;
      } else if (char === '#') {
        for (;;) {
          if (reader.next === null) throw reader.error('missing ), unterminated comment', reader.tell() - start);
          if (reader.get() === ')') return null;
        }
      } else if (char === '=' || char === '!' || char === '<') {
        return this.lookaround(start, char, verbose, nested);
      } else if (char === '(') {
        return this.conditional(start, verbose, nested);
      } else if (char === '>') {
        capture = false;
        atomic = true;
      } else if (char === '-' || isFlagLetter(char)) {
        const flags = readInlineFlags(reader, char);
        if (flags.global) {
          if (!globalFlagsAllowed) throw reader.error('global flags not at the start of the expression', reader.tell() - start);
          this.state.flags |= flags.add;
          return 'global flags';
        }
        addFlags = flags.add;
        removeFlags = flags.remove;
        capture = false;
      } else {
        throw reader.error('unknown extension ?' + char, codePointLength(char) + 1);
      }
    }
    let index: number | null = null;
    if (capture) {
      try {
        index = this.state.open(name);
      } catch (error) {
        if (error instanceof PythonRaise) throw reader.error(error.message, codePointLength(name ?? '') + 1);
        throw error;
      }
    }
    const bodyVerbose = (verbose || (addFlags & FLAG.verbose) !== 0) && !(removeFlags & FLAG.verbose);
    this.enter(start);
    const body = this.alternation(bodyVerbose, nested + 1);
    this.depth--;
    if (!reader.match(')')) throw reader.error('missing ), unterminated subpattern', reader.tell() - start);
    if (index !== null) this.state.close(index);
    const span = this.span(start);
    if (atomic) return { type: 'atomic', body, ...span };
    return { type: 'group', index, name, addFlags, removeFlags, body, ...span };
  }

  private checkGroupName(name: string): void {
    if (!isIdentifier(name)) throw this.reader.error('bad character in group name ' + pythonRepr(name), codePointLength(name) + 1);
  }

  private namedBackref(start: number): RegexNode {
    const reader = this.reader;
    const name = reader.getUntil(')', 'group name');
    this.checkGroupName(name);
    const group = this.state.names.get(name);
    if (group === undefined) throw reader.error('unknown group name ' + pythonRepr(name), codePointLength(name) + 1);
    if (!this.state.isClosed(group)) throw reader.error('cannot refer to an open group', codePointLength(name) + 1);
    this.checkLookbehindReference(group);
    return { type: 'backref', group, ...this.span(start) };
  }

  private lookaround(start: number, char: string, verbose: boolean, nested: number): RegexNode {
    const reader = this.reader;
    let kind = char;
    const behind = kind === '<';
    let outerLookbehind: number | null = null;
    if (behind) {
      const after = reader.get();
      if (after === null) throw reader.error('unexpected end of pattern');
      if (after !== '=' && after !== '!') throw reader.error('unknown extension ?<' + after, codePointLength(after) + 2);
      kind = after;
      outerLookbehind = this.state.lookbehindGroups;
      if (outerLookbehind === null) this.state.lookbehindGroups = this.state.groups;
    }
    this.enter(start);
    const body = this.alternation(verbose, nested + 1);
    this.depth--;
    if (behind && outerLookbehind === null) this.state.lookbehindGroups = null;
    if (!reader.match(')')) throw reader.error('missing ), unterminated subpattern', reader.tell() - start);
    return { type: 'lookaround', behind, negated: kind === '!', body, ...this.span(start) };
  }

  private conditional(start: number, verbose: boolean, nested: number): RegexNode {
    const reader = this.reader;
    const name = reader.getUntil(')', 'group name');
    const nameLength = codePointLength(name);
    const group = this.conditionGroup(name, nameLength);
    this.checkLookbehindReference(group);
    this.enter(start);
    const yes = this.sequence(verbose, nested + 1, false);
    let no: RegexNode | null = null;
    if (reader.match('|')) {
      no = this.sequence(verbose, nested + 1, false);
      if (reader.next === '|') throw reader.error('conditional backref with more than two branches');
    }
    this.depth--;
    if (!reader.match(')')) throw reader.error('missing ), unterminated subpattern', reader.tell() - start);
    return { type: 'conditional', group, yes, no, ...this.span(start) };
  }

  /** The group `(?(name)` or `(?(number)` refers to. */
  private conditionGroup(name: string, nameLength: number): number {
    const reader = this.reader;
    const byName = this.version === '3.12' ? !isAsciiDecimal(name) : isIdentifier(name);
    if (byName) {
      this.checkGroupName(name);
      const group = this.state.names.get(name);
      if (group === undefined) throw reader.error('unknown group name ' + pythonRepr(name), nameLength + 1);
      return group;
    }
    let value: bigint | undefined;
    if (this.version === '3.12') {
      // Only ASCII digits reach here, and int() refuses too many of them with a ValueError nobody catches.
      if (name.length > INT_MAX_STR_DIGITS) throw new PythonRaise('ValueError', intDigitLimitMessage(name.length), null);
      value = BigInt(name);
    } else {
      value = pythonInt(name);
      if (value === undefined || value < 0n) throw reader.error('bad character in group name ' + pythonRepr(name), nameLength + 1);
    }
    if (value === 0n) throw reader.error('bad group number', nameLength + 1);
    if (value >= BigInt(MAXGROUPS)) throw reader.error(`invalid group reference ${value}`, nameLength + 1);
    const group = Number(value);
    if (!this.state.conditionalRefs.has(group)) this.state.conditionalRefs.set(group, reader.tell() - nameLength - 1);
    return group;
  }
}

/** `int()` of a repeat count's digits, with Python's limits. */
function repeatCount(digits: string, braces: Span): number {
  if (digits.length > INT_MAX_STR_DIGITS) throw new PythonRaise('ValueError', intDigitLimitMessage(digits.length), null, braces);
  const value = BigInt(digits);
  if (value >= BigInt(MAXREPEAT)) throw new PythonRaise('OverflowError', 'the repetition number is too large', null, braces);
  return Number(value);
}

/** Parses like Python's `re._parser.parse`; throws PythonRaise or Undecidable. */
export function parsePattern(reader: PatternReader, version: PythonVersion): RegexAst {
  return new Parser(reader, version).parse();
}
