import { describe, it, after, before } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import type { ProfileStatusParams } from '../../common/protocol';
import { AuthentikTestServer, SEED_IDS, startAuthentikTestServer } from '../authentik-server';
import { LspClient } from '../helpers/lspClient';
import { TEST_TIMEOUT, uniqueUri } from './documents';

const TOKEN = 'lsp-profile-token-5e4d3c2b';

/** A provider in the shape of 2024.10.3 and later, with no version comment. */
const MODERN = `name: Grafana
authorization_flow: ${SEED_IDS.flows.explicitConsent}
invalidation_flow: ${SEED_IDS.flows.invalidation}
client_type: confidential
redirect_uris:
  - matching_mode: strict
    url: https://grafana.example.com/login/generic_oauth
`;

const errors = (params: PublishDiagnosticsParams) => params.diagnostics.filter((d) => d.severity === 1);

/** A language server connected to `server` as a standalone editor connects it (AUTHENTIK_URL), with a cache directory of its own. */
async function startConnected(server: AuthentikTestServer | undefined, cacheDir: string): Promise<LspClient> {
  const env = server ? { AUTHENTIK_URL: server.url, AUTHENTIK_TOKEN: TOKEN } : { AUTHENTIK_URL: '', AUTHENTIK_TOKEN: '' };
  const { client } = await LspClient.start({ env, initializationOptions: { settings: { serverVersion: 'auto' }, profileCacheDir: cacheDir } });
  return client;
}

/** Opens the file and waits for the profile status the server sends about it once `matches` holds. */
async function openAndWaitForProfile(client: LspClient, uri: string, matches: (p: ProfileStatusParams) => boolean) {
  const profile = client.next<ProfileStatusParams>('authentik/profileStatus', (p) => p.uri === uri && matches(p), 15_000);
  await client.didOpen(uri, MODERN);
  const status = await profile;
  // Diagnostics go out just before the status they were computed with.
  const published = client.publishedFor(uri);
  return { status, diagnostics: published[published.length - 1] };
}

describe('lsp: the profile of the connected server (authentik.serverVersion auto)', TEST_TIMEOUT, () => {
  let cacheDir = '';
  before(() => {
    cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lsp-profiles-'));
  });
  after(() => fs.rmSync(cacheDir, { recursive: true, force: true }));

  it("checks a 2026-shaped file clean against a 2026.2.2 server's own schema, and caches it", async () => {
    const server = await startAuthentikTestServer({ token: TOKEN, version: '2026.2.2' });
    const client = await startConnected(server, cacheDir);
    try {
      const uri = uniqueUri('modern');
      const { status, diagnostics } = await openAndWaitForProfile(client, uri, (p) => p.source === 'server');
      assert.deepEqual(status, { uri, release: '2026.2.2', label: 'authentik 2026.2.2', source: 'server', reason: 'the connected server runs 2026.2.2' });
      assert.deepEqual(errors(diagnostics), []);
      assert.ok(server.requests.some((r) => r.path === '/api/v3/schema/' && r.headers.authorization === undefined), 'the schema is asked without the token');
      const cached = fs.readdirSync(cacheDir);
      assert.equal(cached.length, 1);
      assert.equal(JSON.parse(fs.readFileSync(path.join(cacheDir, cached[0]), 'utf8')).release, '2026.2.2');
    } finally {
      await client.dispose();
      await server.close();
    }
  });

  it('uses the cached schema when the server is gone', async () => {
    // Its schema is cached; then the server is closed, and nothing answers at its URL.
    const server = await startAuthentikTestServer({ token: TOKEN, version: '2026.2.2' });
    const url = server.url;
    const client = await startConnected(server, cacheDir);
    await openAndWaitForProfile(client, uniqueUri('online'), (p) => p.source === 'server');
    await client.dispose();
    await server.close();
    const { client: offline } = await LspClient.start({ env: { AUTHENTIK_URL: url, AUTHENTIK_TOKEN: TOKEN }, initializationOptions: { profileCacheDir: cacheDir } });
    try {
      const uri = uniqueUri('offline');
      const { status, diagnostics } = await openAndWaitForProfile(offline, uri, (p) => p.source === 'server');
      assert.equal(status.release, '2026.2.2');
      assert.deepEqual(errors(diagnostics), []);
    } finally {
      await offline.dispose();
    }
  });

  it('without a server, the same file gets the newest profile', async () => {
    const client = await startConnected(undefined, cacheDir);
    try {
      const uri = uniqueUri('no-server');
      const { status, diagnostics } = await openAndWaitForProfile(client, uri, () => true);
      assert.equal(status.source, 'newest');
      assert.equal(status.reason, 'the newest known release');
      assert.deepEqual(errors(diagnostics), []);
    } finally {
      await client.dispose();
    }
  });

  it('a 2024.8.4 server flags it: redirect_uris must be one string there, and invalidation_flow is no field of it', async () => {
    const server = await startAuthentikTestServer({ token: TOKEN, version: '2024.8.4' });
    const client = await startConnected(server, cacheDir);
    try {
      const uri = uniqueUri('old-server');
      const { status, diagnostics } = await openAndWaitForProfile(client, uri, (p) => p.source === 'server');
      assert.equal(status.release, '2024.8.4');
      assert.equal(status.reason, 'the connected server runs 2024.8.4');
      assert.deepEqual(
        errors(diagnostics).map((d) => ({ range: d.range, message: d.message })),
        [{ range: { start: { line: 5, character: 2 }, end: { line: 6, character: 56 } }, message: '"redirect_uris" must be a string, not a list.' }],
      );
      // invalidation_flow is not a field of 2024.8.4: a warning on the key (its wording belongs to the key rule).
      const onKey = diagnostics.diagnostics.filter((d) => d.range.start.line === 2 && (d.data as { key?: string } | undefined)?.key === 'invalidation_flow');
      assert.deepEqual(onKey.map((d) => d.severity), [2]);
    } finally {
      await client.dispose();
      await server.close();
    }
  });
});
