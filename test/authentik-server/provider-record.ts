import { FIELDS } from '../../server/src/schema/fields';
import type { OAuth2Provider } from './model-types';
import type { ValidatedValues } from './provider-serializer';
import { PROVIDER_TYPES } from './provider-types';
import { generateId } from './random-ids';

/** Turns validated values into the stored provider, in the field order the server renders. */

const OAUTH2 = PROVIDER_TYPES.oauth2provider;

/** Model defaults for fields a create request leaves out. */
function defaultFor(key: string): unknown {
  if (key === 'client_id') return generateId(40);
  if (key === 'client_secret') return generateId(128);
  const field = FIELDS.find((f) => f.key === key);
  if (field?.defaultValue !== undefined) return field.defaultValue;
  if (field?.type === 'array') return [];
  if (field?.nullable) return null;
  throw new Error(`the test server has no default for "${key}"`);
}

// Fail at load time, not on the first request, if the schema grows a field without a default.
for (const field of FIELDS) if (!field.required) defaultFor(field.key);

export function createProvider(pk: number, values: ValidatedValues): OAuth2Provider {
  const full: ValidatedValues = {};
  for (const field of FIELDS) full[field.key] = field.key in values ? values[field.key] : defaultFor(field.key);
  return render(pk, full);
}

/** PUT and PATCH both keep whatever the request leaves out. */
export function updateProvider(existing: OAuth2Provider, values: ValidatedValues): OAuth2Provider {
  return render(existing.pk, { ...existing, ...values });
}

function render(pk: number, v: ValidatedValues): OAuth2Provider {
  const s = (key: string) => v[key] as string;
  return {
    pk,
    name: s('name'),
    authentication_flow: v.authentication_flow as string | null,
    authorization_flow: s('authorization_flow'),
    property_mappings: [...(v.property_mappings as string[])],
    component: OAUTH2.component,
    // No application uses a new provider, and DRF renders the missing relation's fields as null.
    assigned_application_slug: null,
    assigned_application_name: null,
    assigned_backchannel_application_slug: null,
    assigned_backchannel_application_name: null,
    verbose_name: OAUTH2.verboseName,
    verbose_name_plural: OAUTH2.verboseNamePlural,
    meta_model_name: `${OAUTH2.appLabel}.oauth2provider`,
    client_type: s('client_type'),
    client_id: s('client_id'),
    client_secret: s('client_secret'),
    access_code_validity: s('access_code_validity'),
    access_token_validity: s('access_token_validity'),
    refresh_token_validity: s('refresh_token_validity'),
    include_claims_in_id_token: v.include_claims_in_id_token as boolean,
    signing_key: v.signing_key as string | null,
    redirect_uris: s('redirect_uris'),
    sub_mode: s('sub_mode'),
    issuer_mode: s('issuer_mode'),
    jwks_sources: [...(v.jwks_sources as string[])],
  };
}
