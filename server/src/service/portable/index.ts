/**
 * Portable provider files: values that name a server's objects by slug or name (`!ref`, `!Find`)
 * and read secrets from the environment (`!env`), resolved against one server at deploy time, and
 * the export of a server's provider into such a file. Pure: the server's object lists and the
 * environment are passed in.
 *
 * - `documentTags(parsed, profile)`: `scanTags` once per parse; `coveredByTag` tells findings on a tagged value.
 * - `scanTags(parsed, profile)`: every tag with its field, body path and range, and findings for
 *   malformed or misplaced ones. `PORTABLE_CUSTOM_TAGS` registers the tags with the yaml parser.
 * - `resolveTag` / `resolveRef` / `resolveFind` / `resolveEnv`: one tag against the lists.
 * - `resolveRequestBody(value, tags, lists, env)`: the body with every tag replaced, or the failures;
 *   `describeResolved` shows one resolved tag for a dry run (never an `!env` value).
 * - `referenceTagFindings(tags, lists)`: the editor's findings on `!ref`/`!Find` (offline: information);
 *   `listsFromSource(source)` adapts the live reference source.
 * - `exportProvider(provider, { profile, lists, release })`: the text and file name of the file.
 * - `refTextFor` / `closestRefTexts`: the `!ref` text that names exactly one object; the closest to a text that names none.
 * - `nameToSlug`, `providerFileName`, `clientSecretVariable`: names derived from a provider's name.
 */
export { scanTags } from './tagScan';
export { documentTags, coveredByTag } from './documentTags';
export type { PortableTag, RefTag, EnvTag, FindTag, FindCondition, TagScan } from './tagScan';
export { PORTABLE_CUSTOM_TAGS, REF_TAG, ENV_TAG, FIND_TAG, ENV_NAME, isPortableTagName } from './tagNames';
export { FIND_MODELS, FIND_LOOKUPS, findModel } from './findModels';
export type { FindLookup, FindModel } from './findModels';
export type { PortableObject, PortableLists, EnvironmentSource } from './objects';
export { resolveTag, resolveRef, resolveFind, resolveEnv } from './resolve';
export type { TagResolution, MatchedBy } from './resolve';
export { resolveRequestBody, describeResolved } from './requestBody';
export { referenceTagFindings, listsFromSource } from './referenceTagFindings';
export type { ResolvedBody, ResolvedTag } from './requestBody';
export { exportProvider, textHoldsSecret } from './exportProvider';
export type { ExportOptions, ExportedProvider, ExportNote } from './exportProvider';
export { refNamesOf, refTextFor, refScalar, closestRefTexts, candidatesText, MAX_NAMED_CANDIDATES } from './refNames';
export type { RefCandidates } from './refNames';
export { envTypeFindings, fieldAtPath } from './envFields';
export { nameToSlug, providerFileName, clientSecretVariable, distinctExportNames, MAX_SLUG_LENGTH } from './names';
export type { ExportNames } from './names';
