import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { bundledProfile, Profile, requestFields } from '../../common/profiles';
import { documentValue, isRecord } from '../../server/src/service/documentValue';
import { parseText } from '../../server/src/service/parsedDocument';
import { clientSecretVariable, distinctExportNames, exportProvider, nameToSlug, PortableLists, providerFileName, resolveRequestBody, scanTags } from '../../server/src/service/portable';
import { SEED_IDS } from '../authentik-server/seed';
import { seedLists } from '../helpers/portableLists';

const { flows, keyPairs, scopeMappings, sources, propertyMappings } = SEED_IDS;
const P2025_10 = bundledProfile('2025.10.0')!;
const P2026_5 = bundledProfile('2026.5.0')!;
const LEGACY = bundledProfile('2023.5.0')!;

/** The response-only fields every release returns. */
const READ_ONLY = {
  component: 'ak-provider-oauth2-form',
  assigned_application_slug: 'grafana',
  assigned_application_name: 'Grafana',
  assigned_backchannel_application_slug: null,
  assigned_backchannel_application_name: null,
  verbose_name: 'OAuth2/OpenID Provider',
  verbose_name_plural: 'OAuth2/OpenID Providers',
  meta_model_name: 'authentik_providers_oauth2.oauth2provider',
};

/** A provider as authentik 2026.2.2 returns it (OAuth2Provider of its schema, every field). */
function provider2026(): Record<string, unknown> {
  return {
    pk: 3,
    name: 'Grafana (prod)',
    authentication_flow: null,
    authorization_flow: flows.explicitConsent,
    invalidation_flow: flows.providerInvalidation,
    property_mappings: [scopeMappings.openid, scopeMappings.email, scopeMappings.profile],
    ...READ_ONLY,
    client_type: 'confidential',
    client_id: 'grafana-prod',
    client_secret: 'S'.repeat(128),
    access_code_validity: 'minutes=1',
    access_token_validity: 'hours=2',
    refresh_token_validity: 'days=30',
    refresh_token_threshold: 'seconds=0',
    include_claims_in_id_token: true,
    signing_key: keyPairs.selfSigned,
    encryption_key: null,
    redirect_uris: [
      { matching_mode: 'strict', url: 'https://grafana.example.com/login/generic_oauth' },
      { matching_mode: 'strict', url: 'https://grafana\\.example\\.com/old' },
      { matching_mode: 'regex', url: 'https://.*\\.example\\.com/cb' },
    ],
    logout_uri: '',
    logout_method: 'backchannel',
    sub_mode: 'hashed_user_id',
    issuer_mode: 'per_provider',
    jwt_federation_sources: [sources.github],
    jwt_federation_providers: [4],
  };
}

/** A provider as authentik 2024.8.4 returns it. */
function provider2024(): Record<string, unknown> {
  return {
    pk: 5,
    name: 'Nextcloud',
    authentication_flow: flows.authentication,
    authorization_flow: flows.implicitConsent,
    property_mappings: [scopeMappings.openid, propertyMappings.samlEmail],
    ...READ_ONLY,
    client_type: 'public',
    client_id: 'nextcloud',
    client_secret: 'P'.repeat(128),
    access_code_validity: 'minutes=1',
    access_token_validity: 'hours=1',
    refresh_token_validity: 'days=30',
    include_claims_in_id_token: false,
    signing_key: null,
    redirect_uris: 'https://cloud\\.example\\.com/apps/oidc_login/oidc\nhttps://cloud.example.com/other',
    sub_mode: 'user_email',
    issuer_mode: 'per_provider',
    jwks_sources: [sources.githubActions],
  };
}

