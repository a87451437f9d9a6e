import { FieldKind } from './fieldKinds';
import { isNullable, SchemaNode, typesOf } from './jsonSchema';
import { Profile } from './profile';
import { ReferenceField } from './references';

/** What a program needs to know about one request field of a profile, read from its schema. */
export interface RequestField {
  key: string;
  required: boolean;
  /** The JSON type without null: string, boolean, array, integer, object. */
  type: string;
  nullable: boolean;
  format?: string;
  enumValues?: readonly string[];
  minLength?: number;
  maxLength?: number;
  description?: string;
  defaultValue?: unknown;
  /** Durations and http(s) URLs. */
  kind?: FieldKind;
  /** Set when the field refers to other objects. */
  reference?: ReferenceField;
  /** For a list: what one item is (`grant_types`: a choice; `redirect_uris`: an entry with fields of its own). */
  item?: RequestField;
  /** For an object (a `redirect_uris` entry): its fields. */
  fields?: readonly RequestField[];
}

/** The request fields of a profile, in the schema's order. */
export function requestFields(profile: Profile): RequestField[] {
  const schema = profile.requestSchema;
  return Object.entries(schema.properties).map(([key, node]) => {
    const field = fieldOf(key, node, schema.required.includes(key));
    const kind = profile.fieldKinds[key];
    if (kind) field.kind = kind;
    const reference = profile.references[key];
    if (reference) field.reference = reference;
    return field;
  });
}

function fieldOf(key: string, node: SchemaNode, required: boolean): RequestField {
  const field: RequestField = { key, required, type: typesOf(node)[0] ?? 'string', nullable: isNullable(node) };
  if (node.format !== undefined) field.format = node.format;
  const choices = node.enum?.filter((v): v is string => typeof v === 'string');
  if (choices && choices.length > 0) field.enumValues = choices;
  if (node.minLength !== undefined) field.minLength = node.minLength;
  if (node.maxLength !== undefined) field.maxLength = node.maxLength;
  // An item's title is its component's name (RedirectURIRequest), not a text for the user.
  const description = node.description ?? node.title;
  if (description !== undefined) field.description = description;
  if (node.default !== undefined) field.defaultValue = node.default;
  if (node.items) field.item = fieldOf(key, node.items, false);
  if (node.properties) {
    const inner = node.required ?? [];
    field.fields = Object.entries(node.properties).map(([name, child]) => fieldOf(name, child, inner.includes(name)));
  }
  return field;
}
