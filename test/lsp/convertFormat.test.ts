import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ErrorCodes } from 'vscode-languageserver-protocol/node';
import { ConvertFormatRequest, ConvertFormatResult } from '../../common/protocol';
import { applyEdits, TEST_TIMEOUT, uniqueUri, useServer } from './documents';

const OLD = `name: Grafana
authorization_flow: 8f3b0c7e-6a44-4b1e-9a5e-1f2d3c4b5a60
redirect_uris: https://grafana\\.example\\.com/cb
`;

describe('lsp: authentik/convertFormat', TEST_TIMEOUT, () => {
  const server = useServer();

  it('answers with the edits for the release asked for, and for the active one without a release', async () => {
    const uri = uniqueUri('convert');
    await server().open(uri, OLD);
    const toOld = (await server().connection.sendRequest(ConvertFormatRequest, { textDocument: { uri, version: 1 }, version: '2024.10' })) as ConvertFormatResult;
    assert.equal(toOld.kind, 'edits');
    if (toOld.kind !== 'edits') return;
    assert.equal(toOld.version, '2024.10');
    assert.equal(applyEdits(OLD, toOld.edits), `# authentik-version: 2024.10
name: Grafana
authorization_flow: 8f3b0c7e-6a44-4b1e-9a5e-1f2d3c4b5a60
invalidation_flow: ""  # TODO: the UUID of an invalidation flow (default-provider-invalidation-flow)
redirect_uris:
  - matching_mode: strict
    url: https://grafana.example.com/cb
`);
    // No version: the profile the file is checked for now (no comment, no setting, no server: the newest).
    const active = (await server().connection.sendRequest(ConvertFormatRequest, { textDocument: { uri, version: 1 } })) as ConvertFormatResult;
    assert.equal(active.kind === 'edits' && active.version, '2026.5');
  });

  it('refuses an unknown version, a stale document and malformed params, saying why', async () => {
    const uri = uniqueUri('convert');
    await server().open(uri, OLD);
    const send = (params: unknown) => server().connection.sendRequest(ConvertFormatRequest, params as never) as Promise<ConvertFormatResult>;
    const unknown = await send({ textDocument: { uri, version: 1 }, version: 'next' });
    assert.equal(unknown.kind, 'refused');
    assert.match((unknown as { message: string }).message, /^"next" is not an authentik version: write a release line such as 2026\.2/);
    assert.deepEqual(await send({ textDocument: { uri, version: 7 } }), { kind: 'unavailable', message: 'The file changed while it was being converted; try again.' });
    assert.deepEqual(await send({ textDocument: { uri: 'file:///nowhere.oauth2provider.yaml', version: 1 } }), { kind: 'unavailable', message: 'The language server does not have this file open.' });
    await assert.rejects(send({ textDocument: 'x' }), { code: ErrorCodes.InvalidParams, message: 'authentik/convertFormat: textDocument must be an object, not a string.' });
  });
});
