import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AuthentikApi } from '../../common/authentik/apiClient';
import { HttpClient, HttpRequest, HttpResponse } from '../../common/authentik/http';

const TOKEN = 'tok-Ab3Cd5Ef7Gh9Jk';

/** Answers every request with what `answer` makes of it, and keeps the requests. */
class ScriptedHttp implements HttpClient {
  readonly requests: HttpRequest[] = [];
  constructor(private readonly answer: (request: HttpRequest) => HttpResponse) {}
  async send(request: HttpRequest): Promise<HttpResponse> {
    this.requests.push(request);
    return this.answer(request);
  }
}

const api = (answer: (request: HttpRequest) => HttpResponse) => new AuthentikApi({ baseUrl: 'https://auth.example.com', token: TOKEN, allowInsecureHttp: false, timeoutMs: 1000 }, new ScriptedHttp(answer));
const json = (status: number, body: string): HttpResponse => ({ status, headers: { 'content-type': 'application/json' }, body });

describe('the API client redacts every failure it returns', () => {
  it('a 201 cut off right after the generated secret began', async () => {
    const generated = 'GenSecret-Pq4Rs6Tu8Vw0Xy2';
    const result = await api(() => json(201, `{"client_secret":"${generated.slice(0, 20)}`)).request('POST', '/api/v3/providers/oauth2/', { body: { name: 'x' } });
    assert.ok(!result.ok);
    assert.equal(result.failure.kind, 'malformed-json');
    assert.equal(result.failure.detail, '{"client_secret":"••••••••');
  });

  it('a 400 whose detail and fields repeat the request, with the token and the secret sent', async () => {
    const sent = { name: 'x', client_secret: 'file-secret-Lm3No5' };
    const result = await api((request) =>
      json(400, JSON.stringify({ detail: `JSON parse error in ${request.body} (Authorization: ${request.headers.authorization})`, nested: { deeper: [request.body, request.headers.authorization] } })),
    ).request('POST', '/api/v3/providers/oauth2/', { body: sent });
    assert.ok(!result.ok);
    assert.equal(result.failure.message, '400 JSON parse error in {"name":"x","client_secret":"••••••••"} (Authorization: Bearer ••••••••)');
    assert.deepEqual(result.failure.fieldErrors, {
      detail: 'JSON parse error in {"name":"x","client_secret":"••••••••"} (Authorization: Bearer ••••••••)',
      nested: { deeper: ['{"name":"x","client_secret":"••••••••"}', 'Bearer ••••••••'] },
    });
  });

  it('a "__proto__" key in an answer stays a key of the field messages', async () => {
    const result = await api(() => json(400, '{"__proto__": {"polluted": ["yes"]}, "name": ["bad"]}')).request('POST', '/x/', { body: {} });
    assert.ok(!result.ok);
    assert.equal(JSON.stringify(result.failure.fieldErrors), '{"__proto__":{"polluted":["yes"]},"name":["bad"]}');
    assert.equal(Object.getPrototypeOf(result.failure.fieldErrors), Object.prototype);
  });

  it('a detail of a megabyte is quoted in 300 characters, on one line', async () => {
    const result = await api(() => json(400, JSON.stringify({ detail: `${'line\n'.repeat(200_000)}end` }))).request('POST', '/x/', { body: {} });
    assert.ok(!result.ok);
    assert.equal(result.failure.message, `400 ${'line '.repeat(60)}...`);
  });

  it('a 403 detail that names an Object property is no known reason', async () => {
    for (const detail of ['constructor', '__proto__', 'toString']) {
      const result = await api(() => json(403, JSON.stringify({ detail }))).request('GET', '/x/');
      assert.ok(!result.ok);
      assert.equal(result.failure.forbidden, 'unknown');
      assert.equal(result.failure.message, `403 ${detail}: The server refused access.`);
    }
  });

  it('a redirect on the same origin whose Location carries the token', async () => {
    const result = await api(() => ({ status: 302, headers: { location: `/login/?next=/x/&token=${TOKEN}` }, body: '' })).request('GET', '/x/');
    assert.ok(!result.ok);
    assert.equal(result.failure.message, 'The server answered GET /x/ with a redirect (302) to /login/?next=/x/&token=••••••••. It was not followed: check authentik.serverUrl.');
  });

  it('a transport failure whose message repeats the URL and token', async () => {
    const failing = new AuthentikApi({ baseUrl: 'https://auth.example.com', token: TOKEN, allowInsecureHttp: false, timeoutMs: 1000 }, {
      send: async () => {
        throw new Error(`socket hang up talking to https://auth.example.com with ${TOKEN}`);
      },
    });
    const result = await failing.request('GET', '/x/');
    assert.ok(!result.ok);
    assert.equal(result.failure.message, 'socket hang up talking to https://auth.example.com with ••••••••');
  });
});
