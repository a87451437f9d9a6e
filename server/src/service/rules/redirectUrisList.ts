import type { ListRedirectUris } from '../../../../common/profiles/redirectUris';
import { Finding, FindingData, finding } from '../findings';
import { pythonWhitespaceSplit } from '../pythonRegex';
import { ScalarLocator } from '../scalarLocator';
import { didYouMean } from '../suggest';
import { findPair, isMap, isScalar, isSeq, rangeOf, ParsedNode, Pair, Scalar } from '../yamlNodes';
import { EntryContext, EntrySite, regexEntryFindings, urlFindings } from './redirectUrisEntry';
import { readPattern } from './redirectUrisPattern';
import { ProbeBudget } from './redirectUrisProbes';

export interface ListFormInput {
  text: string;
  /** The `redirect_uris` pair, when the file has one (the list form requires it: the schema says so). */
  pair: Pair<ParsedNode, ParsedNode | null> | undefined;
}

export interface ListFormOptions {
  clientType: string;
  budget: ProbeBudget;
}

/**
 * `redirect_uris` as a list of `{matching_mode, url}` (2024.8.5, 2024.10.3 and later; 2026.5 adds
 * `redirect_uri_type`). On save the server compiles every `regex` entry (`validate_redirect_uris`);
 * at login a `strict` entry must equal the redirect URI, a `regex` one `re.fullmatch` it.
 */
export function listFormFindings({ text, pair }: ListFormInput, form: ListRedirectUris, options: ListFormOptions): Finding[] {
  const list = pair?.value;
  if (!isSeq(list)) return []; // absent, or not a list: the schema reports it
  if (list.items.length === 0) {
    const [start, end] = rangeOf(list)![1] > rangeOf(list)![0] ? rangeOf(list)! : rangeOf(pair!.key)!;
    return [
      finding('redirect-uris-empty', {
        start,
        end,
        message: 'redirect_uris is an empty list: at the first login the server stores the redirect URI that client sends as a strict entry, so whoever logs in first decides where this provider sends codes. List the allowed URIs.',
        data: { key: 'redirect_uris' },
      }),
    ];
  }
  const findings: Finding[] = [];
  const seen = new Set<string>();
  list.items.forEach((item, index) => {
    if (!isMap(item)) return; // the schema reports it
    const label = `redirect_uris[${index}]`;
    const mode = stringValue(findPair(item, 'matching_mode')?.value);
    const type = stringValue(findPair(item, 'redirect_uri_type')?.value);
    const badMode = mode && !form.matchingModes.includes(mode.value) ? invalidChoice(mode, `${label}.matching_mode`, form.matchingModes) : undefined;
    const badType = type && form.uriTypes && !form.uriTypes.includes(type.value) ? invalidChoice(type, `${label}.redirect_uri_type`, form.uriTypes) : undefined;
    findings.push(...[badMode, badType].filter((f): f is Finding => f !== undefined));
    const url = stringValue(findPair(item, 'url')?.value);
    if (!url || !mode || badMode || badType) return;
    // DRF trims the url (Python's str.strip()) before the serializer or the login sees it.
    const parts = pythonWhitespaceSplit(url.value);
    if (parts.length === 0) return; // blank once trimmed: the schema's reading of the field reports it
    const from = parts[0].start;
    const to = parts[parts.length - 1].end;
    const stripped = url.value.slice(from, to);
    const [start, end] = new ScalarLocator(text, url.node).locate(url.value, from, to);
    const data: FindingData = { key: 'redirect_uris', path: ['redirect_uris', index, 'url'] };
    const site: EntrySite = { text: stripped, start, end, data };
    const uriType = type?.value ?? form.defaultUriType ?? 'authorization';
    const identity = `${mode.value}\u0000${uriType}\u0000${stripped}`;
    if (seen.has(identity)) {
      findings.push(finding('redirect-uri-duplicate', { start, end, message: `"${stripped}" is listed twice.`, data: { key: 'redirect_uris' }, unnecessary: true }));
      return;
    }
    seen.add(identity);
    const context: EntryContext = { form: 'list', clientType: options.clientType, uriType, budget: options.budget };
    if (mode.value === 'regex') findings.push(...regexEntryFindings(site, context));
    else if (mode.value === 'strict') findings.push(...strictFindings(site, rangeOf(mode.node)!, context));
  });
  return findings;
}

/** A strict entry is compared for equality at login; the server checks nothing when it is saved. */
function strictFindings(site: EntrySite, modeRange: [number, number], context: EntryContext): Finding[] {
  const pattern = readPattern(site.text);
  if (pattern.kind === 'literal' && pattern.value !== site.text) {
    const escaped = finding('redirect-uri-strict-escaped', {
      start: site.start,
      end: site.end,
      message: `"${site.text}" is compared character for character (matching_mode: strict), backslashes included, so it never matches a redirect URI; escapes like these are what the upgrade to the list form leaves behind. Write "${pattern.value}", or set matching_mode: regex.`,
      data: { ...site.data, entry: site.text, suggestion: pattern.value, modeRange },
    });
    // Once unescaped it must still be a URL; the other URL checks wait for the fix.
    return [escaped, ...urlFindings(site, pattern.value, context).filter((f) => f.code === 'redirect-uri-invalid')];
  }
  if (pattern.kind === 'regex' && site.text.includes('\\')) {
    return [
      finding('redirect-uri-strict-escaped', {
        start: site.start,
        end: site.end,
        message: `"${site.text}" is written as a regular expression, but matching_mode: strict compares it character for character, so it never matches a redirect URI. Set matching_mode: regex.`,
        data: { ...site.data, modeRange },
      }),
    ];
  }
  return urlFindings(site, site.text, context);
}

function stringValue(node: ParsedNode | null | undefined): { node: Scalar; value: string } | undefined {
  return isScalar(node) && typeof node.value === 'string' && node.range ? { node, value: node.value } : undefined;
}

/** The same finding the request schema gives for a value outside its enum. */
function invalidChoice({ node, value }: { node: Scalar; value: string }, label: string, allowed: readonly string[]): Finding {
  const [start, end] = rangeOf(node)!;
  const suggestion = didYouMean(value, [...allowed]);
  return finding('invalid-enum', {
    start,
    end,
    message: `"${value}" is not a valid choice for "${label}".` + (suggestion ? ` Did you mean "${suggestion}"?` : '') + ` Valid choices: ${allowed.join(', ')}.`,
    data: { key: 'redirect_uris', suggestion, allowed: [...allowed] },
  });
}
