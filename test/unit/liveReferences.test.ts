import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AuthentikApi } from '../../common/authentik/apiClient';
import { HttpClient, HttpRequest, HttpResponse } from '../../common/authentik/http';
import { LIST_ENDPOINTS } from '../../common/profiles';
import { LiveReferenceSource } from '../../server/src/authentik/liveReferences';

/** Answers each list path with one page of these objects; any other path is a 404. */
function fakeServer(pages: Record<string, unknown[]>): { http: HttpClient; asked: string[] } {
  const asked: string[] = [];
  const http: HttpClient = {
    async send(request: HttpRequest): Promise<HttpResponse> {
      const url = new URL(request.url);
      asked.push(url.pathname);
      const results = pages[url.pathname];
      if (!results) return { status: 404, headers: { 'content-type': 'application/json' }, body: '{"detail":"Not found."}' };
      const body = { pagination: { next: 0, previous: 0, count: results.length, current: 1, total_pages: 1, start_index: 1, end_index: results.length }, results };
      return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
    },
  };
  return { http, asked };
}

const api = (http: HttpClient) => new AuthentikApi({ baseUrl: 'https://auth.example.com', token: 't', allowInsecureHttp: false, timeoutMs: 1000 }, http);

describe('live references', () => {
  const older = {
    '/api/v3/flows/instances/': [],
    '/api/v3/crypto/certificatekeypairs/': [{ pk: '1f0e2d3c-4b5a-4697-8a8b-9c0d1e2f3a4a', name: 'With key', private_key_available: true }, { pk: '1f0e2d3c-4b5a-4697-8a8b-9c0d1e2f3a4b', name: 'Certificate only', private_key_available: false }],
    '/api/v3/propertymappings/scope/': [{ pk: '1f0e2d3c-4b5a-4697-8a8b-9c0d1e2f3a4c', name: 'openid', scope_name: 'openid' }],
    '/api/v3/propertymappings/all/': [{ pk: '1f0e2d3c-4b5a-4697-8a8b-9c0d1e2f3a4c', name: 'openid', scope_name: 'openid' }],
    '/api/v3/sources/oauth/': [],
    '/api/v3/providers/oauth2/': [{ pk: 4, name: 'Grafana' }],
  };

  it('asks the legacy scope mapping path when the current one is a 404, and keeps providers\' integer pks and whether a pair has its key', async () => {
    const { http, asked } = fakeServer(older);
    const source = new LiveReferenceSource(api(http), { ttlMs: 60_000 });
    assert.equal((await source.refresh()).ok, true);
    assert.ok(asked.includes('/api/v3/propertymappings/provider/scope/') && asked.includes('/api/v3/propertymappings/scope/'), asked.join(' '));
    assert.deepEqual(source.list('scopeMapping')?.objects.map((o) => o.scopeName), ['openid']);
    assert.deepEqual(source.list('oauth2Provider')?.objects.map((o) => [o.pk, o.name]), [['4', 'Grafana']]);
    assert.deepEqual(source.list('certificateKeyPair')?.objects.map((o) => [o.name, o.privateKeyAvailable]), [['With key', true], ['Certificate only', false]]);
  });

  it('lists each kind where the profile\'s endpoints say', async () => {
    const { http, asked } = fakeServer({ ...older, '/api/v3/propertymappings/provider/scope/': [], '/custom/providers/': [{ pk: 9, name: 'Elsewhere' }] });
    const endpoints = { ...LIST_ENDPOINTS, oauth2Provider: { path: '/custom/providers/', query: {} } };
    const source = new LiveReferenceSource(api(http), { ttlMs: 60_000, endpoints });
    await source.refresh();
    assert.ok(asked.includes('/custom/providers/') && !asked.includes('/api/v3/providers/oauth2/'), asked.join(' '));
    assert.deepEqual(source.list('oauth2Provider')?.objects.map((o) => o.name), ['Elsewhere']);
  });
});
