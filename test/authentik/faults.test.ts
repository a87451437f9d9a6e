import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { startAuthentikTestServer } from '../authentik-server';
import { call, PROVIDERS, TOKEN, useServer, validBody } from './helpers';

const VERSION = '/api/v3/admin/version/';

describe('authentik test server: injected faults', () => {
  const server = useServer();
  beforeEach(() => server().reset());

  it('adds latency to matching requests only', async () => {
    server().addFault({ path: VERSION, latencyMs: 400 });
    const started = performance.now();
    let slowDone = false;
    const slow = call(server(), 'GET', VERSION).then((reply) => {
      slowDone = true;
      return reply;
    });
    assert.equal((await call(server(), 'GET', PROVIDERS)).status, 200);
    assert.equal(slowDone, false, 'a request to another path overtakes the delayed one');
    assert.equal((await slow).status, 200);
    assert.ok(performance.now() - started >= 395, 'the delayed request took at least the latency');
  });

  it('answers with a status and a JSON detail, or an HTML page like a proxy’s', async () => {
    server().addFault({ path: VERSION, status: 503 });
    server().addFault({ path: PROVIDERS, status: 502, htmlBody: true });
    const json = await call(server(), 'GET', VERSION);
    assert.equal(json.status, 503);
    assert.deepEqual(json.json, { detail: 'Service Unavailable' });
    const html = await call(server(), 'POST', PROVIDERS, { body: validBody(server()) });
    assert.equal(html.status, 502);
    assert.equal(html.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.match(html.text, /<title>502 Bad Gateway<\/title>/);
    assert.deepEqual(server().providers(), [], 'the request never reached authentik');
  });

  it('applies a fault `times` times, to the method and path prefix it names', async () => {
    server().addFault({ method: 'post', path: '/api/v3/providers/', status: 500, times: 2 });
    assert.equal((await call(server(), 'GET', PROVIDERS)).status, 200, 'another method');
    assert.equal((await call(server(), 'POST', PROVIDERS, { body: {} })).status, 500);
    assert.equal((await call(server(), 'POST', `${PROVIDERS}1/`, { body: {} })).status, 500, 'a longer path');
    assert.equal((await call(server(), 'POST', PROVIDERS, { body: {} })).status, 400, 'used up');
    assert.throws(() => server().addFault({ status: 500, times: 0 }), /positive integer/);
  });

  it('drops the connection in the middle of the body', async () => {
    server().addFault({ path: VERSION, dropMidBody: true });
    const response = await fetch(server().url + VERSION, { headers: { Authorization: `Bearer ${TOKEN}` } });
    assert.equal(response.status, 200, 'the headers arrive');
    await assert.rejects(response.text());
  });

  it('sends malformed JSON with the normal status or the given one', async () => {
    server().addFault({ path: VERSION, malformedJson: true, times: 1 });
    server().addFault({ path: PROVIDERS, malformedJson: true, status: 201, times: 1 });
    const normal = await call(server(), 'GET', VERSION);
    assert.equal(normal.status, 200);
    assert.equal(normal.headers.get('content-type'), 'application/json');
    assert.ok(normal.text.startsWith('{"version_current":"2024.8.4"'));
    assert.throws(() => normal.json, SyntaxError);
    const created = await call(server(), 'POST', PROVIDERS, { body: {} });
    assert.equal(created.status, 201);
    assert.throws(() => created.json, SyntaxError);
    assert.deepEqual((await call(server(), 'GET', VERSION)).json, (await call(server(), 'GET', VERSION)).json, 'only once');
  });

  it('redirects to another origin, which a client then reaches without its token', async () => {
    const other = await startAuthentikTestServer();
    try {
      server().addFault({ path: VERSION, redirectTo: other.url });
      const manual = await call(server(), 'GET', `${VERSION}?x=1`);
      assert.equal(manual.status, 302);
      assert.equal(manual.headers.get('location'), `${other.url}${VERSION}?x=1`);
      const followed = await fetch(`${server().url}${VERSION}?x=1`, { headers: { Authorization: `Bearer ${TOKEN}` } });
      assert.equal(followed.url, `${other.url}${VERSION}?x=1`);
      // fetch drops Authorization on a cross-origin redirect, so authentik over there says 403.
      assert.equal(followed.status, 403);
      assert.deepEqual(await followed.json(), { detail: 'Authentication credentials were not provided.' });
      assert.deepEqual(other.requests.map((r) => [r.method, r.path, r.query, r.headers.authorization]), [['GET', VERSION, { x: '1' }, undefined]]);
      server().clearFaults();
      server().addFault({ redirectTo: 'https://auth.example.com/login/' });
      assert.equal((await call(server(), 'GET', PROVIDERS)).headers.get('location'), 'https://auth.example.com/login/');
    } finally {
      await other.close();
    }
  });

  it('pads the body to a valid JSON document of the requested size', async () => {
    const bytes = 3 * 1024 * 1024 + 17;
    server().addFault({ path: PROVIDERS, hugeBodyBytes: bytes });
    const reply = await call(server(), 'GET', PROVIDERS);
    assert.equal(reply.status, 200);
    assert.equal(reply.headers.get('content-length'), String(bytes));
    assert.equal(Buffer.byteLength(reply.text), bytes);
    const body = reply.json as { pagination: { count: number }; results: unknown[]; padding: string };
    assert.equal(body.pagination.count, 0);
    assert.deepEqual(body.results, []);
    assert.match(body.padding, /^x+$/);
  });

  it('forgets faults on clearFaults() and on reset()', async () => {
    server().addFault({ status: 500 });
    server().clearFaults();
    assert.equal((await call(server(), 'GET', VERSION)).status, 200);
    server().addFault({ status: 500 });
    server().reset();
    assert.equal((await call(server(), 'GET', VERSION)).status, 200);
    assert.equal(server().requests.length, 1, 'reset() also cleared the requests');
  });

  it('records faulted requests too', async () => {
    server().addFault({ status: 502, htmlBody: true });
    await call(server(), 'PATCH', `${PROVIDERS}3/`, { body: { name: 'x' } });
    assert.deepEqual(server().requests.map((r) => [r.method, r.path, r.body]), [['PATCH', `${PROVIDERS}3/`, { name: 'x' }]]);
  });
});
