import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { PrepareDeployRequest, PrepareDeployResult, RefreshReferencesRequest, SetConnectionsNotification } from '../../common/protocol';
import { AuthentikTestServer, SEED_IDS, startAuthentikTestServer } from '../authentik-server';
import { LspClient } from '../helpers/lspClient';
import { TEST_TIMEOUT, uniqueUri } from './documents';

const TOKEN = 'lsp-deploy-tags-token-7a6b5c';
const SECRET = 'grafana-secret-from-the-environment-4f3e2d';

/** A portable provider: every reference by slug, name or managed id, the secret from the environment. */
const PORTABLE = `# authentik-version: 2024.8.4
name: Grafana
authorization_flow: !ref default-provider-authorization-explicit-consent
client_type: confidential
client_id: grafana
client_secret: !env GRAFANA_CLIENT_SECRET
redirect_uris: |
  https://grafana\\.example\\.com/login/generic_oauth
property_mappings:
  - !ref goauthentik.io/providers/oauth2/scope-openid
  - !Find [authentik_providers_oauth2.scopemapping, [managed, goauthentik.io/providers/oauth2/scope-email]]
signing_key: !ref authentik Self-signed Certificate
`;

const where = (d: Diagnostic) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`;

/**
 * The editor's deploy of a file with `!ref`, `!Find` and `!env`: the language server resolves the
 * references on the server of the file's connection (the current environment's) and the variables
 * from what the client sends, and asks for those it was not given.
 */
describe('lsp: prepareDeploy resolves !ref, !Find and !env', TEST_TIMEOUT, () => {
  let first: AuthentikTestServer;
  let second: AuthentikTestServer;
  let client: LspClient;
  const connectTo = (server: AuthentikTestServer | undefined) =>
    client.connection.sendNotification(SetConnectionsNotification, { connections: [{ scopeUri: null, serverUrl: server?.url ?? '', token: server ? TOKEN : undefined, allowInsecureHttp: false }] });
  const prepare = (uri: string, environment?: Record<string, string>): Promise<PrepareDeployResult> =>
    client.connection.sendRequest(PrepareDeployRequest, { textDocument: { uri, version: 1 }, ...(environment ? { environment } : {}) });
  const listRequests = (server: AuthentikTestServer) => server.requests.filter((r) => r.method === 'GET' && r.path.startsWith('/api/v3/flows/instances/')).length;

  before(async () => {
    [first, second] = await Promise.all([startAuthentikTestServer({ token: TOKEN }), startAuthentikTestServer({ token: TOKEN, freshIds: true })]);
    ({ client } = await LspClient.start({ initializationOptions: { useEnvironment: false } }));
    await connectTo(first);
  });
  after(async () => {
    await client.dispose();
    await Promise.all([first.close(), second.close()]);
  });

  it('without the variable, answers needs-environment naming it, once, in the order of the file', async () => {
    const uri = uniqueUri('needs-env');
    await client.open(uri, PORTABLE.replace('client_id: grafana', 'client_id: !env GRAFANA_CLIENT_ID').replace('name: Grafana', 'name: !env GRAFANA_CLIENT_ID'));
    const prepared = await prepare(uri);
    assert.equal(prepared.kind, 'needs-environment');
    assert.ok(prepared.kind === 'needs-environment');
    assert.deepEqual(prepared.variables, ['GRAFANA_CLIENT_ID', 'GRAFANA_CLIENT_SECRET']);
    // Given one of them, it asks for the other only.
    const again = await prepare(uri, { GRAFANA_CLIENT_ID: 'grafana' });
    assert.ok(again.kind === 'needs-environment');
    assert.deepEqual(again.variables, ['GRAFANA_CLIENT_SECRET']);
  });

  it('with it, gives the body with the UUIDs of the connected server and the value, and says what each tag became', async () => {
    const uri = uniqueUri('ready');
    await client.open(uri, PORTABLE);
    const prepared = await prepare(uri, { GRAFANA_CLIENT_SECRET: SECRET });
    assert.equal(prepared.kind, 'ready');
    assert.ok(prepared.kind === 'ready');
    assert.deepEqual(prepared.body, {
      name: 'Grafana',
      authorization_flow: SEED_IDS.flows.explicitConsent,
      client_type: 'confidential',
      client_id: 'grafana',
      client_secret: SECRET,
      redirect_uris: 'https://grafana\\.example\\.com/login/generic_oauth\n',
      property_mappings: [SEED_IDS.scopeMappings.openid, SEED_IDS.scopeMappings.email],
      signing_key: SEED_IDS.keyPairs.selfSigned,
    });
    assert.deepEqual(prepared.resolved, [
      `!ref default-provider-authorization-explicit-consent → Authorize Application (${SEED_IDS.flows.explicitConsent})`,
      '!env GRAFANA_CLIENT_SECRET: set',
      `!ref goauthentik.io/providers/oauth2/scope-openid → authentik default OAuth Mapping: OpenID 'openid' (${SEED_IDS.scopeMappings.openid})`,
      `!Find [authentik_providers_oauth2.scopemapping, [managed, goauthentik.io/providers/oauth2/scope-email]] → authentik default OAuth Mapping: OpenID 'email' (${SEED_IDS.scopeMappings.email})`,
      `!ref authentik Self-signed Certificate → authentik Self-signed Certificate (${SEED_IDS.keyPairs.selfSigned})`,
    ]);
    // The value went back in the body only: in no log line and nothing the server wrote.
    assert.ok(!JSON.stringify(client.logs).includes(SECRET));
    assert.ok(!client.stderr.includes(SECRET));
  });

  it('a reference that matches nothing stops the deploy with the message on the tag, before any variable is asked', async () => {
    const uri = uniqueUri('unresolved');
    await client.open(uri, PORTABLE.replace('!ref default-provider-authorization-explicit-consent', '!ref no-such-flow').replace('!ref authentik Self-signed Certificate', '!ref Example'));
    const prepared = await prepare(uri);
    assert.equal(prepared.kind, 'unresolved');
    assert.ok(prepared.kind === 'unresolved');
    assert.deepEqual(
      prepared.errors.map((d) => ({ at: where(d), code: d.code, message: d.message })),
      [
        { at: '2:20-2:37', code: 'reference-unresolved', message: 'No authorization flow on the server has the slug "no-such-flow".' },
        { at: '11:13-11:25', code: 'reference-unresolved', message: 'No certificate key pair on the server has the name "Example".' },
      ],
    );
    assert.equal(prepared.message, undefined);
  });

  it('an object created on the server since the lists were fetched is found: the lists are fetched again before failing', async () => {
    const uri = uniqueUri('new-object');
    const [flow] = first.addFlows(1);
    const before = listRequests(first);
    await client.open(uri, PORTABLE.replace('!ref default-provider-authorization-explicit-consent', `!ref ${flow.slug}`));
    const prepared = await prepare(uri, { GRAFANA_CLIENT_SECRET: SECRET });
    assert.ok(prepared.kind === 'ready', JSON.stringify(prepared));
    assert.equal(prepared.body.authorization_flow, flow.pk);
    assert.ok(listRequests(first) > before, 'the flows were listed again');
  });

  it('follows the connection: switched to another server, the same file resolves to that server\'s UUIDs', async () => {
    await connectTo(second);
    try {
      const uri = uniqueUri('second');
      await client.open(uri, PORTABLE);
      const prepared = await prepare(uri, { GRAFANA_CLIENT_SECRET: SECRET });
      assert.ok(prepared.kind === 'ready', JSON.stringify(prepared));
      const ids = second.seedObjects;
      assert.equal(prepared.body.authorization_flow, ids.flows.explicitConsent.pk);
      assert.deepEqual(prepared.body.property_mappings, [ids.scopeMappings.openid.pk, ids.scopeMappings.email.pk]);
      assert.equal(prepared.body.signing_key, ids.keyPairs.selfSigned.pk);
      assert.notEqual(prepared.body.authorization_flow, SEED_IDS.flows.explicitConsent);
    } finally {
      await connectTo(first);
    }
  });

  it('without a server, every reference is an error that says its objects are not known, and why: the lists kept for completion are not used', async () => {
    // The first server's lists are loaded, so that completion keeps them once the connection goes.
    assert.equal((await client.connection.sendRequest(RefreshReferencesRequest, {})).ok, true);
    await connectTo(undefined);
    try {
      const uri = uniqueUri('offline');
      await client.open(uri, PORTABLE);
      const prepared = await prepare(uri, { GRAFANA_CLIENT_SECRET: SECRET });
      assert.ok(prepared.kind === 'unresolved', JSON.stringify(prepared));
      assert.equal(prepared.message, 'No authentik server is connected for this file.');
      assert.deepEqual(
        prepared.errors.map((d) => `${where(d)} ${d.message}`),
        [
          '2:20-2:72 The server\'s flows are not known, so "default-provider-authorization-explicit-consent" cannot be resolved.',
          '9:4-9:53 The server\'s property mappings are not known, so "goauthentik.io/providers/oauth2/scope-openid" cannot be resolved.',
          '10:4-10:107 The server\'s property mappings are not known, so the one with managed "goauthentik.io/providers/oauth2/scope-email" cannot be resolved.',
          '11:13-11:51 The server\'s certificate key pairs are not known, so "authentik Self-signed Certificate" cannot be resolved.',
        ],
      );
    } finally {
      await connectTo(first);
    }
  });

  it('a file with errors is refused as before, and nothing is resolved', async () => {
    const uri = uniqueUri('invalid');
    await client.open(uri, PORTABLE.replace('client_type: confidential', 'client_type: confidental'));
    const prepared = await prepare(uri);
    assert.ok(prepared.kind === 'invalid');
    assert.deepEqual(prepared.errors.map((d) => `${d.code}@${where(d)}`), ['invalid-enum@3:13-3:24']);
  });
});
