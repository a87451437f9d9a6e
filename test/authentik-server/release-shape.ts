import type { ServedRelease } from './release';
import type { ApiResponse } from './responses';
import type { RequestContext } from './router';
import type { Store } from './store';

/**
 * The objects of the lists as the release serializes them. The store holds them as 2024.8.4 does;
 * here each list item gets the fields of the release's component, in its order: what later releases
 * added is filled in as they compute it, what they dropped (a key pair's private_key_type) is left
 * out, and the lists carry `autocomplete` from 2025.8 on.
 */

const LISTS: [RegExp, string][] = [
  [/^\/api\/v3\/flows\/instances\/$/, 'Flow'],
  [/^\/api\/v3\/crypto\/certificatekeypairs\/$/, 'CertificateKeyPair'],
  [/^\/api\/v3\/propertymappings\/provider\/scope\/$/, 'ScopeMapping'],
  [/^\/api\/v3\/sources\/oauth\/$/, 'OAuthSource'],
  [/^\/api\/v3\/providers\/all\/$/, 'Provider'],
  [/^\/api\/v3\/providers\/oauth2\/$/, 'OAuth2Provider'],
];

type Row = Record<string, unknown>;
type Added = (row: Row, store: Store) => unknown;

/** Fields later releases added to objects the store keeps in their 2024.8.4 form. */
const ADDED: Record<string, Record<string, Added>> = {
  Flow: {
    background_url: (flow) => flow.background,
    background_themed_urls: () => null,
  },
  // Detected from the certificate's public key: every seeded certificate is RSA. Without details, none.
  CertificateKeyPair: { key_type: (pair) => (pair.fingerprint_sha256 === null ? null : 'rsa') },
  OAuthSource: {
    authorization_code_auth_method: () => 'basic_auth',
    pkce: () => 'none',
    promoted: () => false,
    icon_url: (source) => source.icon || null,
    icon_themed_urls: () => null,
  },
  Provider: {
    // An OAuth2 provider's own; providers of other types were made with the default one.
    invalidation_flow: (row, store) => {
      const own = store.providers.get(row.pk as number)?.invalidation_flow;
      if (own !== undefined) return own;
      return store.flows.find((f) => f.slug === 'default-provider-invalidation-flow')?.pk ?? null;
    },
  },
};

export function shapeForRelease(response: ApiResponse, context: RequestContext): ApiResponse {
  if (response.status !== 200 || !['GET', 'HEAD'].includes(context.method)) return response;
  const component = LISTS.find(([pattern]) => pattern.test(context.path))?.[1];
  if (!component) return response;
  const body = JSON.parse(response.body) as { pagination: unknown; results: Row[] };
  const page: Row = { pagination: body.pagination, results: body.results.map((row) => shapeRow(context.release, component, row, context.store)) };
  const list = context.release.components[`Paginated${component}List`];
  if (list?.properties && 'autocomplete' in list.properties) page.autocomplete = {};
  return { ...response, body: JSON.stringify(page) };
}

/** Fields whose value changed form: from 2025.12 a source's icon is a file path, "" when there is none. */
const CHANGED: Record<string, Record<string, (value: unknown, nullable: boolean) => unknown>> = {
  OAuthSource: { icon: (value, nullable) => (value === null && !nullable ? '' : value) },
};

function shapeRow(release: ServedRelease, component: string, row: Row, store: Store): Row {
  const schema = release.components[component];
  const shaped: Row = {};
  for (const [key, property] of Object.entries(schema.properties ?? {})) {
    const change = CHANGED[component]?.[key];
    if (key in row) shaped[key] = change ? change(row[key], property.nullable === true) : row[key];
    else if (ADDED[component]?.[key]) shaped[key] = ADDED[component][key](row, store);
    else if (schema.required?.includes(key)) throw new Error(`the test server has no value for ${component}.${key} of authentik ${release.version}`);
  }
  return shaped;
}
