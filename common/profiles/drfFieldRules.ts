import { compareVersions, Version, versionOf } from './version';

/**
 * How the server's Django REST framework reads request values, where its versions differ.
 * authentik pins DRF 3.14.0 up to 2025.2; from 2025.4.0 it runs DRF 3.16.0 (pyproject.toml of
 * the 2025.4.0 tag: a 3.16.0 build with one unrelated commit reverted).
 */
export interface DrfFieldRules {
  /**
   * BooleanField matches its words (`yes`, `on`, `t`, ...) in any letter case (DRF 3.15 and later
   * lower-case a string first). DRF 3.14 knows only the spellings it lists: `yes`, `Yes`, `YES`.
   */
  booleanWordsAnyCase: boolean;
}

export const DRF_3_14: DrfFieldRules = { booleanWordsAnyCase: false };
export const DRF_3_16: DrfFieldRules = { booleanWordsAnyCase: true };

/** The first release that runs DRF 3.16 (its first release candidate already does). */
export const DRF_3_16_SINCE = '2025.4.0-rc1';

/**
 * The rules every release from `firstRelease` on follows. A range that starts before 2025.4.0
 * gets DRF 3.14's stricter reading, which the newer releases accept as well.
 */
export function drfFieldRulesFor(firstRelease: Version | string): DrfFieldRules {
  const version = typeof firstRelease === 'string' ? versionOf(firstRelease) : firstRelease;
  return compareVersions(version, versionOf(DRF_3_16_SINCE)) >= 0 ? DRF_3_16 : DRF_3_14;
}
