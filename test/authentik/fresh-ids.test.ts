import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AuthentikTestServer, Paginated, SEED_IDS, startAuthentikTestServer } from '../authentik-server';
import { call, createProvider, PROVIDERS, validBody } from './helpers';

/** Every list an OAuth2 provider file can refer into. */
const LISTS = [
  '/api/v3/flows/instances/',
  '/api/v3/crypto/certificatekeypairs/',
  '/api/v3/propertymappings/provider/scope/',
  '/api/v3/propertymappings/all/',
  '/api/v3/sources/oauth/',
  '/api/v3/providers/all/',
];
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
/** Certificate fingerprints come from the certificate, which another install generates anew. */
const FINGERPRINT_KEYS = new Set(['fingerprint_sha256', 'fingerprint_sha1']);

async function snapshot(server: AuthentikTestServer): Promise<unknown[]> {
  const bodies: unknown[] = [];
  for (const path of LISTS) {
    const reply = await call(server, 'GET', `${path}?page_size=1000`);
    assert.equal(reply.status, 200, `${path}: ${reply.text}`);
    bodies.push(reply.json);
  }
  return bodies;
}

/** The object ids in a response: every UUID except inside JWKS documents (a key id there is data). */
function objectIds(value: unknown, into = new Set<string>()): Set<string> {
  if (typeof value === 'string') for (const match of value.match(UUID) ?? []) into.add(match);
  else if (Array.isArray(value)) for (const item of value) objectIds(item, into);
  else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) if (key !== 'oidc_jwks') objectIds(item, into);
  }
  return into;
}

/** The responses with each id replaced by the order it first appears in: equal when only the ids differ. */
function withoutIds(bodies: unknown[]): string {
  const order = new Map<string, string>();
  const ids = objectIds(bodies);
  const text = JSON.stringify(bodies, (key, value: unknown) => (FINGERPRINT_KEYS.has(key) && value !== null ? '<fingerprint>' : value));
  return text.replace(UUID, (id) => {
    if (!ids.has(id)) return id;
    if (!order.has(id)) order.set(id, `<id ${order.size}>`);
    return order.get(id)!;
  });
}

function intersection(a: Set<string>, b: Set<string>): string[] {
  return [...a].filter((id) => b.has(id));
}

describe('authentik test server: --fresh-ids, two installs that differ only in ids', () => {
  let fixed: AuthentikTestServer;
  let fresh: AuthentikTestServer;
  let another: AuthentikTestServer;
  before(async () => {
    [fixed, fresh, another] = await Promise.all([
      startAuthentikTestServer(),
      startAuthentikTestServer({ freshIds: true }),
      startAuthentikTestServer({ freshIds: true }),
    ]);
  });
  after(async () => {
    await Promise.all([fixed, fresh, another].map((server) => server?.close()));
  });

  it('serves the same objects, slugs, names and references, under disjoint UUIDs', async () => {
    for (const server of [fixed, fresh, another]) {
      server.reset();
      server.addFlows(2);
      server.addScopeMappings(1);
      await createProvider(server, { name: 'Grafana', signing_key: server.seedObjects.keyPairs.selfSigned.pk });
    }
    const [a, b, c] = await Promise.all([fixed, fresh, another].map(snapshot));
    assert.equal(withoutIds(b), withoutIds(a));
    assert.equal(withoutIds(c), withoutIds(a));
    const [idsA, idsB, idsC] = [a, b, c].map((bodies) => objectIds(bodies));
    assert.ok(idsA.size >= 20, `ids found: ${idsA.size}`);
    assert.equal(idsB.size, idsA.size);
    assert.deepEqual(intersection(idsA, idsB), []);
    assert.deepEqual(intersection(idsB, idsC), []);
    assert.deepEqual(intersection(idsA, idsC), []);
  });

  it('seedObjects has the UUIDs this server uses, none of SEED_IDS, and reset() keeps them', async () => {
    const seed = fresh.seedObjects;
    assert.equal(seed.flows.explicitConsent.slug, 'default-provider-authorization-explicit-consent');
    assert.equal(seed.keyPairs.selfSigned.name, fixed.seedObjects.keyPairs.selfSigned.name);
    const fixedIds = objectIds(SEED_IDS);
    assert.deepEqual(intersection(objectIds(seed), fixedIds), []);
    fresh.reset();
    assert.deepEqual(objectIds(fresh.seedObjects), objectIds(seed));
    const flows = (await call(fresh, 'GET', '/api/v3/flows/instances/?slug=default-provider-authorization-explicit-consent')).json as Paginated<{ pk: string }>;
    assert.deepEqual(flows.results.map((f) => f.pk), [seed.flows.explicitConsent.pk]);
  });

  it('accepts its own UUIDs in a provider and refuses the fixed ones, as another install would', async () => {
    fresh.reset();
    const created = await createProvider(fresh, { name: 'Grafana', property_mappings: [fresh.seedObjects.scopeMappings.openid.pk] });
    assert.equal(created.authorization_flow, fresh.seedObjects.flows.explicitConsent.pk);
    const foreign = await call(fresh, 'POST', PROVIDERS, {
      body: validBody(fresh, { name: 'Nextcloud', authorization_flow: SEED_IDS.flows.explicitConsent, property_mappings: [SEED_IDS.scopeMappings.openid] }),
    });
    assert.equal(foreign.status, 400);
    assert.deepEqual(foreign.json, {
      authorization_flow: [`Invalid pk "${SEED_IDS.flows.explicitConsent}" - object does not exist.`],
      property_mappings: [`Invalid pk "${SEED_IDS.scopeMappings.openid}" - object does not exist.`],
    });
  });
});
