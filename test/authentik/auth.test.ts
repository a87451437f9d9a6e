import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { call, createProvider, EXPIRED_TOKEN, PROVIDERS, READ_ONLY_TOKEN, TOKEN, useServer, validBody } from './helpers';

const NOT_PROVIDED = { detail: 'Authentication credentials were not provided.' };
const INVALID = { detail: 'Token invalid/expired' };
const UNSUPPORTED = { detail: 'Unsupported authentication type' };
const NO_PERMISSION = { detail: 'You do not have permission to perform this action.' };

const ENDPOINTS = [
  PROVIDERS,
  `${PROVIDERS}1/`,
  '/api/v3/flows/instances/',
  '/api/v3/crypto/certificatekeypairs/',
  '/api/v3/propertymappings/provider/scope/',
  '/api/v3/propertymappings/all/',
  '/api/v3/providers/all/',
  '/api/v3/sources/oauth/',
  '/api/v3/admin/version/',
];

describe('authentik test server: authentication fails with 403, never 401', () => {
  const server = useServer();
  beforeEach(() => server().reset());

  /** Sends the Authorization header exactly as given (or none). */
  const withHeader = (authorization: string | undefined, method = 'GET', path = PROVIDERS) =>
    call(server(), method, path, { token: null, headers: authorization === undefined ? {} : { Authorization: authorization } });

  it('answers a missing header or an empty bearer with "Authentication credentials were not provided."', async () => {
    for (const header of [undefined, '', 'Bearer', 'Bearer ', '   ']) {
      const reply = await withHeader(header);
      assert.equal(reply.status, 403, JSON.stringify(header));
      assert.deepEqual(reply.json, NOT_PROVIDED, JSON.stringify(header));
    }
  });

  it('answers an unknown or expired token with "Token invalid/expired"', async () => {
    for (const header of ['Bearer wrong', `Bearer ${EXPIRED_TOKEN}`, `Bearer  ${TOKEN}`, `Bearer ${TOKEN}x`]) {
      const reply = await withHeader(header);
      assert.equal(reply.status, 403, header);
      assert.deepEqual(reply.json, INVALID, header);
    }
  });

  it('answers another scheme with "Unsupported authentication type"', async () => {
    for (const header of ['Basic dXNlcjpwYXNz', `Token ${TOKEN}`, `Bearer-ish ${TOKEN}`]) {
      const reply = await withHeader(header);
      assert.equal(reply.status, 403, header);
      assert.deepEqual(reply.json, UNSUPPORTED, header);
    }
  });

  it('accepts the scheme in any case', async () => {
    assert.equal((await withHeader(`bearer ${TOKEN}`)).status, 200);
    assert.equal((await withHeader(`BEARER ${TOKEN}`)).status, 200);
  });

  it('lets the read-only token read but not write', async () => {
    const created = await createProvider(server());
    const read = { token: READ_ONLY_TOKEN };
    assert.equal((await call(server(), 'GET', PROVIDERS, read)).status, 200);
    assert.equal((await call(server(), 'GET', `${PROVIDERS}${created.pk}/`, read)).status, 200);
    const writes: [string, string][] = [
      ['POST', PROVIDERS],
      ['PUT', `${PROVIDERS}${created.pk}/`],
      ['PATCH', `${PROVIDERS}${created.pk}/`],
      ['DELETE', `${PROVIDERS}${created.pk}/`],
    ];
    for (const [method, path] of writes) {
      const reply = await call(server(), method, path, { ...read, body: validBody(server(), { name: 'changed' }) });
      assert.equal(reply.status, 403, method);
      assert.deepEqual(reply.json, NO_PERMISSION, method);
    }
    assert.deepEqual(server().providers(), [created]);
  });

  it('looks the object up before checking the read-only token’s permission', async () => {
    const reply = await call(server(), 'PATCH', `${PROVIDERS}77/`, { token: READ_ONLY_TOKEN, body: {} });
    assert.equal(reply.status, 404);
  });

  it('checks authentication before the content type and the body', async () => {
    const reply = await call(server(), 'POST', PROVIDERS, { token: 'wrong', body: '{not json', headers: { 'Content-Type': 'text/plain' } });
    assert.equal(reply.status, 403);
    assert.deepEqual(reply.json, INVALID);
    const readOnly = await call(server(), 'POST', PROVIDERS, { token: READ_ONLY_TOKEN, body: '{not json' });
    assert.deepEqual(readOnly.json, NO_PERMISSION);
  });

  it('never answers 401, on any endpoint, method or credential', async () => {
    const headers = [undefined, 'Bearer', 'Bearer wrong', 'Basic x', `Bearer ${READ_ONLY_TOKEN}`, `Bearer ${TOKEN}`];
    const statuses = new Set<number>();
    for (const path of ENDPOINTS) {
      for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) {
        for (const header of headers) {
          const reply = await call(server(), method, path, {
            token: null,
            body: method === 'GET' ? undefined : {},
            headers: header === undefined ? {} : { Authorization: header },
          });
          assert.notEqual(reply.status, 401, `${method} ${path} with ${header}`);
          assert.equal(reply.headers.get('www-authenticate'), null);
          statuses.add(reply.status);
        }
      }
    }
    assert.ok(statuses.has(403), 'the sweep met authentication failures');
  });
});
