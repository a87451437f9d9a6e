import requestSchema from '../../schemas/oauth2provider.request.schema.json';
import { pyStrip, pyStrOfJsonNumber, pyUuid } from '../pythonText';

/**
 * What the server stores for a value it accepts, by Django REST framework 3.14's field rules (the
 * version authentik 2024.8.4 pins): a deploy's diff, its dry run and its "up to date" decision all
 * compare these, never the file's spelling. A value the server would refuse is left as it is.
 *
 * - text (CharField): a number becomes its Python `str()`, then surrounding whitespace is stripped
 *   (so a block scalar's trailing newline goes);
 * - choice (ChoiceField): looked up by `str()`, not stripped;
 * - boolean (BooleanField): `yes`, `on`, `1`, `t`... and 1/0 are booleans;
 * - uuid (PrimaryKeyRelatedField to a UUID pk): any form `uuid.UUID(hex=...)` reads, in the canonical
 *   form; `""` is null where null is allowed;
 * - uuid-list (ManyRelatedField): each item as a uuid; a set, so order and repeats do not count.
 * - object-list (a ListSerializer of a nested serializer, redirect_uris from 2024.8.5): each item with
 *   the defaults of the fields it leaves out (the server stores and returns them), its fields by these
 *   same rules, in one key order.
 */
export type StoredKind = 'text' | 'choice' | 'boolean' | 'uuid' | 'uuid-list' | 'object-list' | 'other';

export interface StoredField {
  kind: StoredKind;
  nullable: boolean;
  /** object-list: the fields of one item and the defaults of those that have one. */
  item?: { fields: StoredFields; defaults: Record<string, unknown> };
}

export type StoredFields = ReadonlyMap<string, StoredField>;

/** A property of a JSON Schema (our schema files) or of an OpenAPI 3 component (a version profile's schema). */
interface SchemaProperty {
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  nullable?: boolean;
  items?: SchemaProperty;
  properties?: Record<string, SchemaProperty>;
  default?: unknown;
  $ref?: string;
  allOf?: SchemaProperty[];
  oneOf?: SchemaProperty[];
}

function kindOf(property: SchemaProperty): StoredKind {
  const types = Array.isArray(property.type) ? property.type : property.type ? [property.type] : [];
  // An OpenAPI request schema refers to its enums (ClientTypeEnum...) instead of inlining them.
  if (property.enum || property.$ref || property.allOf || property.oneOf) return types.includes('boolean') ? 'boolean' : 'choice';
  if (types.includes('boolean')) return 'boolean';
  if (types.includes('string')) return property.format === 'uuid' ? 'uuid' : 'text';
  if (types.includes('array') && property.items?.format === 'uuid') return 'uuid-list';
  if (types.includes('array') && property.items?.properties) return 'object-list';
  return 'other';
}

/** The stored-value rule of every property of a request schema. */
export function storedFieldsOf(schema: { properties?: Record<string, unknown> }): StoredFields {
  const fields = new Map<string, StoredField>();
  for (const [key, raw] of Object.entries(schema.properties ?? {})) {
    const property = raw as SchemaProperty;
    const types = Array.isArray(property.type) ? property.type : [];
    const field: StoredField = { kind: kindOf(property), nullable: property.nullable === true || types.includes('null') };
    if (field.kind === 'object-list') {
      const itemProperties = property.items?.properties ?? {};
      const defaults = Object.fromEntries(Object.entries(itemProperties).filter(([, p]) => p.default !== undefined).map(([k, p]) => [k, p.default]));
      field.item = { fields: storedFieldsOf({ properties: itemProperties }), defaults };
    }
    fields.set(key, field);
  }
  return fields;
}

/** The fields of `POST /api/v3/providers/oauth2/` on the servers this file format targets (2023.5 to 2024.8). */
export const REQUEST_STORED_FIELDS: StoredFields = storedFieldsOf(requestSchema);

const TRUE_WORDS = new Set(['t', 'T', 'y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON', '1']);
const FALSE_WORDS = new Set(['f', 'F', 'n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF', '0']);

function storedBoolean(value: unknown): unknown {
  if (typeof value === 'string') return TRUE_WORDS.has(value) ? true : FALSE_WORDS.has(value) ? false : value;
  // Python's set membership: 1 == 1.0 == True.
  if (value === 1) return true;
  if (value === 0) return false;
  return value;
}

function storedUuid(value: unknown, nullable: boolean): unknown {
  if (value === '' && nullable) return null;
  if (typeof value !== 'string' && typeof value !== 'number') return value;
  return pyUuid(value) ?? value;
}

/** What the server stores for `value` in a field of this kind; the value itself where it would refuse it. */
export function storedValue(field: StoredField | undefined, value: unknown): unknown {
  switch (field?.kind) {
    case 'text':
      if (typeof value === 'string') return pyStrip(value);
      if (typeof value === 'number') {
        const text = pyStrOfJsonNumber(value);
        return text === undefined ? value : pyStrip(text);
      }
      return value;
    case 'choice':
      // Looked up by str(value) and stored as the choice itself: no choice is a number, nothing is stripped.
      return value;
    case 'boolean':
      return storedBoolean(value);
    case 'uuid':
      return storedUuid(value, field.nullable);
    case 'object-list':
      if (!Array.isArray(value) || !field.item) return value;
      return value.map((item) => storedItem(field.item!, item));
    case 'uuid-list':
      if (!Array.isArray(value)) return value;
      return [...new Set(value.map((item) => storedUuid(item, false)).map((item) => JSON.stringify(item)))].map((item) => JSON.parse(item) as unknown);
    default:
      return value;
  }
}

function storedItem(item: NonNullable<StoredField['item']>, value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const filled: Record<string, unknown> = { ...item.defaults, ...(value as Record<string, unknown>) };
  return Object.fromEntries(
    Object.keys(filled)
      .sort()
      .map((key) => [key, storedValue(item.fields.get(key), filled[key])]),
  );
}

/** The body as the server would store it, field by field. */
export function storedBody(body: Record<string, unknown>, fields: StoredFields = REQUEST_STORED_FIELDS): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).map(([key, value]) => [key, storedValue(fields.get(key), value)]));
}

const canonical = (value: unknown) => JSON.stringify(value ?? null);

/** Whether two values are stored alike: a uuid-list as a set, everything else as equal JSON. */
export function sameStored(field: StoredField | undefined, a: unknown, b: unknown): boolean {
  const left = storedValue(field, a);
  const right = storedValue(field, b);
  if (field?.kind === 'uuid-list' && Array.isArray(left) && Array.isArray(right)) {
    const set = new Set(right.map(canonical));
    return left.length === set.size && left.every((item) => set.has(canonical(item)));
  }
  return canonical(left) === canonical(right);
}
