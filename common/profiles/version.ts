/**
 * authentik version numbers: `<year>.<month>` names a release line, `<year>.<month>.<patch>` a
 * release, and a release candidate ends in `-rcN` (`2026.8.0-rc1`, as `/api/v3/admin/version/` and
 * `info.version` of the server's schema report it).
 */
export interface Version {
  year: number;
  month: number;
  /** Absent for a release line (`2026.2`). */
  patch?: number;
  /** `rc1` for `2026.8.0-rc1`. */
  prerelease?: string;
}

const VERSION_PATTERN = /^v?(\d{4})\.(\d{1,2})(?:\.(\d{1,4}))?(?:-([0-9A-Za-z]+(?:\.[0-9A-Za-z]+)*))?$/;

/** Reads a version, or undefined when the text is not one. Leading zeros are read as numbers (`2024.08` is `2024.8`). */
export function parseVersion(text: string): Version | undefined {
  if (typeof text !== 'string' || text.length > 40) return undefined;
  const match = VERSION_PATTERN.exec(text.trim());
  if (!match) return undefined;
  const [, year, month, patch, prerelease] = match;
  // A pre-release of a whole line (`2026.8-rc1`) names no release.
  if (prerelease !== undefined && patch === undefined) return undefined;
  const version: Version = { year: Number(year), month: Number(month) };
  if (version.month < 1 || version.month > 12) return undefined;
  if (patch !== undefined) version.patch = Number(patch);
  if (prerelease !== undefined) version.prerelease = prerelease;
  return version;
}

/** Like parseVersion, for text the program itself holds (tables, file names): throws when it is not a version. */
export function versionOf(text: string): Version {
  const version = parseVersion(text);
  if (!version) throw new Error(`"${text}" is not an authentik version`);
  return version;
}

export function formatVersion(version: Version): string {
  const base = `${version.year}.${version.month}${version.patch === undefined ? '' : `.${version.patch}`}`;
  return version.prerelease === undefined ? base : `${base}-${version.prerelease}`;
}

/** `2024.8` for 2024.8.4. */
export function releaseLine(version: Version): string {
  return `${version.year}.${version.month}`;
}

/**
 * Orders releases. A release line sorts as its first release (`2024.10` = `2024.10.0`); a
 * pre-release sorts before its release (`2026.8.0-rc1` < `2026.8.0`).
 */
export function compareVersions(a: Version, b: Version): number {
  const base = a.year - b.year || a.month - b.month || (a.patch ?? 0) - (b.patch ?? 0);
  if (base !== 0) return Math.sign(base);
  if (a.prerelease === b.prerelease) return 0;
  if (a.prerelease === undefined) return 1;
  if (b.prerelease === undefined) return -1;
  return Math.sign(a.prerelease.localeCompare(b.prerelease, 'en', { numeric: true }));
}

/** The same release line (2024.8.4 and 2024.8.6). */
export function sameLine(a: Version, b: Version): boolean {
  return a.year === b.year && a.month === b.month;
}
