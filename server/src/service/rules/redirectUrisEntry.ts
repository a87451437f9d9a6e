import { invalidRegexMessage } from '../../../../common/profiles/redirectUris';
import { Finding, FindingData, finding } from '../findings';
import { parsePythonRegex, RegexAst } from '../pythonRegex';
import { EntryPattern, insertEscapes, literalScheme, pitfallsOf, pythonErrorText, readPattern } from './redirectUrisPattern';
import { catchAllExample, ProbeBudget } from './redirectUrisProbes';

/** One redirect URI entry: its text as the server reads it, where it stands, and what a quick fix needs. */
export interface EntrySite {
  text: string;
  start: number;
  end: number;
  /** `key`, and for a list entry the `path` of its url (quick fixes find the scalar by it). */
  data: FindingData;
}

export interface EntryContext {
  /** The string form matches every entry as a regex; the list form only `matching_mode: regex` entries. */
  form: 'string' | 'list';
  clientType: string;
  /** `authorization`, or `logout` for a list entry with `redirect_uri_type: logout`. */
  uriType: string;
  budget: ProbeBudget;
}

/** Checked at login on every release: a redirect to these schemes is refused even when an entry matches. */
export const FORBIDDEN_SCHEMES: ReadonlySet<string> = new Set(['javascript', 'data', 'vbscript']);

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/** Findings for an entry the server matches as a Python regular expression. */
export function regexEntryFindings(site: EntrySite, context: EntryContext): Finding[] {
  const pattern = readPattern(site.text);
  switch (pattern.kind) {
    case 'invalid':
      return [finding('redirect-uri-regex-invalid', { ...at(site), message: invalidMessage(site.text, pattern, context), data: site.data })];
    case 'undecided':
      return [];
    case 'literal':
      return urlFindings(site, pattern.value, context);
    case 'regex':
      return patternFindings(site, pattern.ast, context);
  }
}

/** Findings for an entry that stands for exactly one URL (a plain literal, or a strict entry). */
export function urlFindings(site: EntrySite, url: string, context: EntryContext): Finding[] {
  const parsed = absoluteUrl(url);
  if (!parsed) {
    return [finding('redirect-uri-invalid', { ...at(site), message: `"${site.text}" is not an absolute URL (such as https://app.example.com/callback).`, data: site.data })];
  }
  const scheme = parsed.protocol.slice(0, -1).toLowerCase();
  if (FORBIDDEN_SCHEMES.has(scheme)) return [forbiddenScheme(site, scheme, context)];
  if (scheme === 'http' && context.clientType !== 'public' && !LOOPBACK.test(parsed.hostname)) return [insecure(site, parsed.hostname)];
  return [];
}

function patternFindings(site: EntrySite, ast: RegexAst, context: EntryContext): Finding[] {
  const findings: Finding[] = [];
  const scheme = literalScheme(ast);
  if (scheme && FORBIDDEN_SCHEMES.has(scheme)) return [forbiddenScheme(site, scheme, context)];
  const pitfalls = pitfallsOf(ast);
  const example = catchAllExample(ast, context.budget);
  if (example !== undefined) {
    findings.push(finding('redirect-uri-catch-all', { ...at(site), message: catchAllMessage(site.text, example, context), data: site.data }));
  } else if (pitfalls.hostWildcards.length > 0 && (scheme === undefined || scheme === 'https' || scheme === 'http')) {
    // An app's own scheme (myapp://) goes to the app whatever follows: only a web host can be someone else's.
    findings.push(finding('redirect-uri-wildcard', {
      ...at(site),
      message: `"${site.text}" has "${pitfalls.hostWildcards[0]}" in its host, which matches hosts nobody configured and can reach past the host into the path. Spell out the host; for one label of a subdomain write [a-z0-9-]+.`,
      data: site.data,
    }));
  }
  if (pitfalls.globStars.length > 0) {
    const repeated = pitfalls.globStars[0];
    findings.push(finding('redirect-uri-wildcard', {
      ...at(site),
      message: `"${site.text}" uses "*" as a wildcard, but in a regular expression "*" repeats what stands before it ("${repeated}*" is any number of "${repeated}"), so it does not match the URIs meant. Write ".*" for any characters, [a-z0-9-]+ for one host label, or list exact URIs.`,
      data: site.data,
    }));
  }
  if (pitfalls.escapes.length > 0) findings.push(unescaped(site, pitfalls.escapes, context));
  if (scheme === 'http' && context.clientType !== 'public') {
    // The host as written, once the escapes are removed: enough to tell loopback from the rest.
    const host = absoluteUrl(site.text.replace(/\\(.)/gu, '$1'))?.hostname;
    if (host && !LOOPBACK.test(host)) findings.push(insecure(site, host));
  }
  return findings;
}

