import { FieldKind } from './fieldKinds';
import { RequestSchema } from './jsonSchema';
import { RedirectUriForm } from './redirectUris';
import { ListEndpoint, ReferenceField, ReferenceKind } from './references';

/** The releases a field exists in: from `from` to `through` (the newest such release known), absent again from `until`. */
export interface FieldSpan {
  from: string;
  through: string;
  until?: string;
}

/**
 * Where a request field exists across the releases the bundled profiles know. Fields inside a
 * `redirect_uris` entry are keyed `redirect_uris[].redirect_uri_type`.
 */
export interface FieldHistory {
  key: string;
  spans: readonly FieldSpan[];
  /** The field was renamed: `jwks_sources` → `jwt_federation_sources` in 2024.12.0. */
  renamedTo?: { key: string; since: string };
  renamedFrom?: { key: string; since: string };
  /** The field was removed and its value moved elsewhere. */
  replacedBy?: { text: string; since: string };
}

/** What one range of authentik releases accepts in `POST /api/v3/providers/oauth2/`. */
export interface Profile {
  /** A bundled profile is named after its first release (`2024.12.0`); a server's is `server-<version>`. */
  id: string;
  /** `authentik 2024.12.0 to 2025.6.4` */
  label: string;
  source: 'bundled' | 'server';
  /** The releases covered, from the first to the newest known one (a server's: its own release). */
  releases: { from: string; through: string };
  /** For a server's profile: the bundled profile whose knowledge completed it (endpoints, history). */
  basedOn?: string;
  /** The JSON Schema (draft-07) the request validator compiles. */
  requestSchema: RequestSchema;
  redirectUris: RedirectUriForm;
  /** The request fields that refer to other objects. */
  references: Readonly<Record<string, ReferenceField>>;
  /** Where each kind of referenced object is listed. */
  endpoints: Readonly<Record<ReferenceKind, ListEndpoint>>;
  /** Fields with rules of their own (durations, http(s) URLs). */
  fieldKinds: Readonly<Record<string, FieldKind>>;
  /** For every field newer than 2023.5.0: the release it first appeared in (`invalidation_flow`: `2024.10.0`). */
  fieldsSince: Readonly<Record<string, string>>;
  /** Fields other releases have and this one does not, with where they exist. */
  absentFields: Readonly<Record<string, FieldHistory>>;
}
