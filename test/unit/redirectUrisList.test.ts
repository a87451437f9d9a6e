import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Diagnostic, DiagnosticSeverity, DiagnosticTag } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { applyEdits, diagnose, FLOW_EXPLICIT, service, summarize } from '../helpers/service';
import { SettingsBuilder } from '../helpers/settings';

/** The rule under test, and nothing else, for the newest release (every field of the list form's entries). */
const LIST_RELEASE = '2026.5';
const SETTINGS = new SettingsBuilder().withRules('redirectUris').withServerVersion(LIST_RELEASE).build();

const HEAD = `name: app\nauthorization_flow: ${FLOW_EXPLICIT}\n`;

/**
 * The list form of redirect_uris, checked for a release that takes it. HEAD has no invalidation_flow,
 * which that release requires: these tests are about redirect_uris, so that one absence is left out.
 */
function check(rest: string, settings = SETTINGS) {
  const { document, diagnostics: all } = diagnose(HEAD + rest, { settings });
  const diagnostics = all.filter((d) => !(d.code === 'missing-required' && d.message.includes('invalidation_flow')));
  return { document, diagnostics, summary: summarize(document, diagnostics) };
}

/** `redirect_uris:` with one block entry per [mode, url] (and type when given). */
function entries(...list: [string, string, string?][]): string {
  return 'redirect_uris:\n' + list.map(([mode, url, type]) => `  - matching_mode: ${mode}\n    url: ${url}\n${type ? `    redirect_uri_type: ${type}\n` : ''}`).join('');
}

function fixes(document: TextDocument, diagnostic: Diagnostic): { title: string; text: string; preferred: boolean }[] {
  return service(undefined, SETTINGS)
    .codeActions(document, diagnostic.range)
    .filter((a) => a.diagnostics?.[0].code === diagnostic.code && a.diagnostics?.[0].message === diagnostic.message)
    .map((a) => ({ title: a.title, text: applyEdits(document, a.edit!.changes![document.uri]), preferred: a.isPreferred === true }));
}

describe('redirect URIs, list form: the list and its fields', () => {
  it('[] is warned: the first URI a client sends is adopted', () => {
    const { diagnostics, summary } = check('redirect_uris: []\n');
    assert.deepEqual(summary, ['redirect-uris-empty@2:15-2:17 "[]"']);
    assert.equal(diagnostics[0].severity, DiagnosticSeverity.Warning);
    assert.equal(
      diagnostics[0].message,
      'redirect_uris is an empty list: at the first login the server stores the redirect URI that client sends as a strict entry, so whoever logs in first decides where this provider sends codes. List the allowed URIs.',
    );
  });

  it('a matching_mode outside the enum is an error on the value, with did-you-mean and a fix', () => {
    const { document, diagnostics, summary } = check(entries(['stric', 'https://app.example.com/cb'], ['Regex', 'https://.+']));
    assert.deepEqual(summary, ['invalid-enum@3:19-3:24 "stric"', 'invalid-enum@5:19-5:24 "Regex"']);
    assert.equal(diagnostics[0].message, '"stric" is not a valid choice for "redirect_uris[0].matching_mode". Did you mean "strict"? Valid choices: strict, regex.');
    assert.equal(diagnostics[1].message, '"Regex" is not a valid choice for "redirect_uris[1].matching_mode". Did you mean "regex"? Valid choices: strict, regex.');
    assert.ok(diagnostics.every((d) => d.severity === DiagnosticSeverity.Error));
    assert.deepEqual(fixes(document, diagnostics[0]).map((f) => [f.title, f.text]), [
      ['Change to "strict"', HEAD + entries(['strict', 'https://app.example.com/cb'], ['Regex', 'https://.+'])],
    ]);
  });

  it('a redirect_uri_type outside the enum is an error on the value', () => {
    const { diagnostics, summary } = check(entries(['strict', 'https://app.example.com/cb', 'logut']));
    assert.deepEqual(summary, ['invalid-enum@5:23-5:28 "logut"']);
    assert.equal(diagnostics[0].message, '"logut" is not a valid choice for "redirect_uris[0].redirect_uri_type". Did you mean "logout"? Valid choices: authorization, logout.');
  });

  it('a url that is blank once trimmed is an error', () => {
    const { diagnostics, summary } = check(entries(['strict', '"   "'], ['regex', "''"]));
    assert.deepEqual(summary, ['empty-string@4:9-4:14 "\\"   \\""', 'empty-string@6:9-6:11 "\'\'"']);
    assert.equal(diagnostics[0].message, '"redirect_uris[0].url" holds only whitespace, which the server trims away: it refuses the value (This field may not be blank.).');
    assert.equal(diagnostics[1].message, '"redirect_uris[1].url" may not be blank: the server refuses it (This field may not be blank.).');
    assert.ok(diagnostics.every((d) => d.severity === DiagnosticSeverity.Error));
  });

  it('the same entry twice is warned; the same url with another mode or type is not', () => {
    const { diagnostics, summary } = check(
      entries(['strict', 'https://app.example.com/cb'], ['strict', 'https://app.example.com/cb', 'logout'], ['regex', 'https://app\\.example\\.com/cb'], ['strict', "' https://app.example.com/cb '"]),
    );
    assert.deepEqual(summary, ['redirect-uri-duplicate@11:11-11:37 "https://app.example.com/cb"']);
    assert.deepEqual(diagnostics[0].tags, [DiagnosticTag.Unnecessary]);
  });

  it('flow-style entries are reported on their url', () => {
    const { summary } = check("redirect_uris: [{matching_mode: regex, url: 'https://.+'}, {matching_mode: strict, url: /cb}]\n");
    assert.deepEqual(summary, ['redirect-uri-catch-all@2:45-2:55 "https://.+"', 'redirect-uri-invalid@2:88-2:91 "/cb"']);
  });
});

