import { literalValue, parsePythonRegex, pythonWhitespaceSplit } from '../pythonRegex';

/** One entry of the list form. */
export interface RedirectUriEntry {
  matching_mode: 'strict' | 'regex';
  url: string;
  redirect_uri_type?: string;
}

/**
 * The list that means what a string-form value meant to the server: split as it splits
 * (`str.split()`), exactly `*` is any URI, an entry that is a plain escaped literal is compared
 * strictly, any other is a regex. An entry whose only regex characters are unescaped dots
 * (`https://app.example.com/cb`) is read as the exact URL it names, as authentik's own upgrade to the
 * list form did: it becomes `strict`, which no longer matches `appXexample`. When one entry is not a
 * valid Python regex the server compared every entry literally, so every entry becomes `strict` as written.
 */
export function entriesFromString(value: string): RedirectUriEntry[] {
  if (value === '*') return [{ matching_mode: 'regex', url: '.*' }];
  const parts = pythonWhitespaceSplit(value).map((p) => p.text);
  const parsed = parts.map((text) => ({ text, result: parsePythonRegex(text) }));
  if (parsed.some((p) => p.result.ok !== true)) return parts.map((url) => ({ matching_mode: 'strict', url }));
  return parsed.map(({ text, result }) => {
    const literal = (result.ok === true ? literalValue(result.ast) : undefined) ?? dottedLiteral(text);
    return literal !== undefined ? { matching_mode: 'strict', url: literal } : { matching_mode: 'regex', url: text };
  });
}

/** The URL an entry names when its only regex characters are unescaped dots, else undefined. */
function dottedLiteral(pattern: string): string | undefined {
  let escaped = '';
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i] === '\\') escaped += pattern.slice(i, ++i + 1);
    else escaped += pattern[i] === '.' ? '\\.' : pattern[i];
  }
  if (escaped === pattern) return undefined;
  const result = parsePythonRegex(escaped);
  return result.ok === true ? literalValue(result.ast) : undefined;
}

export type StringResult = { ok: true; value: string } | { ok: false; reason: string };

/** Characters a Python regex gives a meaning to; escaped, the rest of a URL matches itself. */
const REGEX_SPECIAL = /[\\.^$*+?{}[\]|()]/g;

/** The pattern that matches exactly `url` and nothing else. */
export function escapeRegex(url: string): string {
  return url.replace(REGEX_SPECIAL, (c) => `\\${c}`);
}

/**
 * The string-form value that means what the list meant: strict entries as escaped regex literals,
 * regex entries as they are, one per line. Refused when the string cannot say the same thing.
 */
export function stringFromEntries(entries: readonly unknown[]): StringResult {
  const lines: string[] = [];
  for (const [i, raw] of entries.entries()) {
    const at = `entry ${i + 1} of redirect_uris`;
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return { ok: false, reason: `${at} is not a mapping of matching_mode and url.` };
    const entry = raw as Record<string, unknown>;
    const extra = Object.keys(entry).filter((k) => !['matching_mode', 'url', 'redirect_uri_type'].includes(k));
    if (extra.length) return { ok: false, reason: `${at} has "${extra[0]}", which the string form cannot hold.` };
    if (entry.redirect_uri_type !== undefined && entry.redirect_uri_type !== 'authorization') {
      return { ok: false, reason: `${at} is a "${String(entry.redirect_uri_type)}" redirect URI; releases before 2026.5 have only authorization redirect URIs.` };
    }
    const url = entry.url;
    if (typeof url !== 'string' || url.trim() === '') return { ok: false, reason: `${at} has no url.` };
    if (pythonWhitespaceSplit(url).length !== 1 || url !== url.trim()) {
      return { ok: false, reason: `${at} contains white space, which separates entries in the string form.` };
    }
    if (entry.matching_mode === 'strict') {
      lines.push(escapeRegex(url));
    } else if (entry.matching_mode === 'regex') {
      // One pattern Python cannot compile would make the server compare every entry literally.
      const compiled = parsePythonRegex(url);
      if (compiled.ok !== true) return { ok: false, reason: `${at} is not a regex Python compiles, so the string form would compare every entry literally.` };
      lines.push(url);
    } else {
      return { ok: false, reason: `${at} has matching_mode ${JSON.stringify(entry.matching_mode)}, neither strict nor regex.` };
    }
  }
  return { ok: true, value: lines.join('\n') };
}
