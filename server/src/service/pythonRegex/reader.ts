import { PythonRaise } from './errors';

/**
 * Reads a pattern the way Python's `re` tokenizer does: one token of lookahead, where a token is
 * one code point or a backslash with the code point after it. Reading the token before a final
 * lone backslash already fails ("bad escape (end of pattern)"), so errors surface in Python's
 * order. Positions are code-point indices, as in Python's messages.
 */
export class PatternReader {
  /** The pattern's code points. */
  readonly chars: string[];
  /** The token after the current position, or null at the end. */
  next: string | null = null;
  /** Code-point length of `next`. */
  private nextLength = 0;
  /** Index just after `next`. */
  private index = 0;
  /** UTF-16 index of each code point, plus one entry for the end. */
  private readonly utf16: number[];

  constructor(readonly pattern: string) {
    this.chars = Array.from(pattern);
    this.utf16 = new Array<number>(this.chars.length + 1);
    let at = 0;
    for (let i = 0; i < this.chars.length; i++) {
      this.utf16[i] = at;
      at += this.chars[i].length;
    }
    this.utf16[this.chars.length] = at;
    this.advance();
  }

  private advance(): void {
    const at = this.index;
    if (at >= this.chars.length) {
      this.next = null;
      this.nextLength = 0;
      return;
    }
    const char = this.chars[at];
    if (char !== '\\') {
      this.next = char;
      this.nextLength = 1;
      this.index = at + 1;
      return;
    }
    if (at + 1 >= this.chars.length) throw new PythonRaise('re.error', 'bad escape (end of pattern)', this.chars.length - 1);
    this.next = char + this.chars[at + 1];
    this.nextLength = 2;
    this.index = at + 2;
  }

  /** Consumes the next token when it is `token`. */
  match(token: string): boolean {
    if (this.next !== token) return false;
    this.advance();
    return true;
  }

  get(): string | null {
    const token = this.next;
    this.advance();
    return token;
  }

  /** Consumes up to `count` single-character tokens that are in `allowed`. */
  getWhile(count: number, allowed: string): string {
    let out = '';
    for (let i = 0; i < count; i++) {
      const token = this.next;
      if (token === null || token.length !== 1 || !allowed.includes(token)) break;
      out += token;
      this.advance();
    }
    return out;
  }

  /** Consumes tokens up to and including `terminator`; returns what came before it. */
  getUntil(terminator: string, what: string): string {
    let out = '';
    for (;;) {
      const token = this.next;
      this.advance();
      if (token === null) {
        if (!out) throw this.error('missing ' + what);
        throw this.error(`missing ${terminator}, unterminated name`, codePointLength(out));
      }
      if (token === terminator) {
        if (!out) throw this.error('missing ' + what, 1);
        return out;
      }
      out += token;
    }
  }

  /** Code-point index of the next token (Python's `tell()`). */
  tell(): number {
    return this.index - this.nextLength;
  }

  seek(position: number): void {
    this.index = position;
    this.advance();
  }

  /** An `re.error` at `offset` code points before the next token. */
  error(message: string, offset = 0): PythonRaise {
    return new PythonRaise('re.error', message, this.tell() - offset);
  }

  /** UTF-16 index of a code-point index. */
  utf16Index(position: number): number {
    return this.utf16[Math.max(0, Math.min(position, this.chars.length))];
  }
}

export function codePointLength(text: string): number {
  let length = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) i++;
    }
    length++;
  }
  return length;
}

/** The UTF-16 index of code point number `position` in `text` (the end when past it). */
export function utf16Offset(text: string, position: number): number {
  let index = 0;
  for (let count = 0; count < position && index < text.length; count++) {
    const code = text.charCodeAt(index);
    index += code >= 0xd800 && code <= 0xdbff && index + 1 < text.length && (text.charCodeAt(index + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
  }
  return index;
}
