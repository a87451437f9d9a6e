import type { CertificateKeyPair, Flow, OAuth2Provider, OAuthSource, OtherProvider, PropertyMapping, ScopeMapping } from './model-types';

export interface TestServerOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** The accepted bearer token, default 'test-token'. */
  token?: string;
  /** Authenticates but may only read: writes get 403 "You do not have permission to perform this action.". */
  readOnlyToken?: string;
  /** A token the server knows but has expired: 403 "Token invalid/expired". */
  expiredToken?: string;
  /** Load the seed objects (flows, key pairs, property mappings, sources, other providers). Default true. */
  seed?: boolean;
  /**
   * Give the seed objects (and those the add* methods make) random UUIDs instead of SEED_IDS, with the
   * same names and slugs, as a second authentik install would have: two servers then differ only in
   * their ids. `seedObjects` has the UUIDs this server uses; reset() keeps them. Default false.
   */
  freshIds?: boolean;
  /**
   * The authentik release to behave like (`2024.8.4`, `2026.2`, `2026.5.0`; a release line means its
   * newest known release): what POST/PUT/PATCH accept (that release's version profile), the shapes
   * of the answers, the OpenAPI document at /api/v3/schema/ and what /api/v3/admin/version/ reports.
   * A release newer than every bundled profile behaves like the newest. Default '2024.8.4'.
   */
  version?: string;
  /**
   * authentik 2024.8.4 renders errors (an unhandled exception, an unknown URL) with Django template
   * views that only implement GET, so a POST/PUT/PATCH/DELETE that crashes, or goes to an unknown URL,
   * is answered 405 with `Allow: GET, HEAD, OPTIONS` and an empty body; GET gets the 500/404 HTML page.
   * Default true (like the real server). False: every method gets the 500/404 HTML page.
   */
  legacyErrorViews?: boolean;
}

/** Applied to matching requests, before authentication, as a proxy in front of authentik would. */
export interface FaultSpec {
  /** Matches this method only (any case). */
  method?: string;
  /** Prefix match on the pathname. */
  path?: string;
  /** How many requests it applies to; default: forever. */
  times?: number;
  latencyMs?: number;
  /** Answer with this status: a small JSON `{"detail": ...}`, or with `htmlBody` an HTML page (a 502 from a proxy). */
  status?: number;
  htmlBody?: boolean;
  /** Send the headers and part of the body, then destroy the socket. */
  dropMidBody?: boolean;
  /** The normal response (or `status`), its JSON body cut in half. */
  malformedJson?: boolean;
  /** 302 to another origin: an origin gets the request's path and query appended; a URL with a path is used as is. */
  redirectTo?: string;
  /** The normal response (or `status`) padded to a valid JSON body of this many bytes. */
  hugeBodyBytes?: number;
  /**
   * Answer with this JSON (status `status`, default 200) instead of the normal response: an answer of
   * a shape authentik never sends, for clients that must not trust it.
   */
  json?: unknown;
  /**
   * Answer `status` (default 200) with everything the request carried, the Authorization header and
   * the body included, in every form a careless server could echo it: as JSON (a `detail` text and
   * structured fields), or with `htmlBody` as an HTML debug page.
   */
  echo?: boolean;
}

export interface ReceivedRequest {
  method: string;
  path: string;
  /** The last value of each query parameter, as Django's QueryDict.get returns it. */
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON, the raw text when it is not JSON, undefined when there was no body. */
  body: unknown;
  rawBody: string;
}

/**
 * The seed objects with the pks this server uses (SEED_IDS unless `freshIds`). Present even with
 * `seed: false` (the server then lacks them).
 */
export interface SeedObjects {
  /** `providerInvalidation` (`default-provider-invalidation-flow`) is on servers of 2024.10.0 and later only. */
  flows: { explicitConsent: Flow; implicitConsent: Flow; authentication: Flow; invalidation: Flow; providerInvalidation: Flow };
  /** `certificateOnly` has no private key: accepted as a signing_key, listed unless has_key=true. */
  keyPairs: { selfSigned: CertificateKeyPair; certificateOnly: CertificateKeyPair };
  scopeMappings: { openid: ScopeMapping; email: ScopeMapping; profile: ScopeMapping; offlineAccess: ScopeMapping };
  /** Property mappings of other kinds: in /propertymappings/all/, and accepted in property_mappings. */
  propertyMappings: { samlEmail: PropertyMapping };
  sources: { githubActions: OAuthSource; github: OAuthSource };
  /** Providers of other types; their names count for the name uniqueness of OAuth2 providers. */
  otherProviders: OtherProvider[];
}

export interface AuthentikTestServer {
  /** Base URL, e.g. http://127.0.0.1:PORT */
  url: string;
  port: number;
  /** Every request received, in order. */
  requests: ReceivedRequest[];
  addFault(fault: FaultSpec): void;
  clearFaults(): void;
  /** Clears requests, providers and faults, and re-seeds. */
  reset(): void;
  /** The OAuth2 providers on the server (copies), by pk. */
  providers(): OAuth2Provider[];
  seedObjects: SeedObjects;
  /** Adds `count` flows (default designation authorization) for pagination tests; returns them. */
  addFlows(count: number, designation?: Flow['designation']): Flow[];
  addCertificateKeyPairs(count: number, withKey?: boolean): CertificateKeyPair[];
  addScopeMappings(count: number): ScopeMapping[];
  addOAuthSources(count: number, withJwks?: boolean): OAuthSource[];
  /**
   * Adds a provider of another type (a PROVIDER_TYPES key, default 'proxyprovider'), listed in
   * /providers/all/; an OAuth2 provider then cannot take its name.
   */
  addOtherProvider(name: string, type?: string): OtherProvider;
  close(): Promise<void>;
}