describe('portable export: the file for a provider', () => {
  it('a 2026 provider: only what differs from the defaults, references by slug, managed id or name, the secret from the environment', () => {
    const exported = exportProvider(provider2026(), { profile: P2025_10, lists: seedLists(), release: '2026.2.2' });
    assert.equal(exported.fileName, 'grafana-prod.oauth2provider.yaml');
    assert.equal(
      exported.text,
      [
        '# authentik-version: 2026.2.2',
        'name: Grafana (prod)',
        'authorization_flow: !ref default-provider-authorization-explicit-consent',
        'invalidation_flow: !ref default-provider-invalidation-flow',
        'property_mappings:',
        '  - !ref goauthentik.io/providers/oauth2/scope-openid',
        '  - !ref goauthentik.io/providers/oauth2/scope-email',
        '  - !ref goauthentik.io/providers/oauth2/scope-profile',
        'client_id: grafana-prod',
        'client_secret: !env GRAFANA_PROD_CLIENT_SECRET',
        'access_token_validity: hours=2',
        'signing_key: !ref authentik Self-signed Certificate',
        'redirect_uris:',
        '  - matching_mode: strict',
        '    url: https://grafana.example.com/login/generic_oauth',
        '  # Strict, so this matches only the exact text, backslashes included: probably a regex the upgrade to the list form left strict.',
        '  # Unescaped it reads https://grafana.example.com/old',
        '  - matching_mode: strict',
        '    url: https://grafana\\.example\\.com/old',
        '  - matching_mode: regex',
        '    url: https://.*\\.example\\.com/cb',
        'jwt_federation_sources:',
        '  - !ref github',
        'jwt_federation_providers:',
        '  - !ref Nextcloud',
        '',
      ].join('\n'),
    );
    assert.deepEqual(exported.notes, [
      { field: 'redirect_uris', message: 'redirect_uris[1]: a strict entry with backslashes (https://grafana\\.example\\.com/old) matches only that exact text.' },
    ]);
    assert.ok(!exported.text.includes('SSSS'), 'the client secret is never written');
  });

  it('a 2026.5 entry keeps a redirect_uri_type other than the default, and drops the default one', () => {
    const provider: Record<string, unknown> = { ...provider2026(), grant_types: ['authorization_code', 'refresh_token'] };
    provider.redirect_uris = [
      { matching_mode: 'strict', url: 'https://grafana.example.com/login/generic_oauth', redirect_uri_type: 'authorization' },
      { matching_mode: 'strict', url: 'https://grafana.example.com/logout', redirect_uri_type: 'logout' },
    ];
    const text = exportProvider(provider, { profile: P2026_5, lists: seedLists(), release: '2026.5.1' }).text;
    const from = text.indexOf('grant_types:');
    assert.equal(
      text.slice(from, text.indexOf('jwt_federation_sources:')),
      [
        'grant_types:',
        '  - authorization_code',
        '  - refresh_token',
        'client_id: grafana-prod',
        'client_secret: !env GRAFANA_PROD_CLIENT_SECRET',
        'access_token_validity: hours=2',
        'signing_key: !ref authentik Self-signed Certificate',
        'redirect_uris:',
        '  - matching_mode: strict',
        '    url: https://grafana.example.com/login/generic_oauth',
        '  - matching_mode: strict',
        '    url: https://grafana.example.com/logout',
        '    redirect_uri_type: logout',
        '',
      ].join('\n'),
    );
  });

  it('a 2024.8 provider: the string of redirect URIs as it is, no secret for a public client, a mapping that is not a scope mapping kept as a UUID', () => {
    const exported = exportProvider(provider2024(), { profile: LEGACY, lists: seedLists(), release: '2024.8.4' });
    assert.equal(exported.fileName, 'nextcloud.oauth2provider.yaml');
    assert.equal(
      exported.text,
      [
        '# authentik-version: 2024.8.4',
        'name: Nextcloud',
        'authentication_flow: !ref default-authentication-flow',
        'authorization_flow: !ref default-provider-authorization-implicit-consent',
        'property_mappings:',
        '  - !ref goauthentik.io/providers/oauth2/scope-openid',
        `  - ${propertyMappings.samlEmail} # kept as a UUID: not among the server's property mappings`,
        'client_type: public',
        'client_id: nextcloud',
        'include_claims_in_id_token: false',
        'redirect_uris: |-',
        '  https://cloud\\.example\\.com/apps/oidc_login/oidc',
        '  https://cloud.example.com/other',
        'sub_mode: user_email',
        'jwks_sources:',
        '  - !ref github-actions',
        '',
      ].join('\n'),
    );
    assert.deepEqual(exported.notes, [
      { field: 'property_mappings', message: `property_mappings: ${propertyMappings.samlEmail} is kept as a UUID: not among the server's property mappings.` },
    ]);
  });

  it('a strict entry with backslashes that is no plain URL unescaped is flagged as a pattern', () => {
    const provider = { ...provider2026(), redirect_uris: [{ matching_mode: 'strict', url: 'https://app\\.example\\.com/(cb|callback)' }] };
    const text = exportProvider(provider, { profile: P2025_10, lists: seedLists(), release: '2026.2.2' }).text;
    assert.ok(
      text.includes(
        [
          'redirect_uris:',
          '  # Strict, so this matches only the exact text, backslashes included: probably a regex the upgrade to the list form left strict.',
          '  # It reads as a pattern: `matching_mode: regex` would make it one.',
          '  - matching_mode: strict',
          '    url: https://app\\.example\\.com/(cb|callback)',
          '',
        ].join('\n'),
      ),
      text,
    );
  });

  it('keeps an id when the server\'s objects of its kind were not listed, or no name names only that object', () => {
    const lists: PortableLists = { ...seedLists(), certificateKeyPair: undefined };
    // A provider named like another mapping's managed id and a mapping with the same name as another: neither round-trips.
    lists.oauth2Provider = [
      { pk: '4', name: 'Nextcloud' },
      { pk: '7', name: 'Nextcloud' },
    ];
    const text = exportProvider(provider2026(), { profile: P2025_10, lists, release: '2026.2.2' }).text;
    assert.ok(text.includes(`signing_key: ${keyPairs.selfSigned} # kept as a UUID: the server's certificate key pairs were not listed\n`), text);
    assert.ok(text.includes('jwt_federation_providers:\n  - 4 # kept as a pk: no name names only this OAuth2 provider\n'), text);
  });

  it('quotes a name the server holds whatever it contains, and leaves out a version comment it cannot trust', () => {
    const provider = { ...provider2026(), name: 'a: b # c\n- d' };
    const exported = exportProvider(provider, { profile: P2025_10, lists: seedLists(), release: '2026.2.2\nname: injected' });
    assert.ok(exported.text.startsWith('name: |-\n  a: b # c\n  - d\nauthorization_flow: '), exported.text);
    const value = documentValue(parseText(exported.text, { maxFileSize: 1 << 20 }));
    assert.ok(value.ok && isRecord(value.value));
    assert.equal(value.value.name, provider.name);
    assert.deepEqual(exported.notes.at(-1), { field: '', message: 'The server did not give a release in a known form: the file has no version comment.' });
    assert.equal(exported.fileName, 'a-b-c-d.oauth2provider.yaml');
    assert.equal(clientSecretVariable(provider.name), 'A_B_C_D_CLIENT_SECRET');
  });

  for (const [label, provider, profile, release] of [
    ['2026', provider2026, P2025_10, '2026.2.2'],
    ['2024.8', provider2024, LEGACY, '2024.8.4'],
  ] as const) {
    it(`a ${label} export resolves back to the provider's own request values on the same server`, () => {
      const exported = exportProvider(provider(), { profile, lists: seedLists(), release });
      const parsed = parseText(exported.text, { maxFileSize: 1 << 20 });
      assert.deepEqual(parsed.errors, []);
      const scan = scanTags(parsed, profile);
      assert.deepEqual(scan.findings, []);
      const value = documentValue(parsed);
      assert.ok(value.ok && isRecord(value.value));
      const resolved = resolveRequestBody(value.value, scan.tags, seedLists(), { GRAFANA_PROD_CLIENT_SECRET: 'S'.repeat(128) });
      assert.ok(resolved.ok);
      assert.deepEqual(withDefaults(resolved.body, profile), requestValues(provider(), profile));
    });
  }
});

