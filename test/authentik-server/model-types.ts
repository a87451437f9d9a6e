/** Object shapes as authentik 2024.8.4 serializes them (OpenAPI `components.schemas`). */

export interface Flow {
  pk: string;
  policybindingmodel_ptr_id: string;
  name: string;
  slug: string;
  title: string;
  designation: 'authentication' | 'authorization' | 'invalidation' | 'enrollment' | 'unenrollment' | 'recovery' | 'stage_configuration';
  background: string;
  stages: string[];
  policies: string[];
  cache_count: number;
  policy_engine_mode: 'all' | 'any';
  compatibility_mode: boolean;
  export_url: string;
  layout: 'stacked' | 'content_left' | 'content_right' | 'sidebar_left' | 'sidebar_right';
  denied_action: 'message_continue' | 'message' | 'continue';
  authentication: 'none' | 'require_authenticated' | 'require_unauthenticated' | 'require_superuser' | 'require_outpost';
}

/** The stored key pair; `include_details=false` blanks the detail fields in the response. */
export interface CertificateKeyPair {
  pk: string;
  name: string;
  fingerprint_sha256: string | null;
  fingerprint_sha1: string | null;
  cert_expiry: string | null;
  cert_subject: string | null;
  private_key_available: boolean;
  private_key_type: string | null;
  certificate_download_url: string;
  private_key_download_url: string;
  managed: string | null;
}

/** A property mapping of any kind as /propertymappings/all/ renders it (PropertyMappingSerializer). */
export interface PropertyMapping {
  pk: string;
  managed: string | null;
  name: string;
  expression: string;
  component: string;
  verbose_name: string;
  verbose_name_plural: string;
  meta_model_name: string;
}

export interface ScopeMapping extends PropertyMapping {
  scope_name: string;
  description: string;
}

export interface SourceType {
  name: string;
  verbose_name: string;
  urls_customizable: boolean;
  request_token_url: string | null;
  authorization_url: string | null;
  access_token_url: string | null;
  profile_url: string | null;
  oidc_well_known_url: string | null;
  oidc_jwks_url: string | null;
}

export interface OAuthSource {
  pk: string;
  name: string;
  slug: string;
  enabled: boolean;
  authentication_flow: string | null;
  enrollment_flow: string | null;
  user_property_mappings: string[];
  group_property_mappings: string[];
  component: string;
  verbose_name: string;
  verbose_name_plural: string;
  meta_model_name: string;
  policy_engine_mode: 'all' | 'any';
  user_matching_mode: 'identifier' | 'email_link' | 'email_deny' | 'username_link' | 'username_deny';
  managed: string | null;
  user_path_template: string;
  icon: string | null;
  group_matching_mode: 'identifier' | 'name_link' | 'name_deny';
  provider_type: string;
  request_token_url: string | null;
  authorization_url: string | null;
  access_token_url: string | null;
  profile_url: string | null;
  consumer_key: string;
  callback_url: string;
  additional_scopes: string;
  type: SourceType;
  oidc_well_known_url: string;
  oidc_jwks_url: string;
  oidc_jwks: Record<string, unknown>;
}

/**
 * The OAuth2 provider as the server returns it, with the fields of the release it behaves like (the
 * ones below are those of 2024.8.4; later releases have more, and `redirect_uris` is a list of
 * entries from 2024.8.5 and 2024.10.3). The assigned_* fields are null for a provider no
 * application uses: DRF resolves `application.slug` through a missing relation to None, although
 * the 2024.8.4 OpenAPI declares them non-null strings (2026.2.2 marks them nullable).
 */
export interface OAuth2Provider extends Omit<Provider, 'authorization_flow'> {
  authorization_flow: string;
  client_type: string;
  client_id: string;
  client_secret: string;
  access_code_validity: string;
  access_token_validity: string;
  refresh_token_validity: string;
  include_claims_in_id_token: boolean;
  signing_key: string | null;
  redirect_uris: string | RedirectUri[];
  sub_mode: string;
  issuer_mode: string;
  jwks_sources?: string[];
  [field: string]: unknown;
}

/** One entry of the list form of `redirect_uris`. */
export interface RedirectUri {
  matching_mode: 'strict' | 'regex';
  url: string;
  /** 2026.5 on. */
  redirect_uri_type?: 'authorization' | 'logout';
}

/** A provider of any type as /providers/all/ renders it (ProviderSerializer). */
export interface Provider {
  pk: number;
  name: string;
  authentication_flow: string | null;
  authorization_flow: string | null;
  property_mappings: string[];
  component: string;
  assigned_application_slug: string | null;
  assigned_application_name: string | null;
  assigned_backchannel_application_slug: string | null;
  assigned_backchannel_application_name: string | null;
  verbose_name: string;
  verbose_name_plural: string;
  meta_model_name: string;
}

/** A provider of another type (proxy, LDAP...): listed in /providers/all/, and its name is taken. */
export interface OtherProvider {
  pk: number;
  name: string;
  /** The model name, a key of PROVIDER_TYPES: 'proxyprovider', 'ldapprovider'... */
  type: string;
  authorization_flow: string | null;
}

export interface Version {
  version_current: string;
  version_latest: string;
  version_latest_valid: boolean;
  build_hash: string;
  outdated: boolean;
  outpost_outdated: boolean;
}

export interface Pagination {
  next: number;
  previous: number;
  count: number;
  current: number;
  total_pages: number;
  start_index: number;
  end_index: number;
}

export interface Paginated<T> {
  pagination: Pagination;
  results: T[];
}
