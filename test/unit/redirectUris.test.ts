import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Diagnostic, DiagnosticSeverity, DiagnosticTag } from 'vscode-languageserver-types';
import { applyEdits, byCode, diagnose, FLOW_EXPLICIT, service, summarize } from '../helpers/service';
import { noRules, rulesOn } from '../helpers/settings';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { execFileSync } from 'node:child_process';
import { withinMs } from '../limits/timing';

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
  it('a value of exactly "*" is warned: the server rewrites it to ".*"', () => {
    for (const rest of ['redirect_uris: "*"\n', "redirect_uris: ' * '\n", 'redirect_uris: |\n  *\n']) {
      const { diagnostics, summary } = check(rest);
      assert.equal(summary.length, 1, rest);
      assert.match(summary[0], /^redirect-uri-wildcard@\d+:\d+-\d+:\d+ "\*"$/, rest);
      assert.equal(diagnostics[0].severity, DiagnosticSeverity.Warning);
      assert.equal(
        diagnostics[0].message,
        'redirect_uris is "*": at the first login the server rewrites it to ".*", a regular expression that accepts every redirect URI on every host. List the allowed URIs.',
      );
    }
  });

  it('"*" among other entries is not rewritten: Python cannot compile it', () => {
    const { diagnostics, summary } = check('redirect_uris: https://a\\.b/c * https://x\\.y/q\n');
    assert.deepEqual(summary, ['redirect-uri-regex-invalid@2:30-2:31 "*"']);
    assert.match(diagnostics[0].message, /^Python cannot compile "\*": nothing to repeat at position 0\. /);
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

/** Whether Python's own re.fullmatch matches: for the patterns of these tests only, never a user's. */
function pythonFullmatch(pattern: string, input: string): boolean {
  const script = 'import json, re, sys\np, s = json.load(sys.stdin)\nprint(bool(re.fullmatch(p, s)))';
  return execFileSync('python3', ['-c', script], { input: JSON.stringify([pattern, input]) }).toString().trim() === 'True';
}

describe('redirect URIs: split as Python splits them', () => {
  /** Every character str.split() splits on besides space, tab, LF and CR. */
  const HIDDEN = [0x0b, 0x0c, 0x1c, 0x1d, 0x1e, 0x1f, 0x85, 0xa0, 0x1680, 0x2000, 0x2005, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000];

  it('a second entry behind an invisible separator is its own entry, reported on its own range', () => {
    for (const code of HIDDEN) {
      const hex = code.toString(16).toUpperCase().padStart(4, '0');
      // Written as a double-quoted escape, so the file shows what is there.
      const { diagnostics, summary } = check(`redirect_uris: "https://app\\\\.example\\\\.com/cb\\u${hex}https://.+"\n`);
      assert.deepEqual(summary, [
        `redirect-uri-hidden-separator@2:46-2:62 "\\\\u${hex}https://.+"`,
        'redirect-uri-catch-all@2:52-2:62 "https://.+"',
      ], hex);
      assert.equal(
        diagnostics[0].message,
        `"https://app\\.example\\.com/cb" and "https://.+" are separated by U+${hex}, not a plain space or line break, which the server splits redirect_uris on too (Python's str.split()): these are two entries.`,
      );
      assert.equal(diagnostics[0].severity, DiagnosticSeverity.Warning);
    }
  });

  it('the separator written as itself in a plain scalar', () => {
    const { summary } = check('redirect_uris: https://app\\.example\\.com/cb\u00a0https://(.+)\n');
    assert.deepEqual(summary, [
      'redirect-uri-hidden-separator@2:43-2:56 "\u00a0https://(.+)"',
      'redirect-uri-catch-all@2:44-2:56 "https://(.+)"',
    ]);
  });

  it('characters Python does not split on keep the entry whole', () => {
    // U+200B and U+FEFF are not str.isspace(): one entry, a pattern that matches no attacker URL.
    for (const char of ['\u200b', '\ufeff', '\u180e']) {
      assert.deepEqual(check(`redirect_uris: "https://app\\\\.example\\\\.com/cb${char}https://.+"\n`).summary, [], JSON.stringify(char));
    }
  });

  it('spaces, tabs and line breaks are plain separators', () => {
    assert.deepEqual(check('redirect_uris: "https://a\\\\.b/c \\t https://d\\\\.e/f\\nhttps://g\\\\.h/i"\n').summary, []);
  });
});

describe('redirect URIs: regular expressions that are meant', () => {
  it('legitimate regular expressions give no finding at all', () => {
    for (const entry of [
      'https?://app\\.example\\.com/cb',
      '^https://app\\.example\\.com/cb$',
      'https://(app|api)\\.example\\.com/cb',
      'https://[a-z]+\\.example\\.com:\\d+/cb',
      '(?i)https://app\\.example\\.com/cb',
      'https://(?P<tenant>[a-z]+)\\.example\\.com/cb',
      'https://app\\.example\\.com/.*',
      'https://app\\.example\\.com/cb/?',
      'https://[a-z0-9-]+\\.example\\.com/cb',
      'https://app\\.example\\.com/(en|de)/cb\\?next=.+',
    ]) {
      assert.deepEqual(check(`redirect_uris: '${entry}'\n`).diagnostics, [], entry);
    }
  });

  it('the absolute-URL check applies to plain literals once their escapes are removed', () => {
    const { summary } = check('redirect_uris: https\\:\\/\\/app\\.example\\.com\\/cb not\\.a\\.url [h]ttps://[a]pp\\.example\\.com/cb\n');
    assert.deepEqual(summary, ['redirect-uri-invalid@2:48-2:59 "not\\\\.a\\\\.url"']);
  });
});

describe('redirect URIs: entries Python cannot compile', () => {
  const TAIL_STRING =
    ' At login the server tries the entries in order with re.fullmatch; on reaching this one it gives up on regular expressions and compares every entry as plain text, so from this entry on an entry only matches a redirect URI equal to its text: escaped entries (app\\.example\\.com) and patterns stop matching, and those logins fail.';

  it('is an error on that entry, with Python\'s message and what the server then does', () => {
    const { diagnostics, summary } = check('redirect_uris: https://ok\\.example\\.com/cb https://app\\.example\\.com/cb(\n');
    assert.deepEqual(summary, ['redirect-uri-regex-invalid@2:43-2:72 "https://app\\\\.example\\\\.com/cb("']);
    assert.equal(diagnostics[0].severity, DiagnosticSeverity.Error);
    assert.equal(diagnostics[0].message, 'Python cannot compile "https://app\\.example\\.com/cb(": missing ), unterminated subpattern at position 28.' + TAIL_STRING);
  });

  it('follows Python, not JavaScript: \\q is an error, (?P<name>…) is not', () => {
    assert.deepEqual(check('redirect_uris: https://app\\.example\\.com/\\q\n').summary, ['redirect-uri-regex-invalid@2:15-2:43 "https://app\\\\.example\\\\.com/\\\\q"']);
    assert.equal(check('redirect_uris: https://app\\.example\\.com/\\q\n').diagnostics[0].message, 'Python cannot compile "https://app\\.example\\.com/\\q": bad escape \\q at position 26.' + TAIL_STRING);
    assert.deepEqual(check('redirect_uris: https://(?P<t>[a-z]+)\\.example\\.com/cb\n').diagnostics, []);
  });

  it('an OverflowError or ValueError escapes the server\'s handler: a server error at login', () => {
    const overflow = check('redirect_uris: https://a\\.b/c{4294967295}\n');
    assert.deepEqual(overflow.summary, ['redirect-uri-regex-invalid@2:15-2:41 "https://a\\\\.b/c{4294967295}"']);
    assert.equal(
      overflow.diagnostics[0].message,
      'Python cannot compile "https://a\\.b/c{4294967295}": OverflowError: the repetition number is too large. The server handles only re.error, so a login that reaches this entry (one no entry before it matches) fails with a server error (HTTP 500).',
    );
    const digits = '9'.repeat(4301);
    const value = check(`redirect_uris: https://a\\.b/c{${digits}}\n`);
    assert.equal(value.diagnostics.length, 1);
    assert.match(value.diagnostics[0].message, /^Python cannot compile "[^"]+": ValueError: Exceeds the limit \(4300 digits\) for integer string conversion.* fails with a server error \(HTTP 500\)\.$/);
  });
});

describe('redirect URIs: catch-alls', () => {
  const CATCH_ALLS = [
    'https://.+',
    'https://(.+)',
    'https?://.*',
    '.*',
    '.+',
    '(?i)HTTPS://.+',
    'https://.*\\.example\\.com.*',
    'https://.*\\.example\\.com/cb',
    'https://app-.*\\.example\\.com/cb',
    'https://[^/]*\\.example\\.com/cb',
    'https://\\S+\\.example\\.com/cb',
    'https://app\\.example\\.com.*',
    'https://app\\.example\\.com[a-z.]*/cb',
    'https://(app|.+)\\.example\\.com/cb',
    'https://[a-z]+\\.example\\.com|https://.+',
  ];

  it('a pattern that matches a URL on any host is warned, with a URL it matches', () => {
    for (const entry of CATCH_ALLS) {
      const { diagnostics, summary } = check(`redirect_uris: '${entry}'\n`);
      assert.deepEqual(summary.filter((s) => s.startsWith('redirect-uri-catch-all')), [`redirect-uri-catch-all@2:16-2:${16 + entry.length} ${JSON.stringify(entry)}`], entry);
      const finding = diagnostics.find((d) => d.code === 'redirect-uri-catch-all')!;
      assert.equal(finding.severity, DiagnosticSeverity.Warning);
      const example = /such as "([^"]+)"/.exec(finding.message)![1];
      // The URL shown goes to the reserved attacker host, and Python itself matches it.
      assert.match(new URL(example).hostname, /(^|\.)evil\.invalid$/, entry);
      assert.equal(pythonFullmatch(entry, example), true, `${entry} ~ ${example}`);
    }
  });

  it('the message says what a catch-all lets an attacker do', () => {
    const { diagnostics } = check("redirect_uris: 'https://.*\\.example\\.com.*'\n");
    assert.equal(
      diagnostics[0].message,
      '"https://.*\\.example\\.com.*" matches redirect URIs on any host, such as "https://evil.invalid/.example.com": a crafted login link can send the user\'s authorization code or tokens to whoever owns that host. Spell out the host and escape its dots (https://app\\.example\\.com/.*).',
    );
  });

  it('patterns that stay on their hosts are not catch-alls', () => {
    for (const entry of ['https://app\\.example\\.com/.*', 'https://[a-z0-9-]+\\.example\\.com/cb', 'https://(app|api)\\.example\\.com/.+', 'https://app\\.example\\.com(/.*)?', 'myapp://.*']) {
      assert.deepEqual(check(`redirect_uris: '${entry}'\n`).summary, [], entry);
    }
  });

  it('a wildcard in the host that the matcher cannot follow is still warned', () => {
    const { diagnostics, summary } = check("redirect_uris: 'https://(?=a).*\\.example\\.com/cb'\n");
    assert.deepEqual(summary, ['redirect-uri-wildcard@2:16-2:48 "https://(?=a).*\\\\.example\\\\.com/cb"']);
    assert.equal(
      diagnostics[0].message,
      '"https://(?=a).*\\.example\\.com/cb" has ".*" in its host, which matches hosts nobody configured and can reach past the host into the path. Spell out the host; for one label of a subdomain write [a-z0-9-]+.',
    );
  });

  it('"*" written as a glob is warned', () => {
    const { diagnostics, summary } = check('redirect_uris: https://app\\.example\\.com/cb/*\n');
    assert.deepEqual(summary, ['redirect-uri-wildcard@2:15-2:45 "https://app\\\\.example\\\\.com/cb/*"']);
    assert.equal(
      diagnostics[0].message,
      '"https://app\\.example\\.com/cb/*" uses "*" as a wildcard, but in a regular expression "*" repeats what stands before it ("/*" is any number of "/"), so it does not match the URIs meant. Write ".*" for any characters, [a-z0-9-]+ for one host label, or list exact URIs.',
    );
  });
});

