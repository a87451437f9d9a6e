import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { ValidateFunction } from 'ajv';
import { fullFormats } from 'ajv-formats/dist/formats';
import { parseVersion } from '../../common/profiles';
import index from '../../schemas/profiles/index.json';
import type { AuthentikTestServer } from '../authentik-server';
import { call, PROVIDERS, READ_ONLY_TOKEN, useServer } from './helpers';
import { describeErrors, loadComponentSchemas, openApiSubset, schemaValidators, withNullableAssigned } from './openapi-schemas';

/**
 * For every release line with a subset in schemas/openapi/: a test server of that release, its
 * answers checked against that release's own OpenAPI components (objects closed: no field the
 * release lacks). Where the real server departs from its documents, the documents are patched the
 * same way: assigned_* are null for a provider no application uses (2026.2.2 declares it), and a
 * blank logout URL is "" although the document says `format: uri`.
 */

const RELEASES = index.profiles.flatMap((profile) =>
  profile.subsets.map((file) => {
    const name = /^authentik-(.+)\.oauth2-subset\.yml$/.exec(file)![1];
    return { file, name, version: parseVersion(name) ? name : profile.from };
  }),
);

const uri = fullFormats.uri as (text: string) => boolean;

/** A valid value for every request field any release has; a field missing here fails the test. */
function fullBody(server: AuthentikTestServer, request: Record<string, any>, federatedPk: number): Record<string, unknown> {
  const seed = server.seedObjects;
  const entry = request.properties.redirect_uris.items;
  const redirectUris =
    request.properties.redirect_uris.type === 'string'
      ? 'https://app\\.example\\.com/cb\nhttps://app\\.example\\.com/other'
      : [
          { matching_mode: 'strict', url: 'https://app.example.com/cb' },
          { matching_mode: 'regex', url: 'https://app\\.example\\.com/.*', ...('redirect_uri_type' in (entry?.properties ?? {}) ? { redirect_uri_type: 'logout' } : {}) },
        ];
  const values: Record<string, unknown> = {
    name: 'full',
    authentication_flow: seed.flows.authentication.pk,
    authorization_flow: seed.flows.implicitConsent.pk,
    invalidation_flow: seed.flows.providerInvalidation.pk,
    property_mappings: [seed.scopeMappings.openid.pk, seed.scopeMappings.email.pk],
    client_type: 'public',
    grant_types: ['authorization_code', 'refresh_token'],
    client_id: 'full-client-id',
    client_secret: 'full-client-secret',
    access_code_validity: 'minutes=2',
    access_token_validity: 'hours=2',
    refresh_token_validity: 'days=7',
    refresh_token_threshold: 'hours=1',
    include_claims_in_id_token: false,
    signing_key: seed.keyPairs.selfSigned.pk,
    encryption_key: seed.keyPairs.certificateOnly.pk,
    redirect_uris: redirectUris,
    backchannel_logout_uri: 'https://app.example.com/backchannel-logout',
    logout_uri: 'https://app.example.com/logout',
    logout_method: 'frontchannel',
    sub_mode: 'user_email',
    issuer_mode: 'global',
    jwks_sources: [seed.sources.githubActions.pk],
    jwt_federation_sources: [seed.sources.githubActions.pk],
    jwt_federation_providers: [federatedPk],
  };
  const body: Record<string, unknown> = {};
  for (const key of Object.keys(request.properties)) {
    assert.ok(key in values, `the test has no value for ${key}`);
    body[key] = values[key];
  }
  return body;
}

