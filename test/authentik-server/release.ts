import { readFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { formatVersion, parseVersion, Profile, profileForVersion, releaseLine, RequestField, requestFields } from '../../common/profiles';
import index from '../../schemas/profiles/index.json';

/**
 * The authentik release the server behaves like: its version profile (what POST/PUT/PATCH accept),
 * and the OpenAPI subset of its release line (what it serves at /api/v3/schema/, and the shapes of
 * the objects it answers with).
 */
export interface ServedRelease {
  /** What /api/v3/admin/version/ and the schema's info.version report. */
  version: string;
  profile: Profile;
  fields: readonly RequestField[];
  /** schemas/openapi/<file> */
  subsetFile: string;
  /** The subset's components.schemas. */
  components: Readonly<Record<string, OpenApiComponent>>;
  /** The subset with info.version set to `version`: as YAML (the file's own text) and as JSON. */
  schemaYaml: string;
  schemaJson: string;
  /** Whether the release's list endpoint at `apiPath` (`/crypto/certificatekeypairs/`) declares this query parameter. */
  declaresQuery(apiPath: string, parameter: string): boolean;
}

export interface OpenApiComponent {
  type?: string;
  properties?: Record<string, Record<string, unknown>>;
  required?: string[];
}

export const DEFAULT_VERSION = '2024.8.4';

const SUBSET_DIR = path.resolve(__dirname, '../../schemas/openapi');
const cache = new Map<string, ServedRelease>();

/** The release for a version (`2024.8.4`, `2026.2`, `2026.8.6`); throws with a message for the user when there is none. */
export function servedRelease(version: string = DEFAULT_VERSION): ServedRelease {
  const parsed = parseVersion(version);
  if (!parsed) throw new Error(`"${version}" is not an authentik version (for example 2024.8.4, 2026.2 or 2026.5.0)`);
  const match = profileForVersion(parsed);
  if ('error' in match) throw new Error(match.error);
  // A release line means its newest known release.
  const reported = match.kind === 'line' ? match.release : formatVersion(parsed.patch === undefined ? { ...parsed, patch: 0 } : parsed);
  const cached = cache.get(reported);
  if (cached) return cached;
  const subsetFile = subsetFor(match.profile.id, releaseLine(parsed));
  const text = readFileSync(path.join(SUBSET_DIR, subsetFile), 'utf8');
  const document = YAML.parse(text) as { info: { version: string }; paths: Record<string, unknown>; components: { schemas: Record<string, OpenApiComponent> } };
  const schemaYaml = text.replace(/^(info:\n(?: {2}.*\n)*? {2}version: ).*$/m, `$1${reported}`);
  document.info.version = reported;
  const release: ServedRelease = {
    version: reported,
    profile: match.profile,
    fields: requestFields(match.profile),
    subsetFile,
    components: document.components.schemas,
    schemaYaml,
    schemaJson: JSON.stringify(document),
    declaresQuery(apiPath, parameter) {
      const get = (document.paths[apiPath] as { get?: { parameters?: { name?: string; $ref?: string }[] } } | undefined)?.get;
      return (get?.parameters ?? []).some((p) => p.name === parameter);
    },
  };
  cache.set(reported, release);
  return release;
}

/** The subset of the same release line when the profile has one, else the profile's newest. */
function subsetFor(profileId: string, line: string): string {
  const entry = index.profiles.find((p) => p.id === profileId);
  if (!entry || entry.subsets.length === 0) throw new Error(`no OpenAPI subset for the profile ${profileId}`);
  return entry.subsets.find((file) => file.startsWith(`authentik-${line}.`)) ?? entry.subsets[entry.subsets.length - 1];
}
