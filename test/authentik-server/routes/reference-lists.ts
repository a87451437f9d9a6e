import { nullBooleanSelect } from '../boolean-query';
import { ListSpec, queryObjects } from '../list-query';
import type { CertificateKeyPair, Flow, OAuthSource, ScopeMapping } from '../model-types';
import { lastValue, paginate } from '../pagination';
import { ApiResponse, jsonResponse } from '../responses';
import type { RequestContext, View } from '../router';

/** The read-only lists an editor completes UUID fields from. */

const FLOW_DESIGNATIONS = ['authentication', 'authorization', 'enrollment', 'invalidation', 'recovery', 'stage_configuration', 'unenrollment'];

const FLOWS: ListSpec<Flow> = {
  filters: [
    { param: 'designation', kind: 'choice', field: 'designation', choices: FLOW_DESIGNATIONS },
    { param: 'denied_action', kind: 'choice', field: 'denied_action', choices: ['continue', 'message', 'message_continue'] },
    { param: 'slug', kind: 'exact', field: 'slug' },
    { param: 'name', kind: 'exact', field: 'name' },
    { param: 'flow_uuid', kind: 'exact', field: 'pk' },
  ],
  searchFields: ['name', 'slug', 'designation', 'title'],
  defaultOrdering: ['slug'],
};

const KEY_PAIRS: ListSpec<CertificateKeyPair> = {
  filters: [
    { param: 'name', kind: 'exact', field: 'name' },
    { param: 'managed', kind: 'exact', field: 'managed' },
    // authentik's filter_has_key: `if not value: return queryset`, so has_key=false lists every pair.
    { param: 'has_key', kind: 'boolean', widget: nullBooleanSelect, apply: (items, value) => (value ? items.filter((k) => k.private_key_available) : items) },
  ],
  searchFields: ['name'],
  defaultOrdering: ['name'],
};

const SCOPE_MAPPINGS: ListSpec<ScopeMapping> = {
  filters: [
    { param: 'name', kind: 'exact', field: 'name' },
    { param: 'scope_name', kind: 'exact', field: 'scope_name' },
    { param: 'managed', kind: 'allValues', field: 'managed' },
    { param: 'managed__isnull', kind: 'boolean', widget: nullBooleanSelect, apply: (items, value) => items.filter((m) => (m.managed === null) === value) },
  ],
  searchFields: ['name', 'scope_name'],
  defaultOrdering: ['scope_name', 'name'],
};

const OAUTH_SOURCES: ListSpec<OAuthSource> = {
  filters: [
    { param: 'name', kind: 'exact', field: 'name' },
    { param: 'slug', kind: 'exact', field: 'slug' },
    { param: 'enabled', kind: 'boolean', widget: nullBooleanSelect, apply: (items, value) => items.filter((s) => s.enabled === value) },
    // authentik's filter_has_jwks does not look at the value: has_jwks=false also keeps only sources with JWKS.
    { param: 'has_jwks', kind: 'boolean', widget: nullBooleanSelect, apply: (items) => items.filter((s) => Object.keys(s.oidc_jwks).length > 0) },
  ],
  searchFields: ['name', 'slug'],
  defaultOrdering: ['name'],
};

function listOf<T extends object>(rows: (context: RequestContext) => T[], spec: ListSpec<T>, render: (row: T, context: RequestContext) => T = (row) => row) {
  return (context: RequestContext): ApiResponse => {
    const listed = queryObjects(rows(context), context.query, spec);
    if (!listed.ok) return listed.response;
    const page = paginate(listed.items, context.query);
    if (!page.ok) return page.response;
    return jsonResponse(200, { ...page.body, results: page.body.results.map((row) => render(row, context)) });
  };
}

/**
 * include_details=false (anything but "true", any case) leaves out what needs the certificate parsed;
 * releases without the parameter (2026.2 on) ignore it.
 */
function renderKeyPair(keyPair: CertificateKeyPair, context: RequestContext): CertificateKeyPair {
  const declared = context.release.declaresQuery('/crypto/certificatekeypairs/', 'include_details');
  const includeDetails = !declared || (lastValue(context.query, 'include_details') ?? 'true').toLowerCase() === 'true';
  if (includeDetails) return keyPair;
  return { ...keyPair, fingerprint_sha256: null, fingerprint_sha1: null, cert_expiry: null, cert_subject: null, private_key_type: null };
}

export const referenceListViews: View[] = [
  { name: 'Flow List', pattern: /^\/api\/v3\/flows\/instances\/$/, methods: { GET: listOf((c) => c.store.flows, FLOWS) } },
  {
    name: 'Certificate-Key Pair List',
    pattern: /^\/api\/v3\/crypto\/certificatekeypairs\/$/,
    methods: { GET: listOf((c) => c.store.keyPairs, KEY_PAIRS, renderKeyPair) },
  },
  { name: 'Scope Mapping List', pattern: /^\/api\/v3\/propertymappings\/provider\/scope\/$/, methods: { GET: listOf((c) => c.store.scopeMappings, SCOPE_MAPPINGS) } },
  { name: 'OAuth Source List', pattern: /^\/api\/v3\/sources\/oauth\/$/, methods: { GET: listOf((c) => c.store.oauthSources, OAUTH_SOURCES) } },
];
