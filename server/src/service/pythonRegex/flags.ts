import { FLAG } from './ast';
import { PatternReader } from './reader';
import { isAlpha } from './pythonText';

/** The letters `(?…)` accepts, with their bits. */
export const FLAG_LETTERS: Readonly<Record<string, number>> = {
  i: FLAG.ignoreCase,
  L: FLAG.locale,
  m: FLAG.multiline,
  s: FLAG.dotAll,
  x: FLAG.verbose,
  a: FLAG.ascii,
  t: FLAG.template,
  u: FLAG.unicode,
};

const TYPE_FLAGS = FLAG.ascii | FLAG.locale | FLAG.unicode;
const GLOBAL_ONLY_FLAGS = FLAG.debug | FLAG.template;

export function isFlagLetter(token: string | null): token is string {
  return token !== null && Object.prototype.hasOwnProperty.call(FLAG_LETTERS, token);
}

export type InlineFlags = { global: true; add: number } | { global: false; add: number; remove: number };

/**
 * Reads the flags of `(?aiLmsux)` (global) or `(?flags-flags:` (scoped) after `(?`; `first` is
 * the token already read. Stops after `)` or `:`.
 */
export function readInlineFlags(reader: PatternReader, first: string): InlineFlags {
  let add = 0;
  let remove = 0;
  let token: string | null = first;
  if (token !== '-') {
    for (;;) {
      const flag = FLAG_LETTERS[token];
      if (token === 'L') throw reader.error("bad inline flags: cannot use 'L' flag with a str pattern");
      add |= flag;
      if (flag & TYPE_FLAGS && (add & TYPE_FLAGS) !== flag) throw reader.error("bad inline flags: flags 'a', 'u' and 'L' are incompatible");
      token = reader.get();
      if (token === null) throw reader.error('missing -, : or )');
      if (token === ')' || token === '-' || token === ':') break;
      if (!isFlagLetter(token)) throw reader.error(isAlpha(token) ? 'unknown flag' : 'missing -, : or )', [...token].length);
    }
  }
  if (token === ')') return { global: true, add };
  if (add & GLOBAL_ONLY_FLAGS) throw reader.error('bad inline flags: cannot turn on global flag', 1);
  if (token === '-') {
    token = reader.get();
    if (token === null) throw reader.error('missing flag');
    if (!isFlagLetter(token)) throw reader.error(isAlpha(token) ? 'unknown flag' : 'missing flag', [...token].length);
    for (;;) {
      const flag = FLAG_LETTERS[token];
      if (flag & TYPE_FLAGS) throw reader.error("bad inline flags: cannot turn off flags 'a', 'u' and 'L'");
      remove |= flag;
      token = reader.get();
      if (token === null) throw reader.error('missing :');
      if (token === ':') break;
      if (!isFlagLetter(token)) throw reader.error(isAlpha(token) ? 'unknown flag' : 'missing :', [...token].length);
    }
  }
  if (remove & GLOBAL_ONLY_FLAGS) throw reader.error('bad inline flags: cannot turn off global flag', 1);
  if (add & remove) throw reader.error('bad inline flags: flag turned on and off', 1);
  return { global: false, add, remove };
}