/** The provider's values of the profile's request fields, the client secret of a public client left out. */
function requestValues(provider: Record<string, unknown>, profile: Profile): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const field of requestFields(profile)) if (field.key in provider) values[field.key] = provider[field.key];
  if (provider.client_type === 'public') delete values.client_secret;
  return values;
}

/** A body with what it leaves out filled in as the server would: the schema's defaults, else null, [] or "". */
function withDefaults(body: Record<string, unknown>, profile: Profile): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  const provider = profile === LEGACY ? provider2024() : provider2026();
  for (const field of requestFields(profile)) {
    if (!(field.key in provider) || (field.key === 'client_secret' && provider.client_type === 'public')) continue;
    if (field.key in body) values[field.key] = body[field.key];
    else if (field.defaultValue !== undefined) values[field.key] = field.defaultValue;
    else values[field.key] = field.type === 'array' ? [] : field.nullable ? null : '';
  }
  return values;
}

describe('portable export: names made from a provider\'s name', () => {
  it('nameToSlug keeps letters and digits, folds accents, never makes a path, a dot file or an empty name', () => {
    const cases: [string, string][] = [
      ['Grafana', 'grafana'],
      ['Grafana (prod)', 'grafana-prod'],
      ['Café Überwachung', 'cafe-uberwachung'],
      ['../../etc/passwd', 'etc-passwd'],
      ['.hidden', 'hidden'],
      ['C:\\Windows\\x', 'c-windows-x'],
      ['日本語', 'provider'],
      ['', 'provider'],
      ['a'.repeat(63) + '-bcd', 'a'.repeat(63)],
    ];
    assert.deepEqual(cases.map(([name]) => nameToSlug(name)), cases.map(([, slug]) => slug));
    assert.equal(providerFileName('Grafana (prod)'), 'grafana-prod.oauth2provider.yaml');
  });

  it('clientSecretVariable gives a valid variable name for any name', () => {
    const cases: [string, string][] = [
      ['Grafana', 'GRAFANA_CLIENT_SECRET'],
      ['grafana-prod', 'GRAFANA_PROD_CLIENT_SECRET'],
      ['2FA portal', '_2FA_PORTAL_CLIENT_SECRET'],
      ['Café', 'CAFE_CLIENT_SECRET'],
      ['日本語', 'CLIENT_SECRET'],
    ];
    assert.deepEqual(cases.map(([name]) => clientSecretVariable(name)), cases.map(([, variable]) => variable));
    for (const [, variable] of cases) assert.match(variable, /^[A-Za-z_][A-Za-z0-9_]*$/);
  });

  it('distinctExportNames: the lowest pk keeps a shared file name and variable, the others get their pk, never one another has', () => {
    const names = distinctExportNames([
      { pk: 9, name: 'grafana 7' },
      { pk: 7, name: 'Grafana!' },
      { pk: 3, name: 'Grafana' },
      { pk: 12, name: 'Wiki' },
    ]);
    assert.deepEqual(Object.fromEntries(names), {
      3: { fileName: 'grafana.oauth2provider.yaml', secretVariable: 'GRAFANA_CLIENT_SECRET' },
      // grafana-7 and GRAFANA_7 are the plain names of pk 9, so pk 7 takes the next ones.
      7: { fileName: 'grafana-7-2.oauth2provider.yaml', secretVariable: 'GRAFANA_7_2_CLIENT_SECRET', sharedFileName: 'grafana.oauth2provider.yaml', sharedSecretVariable: 'GRAFANA_CLIENT_SECRET' },
      9: { fileName: 'grafana-7.oauth2provider.yaml', secretVariable: 'GRAFANA_7_CLIENT_SECRET' },
      12: { fileName: 'wiki.oauth2provider.yaml', secretVariable: 'WIKI_CLIENT_SECRET' },
    });
  });
});

describe('portable export: the client secret', () => {
  it('names the variable given, keeps an empty secret of a confidential client (left out, a create would generate one), leaves out a public one', () => {
    const named = exportProvider(provider2026(), { profile: P2025_10, lists: seedLists(), release: '2026.2.2', secretVariable: 'GRAFANA_3_CLIENT_SECRET' }).text;
    assert.match(named, /^client_secret: !env GRAFANA_3_CLIENT_SECRET$/m);
    const empty = exportProvider({ ...provider2026(), client_secret: '' }, { profile: P2025_10, lists: seedLists(), release: '2026.2.2' }).text;
    assert.match(empty, /^client_secret: ""$/m);
    const publicClient = exportProvider({ ...provider2026(), client_type: 'public' }, { profile: P2025_10, lists: seedLists(), release: '2026.2.2' }).text;
    assert.doesNotMatch(publicClient, /client_secret/);
  });
});
