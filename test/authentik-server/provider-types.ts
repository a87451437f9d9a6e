import type { OAuth2Provider, OtherProvider, Provider } from './model-types';

/** What authentik 2024.8.4's provider models say about themselves (their Meta and `component`). */
interface ProviderType {
  appLabel: string;
  verboseName: string;
  verboseNamePlural: string;
  component: string;
  /** A BackchannelProvider subclass: saved with is_backchannel=True. */
  backchannel: boolean;
}

export const PROVIDER_TYPES: Record<string, ProviderType> = {
  oauth2provider: {
    appLabel: 'authentik_providers_oauth2',
    verboseName: 'OAuth2/OpenID Provider',
    verboseNamePlural: 'OAuth2/OpenID Providers',
    component: 'ak-provider-oauth2-form',
    backchannel: false,
  },
  proxyprovider: {
    appLabel: 'authentik_providers_proxy',
    verboseName: 'Proxy Provider',
    verboseNamePlural: 'Proxy Providers',
    component: 'ak-provider-proxy-form',
    backchannel: false,
  },
  ldapprovider: {
    appLabel: 'authentik_providers_ldap',
    verboseName: 'LDAP Provider',
    verboseNamePlural: 'LDAP Providers',
    component: 'ak-provider-ldap-form',
    backchannel: true,
  },
  samlprovider: {
    appLabel: 'authentik_providers_saml',
    verboseName: 'SAML Provider',
    verboseNamePlural: 'SAML Providers',
    component: 'ak-provider-saml-form',
    backchannel: false,
  },
  radiusprovider: {
    appLabel: 'authentik_providers_radius',
    verboseName: 'Radius Provider',
    verboseNamePlural: 'Radius Providers',
    component: 'ak-provider-radius-form',
    backchannel: false,
  },
  scimprovider: {
    appLabel: 'authentik_providers_scim',
    verboseName: 'SCIM Provider',
    verboseNamePlural: 'SCIM Providers',
    component: 'ak-provider-scim-form',
    backchannel: true,
  },
};

export function providerType(type: string): ProviderType {
  const known = PROVIDER_TYPES[type];
  if (!known) throw new Error(`unknown provider type "${type}"; known: ${Object.keys(PROVIDER_TYPES).join(', ')}`);
  return known;
}

export function isBackchannel(row: Provider): boolean {
  return Object.entries(PROVIDER_TYPES).some(([type, info]) => info.backchannel && row.meta_model_name === `${info.appLabel}.${type}`);
}

/** ProviderSerializer: the fields every provider type shares, rendered from its most specific class. */
export function providerRow(provider: OAuth2Provider | OtherProvider): Provider {
  if ('client_id' in provider) {
    const { pk, name, authentication_flow, authorization_flow, property_mappings, component, verbose_name, verbose_name_plural, meta_model_name } = provider;
    return { pk, name, authentication_flow, authorization_flow, property_mappings: [...property_mappings], component, ...unassigned(), verbose_name, verbose_name_plural, meta_model_name };
  }
  const type = providerType(provider.type);
  return {
    pk: provider.pk,
    name: provider.name,
    authentication_flow: null,
    authorization_flow: provider.authorization_flow,
    property_mappings: [],
    component: type.component,
    ...unassigned(),
    verbose_name: type.verboseName,
    verbose_name_plural: type.verboseNamePlural,
    meta_model_name: `${type.appLabel}.${provider.type}`,
  };
}

/** No application uses the test server's providers: DRF renders the missing relation's fields as null. */
function unassigned() {
  return {
    assigned_application_slug: null,
    assigned_application_name: null,
    assigned_backchannel_application_slug: null,
    assigned_backchannel_application_name: null,
  };
}
