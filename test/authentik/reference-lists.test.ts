import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, it } from 'node:test';
import { AuthentikTestServer, CertificateKeyPair, Flow, OAuthSource, Paginated, ScopeMapping, SEED_IDS, startAuthentikTestServer } from '../authentik-server';
import YAML from 'yaml';
import { call, useServer } from './helpers';

const FLOWS = '/api/v3/flows/instances/';
const KEY_PAIRS = '/api/v3/crypto/certificatekeypairs/';
const SCOPE_MAPPINGS = '/api/v3/propertymappings/provider/scope/';
const SOURCES = '/api/v3/sources/oauth/';

async function list<T>(server: AuthentikTestServer, path: string): Promise<Paginated<T>> {
  const reply = await call(server, 'GET', path);
  assert.equal(reply.status, 200, `${path}: ${reply.text}`);
  return reply.json as Paginated<T>;
}

describe('authentik test server: the lists UUID fields are completed from', () => {
  const server = useServer();
  beforeEach(() => server().reset());

  it('lists the authorization flows by slug; both are called "Authorize Application"', async () => {
    const page = await list<Flow>(server(), `${FLOWS}?designation=authorization&ordering=slug`);
    assert.deepEqual(
      page.results.map((f) => [f.pk, f.slug, f.name]),
      [
        [SEED_IDS.flows.explicitConsent, 'default-provider-authorization-explicit-consent', 'Authorize Application'],
        [SEED_IDS.flows.implicitConsent, 'default-provider-authorization-implicit-consent', 'Authorize Application'],
      ],
    );
    assert.equal(page.pagination.count, 2);
  });

  it('filters flows by designation and slug, and rejects an unknown designation', async () => {
    const authentication = await list<Flow>(server(), `${FLOWS}?designation=authentication`);
    assert.deepEqual(authentication.results.map((f) => [f.slug, f.name]), [['default-authentication-flow', 'Welcome to authentik!']]);
    const bySlug = await list<Flow>(server(), `${FLOWS}?slug=default-invalidation-flow`);
    assert.deepEqual(bySlug.results.map((f) => f.designation), ['invalidation']);
    assert.equal((await list<Flow>(server(), FLOWS)).pagination.count, 4);
    const bad = await call(server(), 'GET', `${FLOWS}?designation=login`);
    assert.equal(bad.status, 400);
    assert.deepEqual(bad.json, { designation: ['Select a valid choice. login is not one of the available choices.'] });
  });

  it('orders flows by any field, descending with "-"', async () => {
    const page = await list<Flow>(server(), `${FLOWS}?ordering=-slug`);
    assert.deepEqual(page.results.map((f) => f.slug), [
      'default-provider-authorization-implicit-consent',
      'default-provider-authorization-explicit-consent',
      'default-invalidation-flow',
      'default-authentication-flow',
    ]);
  });

  it('lists key pairs; has_key=true keeps those with a private key', async () => {
    const all = await list<CertificateKeyPair>(server(), KEY_PAIRS);
    assert.deepEqual(all.results.map((k) => [k.name, k.private_key_available]), [
      ['authentik Self-signed Certificate', true],
      ['Example Corp Root CA', false],
    ]);
    const withKey = await list<CertificateKeyPair>(server(), `${KEY_PAIRS}?has_key=true&include_details=false&ordering=name`);
    assert.deepEqual(withKey.results.map((k) => k.pk), [SEED_IDS.keyPairs.selfSigned]);
    // authentik's filter_has_key returns the queryset unchanged for false: every pair, the certificate-only one too.
    const unfiltered = await list<CertificateKeyPair>(server(), `${KEY_PAIRS}?has_key=false`);
    assert.deepEqual(unfiltered.results.map((k) => k.pk), [SEED_IDS.keyPairs.selfSigned, SEED_IDS.keyPairs.certificateOnly]);
  });

  it('leaves out the certificate details with include_details=false', async () => {
    const [detailed] = (await list<CertificateKeyPair>(server(), `${KEY_PAIRS}?has_key=true`)).results;
    assert.match(String(detailed.fingerprint_sha256), /^([0-9a-f]{2}:){31}[0-9a-f]{2}$/);
    assert.equal(detailed.private_key_type, 'rsa');
    assert.equal(detailed.cert_subject, 'OU=Self-signed,O=authentik,CN=authentik Self-signed Certificate');
    const [plain] = (await list<CertificateKeyPair>(server(), `${KEY_PAIRS}?has_key=true&include_details=False`)).results;
    assert.deepEqual(plain, { ...detailed, fingerprint_sha256: null, fingerprint_sha1: null, cert_expiry: null, cert_subject: null, private_key_type: null });
  });

  it('lists the four default scope mappings by scope name', async () => {
    const page = await list<ScopeMapping>(server(), `${SCOPE_MAPPINGS}?ordering=scope_name`);
    assert.deepEqual(page.results.map((m) => [m.scope_name, m.name]), [
      ['email', "authentik default OAuth Mapping: OpenID 'email'"],
      ['offline_access', "authentik default OAuth Mapping: OpenID 'offline_access'"],
      ['openid', "authentik default OAuth Mapping: OpenID 'openid'"],
      ['profile', "authentik default OAuth Mapping: OpenID 'profile'"],
    ]);
    const byScope = await list<ScopeMapping>(server(), `${SCOPE_MAPPINGS}?scope_name=profile`);
    assert.deepEqual(byScope.results.map((m) => m.pk), [SEED_IDS.scopeMappings.profile]);
    const managed = await list<ScopeMapping>(
      server(),
      `${SCOPE_MAPPINGS}?managed=goauthentik.io/providers/oauth2/scope-email&managed=goauthentik.io/providers/oauth2/scope-openid`,
    );
    assert.deepEqual(managed.results.map((m) => m.scope_name), ['email', 'openid']);
  });

  it('lists OAuth sources; has_jwks keeps those with JWKS', async () => {
    const all = await list<OAuthSource>(server(), `${SOURCES}?ordering=name`);
    assert.deepEqual(all.results.map((s) => `${s.name} (${s.slug})`), ['GitHub (github)', 'GitHub Actions (github-actions)']);
    const withJwks = await list<OAuthSource>(server(), `${SOURCES}?has_jwks=true&ordering=name`);
    assert.deepEqual(withJwks.results.map((s) => s.pk), [SEED_IDS.sources.githubActions]);
    assert.equal((await list<OAuthSource>(server(), `${SOURCES}?has_jwks=False`)).pagination.count, 1, 'the value is ignored');
  });

  it('pages through many objects', async () => {
    server().addFlows(250);
    const first = await list<Flow>(server(), `${FLOWS}?designation=authorization&ordering=slug`);
    assert.deepEqual(first.pagination, { next: 2, previous: 0, count: 252, current: 1, total_pages: 3, start_index: 1, end_index: 100 });
    assert.equal(first.results.length, 100);
    const last = await list<Flow>(server(), `${FLOWS}?designation=authorization&ordering=slug&page=3`);
    assert.deepEqual(last.pagination, { next: 0, previous: 2, count: 252, current: 3, total_pages: 3, start_index: 201, end_index: 252 });
    assert.equal(last.results.at(-1)?.slug, 'test-flow-0250');
    const seen = new Set<string>();
    for (let page = 1; page <= 3; page++) {
      for (const flow of (await list<Flow>(server(), `${FLOWS}?designation=authorization&page=${page}`)).results) seen.add(flow.pk);
    }
    assert.equal(seen.size, 252, 'the pages neither overlap nor leave anything out');
  });

  it('adds many of each kind for pagination tests', async () => {
    server().addCertificateKeyPairs(3);
    server().addScopeMappings(120);
    server().addOAuthSources(2, false);
    assert.equal((await list(server(), `${KEY_PAIRS}?has_key=true`)).pagination.count, 4);
    assert.deepEqual((await list(server(), `${SCOPE_MAPPINGS}?page_size=50`)).pagination, {
      next: 2, previous: 0, count: 124, current: 1, total_pages: 3, start_index: 1, end_index: 50,
    });
    assert.equal((await list(server(), `${SOURCES}?has_jwks=true`)).pagination.count, 1);
    assert.equal((await list(server(), SOURCES)).pagination.count, 4);
  });

  it('reports version 2024.8.4', async () => {
    const reply = await call(server(), 'GET', '/api/v3/admin/version/');
    assert.equal(reply.status, 200);
    assert.deepEqual(reply.json, {
      version_current: '2024.8.4',
      version_latest: '2024.8.4',
      version_latest_valid: true,
      build_hash: '',
      outdated: false,
      outpost_outdated: false,
    });
  });

  it('serves its OpenAPI schema without authentication: the repository\'s 2024.8.4 subset', async () => {
    const subset = readFileSync(path.resolve(__dirname, '../../schemas/openapi/authentik-2024.8.4.oauth2-subset.yml'), 'utf8');
    const yaml = await call(server(), 'GET', '/api/v3/schema/', { token: null });
    assert.equal(yaml.status, 200);
    assert.equal(yaml.headers.get('content-type'), 'application/vnd.oai.openapi; charset=utf-8');
    assert.equal(yaml.text, subset);
    const json = await call(server(), 'GET', '/api/v3/schema/?format=json', { token: null });
    assert.equal(json.headers.get('content-type'), 'application/vnd.oai.openapi+json; charset=utf-8');
    assert.deepEqual(json.json, YAML.parse(subset));
    assert.equal((json.json as { info: { version: string } }).info.version, '2024.8.4');
  });

  it('answers the health checks without authentication', async () => {
    for (const path of ['/-/health/live/', '/-/health/ready/']) {
      const reply = await call(server(), 'GET', path, { token: null });
      assert.equal(reply.status, 204, path);
    }
  });

  it('starts empty without the seed, and can report another version', async () => {
    const bare = await startAuthentikTestServer({ seed: false, version: '2024.10.1' });
    try {
      for (const path of [FLOWS, KEY_PAIRS, SCOPE_MAPPINGS, SOURCES]) {
        assert.deepEqual((await list(bare, path)).pagination, { next: 0, previous: 0, count: 0, current: 1, total_pages: 1, start_index: 0, end_index: 0 });
      }
      const version = await call(bare, 'GET', '/api/v3/admin/version/');
      assert.equal((version.json as { version_current: string }).version_current, '2024.10.1');
      // Without the seeded proxy provider its name is free; a 2024.10 server wants an invalidation flow too.
      const body = { name: 'Grafana proxy', authorization_flow: bare.addFlows(1)[0].pk, invalidation_flow: bare.addFlows(1, 'invalidation')[0].pk };
      const created = await call(bare, 'POST', '/api/v3/providers/oauth2/', { body });
      assert.equal(created.status, 201, created.text);
      assert.equal((created.json as { pk: number }).pk, 1);
    } finally {
      await bare.close();
    }
  });
});
