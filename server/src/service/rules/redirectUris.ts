import { isScalar } from 'yaml';
import { Finding, finding } from '../findings';
import { ScalarLocator } from '../scalarLocator';
import { findPair, lineEnd, rangeOf } from '../yamlNodes';
import { Rule } from './rule';

export interface RedirectEntry {
  text: string;
  /** Offsets inside the redirect_uris string. */
  start: number;
  end: number;
}

/** The server splits redirect_uris on any whitespace. */
export function splitRedirectUris(value: string): RedirectEntry[] {
  return [...value.matchAll(/\S+/g)].map((m) => ({ text: m[0], start: m.index ?? 0, end: (m.index ?? 0) + m[0].length }));
}

/** Indexes of `.`, `?` and `+` that act as regex operators where a literal character was surely meant. */
export function unescapedMetaCharacters(entry: string): number[] {
  const found: number[] = [];
  for (let i = 0; i < entry.length; i++) {
    const ch = entry[i];
    if (ch === '\\') {
      i++;
      continue;
    }
    const next = entry[i + 1];
    const previous = entry[i - 1];
    if (ch === '.' && next !== '*' && next !== '+' && next !== '?') found.push(i);
    // After a group or class, ? and + are deliberate quantifiers.
    if ((ch === '?' || ch === '+') && previous !== ')' && previous !== ']' && previous !== '.' && previous !== '*') found.push(i);
  }
  return found;
}

export function escapeRedirectUri(entry: string): string {
  // The positions count UTF-16 code units, as `entry[i]` does: so does this loop (a character outside the BMP is two).
  const positions = new Set(unescapedMetaCharacters(entry));
  let escaped = '';
  for (let i = 0; i < entry.length; i++) escaped += positions.has(i) ? '\\' + entry[i] : entry[i];
  return escaped;
}

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

function isRegex(entry: string): boolean {
  try {
    new RegExp(entry);
    return true;
  } catch {
    return false;
  }
}

export const redirectUrisRule: Rule = {
  id: 'redirectUris',
  check({ text, root, value }) {
    const pair = findPair(root, 'redirect_uris');
    const clientType = value.client_type ?? 'confidential';
    if (!pair) {
      const start = root.range[0];
      return [
        finding('redirect-uris-empty', {
          message:
            'No redirect_uris: the server then adopts the first redirect URI any client sends (CVE-2024-52289). List the allowed URIs.',
          start,
          end: lineEnd(text, start),
          data: { key: 'redirect_uris' },
        }),
      ];
    }
    const node = pair.value;
    if (node !== null && !(isScalar(node) && (typeof node.value === 'string' || node.value === null))) return []; // a type error, reported by the schema
    const raw = isScalar(node) && typeof node.value === 'string' ? node.value : '';
    const entries = splitRedirectUris(raw);
    if (entries.length === 0) {
      const [start, end] = (node && rangeOf(node)?.[1] !== rangeOf(node)?.[0] ? rangeOf(node) : rangeOf(pair.key)) ?? [0, 0];
      return [
        finding('redirect-uris-empty', {
          message:
            'redirect_uris is empty: the server then adopts the first redirect URI any client sends (CVE-2024-52289). List the allowed URIs.',
          start,
          end,
          data: { key: 'redirect_uris' },
        }),
      ];
    }
    const locator = new ScalarLocator(text, node as never);
    const findings: Finding[] = [];
    const seen = new Set<string>();
    for (const entry of entries) {
      const [start, end] = locator.locate(raw, entry.start, entry.end);
      const at = { start, end };
      if (seen.has(entry.text)) {
        findings.push(finding('redirect-uri-duplicate', { ...at, message: `"${entry.text}" is listed twice.`, data: { key: 'redirect_uris' }, unnecessary: true }));
        continue;
      }
      seen.add(entry.text);
      if (entry.text.includes('*')) {
        findings.push(finding('redirect-uri-wildcard', {
          ...at,
          message: `"${entry.text}" uses "*": the server matches each entry as a regular expression, so this accepts far more URIs than intended (any host or path an attacker can register). List exact URIs.`,
          data: { key: 'redirect_uris' },
        }));
        continue;
      }
      // An entry that is not a valid regex is compared literally by the server; one that is has its escapes removed to get the URL.
      const regex = isRegex(entry.text);
      const literal = regex ? entry.text.replace(/\\(.)/g, '$1') : entry.text;
      let url: URL | undefined;
      try {
        url = new URL(literal);
      } catch {
        url = undefined;
      }
      if (!url || !/^[a-z][a-z0-9+.-]*:$/i.test(url.protocol) || (/^https?:$/.test(url.protocol) && !url.host)) {
        findings.push(finding('redirect-uri-invalid', { ...at, message: `"${entry.text}" is not an absolute URL (such as https://app.example.com/callback).`, data: { key: 'redirect_uris' } }));
        continue;
      }
      if (url.protocol === 'http:' && clientType !== 'public' && !LOOPBACK.test(url.hostname)) {
        findings.push(finding('redirect-uri-insecure', {
          ...at,
          message: `"${entry.text}" sends a confidential client's authorization codes over plain http to ${url.hostname}. Use https.`,
          data: { key: 'redirect_uris', entry: entry.text, suggestion: entry.text.replace(/^http:/i, 'https:') },
        }));
      }
      const meta = unescapedMetaCharacters(entry.text);
      if (regex && meta.length > 0) {
        const chars = [...new Set(meta.map((i) => entry.text[i]))].map((c) => `"${c}"`).join(', ');
        findings.push(finding('redirect-uri-unescaped', {
          ...at,
          message:
            `Unescaped ${chars} in "${entry.text}": the server matches each entry as a regular expression` +
            (chars.includes('"."') ? ', so "." matches any character (app.example.com also matches appXexample.com).' : ', where "?" and "+" are quantifiers.') +
            ` Write "${escapeRedirectUri(entry.text)}".`,
          data: { key: 'redirect_uris', entry: entry.text, suggestion: escapeRedirectUri(entry.text) },
        }));
      }
    }
    return findings;
  },
};
