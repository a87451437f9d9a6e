import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { TEST_TIMEOUT, uniqueUri, useServer } from './documents';

/** A provider in the 2024.8 shape: one-string redirect_uris, no invalidation_flow. */
const OLD_SHAPE = `name: Old
authorization_flow: 8f3b0c7e-6a44-4b1e-9a5e-1f2d3c4b5a60
redirect_uris: https://old\\.example\\.com/cb
`;

const brief = (params: PublishDiagnosticsParams) =>
  params.diagnostics.map((d) => `${d.code}@${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.message}`);

const NEWEST_FINDINGS = [
  'missing-required@0:0-0:9 Missing required key "invalidation_flow": Flow used ending the session from a provider.',
  'wrong-type@2:15-2:43 "redirect_uris" must be a list, not a string.',
];

describe('lsp: the profile a file is checked against', TEST_TIMEOUT, () => {
  let answer: unknown = {};
  const server = useServer({ capabilities: { workspace: { configuration: true, didChangeConfiguration: {} } }, configuration: () => answer });

  it('is the newest release for a file without a comment, with authentik.serverVersion "auto"', async () => {
    answer = { serverVersion: 'auto' };
    assert.deepEqual(brief(await server().open(uniqueUri('newest'), OLD_SHAPE)), NEWEST_FINDINGS);
  });

  it('follows authentik.serverVersion, and revalidates when it changes', async () => {
    answer = { serverVersion: '2024.8.4' };
    const uri = uniqueUri('setting');
    assert.deepEqual(brief(await server().open(uri, OLD_SHAPE)), []);
    // The line 2024.8 is read as its newest release, 2024.8.6, which takes the list form (from 2024.8.5).
    answer = { serverVersion: '2024.8' };
    let revalidated = server().waitForDiagnostics(uri, () => true);
    await server().changeConfiguration(null);
    assert.deepEqual(brief(await revalidated), [NEWEST_FINDINGS[1]]);
    answer = { serverVersion: '2024.10' };
    revalidated = server().waitForDiagnostics(uri, (p) => p.diagnostics.length === 2);
    await server().changeConfiguration(null);
    assert.deepEqual(brief(await revalidated), NEWEST_FINDINGS);
  });

  it('is the comment\'s release whatever the setting says', async () => {
    answer = { serverVersion: '2026.2' };
    const text = `# authentik-version: 2024.10.1\n${OLD_SHAPE}`;
    assert.deepEqual(brief(await server().open(uniqueUri('comment'), text)), [
      'missing-required@1:0-1:9 Missing required key "invalidation_flow": Flow used ending the session from a provider.',
    ]);
  });

  it('warns on an unknown version in the comment, and falls back to the setting', async () => {
    answer = { serverVersion: '2024.8.4' };
    const text = `# authentik-version: 2024.9\n${OLD_SHAPE}`;
    const [warning, ...rest] = brief(await server().open(uniqueUri('unknown'), text));
    assert.match(warning, /^version-unknown@0:21-0:27 Unknown authentik version in the comment: "2024\.9" is not a known authentik release: write a release line such as 2026\.2 or a release such as 2024\.8\.4; the profiles know 2023\.5, .*, 2026\.5\. The file is checked for authentik 2024\.8\.4 \(from the setting authentik\.serverVersion\)\.$/);
    assert.deepEqual(rest, []);
  });
});
