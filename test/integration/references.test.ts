import { describe, it, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { LiveReferenceSource, ReferencesState } from '../../server/src/authentik/liveReferences';
import { newestProfile } from '../../common/profiles';
import { candidatesFor, referenceLabel } from '../../server/src/service/references';
import { RefreshReferencesRequest, ReferencesStatusNotification, SetConnectionsNotification } from '../../common/protocol';
import { LspClient } from '../helpers/lspClient';
import { startAuthentikTestServer } from '../authentik-server';
import { apiFor, SEED_IDS, TOKEN, useTestServer } from './harness';

const server = useTestServer();

class FakeClock {
  constructor(public time = 1_000_000) {}
  now(): number {
    return this.time;
  }
}

describe('live references from the test server', () => {
  beforeEach(() => server().reset());

  it('fetches flows, every key pair (signing_key offers those with a key), scope mappings, every property mapping, JWKS sources and OAuth2 providers, labelled for completion', async () => {
    const source = new LiveReferenceSource(apiFor(server().url), { ttlMs: 60_000 });
    const outcome = await source.refresh();
    assert.equal(outcome.ok, true);
    const flows = candidatesFor(newestProfile().references.authorization_flow, source.list('flow')!).map(referenceLabel);
    assert.deepEqual(flows, [
      'Authorize Application (default-provider-authorization-explicit-consent)',
      'Authorize Application (default-provider-authorization-implicit-consent)',
    ]);
    // Every pair, with whether it holds a private key; signing_key is offered only those that do.
    assert.deepEqual(source.list('certificateKeyPair')!.objects.map((o) => [o.name, o.privateKeyAvailable]), [
      ['authentik Self-signed Certificate', true],
      ['Example Corp Root CA', false],
    ]);
    const references = newestProfile().references;
    assert.deepEqual(candidatesFor(references.signing_key, source.list('certificateKeyPair')!).map((o) => o.name), ['authentik Self-signed Certificate']);
    assert.deepEqual(candidatesFor(references.encryption_key, source.list('certificateKeyPair')!).map((o) => o.name), ['authentik Self-signed Certificate', 'Example Corp Root CA']);
    assert.deepEqual(source.list('oauth2Provider')!.objects, []);
    assert.deepEqual(source.list('scopeMapping')!.objects.map((o) => o.scopeName), ['email', 'offline_access', 'openid', 'profile']);
    assert.deepEqual(source.list('propertyMapping')!.objects.map((o) => [o.name, o.kindName]), [
      ['authentik default OAuth Mapping: OpenID \'email\'', 'Scope Mapping'],
      ['authentik default OAuth Mapping: OpenID \'offline_access\'', 'Scope Mapping'],
      ['authentik default OAuth Mapping: OpenID \'openid\'', 'Scope Mapping'],
      ['authentik default OAuth Mapping: OpenID \'profile\'', 'Scope Mapping'],
      ['authentik default SAML Mapping: Email', 'SAML Provider Property Mapping'],
    ]);
    assert.deepEqual(source.list('oauthSource')!.objects.map(referenceLabel), ['GitHub Actions (github-actions)']);
    const queries = server().requests.map((r) => `${r.path}?${new URLSearchParams(r.query).toString()}`);
    assert.ok(queries.includes('/api/v3/crypto/certificatekeypairs/?include_details=false&ordering=name&page=1&page_size=100'), queries.join('\n'));
    assert.ok(queries.includes('/api/v3/propertymappings/all/?ordering=name&page=1&page_size=100'), queries.join('\n'));
    assert.ok(queries.includes('/api/v3/providers/oauth2/?ordering=name&page=1&page_size=100'), queries.join('\n'));
    assert.ok(queries.includes('/api/v3/sources/oauth/?has_jwks=true&ordering=name&page=1&page_size=100'), queries.join('\n'));
  });

  it('follows pagination to the last page', async () => {
    server().addFlows(250, 'authorization');
    const source = new LiveReferenceSource(apiFor(server().url), { ttlMs: 60_000 });
    await source.refresh();
    assert.equal(source.list('flow')!.objects.length, 254);
    const pages = server().requests.filter((r) => r.path === '/api/v3/flows/instances/').map((r) => r.query.page);
    assert.deepEqual(pages, ['1', '2', '3']);
  });

  it('answers from the cache without waiting, and refreshes in the background after the TTL', async () => {
    const clock = new FakeClock();
    let changes = 0;
    const source = new LiveReferenceSource(apiFor(server().url), { ttlMs: 1000, clock, onChange: () => changes++ });
    await source.refresh();
    const before = server().requests.length;
    assert.ok(source.list('flow'));
    assert.equal(server().requests.length, before, 'a fresh cache asks nothing');
    clock.time += 2000;
    server().addFlows(1, 'authorization');
    const listed = source.list('flow')!; // stale cache, answered at once
    assert.equal(listed.objects.length, 4);
    await source.refresh(); // joins the background refresh started by list()
    assert.equal(source.list('flow')!.objects.length, 5);
    assert.equal(changes, 2);
  });

  it('offline: keeps the last list, marks it stale, and says so once', async () => {
    const statuses: [ReferencesState, string][] = [];
    const clock = new FakeClock();
    const source = new LiveReferenceSource(apiFor(server().url, TOKEN, 2000), { ttlMs: 1000, clock, onStatus: (s, m) => statuses.push([s, m]) });
    await source.refresh();
    server().addFault({ status: 502, htmlBody: true });
    for (let i = 0; i < 3; i++) {
      clock.time += 2000;
      await source.refresh();
    }
    const list = source.list('flow')!;
    assert.equal(list.stale, true);
    assert.equal(list.objects.length, 4);
    assert.deepEqual(statuses.map(([s]) => s), ['ok', 'offline']);
    assert.match(statuses[1][1], /^authentik references unavailable: The server failed on GET \/api\/v3\/.* with HTTP 502 \(an HTML error page\)\. Details are in the log\. Completion uses the last list fetched\.$/);
    server().clearFaults();
    clock.time += 2000;
    await source.refresh();
    assert.equal(source.list('flow')!.stale, false);
    assert.deepEqual(statuses.map(([s]) => s), ['ok', 'offline', 'ok']);
  });

  it('a bad token is reported as unauthorized, not offline', async () => {
    const statuses: ReferencesState[] = [];
    const source = new LiveReferenceSource(apiFor(server().url, 'wrong'), { ttlMs: 1000, onStatus: (s) => statuses.push(s) });
    const outcome = await source.refresh();
    assert.equal(outcome.ok, false);
    assert.match(outcome.message, /^403 Token invalid\/expired/);
    assert.deepEqual(statuses, ['unauthorized']);
    assert.equal(source.list('flow'), undefined);
  });
});

describe('the standalone language server with AUTHENTIK_URL and AUTHENTIK_TOKEN', () => {
  it('completes authorization_flow with the server’s flows, names UUIDs in hover, and flags unknown ones', { timeout: 30_000 }, async () => {
    const { client } = await LspClient.start({
      env: { AUTHENTIK_URL: server().url, AUTHENTIK_TOKEN: TOKEN },
      capabilities: { textDocument: { completion: { completionItem: { snippetSupport: true, labelDetailsSupport: true } } } },
    });
    try {
      const loaded = new Promise<{ state: string }>((resolve) => client.connection.onNotification(ReferencesStatusNotification, resolve));
      const uri = 'file:///work/live.oauth2provider.yaml';
      const missing = '00000000-0000-4000-8000-00000000dead';
      const text = `name: Live\nauthorization_flow: \nsigning_key: ${missing}\nredirect_uris: https://a\\.b/c\nauthentication_flow: ${SEED_IDS.flows.authentication}\n`;
      await client.open(uri, text);
      assert.equal((await loaded).state, 'ok');
      const completion = (await client.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 1, character: 20 } })) as { items: { label: string; labelDetails?: { description?: string }; detail: string; textEdit: { newText: string } }[] };
      const flows = completion.items.map((i) => [i.label, i.labelDetails?.description, i.detail, i.textEdit.newText]);
      assert.deepEqual(flows, [
        ['default-provider-authorization-explicit-consent', 'Authorize Application', 'authorization flow', SEED_IDS.flows.explicitConsent],
        ['default-provider-authorization-implicit-consent', 'Authorize Application', 'authorization flow', SEED_IDS.flows.implicitConsent],
        ['!ref', undefined, 'authorization flow by slug', '!ref '],
      ]);
      // After the references arrived the server revalidated: the unknown key pair is flagged.
      const flagged = (p: { diagnostics: { code?: unknown }[] }) => p.diagnostics.some((d) => d.code === 'reference-not-found');
      // The revalidation may already have been published by now; otherwise wait for it.
      const published = client.publishedFor(uri).find(flagged) ?? (await client.waitForDiagnostics(uri, flagged));
      const notFound = published.diagnostics.find((d) => d.code === 'reference-not-found')!;
      assert.equal(notFound.message, `No certificate key pair with UUID ${missing} exists on the server.`);
      assert.deepEqual(notFound.range, { start: { line: 2, character: 13 }, end: { line: 2, character: 49 } });
      const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 4, character: 30 } })) as { contents: { value: string } };
      assert.match(hover.contents.value, /^\*\*Welcome to authentik! \(default-authentication-flow\)\*\* · authentication flow\n/);
      // Nothing the server logged or printed holds the token.
      assert.ok(!client.logs.map((log) => log.message).join('\n').includes(TOKEN));
      assert.ok(!client.stderr.includes(TOKEN));
    } finally {
      await client.dispose();
    }
  });
});

