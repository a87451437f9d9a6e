import { pyFloatRepr, pyLen, pyStrip, PYTHON_WHITESPACE } from '../../common/pythonText';
/**
 * JSON values as the Python side of authentik sees them after parsing. Django REST Framework's
 * messages print these with Python's str()/repr(), so `1.0` must stay a float ("1.0") and
 * `1` an int ("1"); a plain JS number cannot tell them apart.
 */

export class PyInt {
  constructor(readonly value: bigint) {}
}

export class PyFloat {
  constructor(readonly value: number) {}
}

export class PyDict {
  constructor(readonly entries: Map<string, PyValue>) {}
}

export type PyValue = string | boolean | null | PyInt | PyFloat | PyDict | PyValue[];

/** Python's `type(value).__name__`. */
export function pyTypeName(value: PyValue): string {
  if (typeof value === 'string') return 'str';
  if (typeof value === 'boolean') return 'bool';
  if (value === null) return 'NoneType';
  if (value instanceof PyInt) return 'int';
  if (value instanceof PyFloat) return 'float';
  if (value instanceof PyDict) return 'dict';
  return 'list';
}

/** Python's `str(value)`. */
export function pyStr(value: PyValue): string {
  if (typeof value === 'string') return value;
  return pyRepr(value);
}

/** Python's `repr(value)`. */
export function pyRepr(value: PyValue): string {
  if (typeof value === 'string') return pyStringRepr(value);
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (value === null) return 'None';
  if (value instanceof PyInt) return value.value.toString();
  if (value instanceof PyFloat) return pyFloatRepr(value.value);
  if (value instanceof PyDict) {
    const items = [...value.entries].map(([k, v]) => `${pyStringRepr(k)}: ${pyRepr(v)}`);
    return `{${items.join(', ')}}`;
  }
  return `[${value.map(pyRepr).join(', ')}]`;
}

/** repr(float), as the server writes a float into a message. */
export { pyFloatRepr };

// Characters Python's str.isprintable() rejects (other than the space): controls, format
// characters, separators, surrogates, private use, unassigned.
const NOT_PRINTABLE = /[\p{C}\p{Z}]/u;

function pyStringRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of text) {
    if (ch === quote || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch !== ' ' && NOT_PRINTABLE.test(ch)) out += escapeCodePoint(ch.codePointAt(0)!);
    else out += ch;
  }
  return out + quote;
}

function escapeCodePoint(code: number): string {
  const hex = code.toString(16);
  if (code <= 0xff) return `\\x${hex.padStart(2, '0')}`;
  if (code <= 0xffff) return `\\u${hex.padStart(4, '0')}`;
  return `\\U${hex.padStart(8, '0')}`;
}

// Python's text rules are the product's own (common/pythonText.ts): the test server reads values as the server does.
export { pyLen, pyStrip };

const SEPARATOR = new RegExp(`[${[...PYTHON_WHITESPACE].map((code) => String.fromCodePoint(code)).join('')}]+`);

/** Python's `text.split()` without arguments: runs of whitespace separate, none at either end. */
export function pySplit(text: string): string[] {
  return pyStrip(text).split(SEPARATOR).filter((part) => part !== '');
}

/**
 * Python's `int(text, base)` for bases 10 and 16: surrounding whitespace, a sign, single
 * underscores between digits and (base 16) a 0x prefix are allowed. Undefined when Python raises.
 */
export function pyParseInt(text: string, base: 10 | 16): bigint | undefined {
  const digit = base === 10 ? '[0-9]' : '[0-9a-fA-F]';
  const prefix = base === 16 ? '(?:0[xX]_?)?' : '';
  const match = new RegExp(`^\\s*([+-]?)${prefix}(${digit}(?:_?${digit})*)\\s*$`).exec(text);
  if (!match) return undefined;
  const magnitude = BigInt((base === 16 ? '0x' : '') + match[2].replace(/_/g, ''));
  return match[1] === '-' ? -magnitude : magnitude;
}

/** Converts a parsed value to the plain JSON a JS caller expects. */
export function toPlainJson(value: PyValue): unknown {
  if (value instanceof PyInt) return Number(value.value);
  if (value instanceof PyFloat) return value.value;
  if (value instanceof PyDict) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of value.entries) out[k] = toPlainJson(v);
    return out;
  }
  if (Array.isArray(value)) return value.map(toPlainJson);
  return value;
}
