import { Profile } from './profile';
import { RELEASE_LINES } from './releases';
import { compareVersions, formatVersion, parseVersion, releaseLine, Version, versionOf } from './version';

/**
 * How a version was matched:
 * - `release`: a release the table lists (`2024.8.4`);
 * - `line`: a release line, read as its newest known release (`2026.2` → 2026.2.2);
 * - `unlisted`: inside the known span but not a listed release: a patch newer than the newest known
 *   of its line, a release candidate, a line authentik never had;
 * - `newer`: after every release line the bundled profiles know; the newest profile is a guess.
 */
export type VersionMatchKind = 'release' | 'line' | 'unlisted' | 'newer';

export interface ProfileMatch {
  profile: Profile;
  /** The release the answer is about: the one asked for, or a release line's newest known release. */
  release: string;
  kind: VersionMatchKind;
  /** The table lists this release (or line): the profile is known to be what it accepts. */
  exact: boolean;
  /** Newer than every release the bundled profiles know: the newest profile is used. */
  newerThanBundled: boolean;
}

export type ProfileLookup = ProfileMatch | { error: string };

/** The release lines the bundled profiles know, oldest first: `2023.5` … `2026.5`. */
export function knownVersions(): string[] {
  return RELEASE_LINES.map((l) => l.line);
}

/** Every release the bundled profiles know, oldest first: `2023.5.0` … `2026.5.0`. */
export function knownReleases(): string[] {
  return RELEASE_LINES.flatMap((l) => Array.from({ length: l.newestPatch + 1 }, (_, patch) => `${l.line}.${patch}`));
}

/** "a release line such as 2026.2 or a release such as 2024.8.4; known: 2023.5, 2023.6, …" for messages. */
export function knownVersionsText(): string {
  return `a release line such as 2026.2 or a release such as 2024.8.4; the profiles know ${knownVersions().join(', ')}`;
}

/** The profile of these (oldest first, back to back) for a version (see VersionMatchKind), or why there is none. */
export function matchVersion(version: string | Version, profiles: readonly Profile[]): ProfileLookup {
  const parsed = typeof version === 'string' ? parseVersion(version) : version;
  if (!parsed) return { error: `"${String(version).slice(0, 40)}" is not an authentik version: write ${knownVersionsText()}.` };
  const line = RELEASE_LINES.find((l) => l.line === releaseLine(parsed));
  const newestLine = versionOf(RELEASE_LINES[RELEASE_LINES.length - 1].line);
  const newer = compareVersions({ year: parsed.year, month: parsed.month }, newestLine) > 0;

  let release: Version;
  let kind: VersionMatchKind;
  if (parsed.patch === undefined) {
    release = { year: parsed.year, month: parsed.month, patch: line ? line.newestPatch : 0 };
    kind = newer ? 'newer' : line ? 'line' : 'unlisted';
  } else {
    // A release candidate already has its release's shape.
    release = { year: parsed.year, month: parsed.month, patch: parsed.patch };
    const listed = line !== undefined && parsed.prerelease === undefined && parsed.patch <= line.newestPatch;
    kind = newer ? 'newer' : listed ? 'release' : 'unlisted';
  }

  const oldest = versionOf(profiles[0].releases.from);
  if (compareVersions(release, oldest) < 0) {
    return { error: `authentik ${formatVersion(parsed)} is older than every supported release: the profiles start at ${profiles[0].releases.from}.` };
  }
  const profile = [...profiles].reverse().find((p) => compareVersions(versionOf(p.releases.from), release) <= 0) ?? profiles[0];
  return {
    profile,
    release: kind === 'newer' || kind === 'unlisted' ? formatVersion(parsed) : formatVersion(release),
    kind,
    exact: kind === 'release' || kind === 'line',
    newerThanBundled: kind === 'newer',
  };
}
