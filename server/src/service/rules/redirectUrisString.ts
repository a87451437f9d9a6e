import { isScalar } from 'yaml';
import { Finding, finding } from '../findings';
import { pythonWhitespaceSplit } from '../pythonRegex';
import { ScalarLocator } from '../scalarLocator';
import { lineEnd, rangeOf, ParsedNode, Pair, YAMLMap } from '../yamlNodes';
import { EntryContext, regexEntryFindings } from './redirectUrisEntry';
import { ProbeBudget } from './redirectUrisProbes';

export interface StringFormInput {
  text: string;
  root: YAMLMap.Parsed;
  /** The `redirect_uris` pair, when the file has one. */
  pair: Pair<ParsedNode, ParsedNode | null> | undefined;
}

export interface StringFormOptions {
  clientType: string;
  budget: ProbeBudget;
}

const KEY = { key: 'redirect_uris' };

/** Separators a reader sees; every other one `str.split()` splits on is invisible or looks like a space. */
const VISIBLE_SEPARATORS = /^[ \t\r\n]*$/;

/**
 * `redirect_uris` as one string (up to 2024.8.4, and 2024.10.0 to 2024.10.2): split with Python's
 * `str.split()`, each entry tried at login with `re.fullmatch` in order (authentik's
 * `OAuthAuthorizationParams.check_redirect_uri`). Nothing is checked when the provider is saved.
 */
export function stringFormFindings({ text, root, pair }: StringFormInput, options: StringFormOptions): Finding[] {
  if (!pair) {
    const start = root.range[0];
    return [
      finding('redirect-uris-empty', {
        message: 'No redirect_uris: the server then adopts the first redirect URI any client sends (CVE-2024-52289). List the allowed URIs.',
        start,
        end: lineEnd(text, start),
        data: KEY,
      }),
    ];
  }
  const node = pair.value;
  if (node !== null && !(isScalar(node) && (typeof node.value === 'string' || node.value === null))) return []; // a type error, reported by the schema
  const raw = isScalar(node) && typeof node.value === 'string' ? node.value : '';
  const parts = pythonWhitespaceSplit(raw);
  if (parts.length === 0) {
    const [start, end] = (node && rangeOf(node)?.[1] !== rangeOf(node)?.[0] ? rangeOf(node) : rangeOf(pair.key)) ?? [0, 0];
    return [
      finding('redirect-uris-empty', {
        message: 'redirect_uris is empty: the server then adopts the first redirect URI any client sends (CVE-2024-52289). List the allowed URIs.',
        start,
        end,
        data: KEY,
      }),
    ];
  }
  const locator = new ScalarLocator(text, node as never);
  const ranges = parts.map((part) => locator.locate(raw, part.start, part.end));
  if (parts.length === 1 && parts[0].text === '*') {
    return [
      finding('redirect-uri-wildcard', {
        start: ranges[0][0],
        end: ranges[0][1],
        message: 'redirect_uris is "*": at the first login the server rewrites it to ".*", a regular expression that accepts every redirect URI on every host. List the allowed URIs.',
        data: KEY,
      }),
    ];
  }
  const findings: Finding[] = [];
  const context: EntryContext = { form: 'string', clientType: options.clientType, uriType: 'authorization', budget: options.budget };
  const seen = new Set<string>();
  parts.forEach((part, i) => {
    const [start, end] = ranges[i];
    if (i > 0) findings.push(...hiddenSeparator(raw, parts[i - 1], part, ranges[i - 1], ranges[i]));
    if (seen.has(part.text)) {
      findings.push(finding('redirect-uri-duplicate', { start, end, message: `"${part.text}" is listed twice.`, data: KEY, unnecessary: true }));
      return;
    }
    seen.add(part.text);
    findings.push(...regexEntryFindings({ text: part.text, start, end, data: KEY }, context));
  });
  return findings;
}

/** Two entries that a reader takes for one: what separates them is invisible (U+0085, U+001C, a no-break space). */
function hiddenSeparator(raw: string, before: { text: string; end: number }, after: { text: string; start: number }, beforeAt: [number, number], afterAt: [number, number]): Finding[] {
  const gap = raw.slice(before.end, after.start);
  if (VISIBLE_SEPARATORS.test(gap)) return [];
  // From the separator as written (`\x85` in double quotes too) to the end of the entry it hides: the
  // separator alone is white space, which a range does not end on.
  const located = beforeAt[1] <= afterAt[0] && beforeAt[0] !== afterAt[0];
  const [start, end] = located ? [beforeAt[1], afterAt[1]] : afterAt;
  const names = [...new Set([...gap].filter((c) => !/[ \t\r\n]/.test(c)).map((c) => 'U+' + c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')))];
  return [
    finding('redirect-uri-hidden-separator', {
      start,
      end,
      message: `"${before.text}" and "${after.text}" are separated by ${names.join(', ')}, not a plain space or line break, which the server splits redirect_uris on too (Python's str.split()): these are two entries.`,
      data: KEY,
    }),
  ];
}
