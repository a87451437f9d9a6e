import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Diagnostic, DiagnosticSeverity, DiagnosticTag } from 'vscode-languageserver-types';
import { applyEdits, byCode, diagnose, FLOW_EXPLICIT, service, summarize } from '../helpers/service';
import { noRules, rulesOn } from '../helpers/settings';
import { TextDocument } from 'vscode-languageserver-textdocument';

/** The rule under test, and nothing else. */
const SETTINGS = rulesOn('redirectUris');

/** A provider whose lines after the first two are `rest`. */
const HEAD = `name: app\nauthorization_flow: ${FLOW_EXPLICIT}\n`;

function check(rest: string) {
  const { document, diagnostics } = diagnose(HEAD + rest, { settings: SETTINGS });
  return { document, diagnostics, summary: summarize(document, diagnostics) };
}

/** The document after applying the one quick fix offered for `diagnostic`, with its title. */
function fixed(document: TextDocument, diagnostic: Diagnostic): { title: string; text: string } {
  const actions = service(undefined, SETTINGS)
    .codeActions(document, diagnostic.range)
    .filter((a) => a.diagnostics?.[0].code === diagnostic.code && a.diagnostics?.[0].message === diagnostic.message);
  assert.equal(actions.length, 1, JSON.stringify(actions.map((a) => a.title)));
  return { title: actions[0].title, text: applyEdits(document, actions[0].edit!.changes![document.uri]) };
}

describe('redirect URIs: entries and their exact ranges', () => {
  it('splits on any whitespace (spaces and tabs) and reports on each entry', () => {
    const { summary } = check('redirect_uris: https://a.example.com/cb https://b\\.example\\.com/x\thttps://c\\.com/y?z\n');
    assert.deepEqual(summary, [
      'redirect-uri-unescaped@2:15-2:39 "https://a.example.com/cb"',
      'redirect-uri-unescaped@2:66-2:84 "https://c\\\\.com/y?z"',
    ]);
  });

  it('a block scalar with several lines: each diagnostic on exactly that line’s entry', () => {
    const { summary } = check(
      'redirect_uris: |\n' +
        '  https://ok\\.example\\.com/cb\n' +
        '  https://dot.example.com/cb\n' +
        '  https://*\\.example\\.com/cb\n' +
        '  not-a-url\n' +
        '  https://ok\\.example\\.com/cb\n',
    );
    assert.deepEqual(summary, [
      'redirect-uri-unescaped@4:2-4:28 "https://dot.example.com/cb"',
      'redirect-uri-wildcard@5:2-5:28 "https://*\\\\.example\\\\.com/cb"',
      'redirect-uri-invalid@6:2-6:11 "not-a-url"',
      'redirect-uri-duplicate@7:2-7:29 "https://ok\\\\.example\\\\.com/cb"',
    ]);
  });

  it('a plain scalar folded over several lines', () => {
    const { summary } = check('redirect_uris: https://a.b/c\n  https://d.e/f\n');
    assert.deepEqual(summary, ['redirect-uri-unescaped@2:15-2:28 "https://a.b/c"', 'redirect-uri-unescaped@3:2-3:15 "https://d.e/f"']);
  });

  it('the same entry twice on one line: the second occurrence is the one reported', () => {
    const { summary, diagnostics } = check('redirect_uris: https://a\\.b/c https://a\\.b/c\n');
    assert.deepEqual(summary, ['redirect-uri-duplicate@2:30-2:44 "https://a\\\\.b/c"']);
    assert.equal(diagnostics[0].message, '"https://a\\.b/c" is listed twice.');
    assert.equal(diagnostics[0].severity, DiagnosticSeverity.Warning);
    assert.deepEqual(diagnostics[0].tags, [DiagnosticTag.Unnecessary]);
  });
});

