import type { OAuth2Provider } from './model-types';
import type { ValidatedValues } from './provider-serializer';
import { PROVIDER_TYPES } from './provider-types';
import { generateId } from './random-ids';
import type { ServedRelease } from './release';

/** Turns validated values into the stored provider, with the fields the release's OAuth2Provider has, in its order. */

const OAUTH2 = PROVIDER_TYPES.oauth2provider;

/** What the server computes rather than stores. */
const COMPUTED: Record<string, unknown> = {
  component: OAUTH2.component,
  // No application uses a new provider, and DRF renders the missing relation's fields as null.
  assigned_application_slug: null,
  assigned_application_name: null,
  assigned_backchannel_application_slug: null,
  assigned_backchannel_application_name: null,
  verbose_name: OAUTH2.verboseName,
  verbose_name_plural: OAUTH2.verboseNamePlural,
  meta_model_name: `${OAUTH2.appLabel}.oauth2provider`,
};

/** Model defaults for fields a create request leaves out. */
function defaultFor(release: ServedRelease, key: string): unknown {
  if (key === 'client_id') return generateId(40);
  if (key === 'client_secret') return generateId(128);
  const field = release.fields.find((f) => f.key === key);
  if (field?.defaultValue !== undefined) return structuredClone(field.defaultValue);
  if (field?.type === 'array') return [];
  if (field?.nullable) return null;
  // A blank TextField without a default (logout_uri) stores "".
  if (field?.type === 'string' && field.kind === 'httpUrl') return '';
  throw new Error(`the test server has no default for "${key}" (authentik ${release.version})`);
}

/** Fails when a release's schema has a field without a default, at start rather than on the first request. */
export function checkDefaults(release: ServedRelease): void {
  for (const field of release.fields) if (!field.required) defaultFor(release, field.key);
  const response = release.components.OAuth2Provider?.properties ?? {};
  for (const key of Object.keys(response)) {
    if (key !== 'pk' && !(key in COMPUTED) && !release.fields.some((f) => f.key === key)) {
      throw new Error(`the test server cannot render "${key}" of authentik ${release.version}'s OAuth2Provider`);
    }
  }
}

export function createProvider(release: ServedRelease, pk: number, values: ValidatedValues): OAuth2Provider {
  const full: ValidatedValues = {};
  for (const field of release.fields) full[field.key] = field.key in values ? values[field.key] : defaultFor(release, field.key);
  return render(release, pk, full);
}

/** PUT and PATCH both keep whatever the request leaves out. */
export function updateProvider(release: ServedRelease, existing: OAuth2Provider, values: ValidatedValues): OAuth2Provider {
  return render(release, existing.pk, { ...existing, ...values });
}

function render(release: ServedRelease, pk: number, values: ValidatedValues): OAuth2Provider {
  const provider: Record<string, unknown> = {};
  for (const key of Object.keys(release.components.OAuth2Provider.properties ?? {})) {
    if (key === 'pk') provider.pk = pk;
    else if (key in COMPUTED) provider[key] = COMPUTED[key];
    else provider[key] = structuredClone(values[key]);
  }
  return provider as OAuth2Provider;
}
