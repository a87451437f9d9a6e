import { parseVersion, Profile, profileForVersion, releaseLine } from '../../../../common/profiles';
import { MigrationTarget } from './migrate';

/**
 * The version a comment names for a profile: its newest release line when the whole line has this
 * profile (`2026.5`), else its newest release (`2024.8.4`, since 2024.8.5 has another shape).
 */
export function versionLabel(profile: Profile): string {
  const through = parseVersion(profile.releases.through);
  if (!through) return profile.releases.through;
  const line = releaseLine(through);
  const match = profileForVersion(line);
  return 'profile' in match && match.profile.id === profile.id ? line : profile.releases.through;
}

/** The target for a version the user names, or why it names no profile. */
export function migrationTarget(version: string): MigrationTarget | { error: string } {
  const match = profileForVersion(version);
  if ('error' in match) return { error: match.error };
  return { profile: match.profile, version: version.trim().replace(/^v/, '') };
}
