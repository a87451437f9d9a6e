import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import type { OAuth2Provider, Paginated } from '../authentik-server';
import { call, createProvider, PROVIDERS, useServer, validBody } from './helpers';

describe('authentik test server: listing, reading, updating and deleting providers', () => {
  const server = useServer();
  beforeEach(() => server().reset());

  const list = async (query = '') => {
    const reply = await call(server(), 'GET', PROVIDERS + query);
    assert.equal(reply.status, 200, reply.text);
    return reply.json as Paginated<OAuth2Provider>;
  };

  it('lists providers ordered by name, with authentik’s pagination block', async () => {
    for (const name of ['Zammad', 'argocd', 'Grafana']) await createProvider(server(), { name });
    const page = await list();
    assert.deepEqual(page.pagination, { next: 0, previous: 0, count: 3, current: 1, total_pages: 1, start_index: 1, end_index: 3 });
    assert.deepEqual(page.results.map((p) => p.name), ['argocd', 'Grafana', 'Zammad']);
    assert.deepEqual((await list('?ordering=-pk')).results.map((p) => p.name), ['Grafana', 'argocd', 'Zammad']);
    assert.deepEqual((await list('?ordering=nonsense')).results.map((p) => p.name), ['argocd', 'Grafana', 'Zammad']);
  });

  it('finds a provider by exact name, and by a search term in its name', async () => {
    for (const name of ['Grafana', 'Grafana staging', 'Nextcloud']) await createProvider(server(), { name });
    assert.deepEqual((await list('?name=Grafana')).results.map((p) => p.name), ['Grafana']);
    assert.deepEqual((await list('?name=grafana')).results, [], 'name is case-sensitive');
    assert.equal((await list('?name=')).pagination.count, 3, 'an empty filter filters nothing');
    assert.deepEqual((await list('?search=GRAF')).results.map((p) => p.name), ['Grafana', 'Grafana staging']);
    assert.deepEqual((await list('?search=graf%20stag')).results.map((p) => p.name), ['Grafana staging']);
    assert.deepEqual((await list('?search=cloud,next')).results.map((p) => p.name), ['Nextcloud']);
    assert.deepEqual((await list('?search=%20%09stag%00ing%0A')).results.map((p) => p.name), ['Grafana staging'], 'whitespace trimmed, null characters removed');
  });

  it('searches as DRF 3.14 does: quotes are ordinary characters, not phrase marks', async () => {
    for (const name of ['Grafana staging', 'Say "hi"']) await createProvider(server(), { name });
    assert.deepEqual((await list('?search=%22a%20s%22')).results, [], '"a and s" must both occur, quotes included');
    assert.deepEqual((await list('?search=%22hi%22')).results.map((p) => p.name), ['Say "hi"']);
  });

  it('filters by client_id and client_type, and rejects an unknown client_type', async () => {
    await createProvider(server(), { name: 'a', client_id: 'alpha', client_type: 'public' });
    await createProvider(server(), { name: 'b', client_id: 'beta' });
    assert.deepEqual((await list('?client_id=beta')).results.map((p) => p.name), ['b']);
    assert.deepEqual((await list('?client_type=public')).results.map((p) => p.name), ['a']);
    const bad = await call(server(), 'GET', `${PROVIDERS}?client_type=secret`);
    assert.equal(bad.status, 400);
    assert.deepEqual(bad.json, { client_type: ['Select a valid choice. secret is not one of the available choices.'] });
  });

  it('pages with page and page_size: next and previous are page numbers, 0 at the ends', async () => {
    for (let i = 1; i <= 5; i++) await createProvider(server(), { name: `provider ${i}` });
    assert.deepEqual((await list('?page_size=2')).pagination, { next: 2, previous: 0, count: 5, current: 1, total_pages: 3, start_index: 1, end_index: 2 });
    const middle = await list('?page_size=2&page=2');
    assert.deepEqual(middle.pagination, { next: 3, previous: 1, count: 5, current: 2, total_pages: 3, start_index: 3, end_index: 4 });
    assert.deepEqual(middle.results.map((p) => p.name), ['provider 3', 'provider 4']);
    assert.deepEqual((await list('?page_size=2&page=3')).pagination, { next: 0, previous: 2, count: 5, current: 3, total_pages: 3, start_index: 5, end_index: 5 });
    assert.equal((await list('?page_size=2&page=last')).pagination.current, 3);
    assert.equal((await list('?page_size=0')).pagination.total_pages, 1, 'page_size 0 falls back to the default of 100');
    for (const page of ['4', '0', 'abc', '']) {
      const reply = await call(server(), 'GET', `${PROVIDERS}?page_size=2&page=${page}`);
      assert.equal(reply.status, 404, `page=${page}`);
      assert.deepEqual(reply.json, { detail: 'Invalid page.' });
    }
  });

  it('lists nothing as one empty page', async () => {
    assert.deepEqual(await list(), {
      pagination: { next: 0, previous: 0, count: 0, current: 1, total_pages: 1, start_index: 0, end_index: 0 },
      results: [],
    });
  });

  it('gets a provider by pk, and answers 404 "Not found." for one that does not exist', async () => {
    const created = await createProvider(server());
    const reply = await call(server(), 'GET', `${PROVIDERS}${created.pk}/`);
    assert.equal(reply.status, 200);
    assert.deepEqual(reply.json, created);
    for (const id of ['999', 'abc', '1']) {
      const missing = await call(server(), 'GET', `${PROVIDERS}${id}/`);
      assert.equal(missing.status, 404, id);
      assert.deepEqual(missing.json, { detail: 'Not found.' });
    }
  });

  it('replaces with PUT: required fields are required, omitted optional fields keep their value', async () => {
    const created = await createProvider(server(), { client_type: 'public', redirect_uris: 'https://a\\.example/cb' });
    const path = `${PROVIDERS}${created.pk}/`;
    const missing = await call(server(), 'PUT', path, { body: { name: 'renamed' } });
    assert.equal(missing.status, 400);
    assert.deepEqual(missing.json, { authorization_flow: ['This field is required.'] });
    const reply = await call(server(), 'PUT', path, { body: validBody(server(), { name: 'renamed', client_type: 'confidential' }) });
    assert.equal(reply.status, 200, reply.text);
    assert.deepEqual(reply.json, { ...created, name: 'renamed', client_type: 'confidential' });
    assert.deepEqual(server().providers(), [reply.json]);
  });

  it('updates with PATCH: only the given fields, each validated', async () => {
    const created = await createProvider(server());
    const path = `${PROVIDERS}${created.pk}/`;
    const reply = await call(server(), 'PATCH', path, { body: { access_token_validity: 'minutes=5' } });
    assert.equal(reply.status, 200, reply.text);
    assert.deepEqual(reply.json, { ...created, access_token_validity: 'minutes=5' });
    const bad = await call(server(), 'PATCH', path, { body: { sub_mode: 'email', name: null } });
    assert.equal(bad.status, 400);
    assert.deepEqual(bad.json, { name: ['This field may not be null.'], sub_mode: ['"email" is not a valid choice.'] });
    assert.equal((await call(server(), 'PATCH', path, { body: {} })).status, 200);
  });

  it('excludes the provider itself from the uniqueness checks on update', async () => {
    const a = await createProvider(server(), { name: 'a', client_id: 'a-id' });
    await createProvider(server(), { name: 'b', client_id: 'b-id' });
    const same = await call(server(), 'PATCH', `${PROVIDERS}${a.pk}/`, { body: { name: 'a', client_id: 'a-id' } });
    assert.equal(same.status, 200, same.text);
    const taken = await call(server(), 'PATCH', `${PROVIDERS}${a.pk}/`, { body: { name: 'b', client_id: 'b-id' } });
    assert.deepEqual(taken.json, {
      name: ['provider with this name already exists.'],
      client_id: ['OAuth2/OpenID Provider with this Client ID already exists.'],
    });
  });

  it('answers PUT, PATCH and DELETE of an unknown provider with 404 before looking at the body', async () => {
    for (const method of ['PUT', 'PATCH', 'DELETE']) {
      const reply = await call(server(), method, `${PROVIDERS}42/`, { body: 'not json', headers: { 'Content-Type': 'text/plain' } });
      assert.equal(reply.status, 404, method);
      assert.deepEqual(reply.json, { detail: 'Not found.' });
    }
  });

  it('deletes with 204 and an empty body, after which the provider is gone', async () => {
    const created = await createProvider(server());
    const path = `${PROVIDERS}${created.pk}/`;
    const reply = await call(server(), 'DELETE', path);
    assert.equal(reply.status, 204);
    assert.equal(reply.text, '');
    assert.deepEqual(server().providers(), []);
    assert.equal((await call(server(), 'DELETE', path)).status, 404);
  });

  it('answers a method the view does not have with DRF’s 405', async () => {
    const reply = await call(server(), 'DELETE', PROVIDERS);
    assert.equal(reply.status, 405);
    assert.deepEqual(reply.json, { detail: 'Method "DELETE" not allowed.' });
    assert.equal(reply.headers.get('allow'), 'GET, POST, HEAD, OPTIONS');
  });

  it('answers HEAD like GET without a body, and OPTIONS with the view’s metadata', async () => {
    await createProvider(server());
    const head = await call(server(), 'HEAD', PROVIDERS);
    assert.equal(head.status, 200);
    assert.equal(head.text, '');
    assert.ok(Number(head.headers.get('content-length')) > 0);
    const options = await call(server(), 'OPTIONS', PROVIDERS);
    assert.equal(options.status, 200);
    assert.equal(options.headers.get('allow'), 'GET, POST, HEAD, OPTIONS');
    assert.deepEqual((options.json as { parses: string[] }).parses, ['application/json']);
  });

  it('treats a URL without the trailing slash as unknown: 404 page for GET, 405 for POST', async () => {
    const get = await call(server(), 'GET', '/api/v3/providers/oauth2');
    assert.equal(get.status, 404);
    assert.equal(get.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.match(get.text, /Not Found/);
    const post = await call(server(), 'POST', '/api/v3/providers/oauth2', { body: validBody(server()) });
    assert.equal(post.status, 405);
    assert.equal(post.headers.get('allow'), 'GET, HEAD, OPTIONS');
    assert.deepEqual(server().providers(), []);
  });
});
