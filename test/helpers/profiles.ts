import { bundledProfile, Profile } from '../../common/profiles';

/** The profile of 2023.5.0 to 2024.8.4 (one-string redirect_uris, no invalidation_flow): what the test server speaks by default. */
export const LEGACY: Profile = bundledProfile('2023.5.0')!;
