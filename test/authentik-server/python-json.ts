import { PyDict, PyFloat, PyInt, PyValue } from './python-values';

/**
 * A strict JSON parser that keeps ints and floats apart (see python-values.ts) and fails the way
 * authentik's parser (orjson) reports it: "<reason>: line L column C (char P)". Like orjson it takes
 * standard JSON only (no NaN or Infinity) and refuses escaped lone surrogates.
 */
export class JsonSyntaxError extends Error {
  constructor(reason: string, text: string, position: number) {
    const before = text.slice(0, position);
    const line = before.split('\n').length;
    const column = position - (before.lastIndexOf('\n') + 1) + 1;
    super(`${reason}: line ${line} column ${column} (char ${position})`);
  }
}

// orjson gives up on documents nested deeper than this.
const MAX_DEPTH = 1024;
const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

export function parsePythonJson(text: string): PyValue {
  let i = 0;

  const fail = (reason: string, at = i): never => {
    throw new JsonSyntaxError(at >= text.length ? 'unexpected end of data' : reason, text, at);
  };
  const skipWhitespace = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };

  const parseString = (): string => {
    i++; // opening quote
    let out = '';
    for (;;) {
      if (i >= text.length) fail('unexpected end of data');
      const ch = text[i];
      if (ch === '"') {
        i++;
        return out;
      }
      if (ch < ' ') fail('control character in string');
      if (ch !== '\\') {
        out += ch;
        i++;
        continue;
      }
      const escape = text[i + 1];
      if (escape === undefined) fail('unexpected end of data', i + 1);
      if (escape in ESCAPES) {
        out += ESCAPES[escape];
        i += 2;
        continue;
      }
      if (escape !== 'u') fail('invalid escaped character in string', i + 1);
      const unit = readHex4(i + 2);
      i += 6;
      if (unit >= 0xdc00 && unit <= 0xdfff) fail('invalid low surrogate in string', i - 6);
      if (unit >= 0xd800 && unit <= 0xdbff) {
        // A high surrogate must be followed by an escaped low one; orjson refuses lone halves.
        if (text[i] !== '\\' || text[i + 1] !== 'u') fail('no low surrogate in string', i);
        const low = readHex4(i + 2);
        if (low < 0xdc00 || low > 0xdfff) fail('invalid low surrogate in string', i);
        out += String.fromCharCode(unit, low);
        i += 6;
        continue;
      }
      out += String.fromCharCode(unit);
    }
  };

  const readHex4 = (at: number): number => {
    const hex = text.slice(at, at + 4);
    if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('invalid escaped sequence in string', at);
    return parseInt(hex, 16);
  };

  const parseNumber = (): PyValue => {
    NUMBER.lastIndex = i;
    const match = NUMBER.exec(text);
    if (!match) fail('invalid number');
    const source = match![0];
    i += source.length;
    if (match![1] === undefined && match![2] === undefined) return new PyInt(BigInt(source));
    return new PyFloat(Number(source));
  };

  const parseLiteral = (): PyValue => {
    for (const [word, value] of [['true', true], ['false', false], ['null', null]] as const) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return value;
      }
    }
    return fail('invalid literal');
  };

  const parseValue = (depth: number): PyValue => {
    if (depth > MAX_DEPTH) fail('recursion limit exceeded');
    skipWhitespace();
    const ch = text[i];
    if (ch === undefined) return fail('unexpected end of data');
    if (ch === '{') return parseObject(depth);
    if (ch === '[') return parseArray(depth);
    if (ch === '"') return parseString();
    if (ch === '-' || (ch >= '0' && ch <= '9')) return parseNumber();
    if (ch === 't' || ch === 'f' || ch === 'n') return parseLiteral();
    return fail('unexpected character');
  };

  const parseArray = (depth: number): PyValue[] => {
    i++;
    const items: PyValue[] = [];
    skipWhitespace();
    if (text[i] === ']') {
      i++;
      return items;
    }
    for (;;) {
      items.push(parseValue(depth + 1));
      skipWhitespace();
      if (text[i] === ']') {
        i++;
        return items;
      }
      if (text[i] !== ',') fail('unexpected character, expected a comma or a closing bracket');
      i++;
      skipWhitespace();
      if (text[i] === ']') fail('trailing comma is not allowed');
    }
  };

  const parseObject = (depth: number): PyDict => {
    i++;
    const entries = new Map<string, PyValue>();
    skipWhitespace();
    if (text[i] === '}') {
      i++;
      return new PyDict(entries);
    }
    for (;;) {
      skipWhitespace();
      if (text[i] !== '"') fail(text[i] === '}' ? 'trailing comma is not allowed' : 'key must be a string');
      const key = parseString();
      skipWhitespace();
      if (text[i] !== ':') fail('unexpected character, expected a colon after object key');
      i++;
      entries.set(key, parseValue(depth + 1)); // a repeated key keeps its first place, last value, as in Python
      skipWhitespace();
      if (text[i] === '}') {
        i++;
        return new PyDict(entries);
      }
      if (text[i] !== ',') fail('unexpected character, expected a comma or a closing brace');
      i++;
    }
  };

  const value = parseValue(0);
  skipWhitespace();
  if (i < text.length) fail('unexpected content after document');
  return value;
}
