/**
 * Python's `str` predicates and `repr`, as far as the `re` parser uses them. Non-ASCII answers come
 * from the JavaScript engine's Unicode data (15.0 or newer), which is what Python 3.12 uses (15.0)
 * for every character that has not changed since.
 */

import { PYTHON_WHITESPACE } from '../../../../common/pythonText';

export { PYTHON_WHITESPACE };

const IDENTIFIER = /^[\p{XID_Start}_]\p{XID_Continue}*$/u;
const LETTER = /^\p{L}$/u;
const DECIMAL = /^\p{Nd}$/u;
const NOT_PRINTABLE = /^[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]$/u;

/** Characters Unicode 15.1 added to XID_Continue; Python 3.12 (Unicode 15.0) does not take them. */
const CONTINUE_SINCE_UNICODE_15_1 = /[\u200c\u200d\u30fb\uff65]/;

/** `str.isidentifier()` (keywords count as identifiers, as in Python). */
export function isIdentifier(text: string): boolean {
  return IDENTIFIER.test(text) && !CONTINUE_SINCE_UNICODE_15_1.test(text);
}

/** `str.isalpha()` for one character. */
export function isAlpha(char: string): boolean {
  return LETTER.test(char);
}

/** `s.isdecimal() and s.isascii()`: a non-empty run of ASCII digits. */
export function isAsciiDecimal(text: string): boolean {
  return /^[0-9]+$/.test(text);
}

function isPrintable(char: string): boolean {
  return char === ' ' || !NOT_PRINTABLE.test(char);
}

function hex(code: number, width: number): string {
  return code.toString(16).padStart(width, '0');
}

/** Python's `repr()` of a str: the quoting and escapes `%r` puts into `re.error` messages. */
export function pythonRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (char === quote || char === '\\') out += '\\' + char;
    else if (char === '\t') out += '\\t';
    else if (char === '\n') out += '\\n';
    else if (char === '\r') out += '\\r';
    else if (code < 0x20 || code === 0x7f) out += '\\x' + hex(code, 2);
    else if (code < 0x7f || isPrintable(char)) out += char;
    else if (code <= 0xff) out += '\\x' + hex(code, 2);
    else if (code <= 0xffff) out += '\\u' + hex(code, 4);
    else out += '\\U' + hex(code, 8);
  }
  return out + quote;
}

/** Python's limit on the digits `int()` converts (`sys.get_int_max_str_digits()`). */
export const INT_MAX_STR_DIGITS = 4300;

/** The ValueError `int()` raises for a longer digit string. */
export function intDigitLimitMessage(digits: number): string {
  return (
    `Exceeds the limit (${INT_MAX_STR_DIGITS} digits) for integer string conversion: value has ${digits} digits; ` +
    'use sys.set_int_max_str_digits() to increase the limit'
  );
}

/** The value of a Unicode decimal digit (category Nd), as Python's `int()` reads it. */
export function decimalValue(char: string): number | undefined {
  const code = char.codePointAt(0)!;
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (!DECIMAL.test(char)) return undefined;
  // Unicode encodes each set of decimal digits as ten consecutive code points, 0 to 9, and
  // adjacent sets are whole sets, so the offset from the start of the run gives the value.
  let first = code;
  while (first > 0 && DECIMAL.test(String.fromCodePoint(first - 1))) first--;
  return (code - first) % 10;
}

/**
 * What Python's `int(text)` returns for a string (base 10): surrounding whitespace, a sign,
 * Unicode decimal digits and single underscores between digits are accepted. Undefined where
 * `int()` raises ValueError, including past INT_MAX_STR_DIGITS digits.
 */
export function pythonInt(text: string): bigint | undefined {
  const chars = Array.from(text);
  let start = 0;
  let end = chars.length;
  const isSpace = (c: string) => PYTHON_WHITESPACE.has(c.codePointAt(0)!);
  while (start < end && isSpace(chars[start])) start++;
  while (end > start && isSpace(chars[end - 1])) end--;
  let negative = false;
  if (start < end && (chars[start] === '+' || chars[start] === '-')) {
    negative = chars[start] === '-';
    start++;
  }
  let digits = '';
  let afterDigit = false;
  for (let i = start; i < end; i++) {
    if (chars[i] === '_') {
      if (!afterDigit || i + 1 >= end) return undefined;
      afterDigit = false;
      continue;
    }
    const value = decimalValue(chars[i]);
    if (value === undefined) return undefined;
    digits += String(value);
    afterDigit = true;
  }
  if (!digits || digits.length > INT_MAX_STR_DIGITS) return undefined;
  const value = BigInt(digits);
  return negative ? -value : value;
}