describe('the language server started by the VS Code extension', () => {
  it('ignores AUTHENTIK_URL/AUTHENTIK_TOKEN: the extension applies trust rules and sends the connection itself', { timeout: 30_000 }, async () => {
    const { client } = await LspClient.start({ env: { AUTHENTIK_URL: server().url, AUTHENTIK_TOKEN: TOKEN }, initializationOptions: { useEnvironment: false } });
    try {
      const before = server().requests.length;
      const result = await client.connection.sendRequest(RefreshReferencesRequest, undefined);
      assert.deepEqual(result, { ok: false, message: 'No authentik server is configured (authentik.serverUrl).' });
      assert.equal(server().requests.length, before);
    } finally {
      await client.dispose();
    }
  });
});

describe('when the connection goes away', () => {
  it('completion keeps the last lists, marked as cached, and the user is told once', { timeout: 30_000 }, async () => {
    const { client } = await LspClient.start({
      env: { AUTHENTIK_URL: server().url, AUTHENTIK_TOKEN: TOKEN },
      capabilities: { textDocument: { completion: { completionItem: { labelDetailsSupport: true } } } },
    });
    try {
      const statuses: { state: string; message: string }[] = [];
      let notify: () => void = () => undefined;
      client.connection.onNotification(ReferencesStatusNotification, (p) => {
        statuses.push(p);
        notify();
      });
      const next = () => new Promise<void>((resolve) => (notify = resolve));
      const loaded = next();
      const uri = 'file:///work/frozen.oauth2provider.yaml';
      await client.open(uri, 'name: x\nauthorization_flow: \n');
      await loaded;
      const frozen = next();
      const none = { connections: [{ scopeUri: null, serverUrl: '', token: undefined, allowInsecureHttp: false }] };
      await client.connection.sendNotification(SetConnectionsNotification, none);
      await frozen;
      await client.connection.sendNotification(SetConnectionsNotification, none);
      const completion = (await client.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 1, character: 20 } })) as { items: { label: string; detail: string }[] };
      assert.deepEqual(completion.items.map((i) => i.detail), [
        'authorization flow (cached: the server cannot be asked now)',
        'authorization flow (cached: the server cannot be asked now)',
        'authorization flow by slug',
      ]);
      assert.deepEqual(statuses, [
        { state: 'ok', message: `authentik references loaded from ${server().url}.` },
        { state: 'unconfigured', message: 'authentik references: no server connection now; completion uses the last list fetched.' },
      ]);
    } finally {
      await client.dispose();
    }
  });
});

