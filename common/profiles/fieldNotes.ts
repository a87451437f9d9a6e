import { fitsNode, SchemaNode } from './jsonSchema';

/**
 * What authentik's OpenAPI documents leave out of `OAuth2ProviderRequest` and a user wants in a
 * hover: the model's defaults (read from `authentik/providers/oauth2/models.py`, unchanged from
 * 2023.5.0 to 2026.5 where a field exists) and a description where the document has none (the
 * seed API page's). A note never overrides what a document says, and a default is only added where
 * it fits the field's type there (`redirect_uris: ""` belongs to the one-string form only).
 */
interface FieldNote {
  description?: string;
  default?: unknown;
}

const FIELD_NOTES: Readonly<Record<string, FieldNote>> = {
  name: { description: "The provider's name, unique across all providers on the server." },
  property_mappings: { description: 'Scope mappings (UUIDs) whose claims this provider can return.' },
  client_type: { default: 'confidential' },
  // A provider created without grant_types gets an empty list (ArrayField(default=list)), and the
  // authorize and token views refuse every grant type not in it.
  grant_types: { description: 'The grant types this provider allows. A provider created without any allows none.', default: [] },
  client_id: { description: 'The OAuth2 client ID. Generated (40 letters and digits) when omitted; unique on the server.' },
  client_secret: { description: 'The OAuth2 client secret. Generated (128 characters) when omitted.' },
  access_code_validity: { default: 'minutes=1' },
  access_token_validity: { default: 'hours=1' },
  refresh_token_validity: { default: 'days=30' },
  refresh_token_threshold: { default: 'seconds=0' },
  include_claims_in_id_token: { default: true },
  redirect_uris: { default: '' },
  logout_uri: { description: 'Where the application logs the user out: called by the server (backchannel) or loaded in the browser (frontchannel). An http(s) URL, or blank.' },
  logout_method: { default: 'backchannel' },
  sub_mode: { default: 'hashed_user_id' },
  issuer_mode: { default: 'per_provider' },
  jwt_federation_providers: { description: 'OAuth2 providers (by their integer pk) whose access tokens this provider accepts as client assertions.' },
};

/** The request's properties with the notes added where they are missing and fit. */
export function withFieldNotes(properties: Record<string, SchemaNode>): Record<string, SchemaNode> {
  const result: Record<string, SchemaNode> = {};
  for (const [key, node] of Object.entries(properties)) {
    const note = Object.prototype.hasOwnProperty.call(FIELD_NOTES, key) ? FIELD_NOTES[key] : undefined;
    let annotated = node;
    if (note?.description !== undefined && node.description === undefined) annotated = { ...annotated, description: note.description };
    if (note && 'default' in note && node.default === undefined && fitsNode(node, note.default)) annotated = { ...annotated, default: note.default };
    result[key] = annotated;
  }
  return result;
}
