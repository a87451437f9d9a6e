/**
 * Text from files, file names and servers, made safe for a CI log. Every output path of the CLI goes
 * through this module: a line that reaches the log is either one the CLI composed or data with every
 * character that could end the line, start a workflow command or drive the terminal made visible.
 *
 * GitHub Actions runs a line that starts with `::` (after leading white space) as a workflow command,
 * and a log viewer or a terminal also breaks lines at CR, U+2028 and U+2029 and obeys ANSI escapes.
 */

/**
 * C0 and C1 controls, DEL, the line and paragraph separators, and the bidirectional controls that can
 * make a log line read differently from what it holds.
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

const hex = (c: string, width: number) => c.charCodeAt(0).toString(16).padStart(width, '0');

/** `\n`, `\r`, `\t`, `\x1b`, `\u2028`...: the character spelled out, so a value stays on its line and shows what it holds. */
function spelled(c: string): string {
  return NAMED[c] ?? (c.charCodeAt(0) <= 0xff ? `\\x${hex(c, 2)}` : `\\u${hex(c, 4)}`);
}

/** Data for a line of text output: every unsafe character spelled out. */
export function visible(text: string): string {
  return text.replace(UNSAFE, spelled);
}

/** Whether a line would run as a workflow command (the runner ignores leading white space). */
export const startsCommand = (line: string): boolean => /^\s*::/.test(line);

/**
 * A path at the start of a line (text format): spelled out, and a relative path that would start a
 * workflow command gets `./`, which names the same file.
 */
export function linePath(file: string): string {
  const shown = visible(file);
  return startsCommand(shown) ? `./${shown}` : shown;
}

/**
 * A workflow command's message, as the runner decodes it: `%` `\r` `\n` percent-encoded; the other
 * unsafe characters, which the runner would not decode, spelled out first.
 */
export function workflowData(text: string): string {
  return text
    .replace(UNSAFE, (c) => (c === '\n' || c === '\r' ? c : spelled(c)))
    .replace(/%/g, '%25')
    .replace(/\r/g, '%0D')
    .replace(/\n/g, '%0A');
}

/** A workflow command's property value: as a message, and `:` `,` too (they end the property). */
export function workflowProperty(text: string): string {
  return workflowData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** The characters JSON.stringify leaves raw that still end a log line or drive a terminal. */
const UNSAFE_IN_JSON = /[\u007f-\u009f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * JSON on one line, spaced as `{ "key": value, ... }`, with every unsafe character as a `\uXXXX` escape
 * (still the same JSON value). JSON.stringify escapes line breaks inside strings, so every line break of its
 * indented form is layout and can become a space.
 */
export function jsonLine(value: unknown): string {
  return JSON.stringify(value, null, 1).replace(/\n */g, ' ').replace(UNSAFE_IN_JSON, (c) => `\\u${hex(c, 4)}`);
}

/**
 * The last guard before a stream, for whatever a formatter or a message did not escape, on one whole
 * line (without its LF): each unsafe character becomes a `\uXXXX` escape (valid inside a JSON string
 * too), and unless `commands` are allowed (the github format's own lines) a line that would start a
 * workflow command gets its first colon escaped.
 */
export function guardLine(line: string, commands: boolean): string {
  const text = line.replace(UNSAFE, (c) => `\\u${hex(c, 4)}`);
  return !commands && startsCommand(text) ? text.replace(':', '\\u003a') : text;
}
