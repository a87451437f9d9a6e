/**
 * Rewriting a provider file from one profile to another, as small edits of its text that keep every
 * comment and the order of the keys: `redirect_uris` between the string and the list form,
 * `invalidation_flow` added or removed, `jwks_sources` ↔ `jwt_federation_sources`, and the
 * `# authentik-version:` comment. Pure: the caller applies the edits.
 */
export { migrate, INVALIDATION_FLOW_PLACEHOLDER } from './migrate';
export type { MigrationTarget, MigrationOptions, MigrationResult } from './migrate';
export { migrationTarget, versionLabel } from './target';
export { entriesFromString, stringFromEntries, escapeRegex } from './redirectUris';
export type { RedirectUriEntry } from './redirectUris';
