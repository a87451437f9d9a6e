import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import responseSchema from '../../schemas/oauth2provider.response.schema.json';
import { call, createProvider, PROVIDERS, TOKEN, useServer, validBody } from './helpers';

describe('authentik test server: POST /api/v3/providers/oauth2/ creates a provider', () => {
  const server = useServer();
  beforeEach(() => server().reset());

  it('answers 201 with the full provider and the server defaults', async () => {
    const flow = server().seedObjects.flows.explicitConsent.pk;
    const reply = await call(server(), 'POST', PROVIDERS, { body: { name: 'Grafana', authorization_flow: flow } });
    assert.equal(reply.status, 201);
    assert.equal(reply.headers.get('content-type'), 'application/json');
    const body = reply.json as Record<string, unknown>;
    assert.match(String(body.client_id), /^[A-Za-z0-9]{40}$/);
    assert.match(String(body.client_secret), /^[A-Za-z0-9]{128}$/);
    assert.deepEqual(body, {
      pk: 3, // pks 1 and 2 belong to the seeded providers of other types
      name: 'Grafana',
      authentication_flow: null,
      authorization_flow: flow,
      property_mappings: [],
      component: 'ak-provider-oauth2-form',
      assigned_application_slug: null,
      assigned_application_name: null,
      assigned_backchannel_application_slug: null,
      assigned_backchannel_application_name: null,
      verbose_name: 'OAuth2/OpenID Provider',
      verbose_name_plural: 'OAuth2/OpenID Providers',
      meta_model_name: 'authentik_providers_oauth2.oauth2provider',
      client_type: 'confidential',
      client_id: body.client_id,
      client_secret: body.client_secret,
      access_code_validity: 'minutes=1',
      access_token_validity: 'hours=1',
      refresh_token_validity: 'days=30',
      include_claims_in_id_token: true,
      signing_key: null,
      redirect_uris: '',
      sub_mode: 'hashed_user_id',
      issuer_mode: 'per_provider',
      jwks_sources: [],
    });
  });

  it('renders the fields in the order of the response schema', async () => {
    const body = await createProvider(server());
    assert.deepEqual(Object.keys(body), Object.keys(responseSchema.properties));
  });

  it('generates a different client id and secret for each provider', async () => {
    const a = await createProvider(server(), { name: 'a' });
    const b = await createProvider(server(), { name: 'b' });
    assert.notEqual(a.client_id, b.client_id);
    assert.notEqual(a.client_secret, b.client_secret);
    assert.equal(b.pk, (a.pk as number) + 1);
  });

  it('stores every given field, normalizing UUIDs and de-duplicating the relation lists', async () => {
    const seed = server().seedObjects;
    const email = seed.scopeMappings.email.pk;
    const body = await createProvider(server(), {
      name: 'Nextcloud',
      authentication_flow: seed.flows.authentication.pk.toUpperCase(),
      property_mappings: [seed.scopeMappings.openid.pk, `{${email}}`, email.replace(/-/g, ''), `urn:uuid:${email}`],
      client_type: 'public',
      client_id: 'nextcloud',
      client_secret: '',
      access_code_validity: 'minutes=2',
      access_token_validity: 'hours=2;minutes=30',
      refresh_token_validity: 'weeks=4',
      include_claims_in_id_token: 'no',
      signing_key: seed.keyPairs.selfSigned.pk,
      redirect_uris: '  https://cloud\\.example\\.com/apps/oidc/redirect\n  ',
      sub_mode: 'user_email',
      issuer_mode: 'global',
      jwks_sources: [seed.sources.githubActions.pk],
    });
    const expected = {
      name: 'Nextcloud',
      authentication_flow: seed.flows.authentication.pk,
      property_mappings: [seed.scopeMappings.openid.pk, email],
      client_type: 'public',
      client_id: 'nextcloud',
      client_secret: '',
      access_code_validity: 'minutes=2',
      access_token_validity: 'hours=2;minutes=30',
      refresh_token_validity: 'weeks=4',
      include_claims_in_id_token: false,
      signing_key: seed.keyPairs.selfSigned.pk,
      redirect_uris: 'https://cloud\\.example\\.com/apps/oidc/redirect',
      sub_mode: 'user_email',
      issuer_mode: 'global',
      jwks_sources: [seed.sources.githubActions.pk],
    };
    assert.deepEqual(Object.fromEntries(Object.keys(expected).map((key) => [key, body[key]])), expected);
    assert.deepEqual(server().providers(), [body]);
  });

  it('silently ignores unknown and read-only fields', async () => {
    const body = await createProvider(server(), {
      pk: 999,
      component: 'evil',
      verbose_name: 'x',
      assigned_application_slug: 'app',
      redirect_uri: 'https://typo.example.com/cb',
    });
    assert.equal(body.pk, 3);
    assert.equal(body.component, 'ak-provider-oauth2-form');
    assert.equal(body.verbose_name, 'OAuth2/OpenID Provider');
    assert.equal(body.assigned_application_slug, null);
    assert.equal('redirect_uri' in body, false);
    assert.equal(body.redirect_uris, '');
  });

  it('trims strings and turns numbers into strings the way Python prints them', async () => {
    const cases: [unknown, string][] = [
      ['  padded name \n', 'padded name'],
      [42, '42'],
      [1.0, '1'], // JSON.stringify writes 1.0 as 1: an int
      [1.5, '1.5'],
    ];
    for (const [input, expected] of cases) {
      const body = await createProvider(server(), { name: input });
      assert.equal(body.name, expected, `name ${JSON.stringify(input)}`);
    }
    const raw = (name: string) => `{"name": ${name}, "authorization_flow": "${server().seedObjects.flows.explicitConsent.pk}"}`;
    for (const [source, expected] of [['1.0', '1.0'], ['1e16', '1e+16'], ['0.00001', '1e-05'], ['-0.0', '-0.0'], ['123456789012345678901234567890', '123456789012345678901234567890']]) {
      const reply = await call(server(), 'POST', PROVIDERS, { body: raw(source) });
      assert.equal(reply.status, 201, reply.text);
      assert.equal((reply.json as { name: string }).name, expected, `name ${source}`);
    }
  });

  it('accepts every UUID spelling Python’s uuid.UUID() accepts, including an int', async () => {
    const pk = server().seedObjects.flows.implicitConsent.pk;
    const asInt = BigInt(`0x${pk.replace(/-/g, '')}`).toString();
    const reply = await call(server(), 'POST', PROVIDERS, { body: `{"name":"n","authorization_flow":${asInt}}` });
    assert.equal(reply.status, 201, reply.text);
    assert.equal((reply.json as { authorization_flow: string }).authorization_flow, pk);
  });

  it('records the request with its headers and parsed body', async () => {
    const body = validBody(server());
    await call(server(), 'POST', `${PROVIDERS}?dry=1&dry=2`, { body });
    assert.equal(server().requests.length, 1);
    const [request] = server().requests;
    assert.equal(request.method, 'POST');
    assert.equal(request.path, PROVIDERS);
    assert.deepEqual(request.query, { dry: '2' });
    assert.equal(request.headers.authorization, `Bearer ${TOKEN}`);
    assert.equal(request.headers['content-type'], 'application/json');
    assert.deepEqual(request.body, body);
    assert.equal(request.rawBody, JSON.stringify(body));
  });

  it('records a body that is not JSON as text, and no body as undefined', async () => {
    await call(server(), 'POST', PROVIDERS, { body: 'name: x', headers: { 'Content-Type': 'application/yaml' } });
    await call(server(), 'GET', PROVIDERS);
    assert.equal(server().requests[0].body, 'name: x');
    assert.equal(server().requests[1].body, undefined);
    assert.equal(server().requests[1].rawBody, '');
  });
});
