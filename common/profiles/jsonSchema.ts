/** The part of JSON Schema (draft-07) the request schemas use. */
export interface SchemaNode {
  type?: string | string[];
  enum?: unknown[];
  format?: string;
  items?: SchemaNode;
  properties?: Record<string, SchemaNode>;
  required?: string[];
  additionalProperties?: boolean | SchemaNode;
  allOf?: SchemaNode[];
  anyOf?: SchemaNode[];
  oneOf?: SchemaNode[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  title?: string;
  description?: string;
  default?: unknown;
  readOnly?: boolean;
}

/** A request schema as the validator compiles it: the body of `POST /api/v3/providers/oauth2/`. */
export interface RequestSchema extends SchemaNode {
  $schema: string;
  $id: string;
  title: string;
  description: string;
  type: 'object';
  properties: Record<string, SchemaNode>;
  required: string[];
}

export const DRAFT_07 = 'http://json-schema.org/draft-07/schema#';

/** The JSON types of a node without null: `["string", "null"]` gives `["string"]`. */
export function typesOf(node: SchemaNode): string[] {
  const types = Array.isArray(node.type) ? node.type : node.type ? [node.type] : [];
  return types.filter((t) => t !== 'null');
}

export function isNullable(node: SchemaNode): boolean {
  return Array.isArray(node.type) ? node.type.includes('null') : node.type === 'null';
}

/** Whether a JSON value is of one of the node's types and, for an enum, one of its values. */
export function fitsNode(node: SchemaNode, value: unknown): boolean {
  if (node.enum && !node.enum.some((v) => JSON.stringify(v) === JSON.stringify(value))) return false;
  const types = Array.isArray(node.type) ? node.type : node.type ? [node.type] : [];
  if (types.length === 0) return true;
  return types.some((type) => {
    switch (type) {
      case 'null':
        return value === null;
      case 'array':
        return Array.isArray(value);
      case 'object':
        return value !== null && typeof value === 'object' && !Array.isArray(value);
      case 'integer':
        return Number.isInteger(value);
      default:
        return typeof value === type;
    }
  });
}

/** The parts of a request schema that decide what the server accepts (not its $id or title). */
export function requestShape(schema: RequestSchema): Pick<RequestSchema, 'type' | 'properties' | 'required'> {
  return { type: schema.type, properties: schema.properties, required: schema.required };
}
