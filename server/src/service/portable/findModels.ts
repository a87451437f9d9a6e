import type { ReferenceKind } from '../../../../common/profiles';

/**
 * The `!Find` models a provider field can point at, with the lookups each supports. authentik's
 * `Find` tag filters the model with every `[lookup, value]` pair (a Django `Q(lookup=value)`, ANDed)
 * and takes the pk of the first match (blueprints/v1/common.py); here only exact lookups on fields
 * the list endpoints return are supported, and several matches are an error rather than the first.
 */
export type FindLookup = 'slug' | 'name' | 'managed' | 'pk';

export const FIND_LOOKUPS: readonly FindLookup[] = ['slug', 'name', 'managed', 'pk'];

export interface FindModel {
  kind: ReferenceKind;
  lookups: readonly FindLookup[];
}

export const FIND_MODELS: Readonly<Record<string, FindModel>> = {
  'authentik_flows.flow': { kind: 'flow', lookups: ['slug', 'name', 'pk'] },
  'authentik_crypto.certificatekeypair': { kind: 'certificateKeyPair', lookups: ['name', 'managed', 'pk'] },
  // property_mappings accepts any property mapping; the scope mappings are the ones it lists.
  'authentik_core.propertymapping': { kind: 'scopeMapping', lookups: ['name', 'managed', 'pk'] },
  'authentik_providers_oauth2.scopemapping': { kind: 'scopeMapping', lookups: ['name', 'managed', 'pk'] },
  'authentik_sources_oauth.oauthsource': { kind: 'oauthSource', lookups: ['slug', 'name', 'managed', 'pk'] },
  'authentik_providers_oauth2.oauth2provider': { kind: 'oauth2Provider', lookups: ['name', 'pk'] },
};

export function findModel(model: string): FindModel | undefined {
  return Object.prototype.hasOwnProperty.call(FIND_MODELS, model) ? FIND_MODELS[model] : undefined;
}

/** The models that give an object of `kind`, for messages. */
export function modelsFor(kind: ReferenceKind): string[] {
  return Object.entries(FIND_MODELS)
    .filter(([, model]) => model.kind === kind)
    .map(([name]) => name);
}

/** `a`, `a and b`, `a, b and c` */
export function listText(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
