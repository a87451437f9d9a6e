import { makeFlow, makeKeyPair, makeOAuthSource, makePropertyMapping, makeScopeMapping } from './object-factories';
import { FIXED_IDS, IdMap } from './random-ids';
import type { SeedObjects } from './types';

/** The fixed pks of the seed objects, for tests that need them without a running server. */
export const SEED_IDS = {
  flows: {
    explicitConsent: 'c4a0c9b2-6b1f-4d8e-9a3c-2f1e5d7b8a01',
    implicitConsent: '9e8f7a6b-5c4d-4e3f-a2b1-c0d9e8f7a602',
    authentication: '3b2a1c0d-9e8f-4a7b-b6c5-d4e3f2a1b003',
    invalidation: '7d6c5b4a-3f2e-4d1c-8b0a-9f8e7d6c5b04',
    providerInvalidation: '8e7d6c5b-4a3f-4e2d-9c1b-0a9f8e7d6c05',
  },
  keyPairs: {
    selfSigned: 'e1f2a3b4-c5d6-4e7f-8091-a2b3c4d5e6f1',
    certificateOnly: 'f0e1d2c3-b4a5-4968-8776-655443322110',
  },
  scopeMappings: {
    openid: '1f0e2d3c-4b5a-4697-8a8b-9c0d1e2f3a41',
    email: '2e1f3a4b-5c6d-4e7f-9081-a2b3c4d5e642',
    profile: '3d2e4f5a-6b7c-4d8e-a9f0-b1c2d3e4f543',
    offlineAccess: '4c3d5e6f-7a8b-4c9d-b0e1-f2a3b4c5d644',
  },
  propertyMappings: {
    samlEmail: '6a5b4c3d-2e1f-4a0b-9c8d-7e6f5a4b3c45',
  },
  sources: {
    githubActions: '5e4d3c2b-1a09-4f8e-9d7c-6b5a49382716',
    github: '2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f',
  },
} as const;

const mapping = (scope: string) => `authentik default OAuth Mapping: OpenID '${scope}'`;

/**
 * Fresh copies of the seed objects, as a new authentik 2024.8.4 install has them (plus two sources
 * and two providers of other types). `id` gives every UUID: the fixed ones, or fresh ones.
 */
