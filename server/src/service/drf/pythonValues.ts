import { decimalValue, PYTHON_WHITESPACE } from '../pythonRegex/pythonText';
import { pyFloatRepr } from '../../../../common/pythonText';

/**
 * What the server's Python makes of a request value, as far as DRF's fields depend on it. The
 * editor sends the document as JSON (`JSON.stringify`), so a number reaches Python as the text
 * JavaScript writes for it: an int when that text has no fraction or exponent, else a float.
 */

const isSpace = (char: string) => PYTHON_WHITESPACE.has(char.codePointAt(0)!);

/** Python's `text.strip()`, with the offsets of what is kept. */
export function pythonStrip(text: string): { text: string; start: number; end: number } {
  let start = 0;
  let end = text.length;
  // Every Python whitespace character is in the BMP, so one UTF-16 unit each.
  while (start < end && isSpace(text[start])) start++;
  while (end > start && isSpace(text[end - 1])) end--;
  return { text: text.slice(start, end), start, end };
}

/** Python's `len(text)`: code points. */
export function pythonLength(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

/** The JSON text a finite number is sent as, and whether Python's json reads it as an int. */
function jsonNumber(value: number): { text: string; isInt: boolean } {
  const text = JSON.stringify(value);
  return { text, isInt: /^-?\d+$/.test(text) };
}

/**
 * `str(x)` of the number the server receives: `"2024"` for 2024, `"1.5"` for 1.50, `"1e-05"` for
 * 0.00001. Undefined for infinity and NaN, which JSON cannot carry (`JSON.stringify` sends null).
 */
export function pythonNumberText(value: number): string | undefined {
  if (!Number.isFinite(value)) return undefined;
  const { text, isInt } = jsonNumber(value);
  return isInt ? text : pythonFloatRepr(Number(text));
}

/** Python's `repr(float)`: the shortest digits that read back, fixed notation for exponents -4 to 15. */
export const pythonFloatRepr = pyFloatRepr;

/** Whether the server receives this number as an int (not a float). */
export function isPythonInt(value: number): boolean {
  return Number.isFinite(value) && jsonNumber(value).isInt;
}

const UUID_LIMIT = 1n << 128n;

function formatUuid(n: bigint): string {
  const hex = n.toString(16).padStart(32, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Python's `int(text, 16)`: surrounding whitespace, a `+` or `-`, a `0x` prefix, single underscores
 * between digits, and Unicode decimal digits (read as 0-9) are accepted. Undefined where it raises.
 */
function pythonHexInt(text: string): bigint | undefined {
  let ascii = '';
  for (const char of text) {
    if (isSpace(char)) ascii += ' ';
    else if (char.codePointAt(0)! < 0x80) ascii += char;
    else {
      const digit = decimalValue(char);
      if (digit === undefined) return undefined;
      ascii += String(digit);
    }
  }
  const match = /^ *([+-]?)(?:0[xX]_?)?([0-9a-fA-F](?:_?[0-9a-fA-F])*) *$/.exec(ascii);
  if (!match) return undefined;
  const magnitude = BigInt('0x' + match[2].replace(/_/g, ''));
  return match[1] === '-' ? -magnitude : magnitude;
}

/**
 * The UUID the server reads from a request value, in its canonical form (lower case, dashed), or
 * undefined where it answers `“x” is not a valid UUID.`. Django's UUIDField.to_python calls
 * `uuid.UUID(int=x)` for an int and `uuid.UUID(hex=x)` otherwise; `hex=` drops every `urn:` and
 * `uuid:`, strips braces at both ends, drops every dash, and then needs exactly 32 characters
 * that `int(_, 16)` reads.
 */
export function pythonUuid(value: unknown): string | undefined {
  let n: bigint | undefined;
  if (typeof value === 'number') {
    if (!isPythonInt(value)) return undefined; // a float has no .replace: AttributeError, "not a valid UUID"
    n = BigInt(jsonNumber(value).text);
  } else if (typeof value === 'string') {
    const hex = value.split('urn:').join('').split('uuid:').join('').replace(/^[{}]+|[{}]+$/g, '').split('-').join('');
    if (pythonLength(hex) !== 32) return undefined;
    n = pythonHexInt(hex);
  }
  if (n === undefined || n < 0n || n >= UUID_LIMIT) return undefined;
  return formatUuid(n);
}

/** A UUID as the server stores and lists it. */
export function isCanonicalUuid(text: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(text);
}