for (const { file, version } of RELEASES) {
  describe(`authentik test server --version ${version}: answers conform to ${file}`, () => {
    const server = useServer({ version });
    let schema: (name: string) => ValidateFunction;
    let request: Record<string, any>;

    before(async () => {
      schema = schemaValidators(withNullableAssigned(loadComponentSchemas(openApiSubset(file.replace(/^authentik-|\.oauth2-subset\.yml$/g, '')))), true, {
        uri: (text) => text === '' || uri(text),
      });
      const document = (await call(server(), 'GET', '/api/v3/schema/?format=json', { token: null })).json as Record<string, any>;
      assert.equal(document.info.version, version);
      request = document.components.schemas.OAuth2ProviderRequest;
    });

    const conforms = (name: string, body: unknown, what: string) => {
      const validate = schema(name);
      assert.ok(validate(body), `${what} does not match ${name} of ${file}:\n${describeErrors(validate).join('\n')}`);
    };
    const get = async (pathAndQuery: string) => {
      const reply = await call(server(), 'GET', pathAndQuery);
      assert.equal(reply.status, 200, reply.text);
      return reply.json;
    };

    it('POST, GET, PATCH: OAuth2Provider with the defaults and with every field set', async () => {
      const minimal: Record<string, unknown> = { name: 'minimal' };
      const seed = server().seedObjects;
      for (const key of request.required as string[]) {
        if (key === 'authorization_flow') minimal[key] = seed.flows.explicitConsent.pk;
        else if (key === 'invalidation_flow') minimal[key] = seed.flows.providerInvalidation.pk;
        else if (key === 'redirect_uris') minimal[key] = [];
      }
      const first = await call(server(), 'POST', PROVIDERS, { body: minimal });
      assert.equal(first.status, 201, first.text);
      conforms('OAuth2Provider', first.json, 'the provider made with the defaults');
      const firstPk = (first.json as { pk: number }).pk;

      const body = fullBody(server(), request, firstPk);
      const full = await call(server(), 'POST', PROVIDERS, { body });
      assert.equal(full.status, 201, full.text);
      conforms('OAuth2Provider', full.json, 'the provider with every field');
      const stored = full.json as Record<string, unknown>;
      for (const [key, value] of Object.entries(body)) {
        if (key !== 'redirect_uris') assert.deepEqual(stored[key], value, key);
      }

      const page = await get(PROVIDERS);
      conforms('PaginatedOAuth2ProviderList', page, 'the provider list');
      conforms('OAuth2Provider', await get(`${PROVIDERS}${firstPk}/`), 'GET one provider');
      const patched = await call(server(), 'PATCH', `${PROVIDERS}${firstPk}/`, { body: { client_type: 'public' } });
      assert.equal(patched.status, 200, patched.text);
      conforms('OAuth2Provider', patched.json, 'PATCH');
    });

    it('GET the reference lists, the version and the providers of every type', async () => {
      const lists: [string, string][] = [
        ['/api/v3/flows/instances/', 'PaginatedFlowList'],
        ['/api/v3/flows/instances/?designation=invalidation&ordering=slug', 'PaginatedFlowList'],
        ['/api/v3/crypto/certificatekeypairs/', 'PaginatedCertificateKeyPairList'],
        ['/api/v3/crypto/certificatekeypairs/?include_details=false&ordering=name', 'PaginatedCertificateKeyPairList'],
        ['/api/v3/propertymappings/provider/scope/?ordering=scope_name', 'PaginatedScopeMappingList'],
        ['/api/v3/sources/oauth/?ordering=name', 'PaginatedOAuthSourceList'],
        ['/api/v3/providers/all/', 'PaginatedProviderList'],
      ];
      for (const [pathAndQuery, name] of lists) {
        const body = (await get(pathAndQuery)) as { results: unknown[] };
        assert.ok(body.results.length > 0, `${pathAndQuery} has objects to check`);
        conforms(name, body, pathAndQuery);
      }
      conforms('Version', await get('/api/v3/admin/version/'), 'the version');
    });

    it('400, 403 and 404 bodies: ValidationError and GenericError', async () => {
      const invalid = [
        await call(server(), 'POST', PROVIDERS, { body: { client_type: 'secret', property_mappings: 'x', redirect_uris: [{ matching_mode: 'exact' }, 'x'] } }),
        await call(server(), 'POST', PROVIDERS, { body: [] }),
        await call(server(), 'GET', '/api/v3/flows/instances/?designation=nope'),
      ];
      for (const reply of invalid) {
        assert.equal(reply.status, 400, reply.text);
        conforms('ValidationError', reply.json, reply.text);
      }
      const refused = [await call(server(), 'GET', PROVIDERS, { token: null }), await call(server(), 'POST', PROVIDERS, { token: READ_ONLY_TOKEN, body: {} }), await call(server(), 'GET', `${PROVIDERS}9999/`)];
      assert.deepEqual(refused.map((r) => r.status), [403, 403, 404]);
      for (const reply of refused) conforms('GenericError', reply.json, reply.text);
    });
  });
}

describe('the per-release checks can fail', () => {
  it('a field of another release breaks conformance', () => {
    const validate = schemaValidators(loadComponentSchemas(openApiSubset('2024.8.4')))('OAuth2Provider');
    assert.equal(validate({ pk: 1, name: 'x', invalidation_flow: null }), false);
    assert.ok((validate.errors ?? []).some((e) => e.params && 'additionalProperty' in e.params && e.params.additionalProperty === 'invalidation_flow'));
  });

  it('every release line with a subset is checked', () => {
    assert.deepEqual(
      RELEASES.map((r) => r.version),
      ['2024.8.4', '2024.8.6', '2024.10.0', '2024.10.5', '2024.12.5', '2025.2.4', '2025.4.4', '2025.6.4', '2025.8.6', '2025.10.4', '2025.12.4', '2026.2.2', '2026.5.0'],
    );
  });
});
