import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CodeAction, CompletionList, Diagnostic, Hover, InlayHint, MarkupContent, TextEdit } from 'vscode-languageserver-protocol/node';
import { MOVE_SECRET_COMMAND, MoveSecretArguments } from '../../common/moveSecret';
import { AuthentikTestServer, SEED_IDS, startAuthentikTestServer } from '../authentik-server';
import { LspClient } from '../helpers/lspClient';
import { applyEdits, position, range, TEST_TIMEOUT, uniqueUri } from './documents';

const TOKEN = 'lsp-portable-token-7a6b5c4d';
const { flows } = SEED_IDS;

/** A 2024.8 provider that names its flows by slug, one of them mistyped, and keeps its secret in the file. */
const TEXT = `# authentik-version: 2024.8.4
name: Grafana
authorization_flow: !ref default-provider-authorization-explicit-consent
authentication_flow: !ref default-authentication-flw
client_type: confidential
client_secret: s3cr3t-value
signing_key: !ref Example Corp Root CA
redirect_uris: https://grafana\\.example\\.com/cb
property_mappings:
  - !ref 
jwks_sources: [${SEED_IDS.sources.githubActions}]
`;

const ours = (diagnostics: Diagnostic[]) => diagnostics.map((d) => `${d.code}@${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.message}`);

describe('lsp: !ref, !Find and !env against the test server', TEST_TIMEOUT, () => {
  let server: AuthentikTestServer;
  let client: LspClient;
  let uri: string;
  let diagnostics: Diagnostic[];

  before(async () => {
    server = await startAuthentikTestServer({ token: TOKEN });
    client = (
      await LspClient.start({
        env: { AUTHENTIK_URL: server.url, AUTHENTIK_TOKEN: TOKEN },
        capabilities: { textDocument: { completion: { completionItem: { labelDetailsSupport: true } } } },
      })
    ).client;
    uri = uniqueUri('portable');
    // The lists arrive after the first validation: wait for the one that has resolved the tags.
    const resolved = client.waitForDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'reference-unresolved'), 15_000);
    await client.didOpen(uri, TEXT);
    diagnostics = (await resolved).diagnostics;
  });
  after(async () => {
    await client?.dispose();
    await server?.close();
  });

  it('publishes the unknown slug with its candidates, a key pair without private key, and the literal secret', () => {
    assert.deepEqual(ours(diagnostics.filter((d) => String(d.code).startsWith('reference-') || d.code === 'secret-in-file' || d.code === 'tag-invalid')), [
      'reference-unresolved@3:21-3:52 No authentication flow on the server has the slug "default-authentication-flw". The server\'s only authentication flow: "default-authentication-flow".',
      'secret-in-file@5:15-5:27 A literal client secret is kept in this file. Keep secrets out of the repository: omit client_secret and the server generates one, shown once in the deploy result.',
      `reference-without-private-key@6:13-6:38 "Example Corp Root CA" has no private key: the server accepts it as signing_key, but then fails every token request and its OpenID configuration (Invalid private key type). Choose a key pair with a private key, or remove signing_key to sign with the client secret (HS256).`,
      'tag-invalid@9:4-9:8 `!ref` needs the name, managed id or scope name of a property mapping.',
    ]);
  });

  it('completes the scope mappings after `!ref ` in a list item, by managed id, the name beside it', async () => {
    const list = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: position(9, 9) });
    const items = [...list.items].sort((a, b) => String(a.label).localeCompare(String(b.label))).map((i) => [i.label, i.labelDetails?.description, (i.textEdit as TextEdit).newText, (i.textEdit as TextEdit).range]);
    assert.deepEqual(items.map((i) => i[0]), ['email', 'offline_access', 'openid', 'profile'].map((scope) => `goauthentik.io/providers/oauth2/scope-${scope}`));
    assert.deepEqual(items[2], [
      'goauthentik.io/providers/oauth2/scope-openid',
      "authentik default OAuth Mapping: OpenID 'openid'",
      'goauthentik.io/providers/oauth2/scope-openid',
      range(9, 9, 9, 9),
    ]);
  });

  it('hovers a !ref with what it resolves to on the server', async () => {
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: position(2, 30) });
    assert.deepEqual(hover.range, range(2, 20, 2, 72));
    assert.ok(
      (hover.contents as MarkupContent).value.startsWith(
        `**Authorize Application** · authorization flow\n\nslug \`default-provider-authorization-explicit-consent\` · UUID \`${flows.explicitConsent}\` on the connected server`,
      ),
      (hover.contents as MarkupContent).value,
    );
  });

  it('shows the resolved UUID as an inlay hint after the !ref', async () => {
    const hints = await client.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri }, range: range(2, 0, 3, 0) });
    assert.deepEqual(hints.map((h) => [h.position, h.label]), [[position(2, 72), ` → ${flows.explicitConsent.slice(0, 8)}…`]]);
  });

  it('offers "Use the UUID" on a !ref and "Use !ref github-actions" on a UUID, with the edits a client applies', async () => {
    const onRef = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: range(2, 30, 2, 30), context: { diagnostics: [] } });
    assert.deepEqual(onRef.map((a) => [a.title, a.kind]), [[`Use the UUID ${flows.explicitConsent}`, 'refactor.rewrite']]);
    assert.equal(applyEdits(TEXT, onRef[0].edit!.changes![uri]).split('\n')[2], `authorization_flow: ${flows.explicitConsent}`);
    const onUuid = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: range(10, 20, 10, 20), context: { diagnostics: [] } });
    assert.deepEqual(onUuid.map((a) => a.title), ['Use !ref github-actions']);
    assert.equal(applyEdits(TEXT, onUuid[0].edit!.changes![uri]).split('\n')[10], 'jwks_sources: [!ref github-actions]');
  });

  it('the unknown slug gets a fix naming the candidate; the secret a command that carries no secret', async () => {
    const onSlug = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: range(3, 30, 3, 30), context: { diagnostics: [] } });
    assert.deepEqual(onSlug.map((a) => a.title), ['Use !ref default-authentication-flow']);
    assert.equal(applyEdits(TEXT, onSlug[0].edit!.changes![uri]).split('\n')[3], 'authentication_flow: !ref default-authentication-flow');
    const onSecret = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: range(5, 18, 5, 18), context: { diagnostics: [] } });
    assert.deepEqual(onSecret.map((a) => [a.title, a.kind, a.edit, a.command?.command]), [['Move to an environment variable (!env GRAFANA_CLIENT_SECRET)', 'quickfix', undefined, MOVE_SECRET_COMMAND]]);
    const args = onSecret[0].command!.arguments![0] as MoveSecretArguments;
    assert.deepEqual(args, { uri, version: 1, range: range(5, 15, 5, 27), valueRange: range(5, 15, 5, 27), variable: 'GRAFANA_CLIENT_SECRET' });
    assert.ok(!JSON.stringify(client.logs).includes('s3cr3t-value'), 'the secret is not logged');
  });
});