describe('redirect URIs, list form: regex entries', () => {
  it('a pattern Python cannot compile is an error that quotes the server\'s 400', () => {
    const { diagnostics, summary } = check(entries(['regex', 'https://app\\.example\\.com/(cb'], ['regex', "'https://a\\.b/[z-a]'"]));
    assert.deepEqual(summary, ['redirect-uri-regex-invalid@4:9-4:38 "https://app\\\\.example\\\\.com/(cb"', 'redirect-uri-regex-invalid@6:10-6:28 "https://a\\\\.b/[z-a]"']);
    assert.equal(
      diagnostics[0].message,
      'Python cannot compile "https://app\\.example\\.com/(cb": missing ), unterminated subpattern at position 26. The server refuses the provider: 400 "Invalid Regex Pattern: https://app\\.example\\.com/(cb".',
    );
    assert.equal(diagnostics[1].message, 'Python cannot compile "https://a\\.b/[z-a]": bad character range z-a at position 14. The server refuses the provider: 400 "Invalid Regex Pattern: https://a\\.b/[z-a]".');
    assert.ok(diagnostics.every((d) => d.severity === DiagnosticSeverity.Error));
  });

  it('an OverflowError is not caught by the server: saving fails with HTTP 500', () => {
    const { diagnostics } = check(entries(['regex', 'https://a\\.b/x{4294967296}']));
    assert.equal(
      diagnostics[0].message,
      'Python cannot compile "https://a\\.b/x{4294967296}": OverflowError: the repetition number is too large. The server does not catch this error when it checks the entry: saving the provider fails with a server error (HTTP 500).',
    );
  });

  it('the url is trimmed as the server trims it', () => {
    const { summary } = check(entries(['regex', "'  https://.+  '"]));
    assert.deepEqual(summary, ['redirect-uri-catch-all@4:12-4:22 "https://.+"']);
  });

  it('catch-alls are warned, for authorization and for logout redirects', () => {
    const { diagnostics, summary } = check(entries(['regex', "'https?://.*'"], ['regex', "'https://(.+)'", 'logout']));
    assert.deepEqual(summary, ['redirect-uri-catch-all@4:10-4:21 "https?://.*"', 'redirect-uri-catch-all@6:10-6:22 "https://(.+)"']);
    assert.equal(
      diagnostics[0].message,
      '"https?://.*" matches redirect URIs on any host, such as "https://evil.invalid/": a crafted login link can send the user\'s authorization code or tokens to whoever owns that host. Spell out the host and escape its dots (https://app\\.example\\.com/.*).',
    );
    assert.equal(
      diagnostics[1].message,
      '"https://(.+)" matches logout redirect URIs on any host, such as "https://evil.invalid/": a crafted logout link can send the user on to a site an attacker owns. Spell out the host and escape its dots (https://app\\.example\\.com/.*).',
    );
  });

  it('legitimate patterns give nothing; an unescaped "." in the host is warned with a fix on the url', () => {
    assert.deepEqual(check(entries(['regex', "'https://(?P<t>[a-z]+)\\.example\\.com/cb'"], ['regex', "'^https://app\\.example\\.com/cb$'"])).summary, []);
    const { document, diagnostics, summary } = check(entries(['regex', 'https://app.example.com/cb']));
    assert.deepEqual(summary, ['redirect-uri-unescaped@4:9-4:35 "https://app.example.com/cb"']);
    assert.equal(
      diagnostics[0].message,
      'Unescaped "." in "https://app.example.com/cb": a regex entry is a regular expression, so "." matches any character (app.example.com also matches appXexample.com). Write "https://app\\.example\\.com/cb".',
    );
    assert.deepEqual(fixes(document, diagnostics[0]).map((f) => [f.title, f.text]), [
      ['Escape the regular-expression characters', HEAD + entries(['regex', 'https://app\\.example\\.com/cb'])],
    ]);
  });

  it('a plain literal regex entry is checked as a URL', () => {
    const { summary } = check(entries(['regex', 'not\\.a\\.url'], ['regex', 'http://app\\.example\\.com/cb']));
    assert.deepEqual(summary, ['redirect-uri-invalid@4:9-4:20 "not\\\\.a\\\\.url"', 'redirect-uri-insecure@6:9-6:36 "http://app\\\\.example\\\\.com/cb"']);
  });
});

