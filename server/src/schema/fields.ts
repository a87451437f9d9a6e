import { Profile, ReferenceField, RequestField, requestFields } from '../../../common/profiles';
import responseSchema from '../../../schemas/oauth2provider.response.schema.json';

export type { RequestField } from '../../../common/profiles';

/** A profile's request fields, read once per profile from its schema. */
export interface ProfileFields {
  /** In the schema's order. */
  readonly list: readonly RequestField[];
  readonly byKey: ReadonlyMap<string, RequestField>;
  /** The required keys, in schema order. */
  readonly required: readonly string[];
}

const cache = new WeakMap<Profile, ProfileFields>();

export function fieldsOf(profile: Profile): ProfileFields {
  let fields = cache.get(profile);
  if (!fields) {
    const list = requestFields(profile);
    fields = { list, byKey: new Map(list.map((f) => [f.key, f])), required: list.filter((f) => f.required).map((f) => f.key) };
    cache.set(profile, fields);
  }
  return fields;
}

export function fieldOf(profile: Profile, key: string): RequestField | undefined {
  return fieldsOf(profile).byKey.get(key);
}

export const isDuration = (field: RequestField): boolean => field.kind === 'duration';
/** A list of references (`property_mappings`, `jwt_federation_providers`). */
export const isReferenceList = (field: RequestField): boolean => field.type === 'array' && !!field.reference?.many;
/** One reference by UUID (`authorization_flow`). */
export const isUuidReference = (field: RequestField): boolean => field.type === 'string' && field.format === 'uuid';

/**
 * Response-only fields the server computes; sent in a request they are ignored. The same nine in
 * every release's `OAuth2Provider` from 2023.5 to 2026.5, so one response schema serves them all.
 */
export const READ_ONLY_KEYS: ReadonlySet<string> = new Set(
  Object.entries(responseSchema.properties as Record<string, { readOnly?: boolean }>)
    .filter(([, prop]) => prop.readOnly === true)
    .map(([key]) => key),
);

/** What a request field refers to, if it is a reference in this profile. */
export function referenceOf(profile: Profile, key: string): ReferenceField | undefined {
  return fieldOf(profile, key)?.reference;
}
