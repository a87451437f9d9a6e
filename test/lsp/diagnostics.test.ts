import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Diagnostic, DiagnosticSeverity, DiagnosticTag, PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { LspClient } from '../helpers/lspClient';
import { fixtureText, range, TEST_TIMEOUT, uniqueUri, useServer } from './documents';

/** `code@line:char-line:char`, to compare what was published with what each version should show. */
const brief = (params: PublishDiagnosticsParams) =>
  params.diagnostics.map((d) => `${d.code}@${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`);

/** Valid for the newest release, which a file without a version comment is checked for. */
const QUICK = `name: Quick
authorization_flow: 8f3b0c7e-6a44-4b1e-9a5e-1f2d3c4b5a60
invalidation_flow: 8f3b0c7e-6a44-4b1e-9a5e-1f2d3c4b5a63
sub_mode: user_email
redirect_uris:
  - matching_mode: strict
    url: https://quick.example.com/cb
`;

/** Three quick edits, each leaving a different mistake, and what each version must show. */
const QUICK_EDITS = [
  { version: 2, changes: [{ range: range(3, 10, 3, 20), text: 'user_mail' }], expected: ['invalid-enum@3:10-3:19'] },
  { version: 3, changes: [{ range: range(3, 10, 3, 19), text: 'usr_id' }], expected: ['invalid-enum@3:10-3:16'] },
  {
    version: 4,
    changes: [
      { range: range(3, 10, 3, 16), text: 'user_id' },
      { range: range(4, 0, 4, 0), text: 'extra: 1\n' },
    ],
    expected: ['unknown-key@4:0-4:5'],
  },
];

describe('lsp: diagnostics on open and change', TEST_TIMEOUT, () => {
  const server = useServer();

  it('publishes the fixture\'s findings with exact ranges, codes, source and messages', async () => {
    const uri = uniqueUri('typos');
    const published = await server().open(uri, fixtureText('mistakes/typos.oauth2provider.yaml'));
    assert.equal(published.version, 1);
    const visible = published.diagnostics.map(({ range, severity, code, source, message, tags }: Diagnostic) => ({ range, severity, code, source, message, tags }));
    assert.deepEqual(visible, [
      {
        range: range(1, 0, 1, 13),
        severity: DiagnosticSeverity.Warning,
        code: 'redirect-uris-empty',
        source: 'authentik',
        message: 'No redirect_uris: the server then adopts the first redirect URI any client sends (CVE-2024-52289). List the allowed URIs.',
        tags: undefined,
      },
      {
        range: range(3, 13, 3, 24),
        severity: DiagnosticSeverity.Error,
        code: 'invalid-enum',
        source: 'authentik',
        message: '"confidental" is not a valid choice for "client_type". Did you mean "confidential"? Valid choices: confidential, public.',
        tags: undefined,
      },
      {
        range: range(4, 0, 4, 12),
        severity: DiagnosticSeverity.Warning,
        code: 'unknown-key',
        source: 'authentik',
        message: 'Unknown key "redirect_uri": the server silently ignores it. Did you mean "redirect_uris"?',
        tags: [DiagnosticTag.Unnecessary],
      },
    ]);
  });

  it('publishes no diagnostics for the version whose incremental edits fix every mistake', async () => {
    const uri = uniqueUri('fixed');
    await server().open(uri, fixtureText('mistakes/typos.oauth2provider.yaml'));
    const fixed = server().waitForDiagnostics(uri, 2);
    await server().change(uri, 2, [
      { range: range(3, 13, 3, 24), text: 'confidential' },
      { range: range(4, 12, 4, 12), text: 's' },
    ]);
    assert.deepEqual(await fixed, { uri, version: 2, diagnostics: [] });
  });

  it('a valid fixture opens with no diagnostics', async () => {
    const uri = uniqueUri('clean');
    assert.deepEqual(await server().open(uri, fixtureText('clean/grafana.oauth2provider.yaml')), { uri, version: 1, diagnostics: [] });
  });

  it('after quick edits, every publication matches its own version and the last one is the last version', async () => {
    const uri = uniqueUri('quick');
    assert.deepEqual(brief(await server().open(uri, QUICK)), []);
    const last = server().waitForDiagnostics(uri, 4);
    // Sent back to back, without waiting for any result in between.
    await Promise.all(QUICK_EDITS.map((edit) => server().change(uri, edit.version, edit.changes)));
    assert.deepEqual(brief(await last), QUICK_EDITS[2].expected);
    // A round trip, so anything still queued for older versions would have arrived by now.
    await server().request('textDocument/documentSymbol', { textDocument: { uri } });
    const afterOpen = server().publishedFor(uri).slice(1);
    assert.equal(afterOpen.at(-1)?.version, 4);
    const versions = afterOpen.map((p) => p.version ?? 0);
    assert.deepEqual(versions, [...versions].sort((a, b) => a - b), `published out of order: ${versions.join(', ')}`);
    for (const params of afterOpen) {
      assert.deepEqual(brief(params), QUICK_EDITS.find((e) => e.version === params.version)?.expected, `version ${params.version}`);
    }
  });
});

describe('lsp: stale results are dropped', TEST_TIMEOUT, () => {
  it('publishes only the last version when edits arrive while validation waits for settings', async () => {
    // The answer to workspace/configuration is held back until every edit has reached the server.
    let release: () => void = () => undefined;
    const settingsHeld = new Promise<void>((resolve) => (release = resolve));
    const { client } = await LspClient.start({
      capabilities: { workspace: { configuration: true } },
      configuration: async () => {
        await settingsHeld;
        return {};
      },
    });
    try {
      const uri = uniqueUri('stale');
      const first = client.waitForDiagnostics(uri, () => true);
      await client.didOpen(uri, QUICK);
      for (const edit of QUICK_EDITS) await client.change(uri, edit.version, edit.changes);
      // Messages are handled in order: once this unknown request is answered, every edit has been applied.
      await assert.rejects(client.request('authentik/ping', {}));
      assert.deepEqual(client.publishedFor(uri), []);
      release();
      const published = await first;
      assert.equal(published.version, 4);
      assert.deepEqual(brief(published), QUICK_EDITS[2].expected);
      await client.request('textDocument/documentSymbol', { textDocument: { uri } });
      assert.deepEqual(client.publishedFor(uri).map((p) => p.version), [4]);
    } finally {
      await client.dispose();
    }
  });
});
