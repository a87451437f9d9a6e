import type { ReferenceKind } from '../../../../common/profiles';

/**
 * One object of a server's list, as resolution and export need it. Structurally a superset of the
 * language service's ReferenceObject: a list fetched for live references can be passed as it is,
 * with `managed` added where the list answer has it.
 */
export interface PortableObject {
  /** The UUID, or an OAuth2 provider's integer pk as text (`"12"`). */
  pk: string;
  name: string;
  /** Flows and sources. */
  slug?: string;
  /** Property mappings, key pairs and sources: the id that is the same on every server. */
  managed?: string | null;
  /** Scope mappings. */
  scopeName?: string;
}

/** The server's objects of each kind; a kind left out is not known (not fetched, offline). */
export type PortableLists = Partial<Record<ReferenceKind, readonly PortableObject[]>>;

/** Where `!env` values come from: `process.env` in the CLI, an injected map elsewhere. */
export type EnvironmentSource = Readonly<Record<string, string | undefined>>;

/** What a message calls one object of a kind, and several. */
export const KIND_NOUNS: Readonly<Record<ReferenceKind, { one: string; many: string }>> = {
  flow: { one: 'flow', many: 'flows' },
  certificateKeyPair: { one: 'certificate key pair', many: 'certificate key pairs' },
  scopeMapping: { one: 'property mapping', many: 'property mappings' },
  propertyMapping: { one: 'property mapping', many: 'property mappings' },
  oauthSource: { one: 'OAuth source', many: 'OAuth sources' },
  oauth2Provider: { one: 'OAuth2 provider', many: 'OAuth2 providers' },
};

/** `Name (pk)`, how candidates are listed in messages. */
export function describeObject(object: PortableObject): string {
  return `${object.name} (${object.pk})`;
}