function invalidMessage(text: string, pattern: Extract<EntryPattern, { kind: 'invalid' }>, context: EntryContext): string {
  const head = `Python cannot compile "${text}": ${pythonErrorText(pattern)}.`;
  const handled = pattern.exception === 're.error';
  if (context.form === 'list') {
    return handled
      ? `${head} The server refuses the provider: 400 "${invalidRegexMessage(text)}".`
      : `${head} The server does not catch this error when it checks the entry: saving the provider fails with a server error (HTTP 500).`;
  }
  return handled
    ? `${head} At login the server tries the entries in order with re.fullmatch; on reaching this one it gives up on regular expressions and compares every entry as plain text, so from this entry on an entry only matches a redirect URI equal to its text: escaped entries (app\\.example\\.com) and patterns stop matching, and those logins fail.`
    : `${head} The server handles only re.error, so a login that reaches this entry (one no entry before it matches) fails with a server error (HTTP 500).`;
}

function catchAllMessage(text: string, example: string, context: EntryContext): string {
  const consequence =
    context.uriType === 'logout'
      ? 'a crafted logout link can send the user on to a site an attacker owns'
      : "a crafted login link can send the user's authorization code or tokens to whoever owns that host";
  const kind = context.uriType === 'logout' ? 'logout redirect URIs' : 'redirect URIs';
  return `"${text}" matches ${kind} on any host, such as "${example}": ${consequence}. Spell out the host and escape its dots (https://app\\.example\\.com/.*).`;
}

function forbiddenScheme(site: EntrySite, scheme: string, context: EntryContext): Finding {
  const why =
    context.uriType === 'logout'
      ? 'such a URI runs in the user\'s browser instead of leading to a page, and the server refuses javascript:, data: and vbscript: redirects at login'
      : 'the server refuses a redirect to a javascript:, data: or vbscript: URI at login even when an entry matches it, so this entry never lets anyone log in';
  return finding('redirect-uri-forbidden-scheme', { ...at(site), message: `"${site.text}" has the scheme "${scheme}": ${why}. Remove it.`, data: site.data });
}

function insecure(site: EntrySite, host: string): Finding {
  return finding('redirect-uri-insecure', {
    ...at(site),
    message: `"${site.text}" sends a confidential client's authorization codes over plain http to ${host}. Use https.`,
    data: { ...site.data, entry: site.text, suggestion: site.text.replace(/^http:/i, 'https:') },
  });
}

function unescaped(site: EntrySite, offsets: readonly number[], context: EntryContext): Finding {
  const suggestion = insertEscapes(site.text, offsets);
  const characters = [...new Set(offsets.map((i) => site.text[i]))];
  const listed = characters.map((c) => `"${c}"`).join(', ');
  const how = context.form === 'list' ? 'a regex entry is a regular expression' : 'the server matches each entry as a regular expression';
  const effect = characters.includes('.') ? ', so "." matches any character (app.example.com also matches appXexample.com).' : ', where "?" and "+" are quantifiers.';
  // Offered only when the escaped entry still compiles as the server will read it.
  const fixable = parsePythonRegex(suggestion).ok === true;
  return finding('redirect-uri-unescaped', {
    ...at(site),
    message: `Unescaped ${listed} in "${site.text}": ${how}${effect}${fixable ? ` Write "${suggestion}".` : ''}`,
    data: fixable ? { ...site.data, entry: site.text, suggestion } : site.data,
  });
}

/** `url` when it is an absolute URL: a scheme, and for http(s) a host. */
export function absoluteUrl(url: string): URL | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (!/^[a-z][a-z0-9+.-]*:$/i.test(parsed.protocol)) return undefined;
  if (/^https?:$/.test(parsed.protocol) && !parsed.host) return undefined;
  return parsed;
}

function at(site: EntrySite): { start: number; end: number } {
  return { start: site.start, end: site.end };
}
