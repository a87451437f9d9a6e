import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  bundledProfile,
  bundledProfiles,
  describeAvailability,
  endpointPath,
  invalidRegexMessage,
  parseVersion,
  Profile,
  profileForVersion,
} from '../../common/profiles';
import { createRequestAjv } from '../../server/src/service/schemaValidation';

const FLOW = '0c7d8e1a-6a4e-4d2b-9a41-3f1c2b7d9e10';
const KEY = '5b1f0a9e-2c3d-4e5f-8a9b-0c1d2e3f4a5b';

function profile(id: string): Profile {
  const found = bundledProfile(id);
  assert.ok(found, `no bundled profile ${id}`);
  return found;
}

/** The validator's errors for a body, as `path keyword` lines. */
function errors(p: Profile, body: unknown): string[] {
  // `format: uri` (logout URLs) is an annotation here: the server allows blank, its own rule checks the rest.
  const validate = createRequestAjv({ formats: { uri: true } }).compile(p.requestSchema);
  if (validate(body)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.keyword}${e.keyword === 'required' ? ` ${e.params.missingProperty}` : ''}`);
}

const OLD_BODY = { name: 'Grafana', authorization_flow: FLOW, redirect_uris: 'https://grafana\\.example\\.com/login/generic_oauth' };
const LIST_BODY = {
  name: 'Grafana',
  authorization_flow: FLOW,
  invalidation_flow: FLOW,
  redirect_uris: [{ matching_mode: 'strict', url: 'https://grafana.example.com/login/generic_oauth' }],
};

describe('bundled profiles', () => {
  it('one per distinct request shape, back to back from 2023.5.0', () => {
    assert.deepEqual(
      bundledProfiles.map((p) => `${p.id}: ${p.label} (${p.releases.from}..${p.releases.through})`),
      [
        '2023.5.0: authentik 2023.5.0 to 2024.8.4 (2023.5.0..2024.8.4)',
        '2024.8.5: authentik 2024.8.5 to 2024.8.6 (2024.8.5..2024.8.6)',
        '2024.10.0: authentik 2024.10.0 to 2024.10.2 (2024.10.0..2024.10.2)',
        '2024.10.3: authentik 2024.10.3 to 2024.10.5 (2024.10.3..2024.10.5)',
        '2024.12.0: authentik 2024.12.0 to 2025.6.4 (2024.12.0..2025.6.4)',
        '2025.8.0: authentik 2025.8.0 to 2025.8.6 (2025.8.0..2025.8.6)',
        '2025.10.0: authentik 2025.10.0 to 2026.2.2 (2025.10.0..2026.2.2)',
        '2026.5.0: authentik 2026.5.0 and later (2026.5.0..2026.5.0)',
      ],
    );
    const shapes = bundledProfiles.map((p) => JSON.stringify({ properties: p.requestSchema.properties, required: p.requestSchema.required }));
    assert.equal(new Set(shapes).size, bundledProfiles.length);
    assert.ok(bundledProfiles.every((p) => p.source === 'bundled'));
  });

  it('the redirect-URI form: a string up to 2024.8.4 and in 2024.10.0–2024.10.2, a list from 2024.8.5 and 2024.10.3', () => {
    assert.deepEqual(
      bundledProfiles.map((p) => `${p.id} ${p.redirectUris.kind}`),
      ['2023.5.0 string', '2024.8.5 list', '2024.10.0 string', '2024.10.3 list', '2024.12.0 list', '2025.8.0 list', '2025.10.0 list', '2026.5.0 list'],
    );
    assert.deepEqual(profile('2024.10.0').redirectUris, {
      kind: 'string',
      entriesSplitOn: 'whitespace',
      invalidRegexMakesEveryEntryLiteral: true,
      starMatchesAnything: true,
      emptyStoresFirstUri: true,
      checkedOnSave: false,
    });
    assert.deepEqual(profile('2024.8.5').redirectUris, {
      kind: 'list',
      matchingModes: ['strict', 'regex'],
      checkedOnSave: 'regex entries compiled',
      urlRequired: true,
      emptyStoresFirstUri: true,
      upgradeSplitsOn: '\n',
    });
    assert.deepEqual(profile('2026.5.0').redirectUris, { ...profile('2024.8.5').redirectUris, uriTypes: ['authorization', 'logout'], defaultUriType: 'authorization' });
    assert.equal(invalidRegexMessage('https://(a'), 'Invalid Regex Pattern: https://(a');
  });

  it('the request validator holds each profile to its own shape', () => {
    assert.deepEqual(errors(profile('2023.5.0'), OLD_BODY), []);
    assert.deepEqual(errors(profile('2024.8.5'), OLD_BODY), ['/redirect_uris type']);
    assert.deepEqual(errors(profile('2024.10.0'), OLD_BODY), ['/ required invalidation_flow']);
    assert.deepEqual(errors(profile('2024.10.0'), { ...OLD_BODY, invalidation_flow: FLOW }), []);
    assert.deepEqual(errors(profile('2024.10.3'), { ...OLD_BODY, invalidation_flow: FLOW }), ['/redirect_uris type']);
    assert.deepEqual(errors(profile('2023.5.0'), LIST_BODY), ['/redirect_uris type']);
    for (const id of ['2024.10.3', '2024.12.0', '2025.8.0', '2025.10.0', '2026.5.0']) assert.deepEqual(errors(profile(id), LIST_BODY), [], id);
    assert.deepEqual(errors(profile('2024.8.5'), LIST_BODY), [], 'an unknown key (invalidation_flow) is no schema error');
    assert.deepEqual(errors(profile('2024.10.3'), { ...LIST_BODY, redirect_uris: undefined }), ['/ required redirect_uris']);
    assert.deepEqual(errors(profile('2026.5.0'), { ...LIST_BODY, redirect_uris: [] }), []);
    assert.deepEqual(
      errors(profile('2026.5.0'), { ...LIST_BODY, redirect_uris: [{ matching_mode: 'exact', url: '' }, { url: 'https://a/' }, { matching_mode: 'regex', url: 'https://a/', redirect_uri_type: 'login' }] }),
      ['/redirect_uris/0/matching_mode enum', '/redirect_uris/0/url minLength', '/redirect_uris/1 required matching_mode', '/redirect_uris/2/redirect_uri_type enum'],
    );
  });

  it('new fields: integer jwt_federation_providers, grant_types, logout_method, refresh_token_threshold', () => {
    const newest = profile('2026.5.0');
    assert.deepEqual(errors(newest, { ...LIST_BODY, jwt_federation_providers: [3, 7] }), []);
    assert.deepEqual(errors(newest, { ...LIST_BODY, jwt_federation_providers: [FLOW] }), ['/jwt_federation_providers/0 type']);
    assert.deepEqual(errors(newest, { ...LIST_BODY, grant_types: ['authorization_code', 'refresh_token', 'urn:ietf:params:oauth:grant-type:device_code'] }), []);
    assert.deepEqual(errors(newest, { ...LIST_BODY, grant_types: ['authorisation_code'] }), ['/grant_types/0 enum']);
    assert.deepEqual(errors(newest, { ...LIST_BODY, logout_method: 'frontchannel', logout_uri: 'https://app.example.com/logout' }), []);
    assert.deepEqual(errors(newest, { ...LIST_BODY, logout_method: 'both' }), ['/logout_method enum']);
    assert.deepEqual(errors(newest, { ...LIST_BODY, refresh_token_threshold: '' }), ['/refresh_token_threshold minLength']);
    assert.equal(newest.requestSchema.properties.logout_method.default, 'backchannel');
    assert.equal(newest.requestSchema.properties.refresh_token_threshold.default, 'seconds=0');
    assert.deepEqual(newest.requestSchema.properties.grant_types.default, []);
    assert.equal(newest.requestSchema.properties.redirect_uris.default, undefined, 'the one-string default "" is not a list');
    assert.equal(profile('2023.5.0').requestSchema.properties.redirect_uris.default, '');
    assert.deepEqual(profile('2025.10.0').fieldKinds, {
      access_code_validity: 'duration',
      access_token_validity: 'duration',
      refresh_token_validity: 'duration',
      refresh_token_threshold: 'duration',
      logout_uri: 'httpUrl',
    });
    assert.equal(profile('2025.8.0').fieldKinds.backchannel_logout_uri, 'httpUrl');
  });

  it('reference fields and what they refer to', () => {
    const refs = (id: string) =>
      Object.entries(profile(id).references).map(
        ([key, r]) => `${key}: ${r.kind} ${r.pk}${r.many ? ' list' : ''}${r.nullable ? ' nullable' : ''}${r.designation ? ` ${r.designation}` : ''}${r.needsPrivateKey ? ' private key' : ''}`,
      );
    assert.deepEqual(refs('2023.5.0'), [
      'authentication_flow: flow uuid nullable authentication',
      'authorization_flow: flow uuid authorization',
      'property_mappings: scopeMapping uuid list',
      'signing_key: certificateKeyPair uuid nullable private key',
      'jwks_sources: oauthSource uuid list',
    ]);
    assert.deepEqual(refs('2026.5.0'), [
      'authentication_flow: flow uuid nullable authentication',
      'authorization_flow: flow uuid authorization',
      'invalidation_flow: flow uuid invalidation',
      'property_mappings: scopeMapping uuid list',
      'signing_key: certificateKeyPair uuid nullable private key',
      'encryption_key: certificateKeyPair uuid nullable',
      'jwt_federation_sources: oauthSource uuid list',
      'jwt_federation_providers: oauth2Provider integer list',
    ]);
    assert.equal(profile('2024.10.0').references.encryption_key.needsPrivateKey, false);
    assert.equal(profile('2026.5.0').references.invalidation_flow.label, 'invalidation flow');
  });

  it('list endpoints, with the scope-mapping path of releases before 2024.8', () => {
    const endpoints = profile('2023.5.0').endpoints;
    assert.deepEqual(endpoints.flow, { path: '/api/v3/flows/instances/', query: { ordering: 'slug' } });
    assert.deepEqual(endpoints.certificateKeyPair, { path: '/api/v3/crypto/certificatekeypairs/', query: { include_details: false, ordering: 'name' } });
    assert.deepEqual(endpoints.oauthSource, { path: '/api/v3/sources/oauth/', query: { has_jwks: true, ordering: 'name' } });
    assert.deepEqual(endpoints.oauth2Provider, { path: '/api/v3/providers/oauth2/', query: { ordering: 'name' } });
    assert.equal(endpointPath(endpoints.scopeMapping, parseVersion('2024.6.5')), '/api/v3/propertymappings/scope/');
    assert.equal(endpointPath(endpoints.scopeMapping, parseVersion('2024.8.0')), '/api/v3/propertymappings/provider/scope/');
    assert.equal(endpointPath(endpoints.scopeMapping, undefined), '/api/v3/propertymappings/provider/scope/');
  });

  it('fields other releases have: "it exists from <version>", renames and removals', () => {
    const absent = (version: string) => {
      const match = profileForVersion(version);
      assert.ok(!('error' in match));
      return Object.fromEntries(Object.entries(match.profile.absentFields).map(([key, history]) => [key, describeAvailability(history, parseVersion(version)!)]));
    };
    assert.deepEqual(absent('2024.8.4'), {
      invalidation_flow: 'it exists from 2024.10.0',
      encryption_key: 'it exists from 2024.10.0',
      jwt_federation_sources: 'it exists from 2024.12.0; before, it was jwks_sources',
      jwt_federation_providers: 'it exists from 2024.12.0',
      backchannel_logout_uri: 'it exists only from 2025.8.0 to 2025.8.6; from 2025.10.0 it is logout_uri with logout_method: backchannel',
      refresh_token_threshold: 'it exists from 2025.10.0',
      logout_uri: 'it exists from 2025.10.0',
      logout_method: 'it exists from 2025.10.0',
      grant_types: 'it exists from 2026.5.0',
    });
    assert.deepEqual(absent('2026.2.2'), {
      jwks_sources: 'it exists until 2024.10.5; from 2024.12.0 it is jwt_federation_sources',
      backchannel_logout_uri: 'it exists only from 2025.8.0 to 2025.8.6; from 2025.10.0 it is logout_uri with logout_method: backchannel',
      grant_types: 'it exists from 2026.5.0',
      'redirect_uris[].redirect_uri_type': 'it exists from 2026.5.0',
    });
    assert.deepEqual(absent('2025.8.2'), {
      jwks_sources: 'it exists until 2024.10.5; from 2024.12.0 it is jwt_federation_sources',
      refresh_token_threshold: 'it exists from 2025.10.0',
      logout_uri: 'it exists from 2025.10.0',
      logout_method: 'it exists from 2025.10.0',
      grant_types: 'it exists from 2026.5.0',
      'redirect_uris[].redirect_uri_type': 'it exists from 2026.5.0',
    });
    assert.deepEqual(Object.keys(absent('2026.8.6')), ['jwks_sources', 'backchannel_logout_uri']);
  });

  it('the release each field appeared in', () => {
    assert.deepEqual(profile('2023.5.0').fieldsSince, {});
    assert.deepEqual(profile('2026.5.0').fieldsSince, {
      invalidation_flow: '2024.10.0',
      grant_types: '2026.5.0',
      refresh_token_threshold: '2025.10.0',
      encryption_key: '2024.10.0',
      logout_uri: '2025.10.0',
      logout_method: '2025.10.0',
      jwt_federation_sources: '2024.12.0',
      jwt_federation_providers: '2024.12.0',
      'redirect_uris[].matching_mode': '2024.10.3',
      'redirect_uris[].url': '2024.10.3',
      'redirect_uris[].redirect_uri_type': '2026.5.0',
    });
  });
});
