import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { newestProfile } from '../../common/profiles';
import { documentValue, isRecord } from '../../server/src/service/documentValue';
import { parseText } from '../../server/src/service/parsedDocument';
import { describeResolved, listsFromSource, PortableLists, referenceTagFindings, resolveRequestBody, resolveTag, scanTags } from '../../server/src/service/portable';
import { StaticReferenceSource } from '../../server/src/service/references';
import { SEED_IDS } from '../authentik-server/seed';
import { seedLists } from '../helpers/portableLists';

const NEWEST = newestProfile();
const { flows, keyPairs, scopeMappings, sources } = SEED_IDS;

function parse(text: string) {
  const parsed = parseText(text, { maxFileSize: 1 << 20 });
  const value = documentValue(parsed);
  assert.ok(value.ok && isRecord(value.value));
  return { scan: scanTags(parsed, NEWEST), value: value.value };
}

/** Each tag of a one-field document and what it resolves to, as `ok value (matched by)` or `reason: message`. */
function resolveAll(text: string, lists: PortableLists = seedLists(), env: Record<string, string> = {}): string[] {
  const { scan } = parse(text);
  assert.deepEqual(scan.findings, []);
  return scan.tags.map((tag) => {
    const result = resolveTag(tag, lists, env);
    return result.ok ? `ok ${JSON.stringify(result.value)}${result.matchedBy ? ` (${result.matchedBy})` : ''}` : `${result.reason}: ${result.message}`;
  });
}

describe('portable resolution: !ref', () => {
  it('resolves flows and OAuth sources by slug, not by name', () => {
    assert.deepEqual(resolveAll('authorization_flow: !ref default-provider-authorization-implicit-consent\njwt_federation_sources: [!ref github, !ref GitHub]\n'), [
      `ok "${flows.implicitConsent}" (slug)`,
      `ok "${sources.github}" (slug)`,
      'not-found: No OAuth source on the server has the slug "GitHub".',
    ]);
    assert.deepEqual(resolveAll('authorization_flow: !ref Authorize Application\n'), [
      'not-found: No authorization flow on the server has the slug "Authorize Application".',
    ]);
  });

  it('resolves key pairs by name, and providers by name to their integer pk', () => {
    assert.deepEqual(resolveAll('signing_key: !ref authentik Self-signed Certificate\njwt_federation_providers: [!ref Nextcloud, !ref "4"]\n'), [
      `ok "${keyPairs.selfSigned}" (name)`,
      'ok 4 (name)',
      'not-found: No OAuth2 provider on the server has the name "4".',
    ]);
  });

  it('resolves a property mapping by name, managed id, or a scope name one mapping has', () => {
    const text = [
      'property_mappings:',
      "  - authentik default OAuth Mapping: OpenID 'email'",
      "  - !ref \"authentik default OAuth Mapping: OpenID 'email'\"",
      '  - !ref goauthentik.io/providers/oauth2/scope-openid',
      '  - !ref offline_access',
      '  - !ref phone',
      '',
    ].join('\n');
    assert.deepEqual(resolveAll(text), [
      `ok "${scopeMappings.email}" (name)`,
      `ok "${scopeMappings.openid}" (managed id)`,
      `ok "${scopeMappings.offlineAccess}" (scope name)`,
      'not-found: No property mapping on the server has the name, managed id or scope name "phone".',
    ]);
  });

  it('a scope name two mappings share is ambiguous, and the message lists both', () => {
    const lists = seedLists();
    const custom = { pk: 'aa5e9c53-0e64-4bde-9d1b-7bd1c1d1b0a1', name: 'Profile with groups', scopeName: 'profile', managed: null };
    lists.scopeMapping = [...lists.scopeMapping!, custom];
    const { scan } = parse('property_mappings: [!ref profile]\n');
    const result = resolveTag(scan.tags[0], lists, {});
    assert.deepEqual(result, {
      ok: false,
      reason: 'ambiguous',
      message: `"profile" matches 2 property mappings: authentik default OAuth Mapping: OpenID 'profile' (${scopeMappings.profile}), Profile with groups (${custom.pk}).`,
      candidates: [lists.scopeMapping[2], custom],
    });
  });

  it('a name is matched before a managed id and a scope name', () => {
    const lists = seedLists();
    const named = { pk: 'bb5e9c53-0e64-4bde-9d1b-7bd1c1d1b0a2', name: 'email', managed: null };
    lists.scopeMapping = [...lists.scopeMapping!, named];
    assert.deepEqual(resolveAll('property_mappings: [!ref email]\n', lists), [`ok "${named.pk}" (name)`]);
  });

  it('when the server\'s objects of a kind are not known, says so instead of guessing', () => {
    assert.deepEqual(resolveAll('signing_key: !ref authentik Self-signed Certificate\n', { flow: seedLists().flow }), [
      'unknown: The server\'s certificate key pairs are not known, so "authentik Self-signed Certificate" cannot be resolved.',
    ]);
  });
});

