/** The kinds of server object a provider field can refer to by UUID. */
export type ReferenceKind = 'flow' | 'certificateKeyPair' | 'scopeMapping' | 'oauthSource';

export interface ReferenceField {
  kind: ReferenceKind;
  /** Flows: the designation the field expects. */
  designation?: string;
  /** Human name of what the field refers to, for details and messages. */
  label: string;
}

/** Which request fields hold references, and to what (a flow of a designation, a key pair, ...). */
export const REFERENCE_FIELDS: Readonly<Record<string, ReferenceField>> = {
  authorization_flow: { kind: 'flow', designation: 'authorization', label: 'authorization flow' },
  authentication_flow: { kind: 'flow', designation: 'authentication', label: 'authentication flow' },
  signing_key: { kind: 'certificateKeyPair', label: 'certificate key pair' },
  property_mappings: { kind: 'scopeMapping', label: 'scope mapping' },
  jwks_sources: { kind: 'oauthSource', label: 'OAuth source with JWKS' },
};