describe('redirect URIs, list form: strict entries', () => {
  it('must be absolute URLs', () => {
    const { diagnostics, summary } = check(entries(['strict', '/callback'], ['strict', 'https://'], ['strict', 'com.example.app:/cb']));
    assert.deepEqual(summary, ['redirect-uri-invalid@4:9-4:18 "/callback"', 'redirect-uri-invalid@6:9-6:17 "https://"']);
    assert.equal(diagnostics[0].message, '"/callback" is not an absolute URL (such as https://app.example.com/callback).');
  });

  it('with regex escapes (what the upgrade leaves behind) is warned, with a fix to unescape it or to make it a regex', () => {
    const { document, diagnostics, summary } = check(entries(['strict', 'https://app\\.example\\.com/cb']));
    assert.deepEqual(summary, ['redirect-uri-strict-escaped@4:9-4:37 "https://app\\\\.example\\\\.com/cb"']);
    assert.equal(diagnostics[0].severity, DiagnosticSeverity.Warning);
    assert.equal(
      diagnostics[0].message,
      '"https://app\\.example\\.com/cb" is compared character for character (matching_mode: strict), backslashes included, so it never matches a redirect URI; escapes like these are what the upgrade to the list form leaves behind. Write "https://app.example.com/cb", or set matching_mode: regex.',
    );
    assert.deepEqual(fixes(document, diagnostics[0]), [
      { title: 'Remove the escapes', text: HEAD + entries(['strict', 'https://app.example.com/cb']), preferred: true },
      { title: 'Match as a regular expression (matching_mode: regex)', text: HEAD + entries(['regex', 'https://app\\.example\\.com/cb']), preferred: false },
    ]);
    // Both results are clean.
    for (const fix of fixes(document, diagnostics[0])) assert.deepEqual(check(fix.text.slice(HEAD.length)).summary, [], fix.title);
  });

  it('in double quotes the fix writes the value as that style spells it', () => {
    const { document, diagnostics } = check(entries(['"strict"', '"https://app\\\\.example\\\\.com/cb"']));
    assert.deepEqual(fixes(document, diagnostics[0]).map((f) => f.text), [
      HEAD + entries(['"strict"', '"https://app.example.com/cb"']),
      HEAD + entries(['regex', '"https://app\\\\.example\\\\.com/cb"']),
    ]);
  });

  it('written as a regular expression is warned, with the matching_mode fix only', () => {
    const { document, diagnostics, summary } = check(entries(['strict', "'https://app\\.example\\.com/.*'"]));
    assert.deepEqual(summary, ['redirect-uri-strict-escaped@4:10-4:38 "https://app\\\\.example\\\\.com/.*"']);
    assert.equal(
      diagnostics[0].message,
      '"https://app\\.example\\.com/.*" is written as a regular expression, but matching_mode: strict compares it character for character, so it never matches a redirect URI. Set matching_mode: regex.',
    );
    assert.deepEqual(fixes(document, diagnostics[0]).map((f) => [f.title, f.preferred]), [['Match as a regular expression (matching_mode: regex)', true]]);
  });

  it('plain http for a confidential client is warned with the https fix', () => {
    const { document, diagnostics, summary } = check(entries(['strict', 'http://app.example.com/cb']));
    assert.deepEqual(summary, ['redirect-uri-insecure@4:9-4:34 "http://app.example.com/cb"']);
    assert.deepEqual(fixes(document, diagnostics[0]).map((f) => [f.title, f.text]), [['Use https', HEAD + entries(['strict', 'https://app.example.com/cb'])]]);
  });
});

