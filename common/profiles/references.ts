import { RequestSchema, SchemaNode, typesOf } from './jsonSchema';
import { compareVersions, Version, versionOf } from './version';

/** The kinds of server object a request field can refer to; `propertyMapping` is every kind of mapping. */
export type ReferenceKind = 'flow' | 'certificateKeyPair' | 'scopeMapping' | 'propertyMapping' | 'oauthSource' | 'oauth2Provider';

export interface ReferenceField {
  kind: ReferenceKind;
  /** How the object is named in the request: a UUID, or the integer pk of a provider. */
  pk: 'uuid' | 'integer';
  /** A list of references (`property_mappings`) rather than one (`signing_key`). */
  many: boolean;
  /** `null` (and, from DRF, `""`) is accepted. */
  nullable: boolean;
  /** Flows: the designation the field expects. The server accepts any flow; the wrong one does not work. */
  designation?: string;
  /**
   * Key pairs: whether the key must hold a private key. The API accepts any pair for `signing_key`,
   * but without a private key every token request fails (`Invalid private key type`);
   * `encryption_key` encrypts with the certificate alone.
   */
  needsPrivateKey?: boolean;
  /**
   * Where the server looks the UUID up when that is wider than `kind`: `property_mappings` takes a
   * property mapping of any kind, although an OAuth2 provider only evaluates its scope mappings.
   */
  lookup?: ReferenceKind;
  /** What the field refers to, for messages: "authorization flow". */
  label: string;
}

/** A list endpoint of the API, with the query that keeps its answer small and ordered. */
export interface ListEndpoint {
  path: string;
  query: Readonly<Record<string, string | boolean>>;
  /** Releases before `before` list the same objects at `path`. */
  legacy?: { before: string; path: string };
}

type ReferenceKnowledge = Omit<ReferenceField, 'pk' | 'many' | 'nullable'>;

/** Every field any release since 2023.5.0 has that refers to another object. */
const KNOWN_REFERENCES: Readonly<Record<string, ReferenceKnowledge>> = {
  authentication_flow: { kind: 'flow', designation: 'authentication', label: 'authentication flow' },
  authorization_flow: { kind: 'flow', designation: 'authorization', label: 'authorization flow' },
  invalidation_flow: { kind: 'flow', designation: 'invalidation', label: 'invalidation flow' },
  signing_key: { kind: 'certificateKeyPair', needsPrivateKey: true, label: 'certificate key pair with a private key' },
  encryption_key: { kind: 'certificateKeyPair', needsPrivateKey: false, label: 'certificate key pair' },
  // The API accepts a property mapping of any kind here; scope mappings are the ones that do anything.
  property_mappings: { kind: 'scopeMapping', lookup: 'propertyMapping', label: 'scope mapping' },
  jwks_sources: { kind: 'oauthSource', label: 'OAuth source with JWKS' },
  jwt_federation_sources: { kind: 'oauthSource', label: 'OAuth source with JWKS' },
  jwt_federation_providers: { kind: 'oauth2Provider', label: 'OAuth2 provider' },
};

/**
 * The list endpoints, filtered as authentik's own UI does. Flows come with every designation and key
 * pairs with and without private keys, so that a reference to the wrong one can be named as such
 * (the answers carry `designation` and `private_key_available`).
 */
export const LIST_ENDPOINTS: Readonly<Record<ReferenceKind, ListEndpoint>> = {
  flow: { path: '/api/v3/flows/instances/', query: { ordering: 'slug' } },
  // include_details=false skips parsing every certificate; 2026.2 dropped the parameter and ignores it.
  certificateKeyPair: { path: '/api/v3/crypto/certificatekeypairs/', query: { include_details: false, ordering: 'name' } },
  scopeMapping: {
    path: '/api/v3/propertymappings/provider/scope/',
    query: { ordering: 'scope_name' },
    legacy: { before: '2024.8.0', path: '/api/v3/propertymappings/scope/' },
  },
  // Every release lists every kind of mapping here, which is where `property_mappings` is looked up.
  propertyMapping: { path: '/api/v3/propertymappings/all/', query: { ordering: 'name' } },
  oauthSource: { path: '/api/v3/sources/oauth/', query: { has_jwks: true, ordering: 'name' } },
  oauth2Provider: { path: '/api/v3/providers/oauth2/', query: { ordering: 'name' } },
};

/** Where a release lists the objects of an endpoint: the legacy path before its release. */
export function endpointPath(endpoint: ListEndpoint, version: Version | undefined): string {
  if (endpoint.legacy && version && compareVersions(version, versionOf(endpoint.legacy.before)) < 0) return endpoint.legacy.path;
  return endpoint.path;
}

/** Flow designations of every release since 2023.5.0 (FlowDesignationEnum). */
export const FLOW_DESIGNATIONS: readonly string[] = ['authentication', 'authorization', 'invalidation', 'enrollment', 'unenrollment', 'recovery', 'stage_configuration'];

/** The API's own endpoints that say which release a server runs. */
export const SCHEMA_PATH = '/api/v3/schema/';
export const VERSION_PATH = '/api/v3/admin/version/';

/**
 * The reference fields of a request schema: the known ones where the schema has them with a shape
 * that can hold a reference, and fields a newer release added that are named like one
 * (`<designation>_flow` with a UUID: a flow of that designation).
 */
export function referencesOf(schema: RequestSchema, flowDesignations: readonly string[] = FLOW_DESIGNATIONS): Record<string, ReferenceField> {
  const result: Record<string, ReferenceField> = {};
  for (const [key, node] of Object.entries(schema.properties)) {
    const shape = referenceShape(node);
    if (!shape) continue;
    const known = Object.prototype.hasOwnProperty.call(KNOWN_REFERENCES, key) ? KNOWN_REFERENCES[key] : undefined;
    if (known) {
      result[key] = { ...known, ...shape };
      continue;
    }
    const designation = /^([a-z_]+)_flow$/.exec(key)?.[1];
    if (shape.pk === 'uuid' && !shape.many && designation && flowDesignations.includes(designation)) {
      result[key] = { kind: 'flow', designation, label: `${designation.replace(/_/g, ' ')} flow`, ...shape };
    }
  }
  return result;
}

/** A UUID, an integer, or a list of either. */
function referenceShape(node: SchemaNode): Pick<ReferenceField, 'pk' | 'many' | 'nullable'> | undefined {
  const types = typesOf(node);
  const nullable = Array.isArray(node.type) && node.type.includes('null');
  if (types.join() === 'array' && node.items) {
    const item = referenceShape(node.items);
    return item && !item.many ? { pk: item.pk, many: true, nullable } : undefined;
  }
  if (types.join() === 'string' && node.format === 'uuid') return { pk: 'uuid', many: false, nullable };
  if (types.join() === 'integer') return { pk: 'integer', many: false, nullable };
  return undefined;
}