describe('portable resolution: !Find', () => {
  it('resolves the lookups of authentik\'s oidc-conformance blueprint', () => {
    const text = [
      'invalidation_flow: !Find [authentik_flows.flow, [slug, default-provider-invalidation-flow]]',
      'property_mappings: [!Find [authentik_providers_oauth2.scopemapping, [managed, goauthentik.io/providers/oauth2/scope-openid]]]',
      'signing_key: !Find [authentik_crypto.certificatekeypair, [name, authentik Self-signed Certificate]]',
      `encryption_key: !Find [authentik_crypto.certificatekeypair, [pk, ${keyPairs.certificateOnly.toUpperCase()}]]`,
      'jwt_federation_providers: [!Find [authentik_providers_oauth2.oauth2provider, [pk, 3]]]',
      '',
    ].join('\n');
    assert.deepEqual(resolveAll(text), [
      `ok "${flows.providerInvalidation}" (slug)`,
      `ok "${scopeMappings.openid}" (managed id)`,
      `ok "${keyPairs.selfSigned}" (name)`,
      `ok "${keyPairs.certificateOnly}" (pk)`,
      'ok 3 (pk)',
    ]);
  });

  it('ANDs several conditions; a flow name two flows share is ambiguous unless another condition narrows it', () => {
    const text = [
      'authorization_flow: !Find [authentik_flows.flow, [name, Authorize Application]]',
      'authentication_flow: !Find [authentik_flows.flow, [name, Authorize Application], [slug, default-provider-authorization-explicit-consent]]',
      'invalidation_flow: !Find [authentik_flows.flow, [name, Logout], [slug, default-provider-invalidation-flow]]',
      '',
    ].join('\n');
    assert.deepEqual(resolveAll(text), [
      `ambiguous: Name "Authorize Application" matches 2 flows: Authorize Application (${flows.explicitConsent}), Authorize Application (${flows.implicitConsent}).`,
      `ok "${flows.explicitConsent}"`,
      'not-found: No invalidation flow on the server has name "Logout" and slug "default-provider-invalidation-flow".',
    ]);
  });
});

describe('portable resolution: !env', () => {
  it('takes the value from the injected environment; an unset variable is an error naming it, an empty one is a value', () => {
    assert.deepEqual(resolveAll('client_secret: !env GRAFANA_CLIENT_SECRET\nclient_id: !env GRAFANA_CLIENT_ID\nname: !env EMPTY\n', seedLists(), { GRAFANA_CLIENT_SECRET: 's3cr3t', EMPTY: '' }), [
      'ok "s3cr3t"',
      'env-missing: The environment variable GRAFANA_CLIENT_ID is not set.',
      'ok ""',
    ]);
  });

  it('does not read inherited properties of the environment object', () => {
    assert.deepEqual(resolveAll('client_id: !env toString\n', seedLists(), {}), ['env-missing: The environment variable toString is not set.']);
  });
});

