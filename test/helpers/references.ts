import { StaticReferenceSource } from '../../server/src/service/references';
import { FLOW_AUTHN, FLOW_EXPLICIT, FLOW_IMPLICIT, KEY_PAIR, KEY_PAIR_NO_KEY, MAPPING_SAML, SCOPE_EMAIL, SCOPE_OPENID, SOURCE_JWKS } from './service';

/** In-memory objects like a fresh authentik server's defaults. */
export function defaultReferences(): StaticReferenceSource {
  return new StaticReferenceSource({
    flow: [
      { pk: FLOW_EXPLICIT, name: 'Authorize Application', slug: 'default-provider-authorization-explicit-consent', designation: 'authorization' },
      { pk: FLOW_IMPLICIT, name: 'Authorize Application', slug: 'default-provider-authorization-implicit-consent', designation: 'authorization' },
      { pk: FLOW_AUTHN, name: 'Welcome to authentik!', slug: 'default-authentication-flow', designation: 'authentication' },
    ],
    certificateKeyPair: [
      { pk: KEY_PAIR, name: 'authentik Self-signed Certificate', privateKeyAvailable: true },
      { pk: KEY_PAIR_NO_KEY, name: 'Example Corp Root CA', privateKeyAvailable: false },
    ],
    scopeMapping: [
      { pk: SCOPE_OPENID, name: "authentik default OAuth Mapping: OpenID 'openid'", scopeName: 'openid' },
      { pk: SCOPE_EMAIL, name: "authentik default OAuth Mapping: OpenID 'email'", scopeName: 'email' },
    ],
    // Every kind of property mapping, as /propertymappings/all/ lists them (by name).
    propertyMapping: [
      { pk: SCOPE_EMAIL, name: "authentik default OAuth Mapping: OpenID 'email'", kindName: 'Scope Mapping' },
      { pk: SCOPE_OPENID, name: "authentik default OAuth Mapping: OpenID 'openid'", kindName: 'Scope Mapping' },
      { pk: MAPPING_SAML, name: 'authentik default SAML Mapping: Email', kindName: 'SAML Provider Property Mapping' },
    ],
    oauthSource: [{ pk: SOURCE_JWKS, name: 'GitHub Actions', slug: 'github-actions' }],
  });
}
