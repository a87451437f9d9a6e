import type { AssertionKind, Category } from './ast';
import { PythonRaise, Undecidable } from './errors';
import { codePointLength, PatternReader } from './reader';
import { lookupCharacterName } from './unicodeNames';
import { pythonRepr } from './pythonText';

/** What an escape stands for. */
export type EscapeMeaning =
  | { kind: 'char'; code: number }
  | { kind: 'category'; category: Category }
  | { kind: 'assertion'; assertion: AssertionKind }
  | { kind: 'backref'; digits: string };

const CONTROL_ESCAPES: Record<string, number> = {
  '\\a': 0x07,
  '\\f': 0x0c,
  '\\n': 0x0a,
  '\\r': 0x0d,
  '\\t': 0x09,
  '\\v': 0x0b,
  '\\\\': 0x5c,
};

const CATEGORY_ESCAPES: Record<string, Category> = {
  '\\d': 'digit',
  '\\D': 'notDigit',
  '\\s': 'space',
  '\\S': 'notSpace',
  '\\w': 'word',
  '\\W': 'notWord',
};

const ASSERTION_ESCAPES: Record<string, AssertionKind> = {
  '\\A': 'stringStart',
  '\\Z': 'stringEnd',
  '\\b': 'wordBoundary',
  '\\B': 'notWordBoundary',
};

const HEX = '0123456789abcdefABCDEF';
const OCTAL = '01234567';
const DIGITS = '0123456789';
const ASCII_LETTER = /^[A-Za-z]$/;

function isOneOf(token: string | null, allowed: string): boolean {
  return token !== null && token.length === 1 && allowed.includes(token);
}

/** `\xhh`, `\uhhhh`, `\Uhhhhhhhh` and `\N{…}`, the same inside and outside a class; undefined for other escapes. */
function codeEscape(reader: PatternReader, escape: string): number | undefined {
  const letter = escape[1];
  const width = letter === 'x' ? 2 : letter === 'u' ? 4 : letter === 'U' ? 8 : 0;
  if (width) {
    const full = escape + reader.getWhile(width, HEX);
    if (full.length !== width + 2) throw reader.error('incomplete escape ' + full, full.length);
    const code = parseInt(full.slice(2), 16);
    // chr() refuses it: with a ValueError Python turns into a bad escape, or, past a C int, with
    // an OverflowError that escapes re.compile.
    if (code > 0x7fffffff) {
      const span = { start: reader.utf16Index(reader.tell() - full.length), end: reader.utf16Index(reader.tell()) };
      throw new PythonRaise('OverflowError', 'Python int too large to convert to C int', null, span);
    }
    if (code > 0x10ffff) throw reader.error('bad escape ' + full, full.length);
    return code;
  }
  if (letter === 'N') {
    if (!reader.match('{')) throw reader.error('missing {');
    const name = reader.getUntil('}', 'character name');
    // A lone surrogate cannot be encoded for the lookup; the ValueError makes the whole escape bad.
    if (/\p{Cs}/u.test(name)) throw reader.error('bad escape ' + escape, escape.length);
    const found = lookupCharacterName(name);
    if (found === 'unknown') {
      throw new Undecidable(`\\N{${name}}: this checker knows only the names of Latin-1 characters`, reader.tell() - codePointLength(name) - 4);
    }
    if (!found.found) throw reader.error('undefined character name ' + pythonRepr(name), codePointLength(name) + 4);
    return found.code;
  }
  return undefined;
}

/** An escape inside `[…]`: a character or a category. */
export function classEscape(reader: PatternReader, escape: string): EscapeMeaning {
  if (escape === '\\b') return { kind: 'char', code: 0x08 };
  const control = CONTROL_ESCAPES[escape];
  if (control !== undefined) return { kind: 'char', code: control };
  const category = CATEGORY_ESCAPES[escape];
  if (category) return { kind: 'category', category };
  const code = codeEscape(reader, escape);
  if (code !== undefined) return { kind: 'char', code };
  const letter = escape.slice(1);
  if (isOneOf(letter, OCTAL)) {
    const full = escape + reader.getWhile(2, OCTAL);
    const value = parseInt(full.slice(1), 8);
    if (value > 0o377) throw reader.error(`octal escape value ${full} outside of range 0-0o377`, full.length);
    return { kind: 'char', code: value };
  }
  if (isOneOf(letter, DIGITS) || ASCII_LETTER.test(letter)) throw reader.error('bad escape ' + escape, escape.length);
  return { kind: 'char', code: letter.codePointAt(0)! };
}

/** An escape outside a class. Group references are returned as digits for the parser to resolve. */
export function patternEscape(reader: PatternReader, escape: string): EscapeMeaning {
  const assertion = ASSERTION_ESCAPES[escape];
  if (assertion) return { kind: 'assertion', assertion };
  const category = CATEGORY_ESCAPES[escape];
  if (category) return { kind: 'category', category };
  const control = CONTROL_ESCAPES[escape];
  if (control !== undefined) return { kind: 'char', code: control };
  const code = codeEscape(reader, escape);
  if (code !== undefined) return { kind: 'char', code };
  const letter = escape.slice(1);
  if (letter === '0') {
    const full = escape + reader.getWhile(2, OCTAL);
    return { kind: 'char', code: parseInt(full.slice(1), 8) };
  }
  if (isOneOf(letter, DIGITS)) {
    // An octal escape of three octal digits, else a group reference of one or two digits.
    let full = escape;
    if (isOneOf(reader.next, DIGITS)) {
      full += reader.get();
      if (OCTAL.includes(full[1]) && OCTAL.includes(full[2]) && isOneOf(reader.next, OCTAL)) {
        full += reader.get();
        const value = parseInt(full.slice(1), 8);
        if (value > 0o377) throw reader.error(`octal escape value ${full} outside of range 0-0o377`, full.length);
        return { kind: 'char', code: value };
      }
    }
    return { kind: 'backref', digits: full.slice(1) };
  }
  if (ASCII_LETTER.test(letter)) throw reader.error('bad escape ' + escape, escape.length);
  return { kind: 'char', code: letter.codePointAt(0)! };
}
