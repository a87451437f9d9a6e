import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { before, describe, it } from 'node:test';
import type { ValidateFunction } from 'ajv';
import { call, PROVIDERS, READ_ONLY_TOKEN, useServer, validBody } from './helpers';
import { ASSIGNED, describeErrors, loadComponentSchemas, openApiSubset, schemaValidators, withNullableAssigned } from './openapi-schemas';

const OPENAPI_2026_2_2 = openApiSubset('2026.2.2');

function assertConforms(validate: ValidateFunction, body: unknown, what: string) {
  assert.ok(validate(body), `${what} does not match the OpenAPI schema:\n${describeErrors(validate).join('\n')}`);
}

describe('authentik test server: responses conform to the authentik 2024.8.4 OpenAPI schemas', () => {
  const server = useServer();
  let strict: (name: string) => ValidateFunction;
  let schema: (name: string) => ValidateFunction;

  before(() => {
    const components = loadComponentSchemas();
    strict = schemaValidators(components);
    schema = schemaValidators(withNullableAssigned(components));
  });

  const get = async (pathAndQuery: string) => {
    const reply = await call(server(), 'GET', pathAndQuery);
    assert.equal(reply.status, 200, reply.text);
    return reply.json;
  };

  it('POST 201: OAuth2Provider, with every field set and with the defaults', async () => {
    const seed = server().seedObjects;
    const full = validBody(server(), {
      name: 'full',
      authentication_flow: seed.flows.authentication.pk,
      property_mappings: [seed.scopeMappings.openid.pk, seed.scopeMappings.email.pk],
      signing_key: seed.keyPairs.selfSigned.pk,
      jwks_sources: [seed.sources.githubActions.pk],
      client_type: 'public',
      redirect_uris: 'https://app\\.example\\.com/cb',
    });
    for (const body of [full, validBody(server(), { name: 'defaults' })]) {
      const reply = await call(server(), 'POST', PROVIDERS, { body });
      assert.equal(reply.status, 201, reply.text);
      assertConforms(schema('OAuth2Provider'), reply.json, `POST ${body.name}`);
    }
  });

  it('differs from the literal 2024.8.4 schema only in the null assigned_* fields', async () => {
    const reply = await call(server(), 'POST', PROVIDERS, { body: validBody(server(), { name: 'strict check' }) });
    const validate = strict('OAuth2Provider');
    assert.equal(validate(reply.json), false);
    const paths = [...new Set((validate.errors ?? []).map((e) => e.instancePath))].sort();
    assert.deepEqual(paths, ASSIGNED.map((key) => `/${key}`).sort());
    const later = readFileSync(OPENAPI_2026_2_2, 'utf8');
    const block = later.slice(later.indexOf('\n    OAuth2Provider:\n'), later.indexOf('\n    OAuth2ProviderRequest:\n'));
    for (const key of ASSIGNED) {
      assert.match(block, new RegExp(`\\n        ${key}:\\n(?:          .*\\n)*?          nullable: true\\n`), `${key} is nullable in 2026.2.2`);
    }
  });

  it('GET lists and objects: PaginatedOAuth2ProviderList and OAuth2Provider', async () => {
    for (const name of ['list a', 'list b']) await call(server(), 'POST', PROVIDERS, { body: validBody(server(), { name }) });
    const page = (await get(PROVIDERS)) as { results: { pk: number }[] };
    assert.ok(page.results.length >= 2, 'the list has providers to check');
    assertConforms(schema('PaginatedOAuth2ProviderList'), page, 'the provider list');
    assertConforms(schema('OAuth2Provider'), await get(`${PROVIDERS}${page.results[0].pk}/`), 'GET one provider');
  });

  it('GET the reference lists: flows, key pairs (with and without details), scope mappings, OAuth sources, providers of every type', async () => {
    server().addFlows(3, 'authentication');
    await call(server(), 'POST', PROVIDERS, { body: validBody(server(), { name: 'Grafana' }) });
    const lists: [string, string][] = [
      ['/api/v3/flows/instances/', 'PaginatedFlowList'],
      ['/api/v3/flows/instances/?designation=authorization&ordering=slug', 'PaginatedFlowList'],
      ['/api/v3/crypto/certificatekeypairs/', 'PaginatedCertificateKeyPairList'],
      ['/api/v3/crypto/certificatekeypairs/?has_key=true&include_details=false&ordering=name', 'PaginatedCertificateKeyPairList'],
      ['/api/v3/propertymappings/provider/scope/?ordering=scope_name', 'PaginatedScopeMappingList'],
      ['/api/v3/sources/oauth/?ordering=name', 'PaginatedOAuthSourceList'],
      ['/api/v3/sources/oauth/?has_jwks=true', 'PaginatedOAuthSourceList'],
      ['/api/v3/providers/all/', 'PaginatedProviderList'],
      ['/api/v3/providers/all/?search=grafana', 'PaginatedProviderList'],
    ];
    for (const [pathAndQuery, name] of lists) {
      const body = (await get(pathAndQuery)) as { results: unknown[] };
      assert.ok(body.results.length > 0, `${pathAndQuery} has objects to check`);
      assertConforms(schema(name), body, pathAndQuery);
    }
  });

  it('GET /api/v3/admin/version/: Version', async () => {
    assertConforms(schema('Version'), await get('/api/v3/admin/version/'), 'the version');
  });

  it('400 bodies: ValidationError', async () => {
    const bodies: unknown[] = [
      (await call(server(), 'POST', PROVIDERS, { body: { client_type: 'secret', property_mappings: 'x' } })).json,
      (await call(server(), 'POST', PROVIDERS, { body: [] })).json,
      (await call(server(), 'POST', PROVIDERS, { body: '{"name":' })).json,
      (await call(server(), 'GET', '/api/v3/flows/instances/?designation=nope')).json,
    ];
    for (const body of bodies) assertConforms(schema('ValidationError'), body, JSON.stringify(body));
  });

  it('403, 404 and 415 bodies: GenericError', async () => {
    const replies = [
      await call(server(), 'GET', PROVIDERS, { token: null }),
      await call(server(), 'GET', PROVIDERS, { token: 'wrong' }),
      await call(server(), 'GET', PROVIDERS, { headers: { Authorization: 'Basic x' }, token: null }),
      await call(server(), 'POST', PROVIDERS, { token: READ_ONLY_TOKEN, body: {} }),
      await call(server(), 'GET', `${PROVIDERS}9999/`),
      await call(server(), 'POST', PROVIDERS, { body: 'name: x', headers: { 'Content-Type': 'application/yaml' } }),
    ];
    assert.deepEqual(replies.map((r) => r.status), [403, 403, 403, 403, 404, 415]);
    for (const reply of replies) assertConforms(schema('GenericError'), reply.json, reply.text);
  });

  it('catches a body that does not conform (the check itself works)', () => {
    const validate = schema('GenericError');
    assert.equal(validate({ detail: 1 }), false);
    assert.equal(validate({ detail: 'x', extra: true }), false, 'no undeclared fields');
    assert.equal(schema('Version')({ version_current: '2024.8.4' }), false);
  });
});
