/**
 * The authentik releases the bundled profiles know, and where the request shape of
 * `POST /api/v3/providers/oauth2/` changed.
 *
 * Read from authentik's repository (goauthentik/authentik): its release tags `version/2023.5.0` to
 * `version/2026.2.2`, the `schema.yml` at each of them, and the main branch two days after the
 * 2026.5 release branch was cut (the 2026.5 subset in schemas/openapi/). Every release from
 * 2023.5.0 to 2024.8.4 serves the same `OAuth2ProviderRequest` apart from descriptions; the shape
 * then changes at exactly the releases in PROFILE_STARTS.
 */

export interface ReleaseLine {
  /** `2024.8` */
  line: string;
  /** The newest release of the line known here: 2024.8.6 has newestPatch 6. */
  newestPatch: number;
}

/** Every release line from 2023.5 on (authentik skipped 2023.7, 2023.9, 2023.11, 2023.12, 2024.1 ...). */
export const RELEASE_LINES: readonly ReleaseLine[] = [
  { line: '2023.5', newestPatch: 6 },
  { line: '2023.6', newestPatch: 2 },
  { line: '2023.8', newestPatch: 7 },
  { line: '2023.10', newestPatch: 7 },
  { line: '2024.2', newestPatch: 4 },
  { line: '2024.4', newestPatch: 4 },
  { line: '2024.6', newestPatch: 5 },
  { line: '2024.8', newestPatch: 6 },
  { line: '2024.10', newestPatch: 5 },
  { line: '2024.12', newestPatch: 5 },
  { line: '2025.2', newestPatch: 4 },
  { line: '2025.4', newestPatch: 4 },
  { line: '2025.6', newestPatch: 4 },
  { line: '2025.8', newestPatch: 6 },
  { line: '2025.10', newestPatch: 4 },
  { line: '2025.12', newestPatch: 4 },
  { line: '2026.2', newestPatch: 2 },
  // Known from its release branch; its later patches keep the shape of 2026.5.0.
  { line: '2026.5', newestPatch: 0 },
];

/**
 * The first release of every distinct request shape, oldest first. A profile covers the releases
 * from its start up to the next start; the newest also serves later releases, flagged as a guess.
 * - 2023.5.0: `redirect_uris` one string (the seed API page's shape).
 * - 2024.8.5: `redirect_uris` a required list of `{matching_mode, url}` (a security fix inside 2024.8).
 * - 2024.10.0: `invalidation_flow` required, `encryption_key`; 2024.10.0 to 2024.10.2 take the string again.
 * - 2024.10.3: the list form inside 2024.10.
 * - 2024.12.0: `jwks_sources` renamed `jwt_federation_sources`; `jwt_federation_providers` (integer pks).
 * - 2025.8.0: `backchannel_logout_uri`.
 * - 2025.10.0: `backchannel_logout_uri` replaced by `logout_uri` and `logout_method`; `refresh_token_threshold`.
 * - 2026.5.0: `grant_types`; `redirect_uris[].redirect_uri_type`.
 */
export const PROFILE_STARTS: readonly string[] = [
  '2023.5.0',
  '2024.8.5',
  '2024.10.0',
  '2024.10.3',
  '2024.12.0',
  '2025.8.0',
  '2025.10.0',
  '2026.5.0',
];

/** Fields whose name changed: the old name is then an unknown key, which the server ignores. */
export interface FieldRename {
  from: string;
  to: string;
  /** The first release with the new name. */
  since: string;
}

export const FIELD_RENAMES: readonly FieldRename[] = [{ from: 'jwks_sources', to: 'jwt_federation_sources', since: '2024.12.0' }];

/** Fields removed in favour of others: the upgrade moved their values there. */
export interface FieldReplacement {
  key: string;
  /** What holds the value from `since` on, as a user would write it. */
  replacedBy: string;
  since: string;
}

export const FIELD_REPLACEMENTS: readonly FieldReplacement[] = [
  // Migration 0031_remove_oauth2provider_backchannel_logout_uri_and_more copies it into logout_uri.
  { key: 'backchannel_logout_uri', replacedBy: 'logout_uri with logout_method: backchannel', since: '2025.10.0' },
];