describe('redirect URIs: unescaped regular-expression characters', () => {
  it('an unescaped "." is warned with the escaped suggestion, and the quick fix escapes it', () => {
    const { document, diagnostics, summary } = check('redirect_uris: https://app.example.com/cb\n');
    assert.deepEqual(summary, ['redirect-uri-unescaped@2:15-2:41 "https://app.example.com/cb"']);
    assert.equal(diagnostics[0].severity, DiagnosticSeverity.Warning);
    assert.equal(
      diagnostics[0].message,
      'Unescaped "." in "https://app.example.com/cb": the server matches each entry as a regular expression, so "." matches any character (app.example.com also matches appXexample.com). Write "https://app\\.example\\.com/cb".',
    );
    assert.deepEqual(fixed(document, diagnostics[0]), {
      title: 'Escape the regular-expression characters',
      text: HEAD + 'redirect_uris: https://app\\.example\\.com/cb\n',
    });
  });

  it('unescaped "?" and "+" are quantifiers', () => {
    const { document, diagnostics, summary } = check('redirect_uris: https://a\\.b/c?x=1+2\n');
    assert.deepEqual(summary, ['redirect-uri-unescaped@2:15-2:35 "https://a\\\\.b/c?x=1+2"']);
    assert.equal(
      diagnostics[0].message,
      'Unescaped "?", "+" in "https://a\\.b/c?x=1+2": the server matches each entry as a regular expression, where "?" and "+" are quantifiers. Write "https://a\\.b/c\\?x=1\\+2".',
    );
    assert.equal(fixed(document, diagnostics[0]).text, HEAD + 'redirect_uris: https://a\\.b/c\\?x=1\\+2\n');
  });

  it('the quick fix changes only its own entry in a block scalar', () => {
    const { document, diagnostics } = check('redirect_uris: |\n  https://a\\.b/c\n  https://d.e/f\n  https://g.h/i\n');
    assert.equal(diagnostics.length, 2);
    assert.equal(fixed(document, diagnostics[1]).text, HEAD + 'redirect_uris: |\n  https://a\\.b/c\n  https://d.e/f\n  https://g\\.h/i\n');
  });

  it('in a single-quoted scalar the backslash is written as is', () => {
    const { document, diagnostics, summary } = check("redirect_uris: 'https://app.example.com/cb'\n");
    assert.deepEqual(summary, ['redirect-uri-unescaped@2:16-2:42 "https://app.example.com/cb"']);
    assert.equal(fixed(document, diagnostics[0]).text, HEAD + "redirect_uris: 'https://app\\.example\\.com/cb'\n");
  });

  it('in a double-quoted scalar the quick fix doubles the backslash', () => {
    const { document, diagnostics, summary } = check('redirect_uris: "https://app.example.com/cb"\n');
    assert.deepEqual(summary, ['redirect-uri-unescaped@2:16-2:42 "https://app.example.com/cb"']);
    const result = fixed(document, diagnostics[0]).text;
    assert.equal(result, HEAD + 'redirect_uris: "https://app\\\\.example\\\\.com/cb"\n');
    // The fixed file is clean: the YAML value now holds single backslashes.
    assert.deepEqual(diagnose(result, { settings: SETTINGS }).diagnostics, []);
  });

  it('in a double-quoted scalar that already has escapes, the diagnostic sits on the entry as written and the fix works', () => {
    const { document, diagnostics, summary } = check('redirect_uris: "https://x\\\\.y/z https://a\\\\.b/c?d"\n');
    assert.deepEqual(summary, ['redirect-uri-unescaped@2:32-2:49 "https://a\\\\\\\\.b/c?d"']);
    assert.equal(diagnostics[0].message.includes('Write "https://a\\.b/c\\?d".'), true, diagnostics[0].message);
    const result = fixed(document, diagnostics[0]).text;
    assert.equal(result, HEAD + 'redirect_uris: "https://x\\\\.y/z https://a\\\\.b/c\\\\?d"\n');
    assert.deepEqual(diagnose(result, { settings: SETTINGS }).diagnostics, []);
  });

  it('escaped entries and deliberate regular expressions pass', () => {
    const { diagnostics } = check(
      'redirect_uris: |\n  https://app\\.example\\.com/cb\\?x=1\n  https://app\\.example\\.com/(en|de)?/cb\n  https://app\\.example\\.com/cb/.+\n',
    );
    assert.deepEqual(diagnostics, []);
  });
});

