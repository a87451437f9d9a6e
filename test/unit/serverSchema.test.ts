import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { HttpClient, HttpRequest, HttpResponse, TransportError } from '../../common/authentik/http';
import { cacheKey, loadServerProfile, ProfileStore, trimOpenApi } from '../../common/authentik/serverSchema';
import { cliCacheDirectory, directoryStore } from '../../common/authentik/profileStore';

const SUBSET_DIR = path.resolve(__dirname, '../../schemas/openapi');
const BASE = 'https://auth.example.com';

function subset(file: string, version?: string): Record<string, any> {
  const document = JSON.parse(JSON.stringify(parse(fs.readFileSync(path.join(SUBSET_DIR, file), 'utf8'))));
  if (version) document.info.version = version;
  return document;
}

type Route = (request: HttpRequest) => HttpResponse | Error;
const json = (body: unknown, status = 200): HttpResponse => ({ status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/** Answers by path; records every request. */
class FakeHttp implements HttpClient {
  readonly requests: HttpRequest[] = [];
  constructor(private readonly routes: Record<string, Route>) {}
  async send(request: HttpRequest): Promise<HttpResponse> {
    this.requests.push(request);
    const route = this.routes[new URL(request.url).pathname];
    if (!route) return json({ detail: 'Not found.' }, 404);
    const answer = route(request);
    if (answer instanceof Error) throw answer;
    return answer;
  }
  paths(): string[] {
    return this.requests.map((r) => new URL(r.url).pathname + new URL(r.url).search);
  }
}

class MemoryStore implements ProfileStore {
  readonly entries = new Map<string, string>();
  async read(key: string) {
    return this.entries.get(key);
  }
  async write(key: string, text: string) {
    this.entries.set(key, text);
  }
}

const clock = { now: () => Date.UTC(2026, 10, 30, 12) };
const config = (token?: string) => ({ baseUrl: BASE, token, allowInsecureHttp: false, timeoutMs: 5000 });
const SCHEMA_2026_2 = subset('authentik-2026.2.2.oauth2-subset.yml', '2026.2.2');

describe('the server profile from /api/v3/schema/', () => {
  it('builds the profile from the schema, fetched without the token, and caches the trimmed schema', async () => {
    const http = new FakeHttp({ '/api/v3/schema/': () => json(SCHEMA_2026_2), '/api/v3/admin/version/': () => json({ version_current: '2026.2.2' }) });
    const store = new MemoryStore();
    const result = await loadServerProfile(config('secret-token'), { http, store, clock });
    assert.equal(result.kind, 'schema');
    assert.ok(result.kind === 'schema');
    assert.equal(result.release, '2026.2.2');
    assert.equal(result.cached, false);
    assert.equal(result.profile.source, 'server');
    assert.ok(result.profile.requestSchema.required.includes('invalidation_flow'));
    assert.deepEqual(http.paths(), ['/api/v3/admin/version/', '/api/v3/schema/?format=json']);
    assert.equal(http.requests[0].headers.authorization, 'Bearer secret-token');
    assert.equal(http.requests[1].headers.authorization, undefined, 'the schema is public: the token is not sent');
    const entry = JSON.parse(store.entries.get(cacheKey(BASE))!);
    assert.equal(entry.release, '2026.2.2');
    assert.equal(entry.fetchedAt, clock.now());
    assert.ok(!JSON.stringify(entry).includes('secret-token'));
    // Only the components the request needs are kept.
    assert.ok(Object.keys(entry.document.components.schemas).includes('OAuth2ProviderRequest'));
    assert.ok(Object.keys(entry.document.components.schemas).length < Object.keys(SCHEMA_2026_2.components.schemas).length);
  });

  it('uses the cached schema of the same release without downloading it again', async () => {
    const store = new MemoryStore();
    await loadServerProfile(config('t'), { http: new FakeHttp({ '/api/v3/schema/': () => json(SCHEMA_2026_2), '/api/v3/admin/version/': () => json({ version_current: '2026.2.2' }) }), store, clock });
    const again = new FakeHttp({ '/api/v3/schema/': () => json(SCHEMA_2026_2), '/api/v3/admin/version/': () => json({ version_current: '2026.2.2' }) });
    const result = await loadServerProfile(config('t'), { http: again, store, clock });
    assert.equal(result.kind, 'schema');
    assert.ok(result.kind === 'schema' && result.cached);
    assert.deepEqual(again.paths(), ['/api/v3/admin/version/']);
  });

  it('downloads the schema again when the server runs another release than the cached one', async () => {
    const store = new MemoryStore();
    await loadServerProfile(config('t'), { http: new FakeHttp({ '/api/v3/schema/': () => json(SCHEMA_2026_2), '/api/v3/admin/version/': () => json({ version_current: '2026.2.2' }) }), store, clock });
    const upgraded = new FakeHttp({
      '/api/v3/schema/': () => json(subset('authentik-2026.5-main-20260511.oauth2-subset.yml', '2026.8.1')),
      '/api/v3/admin/version/': () => json({ version_current: '2026.8.1' }),
    });
    const result = await loadServerProfile(config('t'), { http: upgraded, store, clock });
    assert.ok(result.kind === 'schema' && !result.cached);
    assert.equal(result.release, '2026.8.1');
    assert.equal(JSON.parse(store.entries.get(cacheKey(BASE))!).release, '2026.8.1');
  });

  it('keeps the cached schema when the server cannot be reached (an offline editor)', async () => {
    const store = new MemoryStore();
    await loadServerProfile(config(), { http: new FakeHttp({ '/api/v3/schema/': () => json(SCHEMA_2026_2) }), store, clock });
    const offline = new FakeHttp({ '/api/v3/schema/': () => new TransportError('refused', 'Connection refused by auth.example.com: is the server running?') });
    const result = await loadServerProfile(config(), { http: offline, store, clock });
    assert.ok(result.kind === 'schema' && result.cached);
    assert.equal(result.release, '2026.2.2');
    assert.equal(
      result.message,
      'The schema of https://auth.example.com (/api/v3/schema/) could not be used: Connection refused by auth.example.com: is the server running? Files are checked with the schema of authentik 2026.2.2 kept from 2026-11-30.',
    );
  });

  for (const [what, answer, why] of [
    ['an HTML page', { status: 200, headers: { 'content-type': 'text/html' }, body: '<html>login</html>' }, 'The server answered GET /api/v3/schema/ with an HTML page instead of JSON'],
    ['another product\'s OpenAPI', json({ openapi: '3.0.3', info: { title: 'Keycloak', version: '1.0' }, components: { schemas: {} } }), 'The document is not authentik\'s OpenAPI schema: its info.title is "Keycloak"'],
    ['a malformed request component', json({ ...SCHEMA_2026_2, components: { schemas: { OAuth2ProviderRequest: { type: 'object', properties: { name: { $ref: '#/components/schemas/Missing' } } } } } }), 'does not resolve'],
  ] as const) {
    it(`falls back to the bundled profile of /api/v3/admin/version/'s release on ${what}, with one message`, async () => {
      const http = new FakeHttp({ '/api/v3/schema/': () => answer as HttpResponse, '/api/v3/admin/version/': () => json({ version_current: '2024.8.5' }) });
      const result = await loadServerProfile(config('t'), { http, store: new MemoryStore(), clock });
      assert.equal(result.kind, 'bundled');
      assert.ok(result.kind === 'bundled');
      assert.equal(result.release, '2024.8.5');
      assert.equal(result.profile.basedOn, '2024.8.5');
      assert.equal(result.profile.releases.from, '2024.8.5');
      assert.match(result.message, /^The schema of https:\/\/auth\.example\.com \(\/api\/v3\/schema\/\) could not be used: /);
      assert.ok(result.message.includes(why), result.message);
      assert.match(result.message, /Files are checked with the bundled profile for authentik 2024\.8\.5, the release \/api\/v3\/admin\/version\/ names\.$/);
    });
  }

  it('says that without a token the release is unknown, when the schema cannot be used and nothing is cached', async () => {
    const http = new FakeHttp({ '/api/v3/schema/': () => ({ status: 502, headers: {}, body: 'bad gateway' }) });
    const result = await loadServerProfile(config(), { http, store: new MemoryStore(), clock });
    assert.deepEqual(result, {
      kind: 'none',
      message: 'The schema of https://auth.example.com (/api/v3/schema/) could not be used: The server failed on GET /api/v3/schema/ with HTTP 502. Details are in the log. Without an API token its release is not known. Files are checked as if no server were connected.',
    });
    assert.deepEqual(http.paths(), ['/api/v3/schema/?format=json']);
  });

  it('ignores a cache entry of another server or a damaged one', async () => {
    const store = new MemoryStore();
    store.entries.set(cacheKey(BASE), '{"format":1,"baseUrl":"https://other.example.com","release":"2026.2.2","fetchedAt":1,"document":{}}');
    const offline = new FakeHttp({ '/api/v3/schema/': () => new TransportError('timeout', 'No response from auth.example.com within 5 s.') });
    assert.equal((await loadServerProfile(config(), { http: offline, store, clock })).kind, 'none');
    store.entries.set(cacheKey(BASE), '{not json');
    assert.equal((await loadServerProfile(config(), { http: offline, store, clock })).kind, 'none');
  });

  it('keys servers by base URL, path included', () => {
    assert.notEqual(cacheKey('https://a.example.com/one'), cacheKey('https://a.example.com/two'));
    assert.match(cacheKey('https://a.example.com/one'), /^server-profile-a\.example\.com_one-[0-9a-f]{8}\.json$/);
  });

  it('trims a schema to the request component and what it refers to', () => {
    const trimmed = trimOpenApi(SCHEMA_2026_2) as { components: { schemas: Record<string, unknown> } };
    const names = Object.keys(trimmed.components.schemas).sort();
    assert.ok(names.includes('OAuth2ProviderRequest'));
    assert.ok(names.includes('RedirectURIRequest'), names.join());
    assert.ok(!names.includes('OAuth2Provider'), 'the response component is not needed');
  });
});

describe('the directory store', () => {
  it('writes and reads entries, creating the directory, and answers undefined for a missing one', async () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'profile-store-')), 'nested');
    const store = directoryStore(dir);
    assert.equal(await store.read('server-profile-x.json'), undefined);
    await store.write('server-profile-x.json', '{"a":1}');
    assert.equal(await store.read('server-profile-x.json'), '{"a":1}');
    assert.deepEqual(fs.readdirSync(dir), ['server-profile-x.json']);
    // A key never leaves the directory.
    await store.write('../escape.json', 'x');
    assert.ok(fs.existsSync(path.join(dir, 'escape.json')));
    fs.rmSync(path.dirname(dir), { recursive: true, force: true });
  });

  it('is $XDG_CACHE_HOME/authentik-oauth2, else ~/.cache/authentik-oauth2', () => {
    assert.equal(cliCacheDirectory({ XDG_CACHE_HOME: '/var/cache/me' }, '/home/me'), '/var/cache/me/authentik-oauth2');
    assert.equal(cliCacheDirectory({}, '/home/me'), '/home/me/.cache/authentik-oauth2');
    assert.equal(cliCacheDirectory({ XDG_CACHE_HOME: 'relative' }, '/home/me'), '/home/me/.cache/authentik-oauth2');
  });
});
