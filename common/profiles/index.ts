/**
 * Version profiles: what each range of authentik releases accepts in
 * `POST /api/v3/providers/oauth2/`. Pure data and functions, no I/O.
 */
export type { Profile, FieldHistory, FieldSpan } from './profile';
export type { RequestSchema, SchemaNode } from './jsonSchema';
export type { RedirectUriForm, StringRedirectUris, ListRedirectUris } from './redirectUris';
export type { ReferenceField, ReferenceKind, ListEndpoint } from './references';
export type { FieldKind } from './fieldKinds';
export type { RequestField } from './requestFields';
export type { ConversionLimits } from './openApiToJsonSchema';
export type { ProfileMatch, ProfileLookup, VersionMatchKind } from './versionMatch';
export type { Version } from './version';

export { parseVersion, formatVersion, compareVersions, releaseLine } from './version';
export { bundledProfiles, bundledProfile, bundledFieldHistory, profileForVersion, newestProfile } from './bundled';
export { knownVersions, knownReleases, knownVersionsText } from './versionMatch';
export { profileFromOpenApi, isProfileError } from './fromOpenApi';
export { describeAvailability } from './fieldHistory';
export { invalidRegexMessage } from './redirectUris';
export { requestFields } from './requestFields';
export { endpointPath, LIST_ENDPOINTS, SCHEMA_PATH, VERSION_PATH } from './references';
export { DRF_3_14, DRF_3_16, DRF_3_16_SINCE, drfFieldRulesFor } from './drfFieldRules';
export type { DrfFieldRules } from './drfFieldRules';
export { DEFAULT_CONVERSION_LIMITS } from './openApiToJsonSchema';
export { RELEASE_LINES, PROFILE_STARTS } from './releases';
