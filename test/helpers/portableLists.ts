import type { PortableLists } from '../../server/src/service/portable';
import { SEED_IDS } from '../authentik-server/seed';

const mapping = (scope: string) => `authentik default OAuth Mapping: OpenID '${scope}'`;

/** The test server's seeded objects as resolution and export take them (list answers, with `managed`). */
export function seedLists(): PortableLists {
  const { flows, keyPairs, scopeMappings, sources } = SEED_IDS;
  return {
    flow: [
      { pk: flows.explicitConsent, name: 'Authorize Application', slug: 'default-provider-authorization-explicit-consent' },
      { pk: flows.implicitConsent, name: 'Authorize Application', slug: 'default-provider-authorization-implicit-consent' },
      { pk: flows.authentication, name: 'Welcome to authentik!', slug: 'default-authentication-flow' },
      { pk: flows.invalidation, name: 'Logout', slug: 'default-invalidation-flow' },
      { pk: flows.providerInvalidation, name: 'Logged out of application', slug: 'default-provider-invalidation-flow' },
    ],
    certificateKeyPair: [
      { pk: keyPairs.selfSigned, name: 'authentik Self-signed Certificate', managed: null },
      { pk: keyPairs.certificateOnly, name: 'Example Corp Root CA', managed: null },
    ],
    scopeMapping: [
      { pk: scopeMappings.openid, name: mapping('openid'), scopeName: 'openid', managed: 'goauthentik.io/providers/oauth2/scope-openid' },
      { pk: scopeMappings.email, name: mapping('email'), scopeName: 'email', managed: 'goauthentik.io/providers/oauth2/scope-email' },
      { pk: scopeMappings.profile, name: mapping('profile'), scopeName: 'profile', managed: 'goauthentik.io/providers/oauth2/scope-profile' },
      {
        pk: scopeMappings.offlineAccess,
        name: mapping('offline_access'),
        scopeName: 'offline_access',
        managed: 'goauthentik.io/providers/oauth2/scope-offline_access',
      },
    ],
    oauthSource: [
      { pk: sources.githubActions, name: 'GitHub Actions', slug: 'github-actions', managed: null },
      { pk: sources.github, name: 'GitHub', slug: 'github', managed: null },
    ],
    oauth2Provider: [
      { pk: '3', name: 'Grafana' },
      { pk: '4', name: 'Nextcloud' },
    ],
  };
}
