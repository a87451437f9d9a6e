import { PYTHON_WHITESPACE } from './pythonText';

export interface SplitPart {
  text: string;
  /** UTF-16 indices of the part in the string that was split. */
  start: number;
  end: number;
}

/**
 * Python's `str.split()` without arguments: runs of the characters `str.isspace()` accepts
 * separate the parts, and none is empty. Besides ASCII whitespace these include U+001C–U+001F,
 * U+0085, U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F and U+3000.
 */
export function pythonWhitespaceSplit(text: string): SplitPart[] {
  const parts: SplitPart[] = [];
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    // Every separator is in the BMP, so a surrogate is never one.
    const separator = PYTHON_WHITESPACE.has(text.charCodeAt(i));
    if (separator && start >= 0) {
      parts.push({ text: text.slice(start, i), start, end: i });
      start = -1;
    } else if (!separator && start < 0) {
      start = i;
    }
  }
  if (start >= 0) parts.push({ text: text.slice(start), start, end: text.length });
  return parts;
}
