/**
 * A test double of an authentik server for the OAuth2 provider API (2024.8.4 unless another release
 * is asked for): real HTTP, the real error texts and status codes, seed objects with fixed pks,
 * request recording and fault injection.
 */
export { startAuthentikTestServer } from './server';
export { SEED_IDS } from './seed';
export type { AuthentikTestServer, FaultSpec, ReceivedRequest, SeedObjects, TestServerOptions } from './types';
export type {
  CertificateKeyPair,
  Flow,
  OAuth2Provider,
  OAuthSource,
  OtherProvider,
  Paginated,
  Pagination,
  PropertyMapping,
  Provider,
  ScopeMapping,
  Version,
} from './model-types';