describe('redirect URIs: schemes refused at login', () => {
  it('javascript:, data: and vbscript: entries are warned, as literals and as patterns', () => {
    const { diagnostics, summary } = check('redirect_uris: javascript:alert\\(1\\) data:text/html,hi JavaScript:.* vbscript:x\n');
    assert.deepEqual(summary, [
      'redirect-uri-forbidden-scheme@2:15-2:36 "javascript:alert\\\\(1\\\\)"',
      'redirect-uri-forbidden-scheme@2:37-2:54 "data:text/html,hi"',
      'redirect-uri-forbidden-scheme@2:55-2:68 "JavaScript:.*"',
      'redirect-uri-forbidden-scheme@2:69-2:79 "vbscript:x"',
    ]);
    assert.equal(
      diagnostics[2].message,
      '"JavaScript:.*" has the scheme "javascript": the server refuses a redirect to a javascript:, data: or vbscript: URI at login even when an entry matches it, so this entry never lets anyone log in. Remove it.',
    );
    assert.ok(diagnostics.every((d) => d.severity === DiagnosticSeverity.Warning));
  });
});

describe('redirect URIs: the escape quick fix gives a valid Python regular expression', () => {
  it('counts characters outside the BMP right', () => {
    const { document, diagnostics } = check('redirect_uris: https://😀.example.com/cb?x=1\n');
    assert.equal(diagnostics.length, 1);
    const result = fixed(document, diagnostics[0]).text;
    assert.equal(result, HEAD + 'redirect_uris: https://😀\\.example\\.com/cb\\?x=1\n');
    assert.deepEqual(diagnose(result, { settings: SETTINGS }).diagnostics, []);
  });

  it('every fixed entry compiles in Python and matches the URL that was written', () => {
    for (const entry of ['https://app.example.com/cb', 'https://a.b/c?x=1+2', 'git+https://a.b/c', 'com.example.app:/cb', 'https://(www.)?example\\.com/cb?x', 'https://𝒳.example.com/𝒴?z']) {
      const { document, diagnostics } = check(`redirect_uris: '${entry}'\n`);
      const unescaped = diagnostics.filter((d) => d.code === 'redirect-uri-unescaped');
      assert.equal(unescaped.length, 1, entry);
      const result = fixed(document, unescaped[0]).text;
      const value = /redirect_uris: '(.*)'/.exec(result)![1];
      assert.deepEqual(diagnose(result, { settings: SETTINGS }).diagnostics.filter((d) => d.code === 'redirect-uri-unescaped'), [], value);
      if (!entry.includes('(www.)?')) assert.equal(pythonFullmatch(value, entry.replace(/\\/g, '')), true, value);
    }
  });
});

describe('redirect URIs: many entries', () => {
  it('a file of thousands of patterns is checked in bounded time, and catch-alls are found to the end', () => {
    const entries = Array.from({ length: 3000 }, (_, i) => `https://[a-z]+\\.example${i}\\.com/(en|de)?/cb`);
    entries.push('https://.+');
    const { summary } = withinMs(3_000, '3,001 patterns', () => check('redirect_uris: |\n' + entries.map((e) => `  ${e}\n`).join('')));
    // The probes' budget is spent on the first patterns; the host wildcard is still seen structurally.
    assert.deepEqual(summary, [`redirect-uri-wildcard@${entries.length + 2}:2-${entries.length + 2}:12 "https://.+"`]);
  });

  it('patterns built to be slow to probe are bounded too', () => {
    const entries = Array.from({ length: 500 }, (_, i) => `https://(((((a|b)+|c)*|d)+){1,40}|[a-z]{0,100}x)+${i}\\.example\\.com/cb`);
    const { summary } = withinMs(3_000, '500 nested patterns', () => check('redirect_uris: |\n' + entries.map((e) => `  ${e}\n`).join('')));
    assert.deepEqual(summary, []);
  });
});
