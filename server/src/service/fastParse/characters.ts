/**
 * Characters the fast path leaves to the full parser: tabs and other control characters, and the
 * Unicode spaces and line separators the yaml library folds, trims or drops in ways a line scanner
 * would not reproduce. A leading byte order mark is allowed (the caller skips it).
 */
const UNSUPPORTED = /[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff\ufffe\uffff]/g;

export function hasUnsupportedCharacter(text: string, from: number): boolean {
  UNSUPPORTED.lastIndex = from;
  return UNSUPPORTED.test(text);
}

/** A CR that does not start a CRLF (the parser's caller turns those into LF; the scanner only knows CRLF). */
export function hasLoneCarriageReturn(text: string): boolean {
  for (let i = text.indexOf('\r'); i !== -1; i = text.indexOf('\r', i + 1)) {
    if (text.charCodeAt(i + 1) !== LF) return true;
  }
  return false;
}

export const LF = 0x0a;
export const CR = 0x0d;
export const SPACE = 0x20;
export const HASH = 0x23;
export const COLON = 0x3a;
export const DASH = 0x2d;

/** A key is a plain scalar on one line without spaces or colons, not starting with an indicator. */
export function isKeyStart(code: number): boolean {
  return code !== SPACE && code !== LF && code !== CR && !isIndicator(code) && !Number.isNaN(code);
}

export function isKeyPart(code: number): boolean {
  return code !== SPACE && code !== COLON && code !== LF && code !== CR && !Number.isNaN(code);
}

/** YAML indicators that change what a value is when they start it; the scanner handles `|`, quotes, `[]` and `{}` itself. */
export function isIndicator(code: number): boolean {
  switch (code) {
    case DASH: // - ? : , [ ] { } # & * ! | > ' " % @ `
    case 0x3f:
    case COLON:
    case 0x2c:
    case 0x5b:
    case 0x5d:
    case 0x7b:
    case 0x7d:
    case HASH:
    case 0x26:
    case 0x2a:
    case 0x21:
    case 0x7c:
    case 0x3e:
    case 0x27:
    case 0x22:
    case 0x25:
    case 0x40:
    case 0x60:
      return true;
    default:
      return false;
  }
}
