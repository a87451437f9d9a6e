import requestSchema from '../../../schemas/oauth2provider.request.schema.json';
import responseSchema from '../../../schemas/oauth2provider.response.schema.json';

/** A JSON Schema fragment as it appears in our schema files. */
export interface SchemaProperty {
  type?: string | string[];
  format?: string;
  enum?: string[];
  minLength?: number;
  maxLength?: number;
  description?: string;
  title?: string;
  default?: unknown;
  readOnly?: boolean;
  items?: SchemaProperty;
}

/** What the editor needs to know about one request field, derived from the schema file. */
export interface FieldInfo {
  key: string;
  required: boolean;
  /** The JSON type without null: string, boolean, array, integer... */
  type: string;
  nullable: boolean;
  isUuid: boolean;
  isUuidList: boolean;
  isDuration: boolean;
  enumValues?: readonly string[];
  minLength?: number;
  maxLength?: number;
  description?: string;
  defaultValue?: unknown;
}

export const REQUEST_SCHEMA: Record<string, unknown> = requestSchema;
export const RESPONSE_SCHEMA: Record<string, unknown> = responseSchema;

const DURATION_FIELDS = new Set(['access_code_validity', 'access_token_validity', 'refresh_token_validity']);

function toFieldInfo(key: string, prop: SchemaProperty, required: boolean): FieldInfo {
  const types = Array.isArray(prop.type) ? prop.type : prop.type ? [prop.type] : [];
  const type = types.find((t) => t !== 'null') ?? 'string';
  return {
    key,
    required,
    type,
    nullable: types.includes('null'),
    isUuid: type === 'string' && prop.format === 'uuid',
    isUuidList: type === 'array' && prop.items?.format === 'uuid',
    isDuration: DURATION_FIELDS.has(key),
    enumValues: prop.enum,
    minLength: prop.minLength,
    maxLength: prop.maxLength,
    description: prop.description ?? prop.title ?? prop.items?.title,
    defaultValue: prop.default,
  };
}

const requestProperties = requestSchema.properties as Record<string, SchemaProperty>;
const requiredKeys = new Set<string>(requestSchema.required);

/** Request fields in schema order. */
export const FIELDS: readonly FieldInfo[] = Object.entries(requestProperties).map(([key, prop]) =>
  toFieldInfo(key, prop, requiredKeys.has(key)),
);
export const FIELD_BY_KEY: ReadonlyMap<string, FieldInfo> = new Map(FIELDS.map((f) => [f.key, f]));
export const REQUIRED_KEYS: readonly string[] = requestSchema.required;

/** Response-only fields the server computes; sent in a request they are ignored. */
export const READ_ONLY_KEYS: ReadonlySet<string> = new Set(
  Object.entries(responseSchema.properties as Record<string, SchemaProperty>)
    .filter(([, prop]) => prop.readOnly === true)
    .map(([key]) => key),
);
