/** The kinds of server object a provider field can refer to by UUID; `propertyMapping` is every kind of mapping. */
export type ReferenceKind = 'flow' | 'certificateKeyPair' | 'scopeMapping' | 'propertyMapping' | 'oauthSource';

export interface ReferenceField {
  kind: ReferenceKind;
  /** Flows: the designation the field expects. */
  designation?: string;
  /**
   * Key pairs: the key must hold a private key. The API accepts any pair for `signing_key`, but
   * without a private key every token request fails (`Invalid private key type`).
   */
  needsPrivateKey?: boolean;
  /**
   * Where the server looks the UUID up when that is wider than `kind`: `property_mappings` takes a
   * property mapping of any kind, although only scope mappings do anything for an OAuth2 provider.
   */
  lookup?: ReferenceKind;
  /** Human name of what the field refers to, for details and messages. */
  label: string;
}

/** Which request fields hold references, and to what (a flow of a designation, a key pair, ...). */
export const REFERENCE_FIELDS: Readonly<Record<string, ReferenceField>> = {
  authorization_flow: { kind: 'flow', designation: 'authorization', label: 'authorization flow' },
  authentication_flow: { kind: 'flow', designation: 'authentication', label: 'authentication flow' },
  signing_key: { kind: 'certificateKeyPair', needsPrivateKey: true, label: 'certificate key pair' },
  property_mappings: { kind: 'scopeMapping', lookup: 'propertyMapping', label: 'scope mapping' },
  jwks_sources: { kind: 'oauthSource', label: 'OAuth source with JWKS' },
};
