import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import type { Paginated } from '../authentik-server';
import { call, createProvider, PROVIDERS, useServer } from './helpers';

const KEY_PAIRS = '/api/v3/crypto/certificatekeypairs/';
const SCOPE_MAPPINGS = '/api/v3/propertymappings/provider/scope/';
const SOURCES = '/api/v3/sources/oauth/';

/**
 * authentik declares its boolean filters with django_filters.filters.BooleanFilter, whose form field
 * (NullBooleanField) reads the query with Django's NullBooleanSelect: "True", "true", "2" are true,
 * "False", "false", "3" false, and everything else is no value, so the filter is skipped (no 400).
 * Filters built from a view's filterset_fields use django-filter's BooleanWidget instead.
 */
const NULL_BOOLEAN_SELECT: [string, boolean | undefined][] = [
  ['True', true], ['true', true], ['2', true],
  ['False', false], ['false', false], ['3', false],
  ['TRUE', undefined], ['FALSE', undefined], ['1', undefined], ['0', undefined], ['yes', undefined], ['on', undefined], ['', undefined], ['maybe', undefined],
];
const BOOLEAN_WIDGET: [string, boolean | undefined][] = [
  ['true', true], ['True', true], ['TRUE', true], ['1', true],
  ['false', false], ['False', false], ['FALSE', false], ['0', false],
  ['2', undefined], ['3', undefined], ['yes', undefined], ['t', undefined], ['', undefined],
];

describe('authentik test server: query filters read values as django-filter does', () => {
  const server = useServer();
  beforeEach(() => server().reset());

  const names = async (path: string, key = 'name'): Promise<string[]> => {
    const reply = await call(server(), 'GET', path);
    assert.equal(reply.status, 200, `${path}: ${reply.text}`);
    return (reply.json as Paginated<Record<string, string>>).results.map((row) => row[key]);
  };

  it('has_key: true keeps the pairs with a private key, false and no value list every pair', async () => {
    const all = ['authentik Self-signed Certificate', 'Example Corp Root CA'];
    for (const [value, flag] of NULL_BOOLEAN_SELECT) {
      const expected = flag === true ? ['authentik Self-signed Certificate'] : all;
      assert.deepEqual(await names(`${KEY_PAIRS}?has_key=${encodeURIComponent(value)}`), expected, `has_key=${value}`);
    }
    assert.deepEqual(await names(`${KEY_PAIRS}?has_key=true&has_key=false`), all, 'the last value counts');
    assert.deepEqual(await names(`${KEY_PAIRS}?managed=None`), [], 'no pair is managed: managed=<text> equals no NULL');
    assert.deepEqual(await names(`${KEY_PAIRS}?managed=null`), []);
  });

  it('has_jwks: any true or false keeps the sources with JWKS (the method ignores the value), no value lists all', async () => {
    for (const [value, flag] of NULL_BOOLEAN_SELECT) {
      const expected = flag === undefined ? ['GitHub', 'GitHub Actions'] : ['GitHub Actions'];
      assert.deepEqual(await names(`${SOURCES}?has_jwks=${encodeURIComponent(value)}`), expected, `has_jwks=${value}`);
    }
  });

  it('enabled on OAuth sources and managed__isnull on scope mappings filter by the value', async () => {
    for (const [value, flag] of NULL_BOOLEAN_SELECT) {
      const sources = await names(`${SOURCES}?enabled=${encodeURIComponent(value)}`);
      assert.deepEqual(sources, flag === false ? [] : ['GitHub', 'GitHub Actions'], `enabled=${value}`);
    }
    server().addScopeMappings(1); // an unmanaged mapping
    const unmanaged = ["Test mapping 'test_scope_0001'"];
    assert.deepEqual(await names(`${SCOPE_MAPPINGS}?managed__isnull=true`), unmanaged);
    assert.deepEqual(await names(`${SCOPE_MAPPINGS}?managed__isnull=True`), unmanaged);
    assert.equal((await names(`${SCOPE_MAPPINGS}?managed__isnull=false`)).length, 4);
    assert.equal((await names(`${SCOPE_MAPPINGS}?managed__isnull=3`)).length, 4);
    assert.equal((await names(`${SCOPE_MAPPINGS}?managed__isnull=1`)).length, 5, '"1" is no value for NullBooleanSelect');
  });

  it('include_claims_in_id_token on OAuth2 providers reads any case of true/false/1/0 (BooleanWidget)', async () => {
    await createProvider(server(), { name: 'with claims' });
    await createProvider(server(), { name: 'without claims', include_claims_in_id_token: false });
    for (const [value, flag] of BOOLEAN_WIDGET) {
      const expected = flag === undefined ? ['with claims', 'without claims'] : flag ? ['with claims'] : ['without claims'];
      assert.deepEqual(await names(`${PROVIDERS}?include_claims_in_id_token=${encodeURIComponent(value)}`), expected, value);
    }
  });

  it('managed on scope mappings: any of several values; a value no mapping has is a 400, even ""', async () => {
    const openid = 'goauthentik.io/providers/oauth2/scope-openid';
    const email = 'goauthentik.io/providers/oauth2/scope-email';
    assert.deepEqual(await names(`${SCOPE_MAPPINGS}?managed=${openid}&managed=${email}`, 'scope_name'), ['email', 'openid']);
    for (const value of ['goauthentik.io/providers/oauth2/scope-nope', '']) {
      const reply = await call(server(), 'GET', `${SCOPE_MAPPINGS}?managed=${openid}&managed=${encodeURIComponent(value)}`);
      assert.equal(reply.status, 400, value);
      assert.deepEqual(reply.json, { managed: [`Select a valid choice. ${value} is not one of the available choices.`] });
    }
  });
});
