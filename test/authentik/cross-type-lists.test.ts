import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import type { Paginated, PropertyMapping, Provider, ScopeMapping } from '../authentik-server';
import { call, createProvider, PROVIDERS, useServer, validBody } from './helpers';

const ALL_PROVIDERS = '/api/v3/providers/all/';
const ALL_MAPPINGS = '/api/v3/propertymappings/all/';
const SCOPE_MAPPINGS = '/api/v3/propertymappings/provider/scope/';

/** ProviderSerializer's fields, in its order: nothing of a type's own fields. */
const PROVIDER_FIELDS = [
  'pk', 'name', 'authentication_flow', 'authorization_flow', 'property_mappings', 'component',
  'assigned_application_slug', 'assigned_application_name', 'assigned_backchannel_application_slug', 'assigned_backchannel_application_name',
  'verbose_name', 'verbose_name_plural', 'meta_model_name',
];
/** PropertyMappingSerializer's fields: a scope mapping's scope_name and description are not among them. */
const MAPPING_FIELDS = ['pk', 'managed', 'name', 'expression', 'component', 'verbose_name', 'verbose_name_plural', 'meta_model_name'];

describe('authentik test server: providers and property mappings of every type', () => {
  const server = useServer();
  beforeEach(() => server().reset());

  async function list<T>(path: string): Promise<Paginated<T>> {
    const reply = await call(server(), 'GET', path);
    assert.equal(reply.status, 200, `${path}: ${reply.text}`);
    return reply.json as Paginated<T>;
  }

  it('/providers/all/ lists the seeded proxy and LDAP providers and the OAuth2 ones, by pk, with the base fields', async () => {
    const seed = server().seedObjects;
    const grafana = await createProvider(server(), { name: 'Grafana', property_mappings: [seed.scopeMappings.openid.pk] });
    const page = await list<Provider>(ALL_PROVIDERS);
    assert.equal(page.pagination.count, 3);
    assert.deepEqual(page.results.map((p) => [p.pk, p.name, p.verbose_name]), [
      [1, 'Grafana proxy', 'Proxy Provider'],
      [2, 'Jellyfin LDAP', 'LDAP Provider'],
      [3, 'Grafana', 'OAuth2/OpenID Provider'],
    ]);
    for (const row of page.results) assert.deepEqual(Object.keys(row), PROVIDER_FIELDS, row.name);
    const unassigned = { assigned_application_slug: null, assigned_application_name: null, assigned_backchannel_application_slug: null, assigned_backchannel_application_name: null };
    assert.deepEqual(page.results[0], {
      pk: 1,
      name: 'Grafana proxy',
      authentication_flow: null,
      authorization_flow: seed.flows.implicitConsent.pk,
      property_mappings: [],
      component: 'ak-provider-proxy-form',
      ...unassigned,
      verbose_name: 'Proxy Provider',
      verbose_name_plural: 'Proxy Providers',
      meta_model_name: 'authentik_providers_proxy.proxyprovider',
    });
    assert.deepEqual(page.results[2], {
      pk: grafana.pk,
      name: 'Grafana',
      authentication_flow: null,
      authorization_flow: seed.flows.explicitConsent.pk,
      property_mappings: [seed.scopeMappings.openid.pk],
      component: 'ak-provider-oauth2-form',
      ...unassigned,
      verbose_name: 'OAuth2/OpenID Provider',
      verbose_name_plural: 'OAuth2/OpenID Providers',
      meta_model_name: 'authentik_providers_oauth2.oauth2provider',
    });
  });

  it('/providers/all/?search= finds a name in any type, case-insensitively and by substring', async () => {
    await createProvider(server(), { name: 'Grafana' });
    await createProvider(server(), { name: 'Nextcloud' });
    const names = async (query: string) => (await list<Provider>(`${ALL_PROVIDERS}${query}`)).results.map((p) => `${p.name} (${p.verbose_name})`);
    assert.deepEqual(await names('?search=grafana'), ['Grafana proxy (Proxy Provider)', 'Grafana (OAuth2/OpenID Provider)']);
    assert.deepEqual(await names('?search=Grafana%20proxy'), ['Grafana proxy (Proxy Provider)']);
    assert.deepEqual(await names('?search=jellyfin'), ['Jellyfin LDAP (LDAP Provider)']);
    assert.deepEqual(await names('?search=nothing-like-it'), []);
    assert.deepEqual(await names('?ordering=-name'), [
      'Nextcloud (OAuth2/OpenID Provider)', 'Jellyfin LDAP (LDAP Provider)', 'Grafana proxy (Proxy Provider)', 'Grafana (OAuth2/OpenID Provider)',
    ]);
  });

  it('/providers/all/ filters backchannel providers (LDAP) and unassigned ones', async () => {
    await createProvider(server(), { name: 'Grafana' });
    server().addOtherProvider('Wiki SCIM', 'scimprovider');
    const names = async (query: string) => (await list<Provider>(`${ALL_PROVIDERS}${query}`)).results.map((p) => p.name);
    assert.deepEqual(await names('?backchannel=true'), ['Jellyfin LDAP', 'Wiki SCIM']);
    assert.deepEqual(await names('?backchannel=false'), ['Grafana proxy', 'Grafana']);
    assert.deepEqual(await names('?backchannel=TRUE'), ['Grafana proxy', 'Jellyfin LDAP', 'Grafana', 'Wiki SCIM'], 'no value: not filtered');
    assert.deepEqual(await names('?application__isnull=true'), ['Grafana proxy', 'Jellyfin LDAP', 'Grafana', 'Wiki SCIM']);
    assert.deepEqual(await names('?application__isnull=false'), []);
    assert.throws(() => server().addOtherProvider('x', 'nosuchprovider'), /unknown provider type "nosuchprovider"/);
  });

  it('refuses an OAuth2 provider whose name a provider of any type has: "provider with this name already exists."', async () => {
    const taken = { name: ['provider with this name already exists.'] };
    for (const name of ['Grafana proxy', 'Jellyfin LDAP', ' Grafana proxy ']) {
      const reply = await call(server(), 'POST', PROVIDERS, { body: validBody(server(), { name }) });
      assert.equal(reply.status, 400, name);
      assert.deepEqual(reply.json, taken, name);
    }
    const mine = await createProvider(server(), { name: 'Grafana' });
    const renamed = await call(server(), 'PATCH', `${PROVIDERS}${mine.pk}/`, { body: { name: 'Jellyfin LDAP' } });
    assert.equal(renamed.status, 400);
    assert.deepEqual(renamed.json, taken);
    const same = await call(server(), 'PUT', `${PROVIDERS}${mine.pk}/`, { body: validBody(server(), { name: 'Grafana' }) });
    assert.equal(same.status, 200, 'its own name is not taken');
    assert.deepEqual(server().providers().map((p) => p.name), ['Grafana']);
  });

  it('/propertymappings/all/ lists every kind with the base fields; the scope list leaves out the SAML mapping', async () => {
    const seed = server().seedObjects;
    const all = await list<PropertyMapping>(ALL_MAPPINGS);
    assert.deepEqual(all.results.map((m) => m.name), [
      'authentik default OAuth Mapping: OpenID \'email\'',
      'authentik default OAuth Mapping: OpenID \'offline_access\'',
      'authentik default OAuth Mapping: OpenID \'openid\'',
      'authentik default OAuth Mapping: OpenID \'profile\'',
      'authentik default SAML Mapping: Email',
    ]);
    for (const row of all.results) assert.deepEqual(Object.keys(row), MAPPING_FIELDS, row.name);
    assert.deepEqual(all.results[4], {
      pk: seed.propertyMappings.samlEmail.pk,
      managed: 'goauthentik.io/providers/saml/email',
      name: 'authentik default SAML Mapping: Email',
      expression: 'return request.user.email',
      component: 'ak-property-mapping-provider-saml-form',
      verbose_name: 'SAML Provider Property Mapping',
      verbose_name_plural: 'SAML Provider Property Mappings',
      meta_model_name: 'authentik_providers_saml.samlpropertymapping',
    });
    const { scope_name: _scope, description: _description, ...openidBase } = seed.scopeMappings.openid;
    assert.deepEqual(all.results[2], openidBase);

    const scopes = await list<ScopeMapping>(SCOPE_MAPPINGS);
    assert.equal(scopes.pagination.count, 4);
    assert.ok(!scopes.results.some((m) => m.pk === seed.propertyMappings.samlEmail.pk), 'not a scope mapping');

    const saml = 'goauthentik.io/providers/saml/email';
    assert.deepEqual((await list<PropertyMapping>(`${ALL_MAPPINGS}?managed=${saml}`)).results.map((m) => m.pk), [seed.propertyMappings.samlEmail.pk]);
    assert.deepEqual((await list<PropertyMapping>(`${ALL_MAPPINGS}?search=saml`)).results.map((m) => m.pk), [seed.propertyMappings.samlEmail.pk]);
    const notAScopeValue = await call(server(), 'GET', `${SCOPE_MAPPINGS}?managed=${saml}`);
    assert.equal(notAScopeValue.status, 400, 'the scope list\'s choices are the scope mappings\' values');
    assert.deepEqual(notAScopeValue.json, { managed: [`Select a valid choice. ${saml} is not one of the available choices.`] });
  });

  it('accepts any property mapping kind and a key pair without a private key, as the API does', async () => {
    const seed = server().seedObjects;
    const created = await createProvider(server(), {
      name: 'Wiki',
      property_mappings: [seed.scopeMappings.openid.pk, seed.propertyMappings.samlEmail.pk],
      signing_key: seed.keyPairs.certificateOnly.pk,
    });
    assert.deepEqual(created.property_mappings, [seed.scopeMappings.openid.pk, seed.propertyMappings.samlEmail.pk]);
    assert.equal(created.signing_key, seed.keyPairs.certificateOnly.pk);
    assert.equal(seed.keyPairs.certificateOnly.private_key_available, false);
  });
});