describe('redirect URIs, list form: schemes refused at login', () => {
  it('javascript:, data: and vbscript: are warned for both redirect types', () => {
    const { diagnostics, summary } = check(
      entries(['strict', "'javascript:alert(1)'"], ['regex', "'data:.*'", 'logout'], ['strict', 'VBScript:x', 'authorization']),
    );
    assert.deepEqual(summary, [
      'redirect-uri-forbidden-scheme@4:10-4:29 "javascript:alert(1)"',
      'redirect-uri-forbidden-scheme@6:10-6:17 "data:.*"',
      'redirect-uri-forbidden-scheme@9:9-9:19 "VBScript:x"',
    ]);
    assert.equal(
      diagnostics[0].message,
      '"javascript:alert(1)" has the scheme "javascript": the server refuses a redirect to a javascript:, data: or vbscript: URI at login even when an entry matches it, so this entry never lets anyone log in. Remove it.',
    );
    assert.equal(
      diagnostics[1].message,
      '"data:.*" has the scheme "data": such a URI runs in the user\'s browser instead of leading to a page, and the server refuses javascript:, data: and vbscript: redirects at login. Remove it.',
    );
  });
});

describe('redirect URIs, list form: the release decides the form', () => {
  it('a list for a release that takes one string is only the schema\'s type error, not checked entry by entry', () => {
    const legacy = new SettingsBuilder().withRules('redirectUris').build();
    const { summary } = check(entries(['regex', "'https://.+'"], ['strict', 'https://app\\.example\\.com/cb']), legacy);
    assert.deepEqual(summary.map((line) => line.split('@')[0]), ['wrong-type']);
  });

  it('one string for a release that takes a list is only the schema\'s type error, not checked as a pattern', () => {
    const { summary } = check("redirect_uris: 'https://.+'\n");
    assert.deepEqual(summary.map((line) => line.split('@')[0]), ['wrong-type']);
  });
});

describe('redirect URIs, list form: switched off', () => {
  it('rules.redirectUris: false reports none of them', () => {
    const text = HEAD + entries(['regex', "'https://.+'"], ['strict', 'https://app\\.example\\.com/cb'], ['regex', '(']);
    const { diagnostics } = diagnose(text, { settings: new SettingsBuilder().withServerVersion(LIST_RELEASE).build() });
    assert.deepEqual(diagnostics.filter((d) => String(d.code).startsWith('redirect-uri')), []);
    assert.equal(check(text.slice(HEAD.length)).diagnostics.length, 3);
  });
});