export function createSeedObjects(id: IdMap = FIXED_IDS): SeedObjects {
  const ids = SEED_IDS;
  const flows = {
    explicitConsent: makeFlow({
      pk: id(ids.flows.explicitConsent),
      policyBindingModelPk: id('6f1d2e3c-4b5a-4c6d-8e7f-90a1b2c3d401'),
      name: 'Authorize Application',
      slug: 'default-provider-authorization-explicit-consent',
      title: 'Redirecting to %(app)s',
      designation: 'authorization',
      authentication: 'require_authenticated',
      stages: [id('a8b7c6d5-e4f3-4a2b-9c1d-0e9f8a7b6c51')],
    }),
    implicitConsent: makeFlow({
      pk: id(ids.flows.implicitConsent),
      policyBindingModelPk: id('6f1d2e3c-4b5a-4c6d-8e7f-90a1b2c3d402'),
      name: 'Authorize Application',
      slug: 'default-provider-authorization-implicit-consent',
      title: 'Redirecting to %(app)s',
      designation: 'authorization',
      authentication: 'require_authenticated',
    }),
    authentication: makeFlow({
      pk: id(ids.flows.authentication),
      policyBindingModelPk: id('6f1d2e3c-4b5a-4c6d-8e7f-90a1b2c3d403'),
      name: 'Welcome to authentik!',
      slug: 'default-authentication-flow',
      title: 'Welcome to authentik!',
      designation: 'authentication',
      stages: [
        id('b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d52'),
        id('b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d53'),
        id('b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d54'),
      ],
    }),
    invalidation: makeFlow({
      pk: id(ids.flows.invalidation),
      policyBindingModelPk: id('6f1d2e3c-4b5a-4c6d-8e7f-90a1b2c3d404'),
      name: 'Logout',
      slug: 'default-invalidation-flow',
      title: 'Default Invalidation Flow',
      designation: 'invalidation',
      stages: [id('b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d55')],
    }),
    // The blueprint "Default - Provider invalidation flow" of 2024.10.0 and later.
    providerInvalidation: makeFlow({
      pk: id(ids.flows.providerInvalidation),
      policyBindingModelPk: id('6f1d2e3c-4b5a-4c6d-8e7f-90a1b2c3d405'),
      name: 'Logged out of application',
      slug: 'default-provider-invalidation-flow',
      title: "You've logged out of %(app)s.",
      designation: 'invalidation',
    }),
  };
  return {
    flows,
    keyPairs: {
      selfSigned: makeKeyPair({
        pk: id(ids.keyPairs.selfSigned),
        name: 'authentik Self-signed Certificate',
        withKey: true,
        subject: 'OU=Self-signed,O=authentik,CN=authentik Self-signed Certificate',
        expiry: '2025-10-01T09:30:00Z',
      }),
      certificateOnly: makeKeyPair({
        pk: id(ids.keyPairs.certificateOnly),
        name: 'Example Corp Root CA',
        withKey: false,
        subject: 'CN=Example Corp Root CA,O=Example Corp,C=DE',
        expiry: '2034-01-15T00:00:00Z',
      }),
    },
    scopeMappings: {
      openid: makeScopeMapping({
        pk: id(ids.scopeMappings.openid),
        name: mapping('openid'),
        scopeName: 'openid',
        expression: '# This scope is required by the OpenID Connect specification\nreturn {}',
        description: '',
        managed: 'goauthentik.io/providers/oauth2/scope-openid',
      }),
      email: makeScopeMapping({
        pk: id(ids.scopeMappings.email),
        name: mapping('email'),
        scopeName: 'email',
        expression: 'return {\n    "email": request.user.email,\n    "email_verified": True\n}',
        description: 'Email address',
        managed: 'goauthentik.io/providers/oauth2/scope-email',
      }),
      profile: makeScopeMapping({
        pk: id(ids.scopeMappings.profile),
        name: mapping('profile'),
        scopeName: 'profile',
        expression:
          'return {\n    "name": request.user.name,\n    "given_name": request.user.name,\n' +
          '    "preferred_username": request.user.username,\n    "nickname": request.user.username,\n' +
          '    "groups": [group.name for group in request.user.ak_groups.all()],\n}',
        description: 'General Profile Information',
        managed: 'goauthentik.io/providers/oauth2/scope-profile',
      }),
      offlineAccess: makeScopeMapping({
        pk: id(ids.scopeMappings.offlineAccess),
        name: mapping('offline_access'),
        scopeName: 'offline_access',
        expression: '# This scope grants the application a refresh token\nreturn {}',
        description: 'Access to request new tokens without interaction',
        managed: 'goauthentik.io/providers/oauth2/scope-offline_access',
      }),
    },
    sources: {
      githubActions: makeOAuthSource({
        pk: id(ids.sources.githubActions),
        name: 'GitHub Actions',
        slug: 'github-actions',
        providerType: 'openidconnect',
        consumerKey: 'github-actions',
        wellKnownUrl: 'https://token.actions.githubusercontent.com/.well-known/openid-configuration',
        jwksUrl: 'https://token.actions.githubusercontent.com/.well-known/jwks',
        jwks: {
          keys: [
            {
              kty: 'RSA',
              alg: 'RS256',
              use: 'sig',
              kid: 'cc413527-173f-5a05-976e-9c52b1d7b431',
              n: 'w4M936N3ZxNaEblcUoBm-xu0-V9JxNx5S7TmF0M3SBK-2bmDyAa7fN4ouQqE2vRbFf1Lp5ub9YiBwuuPpbDmQ',
              e: 'AQAB',
            },
          ],
        },
      }),
      github: makeOAuthSource({
        pk: id(ids.sources.github),
        name: 'GitHub',
        slug: 'github',
        providerType: 'github',
        consumerKey: 'Iv1.8a61f9b3a7aba766',
      }),
    },
    propertyMappings: {
      samlEmail: makePropertyMapping({
        pk: id(ids.propertyMappings.samlEmail),
        kind: 'saml',
        name: 'authentik default SAML Mapping: Email',
        expression: 'return request.user.email',
        managed: 'goauthentik.io/providers/saml/email',
      }),
    },
    otherProviders: [
      { pk: 1, name: 'Grafana proxy', type: 'proxyprovider', authorization_flow: flows.implicitConsent.pk },
      // An LDAP provider's bind flow is its authorization_flow.
      { pk: 2, name: 'Jellyfin LDAP', type: 'ldapprovider', authorization_flow: flows.authentication.pk },
    ],
  };
}
