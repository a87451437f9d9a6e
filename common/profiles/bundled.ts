import { BUNDLED_INDEX, BUNDLED_SCHEMAS } from './bundledData';
import { RequestSchema } from './jsonSchema';
import { FieldHistory, Profile } from './profile';
import { BundledIndex, profilesFromIndex } from './table';
import { matchVersion, ProfileLookup } from './versionMatch';
import { Version } from './version';

const bundled = profilesFromIndex(BUNDLED_INDEX as BundledIndex, BUNDLED_SCHEMAS as unknown as Record<string, RequestSchema>);

/** Every bundled profile, oldest first: one per distinct request shape since 2023.5.0. */
export const bundledProfiles: readonly Profile[] = bundled.profiles;

/** Where every field of the bundled profiles exists. */
export const bundledFieldHistory: ReadonlyMap<string, FieldHistory> = bundled.history;

export function bundledProfile(id: string): Profile | undefined {
  return bundledProfiles.find((p) => p.id === id);
}

/** The bundled profile for a version (see VersionMatchKind), or why there is none. */
export function profileForVersion(version: string | Version): ProfileLookup {
  return matchVersion(version, bundledProfiles);
}

/** The newest bundled profile: what applies when nothing says which release a file is for. */
export function newestProfile(): Profile {
  return bundledProfiles[bundledProfiles.length - 1];
}