describe('redirect URIs: wildcards, empty values and invalid URLs', () => {
  it('"*" is warned', () => {
    const { diagnostics, summary } = check('redirect_uris: https://.*\\.example\\.com/cb\n');
    assert.deepEqual(summary, ['redirect-uri-wildcard@2:15-2:42 "https://.*\\\\.example\\\\.com/cb"']);
    assert.equal(
      diagnostics[0].message,
      '"https://.*\\.example\\.com/cb" uses "*": the server matches each entry as a regular expression, so this accepts far more URIs than intended (any host or path an attacker can register). List exact URIs.',
    );
  });

  it('an empty value is warned with the CVE', () => {
    const { diagnostics, summary } = check('redirect_uris: ""\n');
    assert.deepEqual(summary, ['redirect-uris-empty@2:15-2:17 "\\"\\""']);
    assert.equal(diagnostics[0].severity, DiagnosticSeverity.Warning);
    assert.equal(
      diagnostics[0].message,
      'redirect_uris is empty: the server then adopts the first redirect URI any client sends (CVE-2024-52289). List the allowed URIs.',
    );
  });

  it('a value of only whitespace is empty too', () => {
    assert.deepEqual(check("redirect_uris: '   '\n").summary, ['redirect-uris-empty@2:15-2:20 "\'   \'"']);
  });

  it('a missing key is warned on the first line, with the CVE', () => {
    const { diagnostics, summary } = check('client_type: confidential\n');
    assert.deepEqual(summary, ['redirect-uris-empty@0:0-0:9 "name: app"']);
    assert.equal(
      diagnostics[0].message,
      'No redirect_uris: the server then adopts the first redirect URI any client sends (CVE-2024-52289). List the allowed URIs.',
    );
  });

  it('entries that are not absolute URLs are errors', () => {
    const { diagnostics, summary } = check('redirect_uris: not-a-url /callback https://\n');
    assert.deepEqual(summary, [
      'redirect-uri-invalid@2:15-2:24 "not-a-url"',
      'redirect-uri-invalid@2:25-2:34 "/callback"',
      'redirect-uri-invalid@2:35-2:43 "https://"',
    ]);
    assert.ok(diagnostics.every((d) => d.severity === DiagnosticSeverity.Error));
    assert.equal(diagnostics[1].message, '"/callback" is not an absolute URL (such as https://app.example.com/callback).');
  });

  it('a custom scheme of a native app is a valid URL', () => {
    assert.deepEqual(check('redirect_uris: com\\.example\\.app:/callback\n').diagnostics, []);
    // Unescaped it is only the regular-expression warning, not an invalid URL.
    assert.deepEqual(check('redirect_uris: com.example.app:/callback\n').summary, ['redirect-uri-unescaped@2:15-2:40 "com.example.app:/callback"']);
  });
});

describe('redirect URIs: plain http', () => {
  it('is warned for a confidential client, with a "Use https" fix', () => {
    const { document, diagnostics, summary } = check('client_type: confidential\nredirect_uris: http://app\\.example\\.com/cb\n');
    assert.deepEqual(summary, ['redirect-uri-insecure@3:15-3:42 "http://app\\\\.example\\\\.com/cb"']);
    assert.equal(diagnostics[0].message, `"http://app\\.example\\.com/cb" sends a confidential client's authorization codes over plain http to app.example.com. Use https.`);
    assert.deepEqual(fixed(document, diagnostics[0]), {
      title: 'Use https',
      text: HEAD + 'client_type: confidential\nredirect_uris: https://app\\.example\\.com/cb\n',
    });
  });

  it('is warned when client_type is left at its default (confidential)', () => {
    assert.deepEqual(check('redirect_uris: http://app\\.example\\.com/cb\n').summary, ['redirect-uri-insecure@2:15-2:42 "http://app\\\\.example\\\\.com/cb"']);
  });

  it('is fine for a public client', () => {
    assert.deepEqual(check('client_type: public\nredirect_uris: http://app\\.example\\.com/cb\n').diagnostics, []);
  });

  it('is fine for loopback hosts', () => {
    const { diagnostics } = check('redirect_uris: http://localhost:8080/cb http://127\\.0\\.0\\.1/cb http://\\[::1\\]:3000/cb http://LOCALHOST/x\n');
    assert.deepEqual(diagnostics, []);
  });
});

describe('redirect URIs: switched off', () => {
  it('rules.redirectUris: false reports none of them', () => {
    const settings = noRules();
    for (const rest of [
      'redirect_uris: https://a.b/c https://a.b/c\n',
      'redirect_uris: https://*.b/c not-a-url\n',
      'redirect_uris: http://app\\.example\\.com/cb\n',
      'redirect_uris: ""\n',
      'client_type: public\n',
    ]) {
      const { document, diagnostics } = diagnose(HEAD + rest, { settings });
      assert.deepEqual(summarize(document, diagnostics), [], rest);
    }
    // ...while the same file with the rule on has findings.
    assert.ok(byCode(check('redirect_uris: ""\n').diagnostics, 'redirect-uris-empty').length === 1);
  });
});
