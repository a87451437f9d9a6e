import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CodeAction, CodeActionKind, CodeActionRequest, Diagnostic, DiagnosticSeverity, PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { LspClient } from '../helpers/lspClient';
import { applyEdits, range, TEST_TIMEOUT, uniqueUri, useServer } from './documents';

const HEAD = 'name: app\nauthorization_flow: 8f3b0c7e-6a44-4b1e-9a5e-1f2d3c4b5a60\n';
/** The same for a 2024.8 server, whose redirect_uris is one string of patterns. */
const LEGACY_HEAD = '# authentik-version: 2024.8.4\n' + HEAD;

/** `code@line:char-line:char`, what the editor underlines. */
const brief = (params: PublishDiagnosticsParams) =>
  params.diagnostics.map((d) => `${d.code}@${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`);

/** The quick fixes offered for one diagnostic, as the light bulb asks for them. */
async function fixesFor(client: LspClient, uri: string, diagnostic: Diagnostic): Promise<CodeAction[]> {
  const result = await client.connection.sendRequest(CodeActionRequest.type, {
    textDocument: { uri },
    range: diagnostic.range,
    context: { diagnostics: [diagnostic], only: [CodeActionKind.QuickFix] },
  });
  return (result ?? []).filter((a): a is CodeAction => 'edit' in a);
}

describe('lsp: redirect URIs as Python regular expressions', TEST_TIMEOUT, () => {
  const server = useServer();

  it('publishes nothing for legitimate regular expressions', async () => {
    const text =
      LEGACY_HEAD +
      'redirect_uris: |\n' +
      '  https?://app\\.example\\.com/cb\n' +
      '  ^https://app\\.example\\.com/cb$\n' +
      '  https://(app|api)\\.example\\.com/cb\n' +
      '  https://[a-z]+\\.example\\.com:\\d+/cb\n' +
      '  (?i)https://app\\.example\\.com/cb\n' +
      '  https://(?P<tenant>[a-z]+)\\.example\\.com/cb\n';
    const uri = uniqueUri('legit');
    assert.deepEqual(await server().open(uri, text), { uri, version: 1, diagnostics: [] });
  });

  it('publishes a pattern Python cannot compile, a catch-all and a hidden entry, each on its own range', async () => {
    const text = LEGACY_HEAD + 'redirect_uris: "https://app\\\\.example\\\\.com/cb( https://ok\\\\.example\\\\.com/cb\\x85https://.+"\n';
    const published = await server().open(uniqueUri('regex'), text);
    assert.deepEqual(brief(published), ['redirect-uri-regex-invalid@3:16-3:47', 'redirect-uri-hidden-separator@3:77-3:91', 'redirect-uri-catch-all@3:81-3:91']);
    const [invalid, hidden, catchAll] = published.diagnostics;
    assert.deepEqual([invalid.severity, hidden.severity, catchAll.severity], [DiagnosticSeverity.Error, DiagnosticSeverity.Warning, DiagnosticSeverity.Warning]);
    assert.equal(invalid.source, 'authentik');
    assert.match(invalid.message, /^Python cannot compile "https:\/\/app\\\.example\\\.com\/cb\(": missing \), unterminated subpattern at position 28\. At login the server tries the entries in order/);
    assert.equal(
      catchAll.message,
      '"https://.+" matches redirect URIs on any host, such as "https://evil.invalid/": a crafted login link can send the user\'s authorization code or tokens to whoever owns that host. Spell out the host and escape its dots (https://app\\.example\\.com/.*).',
    );
    assert.match(hidden.message, /separated by U\+0085/);
  });

  it('the escape fix gives a pattern that Python compiles and that publishes clean', async () => {
    const uri = uniqueUri('escape');
    const text = LEGACY_HEAD + 'redirect_uris: https://app.example.com/cb?x=1\n';
    const published = await server().open(uri, text);
    assert.deepEqual(brief(published), ['redirect-uri-unescaped@3:15-3:45']);
    const actions = await fixesFor(server(), uri, published.diagnostics[0]);
    assert.deepEqual(actions.map((a) => [a.title, a.isPreferred]), [['Escape the regular-expression characters', true]]);
    const result = applyEdits(text, actions[0].edit!.changes![uri]);
    assert.equal(result, LEGACY_HEAD + 'redirect_uris: https://app\\.example\\.com/cb\\?x=1\n');
    const after = server().waitForDiagnostics(uri, 2);
    await server().change(uri, 2, [{ range: range(0, 0, 4, 0), text: result }]);
    assert.deepEqual((await after).diagnostics, []);
  });

  it('a list-form strict entry left with escapes offers both fixes', async () => {
    const uri = uniqueUri('strict');
    const text = HEAD + 'redirect_uris:\n  - matching_mode: strict\n    url: https://app\\.example\\.com/cb\n';
    const published = await server().open(uri, text);
    const escaped = published.diagnostics.find((d) => d.code === 'redirect-uri-strict-escaped');
    assert.ok(escaped, JSON.stringify(published.diagnostics));
    assert.deepEqual(escaped.range, range(4, 9, 4, 37));
    const actions = await fixesFor(server(), uri, escaped);
    assert.deepEqual(
      actions.map((a) => [a.title, applyEdits(text, a.edit!.changes![uri])]),
      [
        ['Remove the escapes', HEAD + 'redirect_uris:\n  - matching_mode: strict\n    url: https://app.example.com/cb\n'],
        ['Match as a regular expression (matching_mode: regex)', HEAD + 'redirect_uris:\n  - matching_mode: regex\n    url: https://app\\.example\\.com/cb\n'],
      ],
    );
  });

  it('publishes the merge-key error and nothing about the merged values', async () => {
    const text = '%YAML 1.1\n---\nbase: &base\n  sub_mode: nope\n  redirect_uris: "https://.+"\n' + HEAD + '<<: *base\n';
    const published = await server().open(uniqueUri('merge'), text);
    assert.deepEqual(brief(published), ['unknown-key@2:0-2:4', 'merge-key@7:0-7:2']);
    assert.equal(published.diagnostics[1].severity, DiagnosticSeverity.Error);
  });
});