describe('each workspace folder with its own server', () => {
  it('completes a file with the flows of its folder’s server; a folder without a server offers none', { timeout: 30_000 }, async () => {
    server().reset();
    const other = await startAuthentikTestServer({ token: 'other-server-token' });
    other.addFlows(1, 'authorization');
    const { client } = await LspClient.start({ initializationOptions: { useEnvironment: false } });
    try {
      const statuses: string[] = [];
      let loaded: () => void = () => undefined;
      const bothLoaded = new Promise<void>((resolve) => (loaded = resolve));
      client.connection.onNotification(ReferencesStatusNotification, (p) => {
        statuses.push(p.message);
        if (statuses.length === 2) loaded();
      });
      await client.connection.sendNotification(SetConnectionsNotification, {
        connections: [
          { scopeUri: 'file:///work/seeded', serverUrl: server().url, token: TOKEN, allowInsecureHttp: false },
          { scopeUri: 'file:///work/seeded/nested', serverUrl: other.url, token: 'other-server-token', allowInsecureHttp: false },
          { scopeUri: 'file:///work/offline', serverUrl: '', token: undefined, allowInsecureHttp: false },
          // Same server and token as the first folder: they share one set of lists.
          { scopeUri: null, serverUrl: server().url, token: TOKEN, allowInsecureHttp: false },
        ],
      });
      await bothLoaded;
      assert.deepEqual(statuses.sort(), [`authentik references loaded from ${other.url}.`, `authentik references loaded from ${server().url}.`].sort());
      const flowLabels = async (uri: string) => {
        await client.open(uri, 'name: x\nauthorization_flow: \n');
        const completion = (await client.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 1, character: 20 } })) as { items: { label: string; detail?: string }[] } | null;
        return (completion?.items ?? []).filter((i) => i.detail?.endsWith('authorization flow')).map((i) => i.label);
      };
      const seeded = ['default-provider-authorization-explicit-consent', 'default-provider-authorization-implicit-consent'];
      assert.deepEqual(await flowLabels('file:///work/seeded/app.oauth2provider.yaml'), seeded);
      assert.deepEqual(await flowLabels('file:///work/seeded/nested/app.oauth2provider.yaml'), [...seeded, 'test-flow-0001']);
      // A folder whose name only starts like another's is not inside it.
      assert.deepEqual(await flowLabels('file:///work/seeded-not/app.oauth2provider.yaml'), seeded, 'files in no folder use the connection without a folder');
      assert.deepEqual(await flowLabels('file:///work/offline/app.oauth2provider.yaml'), []);
      const listRequests = server().requests.filter((r) => r.path === '/api/v3/flows/instances/');
      assert.equal(listRequests.length, 1, 'two scopes with the same server and token fetch once');
      assert.deepEqual(await client.connection.sendRequest(RefreshReferencesRequest, { uri: 'file:///work/offline/app.oauth2provider.yaml' }), {
        ok: false,
        message: 'No authentik server is configured (authentik.serverUrl).',
      });
      const refreshed = await client.connection.sendRequest(RefreshReferencesRequest, { uri: 'file:///work/seeded/nested/app.oauth2provider.yaml' });
      assert.equal(refreshed.ok, true);
      assert.equal(server().requests.filter((r) => r.path === '/api/v3/flows/instances/').length, 1, 'only the nested folder’s server was asked again');
    } finally {
      await client.dispose();
      await other.close();
    }
  });
});
