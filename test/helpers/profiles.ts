import { bundledProfile, newestProfile, Profile } from '../../common/profiles';

/** The profile of 2023.5.0 to 2024.8.4 (one-string redirect_uris, no invalidation_flow): what the test server speaks by default. */
export const LEGACY: Profile = bundledProfile('2023.5.0')!;
/** What a file without a version comment is checked against. */
export const NEWEST: Profile = newestProfile();
/** The comment that keeps a 2024.8-shaped test document on the legacy profile. */
export const LEGACY_COMMENT = '# authentik-version: 2024.8.4\n';
