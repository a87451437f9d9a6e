import { createHash } from 'node:crypto';
import type { CertificateKeyPair, Flow, OAuthSource, PropertyMapping, ScopeMapping, SourceType } from './model-types';

/** Builders that fill in everything authentik computes, so seeds only state what differs. */

export function makeFlow(input: {
  pk: string;
  policyBindingModelPk: string;
  name: string;
  slug: string;
  title: string;
  designation: Flow['designation'];
  authentication?: Flow['authentication'];
  stages?: string[];
}): Flow {
  return {
    pk: input.pk,
    policybindingmodel_ptr_id: input.policyBindingModelPk,
    name: input.name,
    slug: input.slug,
    title: input.title,
    designation: input.designation,
    background: '/static/dist/assets/images/flow_background.jpg',
    stages: input.stages ?? [],
    policies: [],
    cache_count: 0,
    policy_engine_mode: 'any',
    compatibility_mode: false,
    export_url: `/api/v3/flows/instances/${input.slug}/export/`,
    layout: 'stacked',
    denied_action: 'message_continue',
    authentication: input.authentication ?? 'none',
  };
}

/** authentik prints fingerprints as lower-case hex bytes joined by colons. */
function fingerprint(algorithm: 'sha256' | 'sha1', seed: string): string {
  return createHash(algorithm).update(seed).digest('hex').match(/../g)!.join(':');
}

export function makeKeyPair(input: {
  pk: string;
  name: string;
  withKey: boolean;
  subject: string;
  expiry: string;
  managed?: string | null;
}): CertificateKeyPair {
  const base = `/api/v3/crypto/certificatekeypairs/${input.pk}`;
  return {
    pk: input.pk,
    name: input.name,
    fingerprint_sha256: fingerprint('sha256', input.pk),
    fingerprint_sha1: fingerprint('sha1', input.pk),
    cert_expiry: input.expiry,
    cert_subject: input.subject,
    private_key_available: input.withKey,
    private_key_type: input.withKey ? 'rsa' : null,
    certificate_download_url: `${base}/view_certificate/?download`,
    private_key_download_url: `${base}/view_private_key/?download`,
    managed: input.managed ?? null,
  };
}

export function makeScopeMapping(input: {
  pk: string;
  name: string;
  scopeName: string;
  expression: string;
  description: string;
  managed?: string | null;
}): ScopeMapping {
  return {
    pk: input.pk,
    managed: input.managed ?? null,
    name: input.name,
    expression: input.expression,
    component: 'ak-property-mapping-provider-scope-form',
    verbose_name: 'Scope Mapping',
    verbose_name_plural: 'Scope Mappings',
    meta_model_name: 'authentik_providers_oauth2.scopemapping',
    scope_name: input.scopeName,
    description: input.description,
  };
}

/** Property mapping kinds other than scope mappings, as their models describe themselves. */
const PROPERTY_MAPPING_KINDS = {
  saml: {
    component: 'ak-property-mapping-provider-saml-form',
    verbose_name: 'SAML Provider Property Mapping',
    verbose_name_plural: 'SAML Provider Property Mappings',
    meta_model_name: 'authentik_providers_saml.samlpropertymapping',
  },
} as const;

export function makePropertyMapping(input: {
  pk: string;
  kind: keyof typeof PROPERTY_MAPPING_KINDS;
  name: string;
  expression: string;
  managed?: string | null;
}): PropertyMapping {
  return { pk: input.pk, managed: input.managed ?? null, name: input.name, expression: input.expression, ...PROPERTY_MAPPING_KINDS[input.kind] };
}

const SOURCE_TYPES: Record<string, SourceType> = {
  openidconnect: {
    name: 'openidconnect',
    verbose_name: 'OpenID Connect',
    urls_customizable: true,
    request_token_url: null,
    authorization_url: null,
    access_token_url: null,
    profile_url: null,
    oidc_well_known_url: null,
    oidc_jwks_url: null,
  },
  github: {
    name: 'github',
    verbose_name: 'GitHub',
    urls_customizable: true,
    request_token_url: null,
    authorization_url: 'https://github.com/login/oauth/authorize',
    access_token_url: 'https://github.com/login/oauth/access_token',
    profile_url: 'https://api.github.com/user',
    oidc_well_known_url: null,
    oidc_jwks_url: null,
  },
};

export function makeOAuthSource(input: {
  pk: string;
  name: string;
  slug: string;
  providerType: 'openidconnect' | 'github';
  consumerKey: string;
  wellKnownUrl?: string;
  jwksUrl?: string;
  jwks?: Record<string, unknown>;
}): OAuthSource {
  const type = SOURCE_TYPES[input.providerType];
  return {
    pk: input.pk,
    name: input.name,
    slug: input.slug,
    enabled: true,
    authentication_flow: null,
    enrollment_flow: null,
    user_property_mappings: [],
    group_property_mappings: [],
    component: 'ak-source-oauth-form',
    verbose_name: 'OAuth Source',
    verbose_name_plural: 'OAuth Sources',
    meta_model_name: 'authentik_sources_oauth.oauthsource',
    policy_engine_mode: 'any',
    user_matching_mode: 'identifier',
    managed: null,
    user_path_template: 'goauthentik.io/sources/%(slug)s',
    icon: input.providerType === 'github' ? '/static/authentik/sources/github.svg' : null,
    group_matching_mode: 'identifier',
    provider_type: input.providerType,
    request_token_url: null,
    authorization_url: type.authorization_url,
    access_token_url: type.access_token_url,
    profile_url: type.profile_url,
    consumer_key: input.consumerKey,
    callback_url: `/source/oauth/callback/${input.slug}/`,
    additional_scopes: '',
    type,
    oidc_well_known_url: input.wellKnownUrl ?? '',
    oidc_jwks_url: input.jwksUrl ?? '',
    oidc_jwks: input.jwks ?? {},
  };
}

/** A UUID derived from a counter, so generated objects have stable, distinct pks. */
export function numberedUuid(prefix: string, n: number): string {
  return `${prefix}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}