describe('portable resolution: the request body', () => {
  const TEXT = [
    'name: Grafana',
    'authorization_flow: !ref default-provider-authorization-explicit-consent',
    'invalidation_flow: !Find [authentik_flows.flow, [slug, default-provider-invalidation-flow]]',
    'property_mappings:',
    '  - !ref goauthentik.io/providers/oauth2/scope-openid',
    `  - ${scopeMappings.email}`,
    'client_id: grafana',
    'client_secret: !env GRAFANA_CLIENT_SECRET',
    'redirect_uris:',
    '  - matching_mode: strict',
    '    url: https://grafana.example.com/login/generic_oauth',
    'jwt_federation_providers: [!ref Nextcloud]',
    '',
  ].join('\n');

  it('replaces every tag and leaves the rest as written', () => {
    const { scan, value } = parse(TEXT);
    const result = resolveRequestBody(value, scan.tags, seedLists(), { GRAFANA_CLIENT_SECRET: 'from-the-environment' });
    assert.ok(result.ok);
    assert.deepEqual(result.body, {
      name: 'Grafana',
      authorization_flow: flows.explicitConsent,
      invalidation_flow: flows.providerInvalidation,
      property_mappings: [scopeMappings.openid, scopeMappings.email],
      client_id: 'grafana',
      client_secret: 'from-the-environment',
      redirect_uris: [{ matching_mode: 'strict', url: 'https://grafana.example.com/login/generic_oauth' }],
      jwt_federation_providers: [4],
    });
    assert.deepEqual(
      result.resolved.map((r) => `${r.tag.field} ${r.resolution.object ? r.resolution.object.name : '(environment)'}`),
      ['authorization_flow Authorize Application', 'invalidation_flow Logged out of application', "property_mappings authentik default OAuth Mapping: OpenID 'openid'", 'client_secret (environment)', 'jwt_federation_providers Nextcloud'],
    );
    // The document's own value is not changed.
    assert.equal(value.authorization_flow, 'default-provider-authorization-explicit-consent');
  });

  it('lists every failure on its tag\'s range, with the candidates of an ambiguous one, and never a secret', () => {
    const lists = seedLists();
    lists.flow = lists.flow!.filter((f) => f.slug !== 'default-provider-invalidation-flow');
    lists.oauth2Provider = [...lists.oauth2Provider!, { pk: '9', name: 'Nextcloud' }];
    const { scan, value } = parse(TEXT);
    const result = resolveRequestBody(value, scan.tags, lists, { OTHER: 'unrelated-secret' });
    assert.equal(result.ok, false);
    assert.ok(!result.ok);
    assert.deepEqual(
      result.failures.map((f) => `${f.code} ${f.severity} ${JSON.stringify(TEXT.slice(f.start, f.end))} ${f.message} ${JSON.stringify(f.data)}`),
      [
        'reference-unresolved error "!Find [authentik_flows.flow, [slug, default-provider-invalidation-flow]]" No invalidation flow on the server has slug "default-provider-invalidation-flow". {"key":"invalidation_flow"}',
        'env-missing error "!env GRAFANA_CLIENT_SECRET" The environment variable GRAFANA_CLIENT_SECRET is not set. {"key":"client_secret"}',
        'reference-ambiguous error "!ref Nextcloud" "Nextcloud" matches 2 OAuth2 providers: Nextcloud (4), Nextcloud (9). {"key":"jwt_federation_providers","candidates":["4","9"]}',
      ],
    );
    assert.ok(!JSON.stringify(result).includes('unrelated-secret'));
  });

  it('replaces a tag reached through an alias at every place it is used', () => {
    const { scan, value } = parse('authentication_flow: &f !ref default-provider-authorization-explicit-consent\nauthorization_flow: *f\n');
    const result = resolveRequestBody(value, scan.tags, seedLists(), {});
    assert.ok(result.ok);
    assert.deepEqual(result.body, { authentication_flow: flows.explicitConsent, authorization_flow: flows.explicitConsent });
  });

  it('an !env on a key named __proto__ sets that key, not the prototype', () => {
    const { scan, value } = parse('__proto__: !env X\n');
    const result = resolveRequestBody(value, scan.tags, seedLists(), { X: 'v' });
    assert.ok(result.ok);
    assert.equal(Object.getPrototypeOf(result.body), Object.prototype);
    assert.deepEqual(Object.getOwnPropertyDescriptor(result.body, '__proto__')?.value, 'v');
  });
});

