/**
 * Python's own text rules, where the server applies them to what it receives: `str.strip()`,
 * `str()` of a number parsed from JSON, `int(text, 16)` and `uuid.UUID(hex=...)`.
 */

/** The characters for which Python's `str.isspace()` is true (bidirectional class WS, B or S, or category Zs): what `str.strip()` and `str.split()` cut. */
export const PYTHON_WHITESPACE: ReadonlySet<number> = new Set([
  0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x85, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004,
  0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000,
]);

// The same set as a character class, for the readers below.
const PY_WHITESPACE = `[${[...PYTHON_WHITESPACE].map((code) => `\\u${code.toString(16).padStart(4, '0')}`).join('')}]`;
const LEADING = new RegExp(`^${PY_WHITESPACE}+`);
const HEX_INT = new RegExp(`^${PY_WHITESPACE}*([+-]?)(?:0[xX]_?)?([0-9a-fA-F](?:_?[0-9a-fA-F])*)${PY_WHITESPACE}*$`);
const TRAILING = new RegExp(`${PY_WHITESPACE}+$`);

/** `text.strip()`. */
export function pyStrip(text: string): string {
  return text.replace(LEADING, '').replace(TRAILING, '');
}

/** `len(text)`: code points, not UTF-16 units. */
export function pyLen(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

/** `repr(x)` of a float: the shortest round-trip digits, fixed notation for exponents -4 to 15. */
export function pyFloatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const sign = x < 0 ? '-' : '';
  const [mantissa, exponentText] = Math.abs(x).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 16) {
    const rest = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${rest}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
  return `${sign}${whole}.${digits.slice(exponent + 1) || '0'}`;
}

/**
 * `str(n)` of the number Python's JSON parser makes of `JSON.stringify(n)`: an int where the JSON has
 * neither a point nor an exponent, else a float. Undefined for NaN and the infinities (JSON `null`).
 */
export function pyStrOfJsonNumber(n: number): string | undefined {
  if (!Number.isFinite(n)) return undefined;
  const json = JSON.stringify(n);
  return /[.eE]/.test(json) ? pyFloatRepr(n) : json;
}

/**
 * `int(text, 16)`: surrounding whitespace, a sign, a `0x` prefix and single underscores between
 * digits are allowed. Undefined where Python raises.
 */
export function pyParseHex(text: string): bigint | undefined {
  const match = HEX_INT.exec(text);
  if (!match) return undefined;
  const magnitude = BigInt(`0x${match[2].replace(/_/g, '')}`);
  return match[1] === '-' ? -magnitude : magnitude;
}

const UUID_LIMIT = 1n << 128n;

function formatUuid(n: bigint): string {
  const hex = n.toString(16).padStart(32, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The canonical form of a UUID as Django's UUIDField reads it: a string through `uuid.UUID(hex=...)`
 * (dashes, braces, `urn:uuid:`, any letter case), an integer through `uuid.UUID(int=...)`.
 * Undefined where that raises.
 */
export function pyUuid(value: string | number): string | undefined {
  let n: bigint | undefined;
  if (typeof value === 'number') {
    // Python reads the JSON text: digits only make an int (UUID(int=...)); a float is no UUID.
    const json = Number.isFinite(value) ? JSON.stringify(value) : '.';
    if (/[.eE]/.test(json)) return undefined;
    n = BigInt(json);
  } else {
    const hex = value.split('urn:').join('').split('uuid:').join('').replace(/^[{}]+/, '').replace(/[{}]+$/, '').split('-').join('');
    if (pyLen(hex) !== 32) return undefined;
    n = pyParseHex(hex);
  }
  if (n === undefined || n < 0n || n >= UUID_LIMIT) return undefined;
  return formatUuid(n);
}