describe('portable resolution: what the editor and a dry run show', () => {
  const TEXT = 'authorization_flow: !ref default-provider-authorization-explicit-consent\nsigning_key: !ref nope\nproperty_mappings: [!ref profile]\nclient_secret: !env S\n';

  it('referenceTagFindings: errors for what matches nothing or several, nothing for what resolves, nothing for !env', () => {
    const lists = seedLists();
    lists.scopeMapping = [...lists.scopeMapping!, { pk: 'cc5e9c53-0e64-4bde-9d1b-7bd1c1d1b0a3', name: 'Profile 2', scopeName: 'profile' }];
    const { scan } = parse(TEXT);
    assert.deepEqual(
      referenceTagFindings(scan.tags, lists).map((f) => `${f.code} ${f.severity} ${JSON.stringify(TEXT.slice(f.start, f.end))} ${f.message}`),
      [
        'reference-unresolved error "!ref nope" No certificate key pair on the server has the name "nope". The server\'s certificate key pairs: "Example Corp Root CA" and "authentik Self-signed Certificate".',
        `reference-ambiguous error "!ref profile" "profile" matches 2 property mappings: authentik default OAuth Mapping: OpenID 'profile' (${scopeMappings.profile}), Profile 2 (cc5e9c53-0e64-4bde-9d1b-7bd1c1d1b0a3).`,
      ],
    );
  });

  it('referenceTagFindings offline: information that it is resolved at deploy', () => {
    const { scan } = parse(TEXT);
    assert.deepEqual(
      referenceTagFindings(scan.tags, listsFromSource(undefined)).map((f) => `${f.code} ${f.severity} ${f.message}`),
      [
        "reference-deferred information Resolved when deploying: the server's flows are not known now.",
        "reference-deferred information Resolved when deploying: the server's certificate key pairs are not known now.",
        "reference-deferred information Resolved when deploying: the server's property mappings are not known now.",
      ],
    );
  });

  it('listsFromSource takes what a live reference source knows', () => {
    const lists = seedLists();
    const source = new StaticReferenceSource({ flow: lists.flow!, certificateKeyPair: { objects: lists.certificateKeyPair!, stale: true } });
    assert.deepEqual(listsFromSource(source), { flow: lists.flow, certificateKeyPair: lists.certificateKeyPair });
  });

  it('describeResolved shows the tag and its object, and for !env only that it is set', () => {
    const { scan, value } = parse(TEXT.replace('!ref nope', '!Find [authentik_crypto.certificatekeypair, [name, authentik Self-signed Certificate]]'));
    const result = resolveRequestBody(value, scan.tags, seedLists(), { S: 'hidden-value' });
    assert.deepEqual(result.resolved.map(describeResolved), [
      `!ref default-provider-authorization-explicit-consent → Authorize Application (${flows.explicitConsent})`,
      `!Find [authentik_crypto.certificatekeypair, [name, authentik Self-signed Certificate]] → authentik Self-signed Certificate (${keyPairs.selfSigned})`,
      `!ref profile → authentik default OAuth Mapping: OpenID 'profile' (${scopeMappings.profile})`,
      '!env S: set',
    ]);
  });
});
