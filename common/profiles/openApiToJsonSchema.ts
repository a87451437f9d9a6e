import { SchemaNode } from './jsonSchema';

/**
 * Converts a component of an OpenAPI 3 document (as authentik serves it at `/api/v3/schema/`,
 * written by drf-spectacular) into the JSON Schema draft-07 the request validator compiles: `$ref`s
 * resolved inline, `nullable` folded into `type`, `allOf` around a single `$ref` merged with its
 * siblings. The same code converts the bundled OpenAPI subsets (scripts/generate-schemas.ts) and a
 * live server's document, which is data from the network: it is bounded and checked, never trusted.
 */

export interface ConversionLimits {
  /** How deeply schemas may nest, counting every `$ref` followed. */
  maxDepth: number;
  /** Schema nodes converted in all (a `$ref` used twice counts twice). */
  maxNodes: number;
  /** Properties of one object. */
  maxProperties: number;
  /** Values of one enum. */
  maxEnumValues: number;
  /** Longer descriptions and titles are cut (they are shown in hovers, nothing depends on them). */
  maxTextLength: number;
}

export const DEFAULT_CONVERSION_LIMITS: ConversionLimits = {
  maxDepth: 16,
  maxNodes: 5000,
  maxProperties: 200,
  maxEnumValues: 500,
  maxTextLength: 2000,
};

export type ConversionResult = { ok: true; schema: SchemaNode } | { ok: false; error: string };

const JSON_TYPES = new Set(['string', 'number', 'integer', 'boolean', 'array', 'object', 'null']);
/** Field names as DRF writes them (Python identifiers); anything else, `__proto__` above all, is refused. */
const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,99}$/;
const COMPONENT_REF = /^#\/components\/schemas\/([A-Za-z0-9_.-]{1,200})$/;
const NUMBER_KEYWORDS = ['minLength', 'maxLength', 'minimum', 'maximum', 'minItems', 'maxItems'] as const;

class ConversionError extends Error {}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** An own property only: a document's `constructor` or `__proto__` keys never reach the prototype. */
export function own(value: unknown, key: string): unknown {
  return isRecord(value) && Object.prototype.hasOwnProperty.call(value, key) ? value[key] : undefined;
}

/** `components.schemas` of an OpenAPI document, or undefined. */
export function componentSchemas(document: unknown): Record<string, unknown> | undefined {
  const schemas = own(own(document, 'components'), 'schemas');
  return isRecord(schemas) ? schemas : undefined;
}

/** Converts `components.schemas[name]` of the document. */
export function convertComponent(document: unknown, name: string, limits: ConversionLimits = DEFAULT_CONVERSION_LIMITS): ConversionResult {
  const schemas = componentSchemas(document);
  if (!schemas) return { ok: false, error: 'the document has no components.schemas' };
  const component = own(schemas, name);
  if (component === undefined) return { ok: false, error: `the document has no component ${name}` };
  const converter = new Converter(schemas, limits);
  try {
    return { ok: true, schema: converter.convert(component, `components.schemas.${name}`, 0, [name]) };
  } catch (error) {
    if (error instanceof ConversionError) return { ok: false, error: error.message };
    throw error;
  }
}

class Converter {
  private nodes = 0;

  constructor(
    private readonly schemas: Record<string, unknown>,
    private readonly limits: ConversionLimits,
  ) {}

  convert(node: unknown, at: string, depth: number, refs: readonly string[]): SchemaNode {
    if (!isRecord(node)) throw new ConversionError(`${at} is not a schema object`);
    if (depth > this.limits.maxDepth) throw new ConversionError(`${at} nests deeper than ${this.limits.maxDepth} levels`);
    if (++this.nodes > this.limits.maxNodes) throw new ConversionError(`the schema has more than ${this.limits.maxNodes} parts`);

    const ref = own(node, '$ref');
    // OpenAPI 3.0 ignores the siblings of a $ref; drf-spectacular puts them beside an allOf instead.
    if (ref !== undefined) return this.followRef(ref, at, depth, refs);

    let result: SchemaNode = {};
    const allOf = own(node, 'allOf');
    if (allOf !== undefined) {
      const parts = this.convertList(allOf, `${at}.allOf`, depth, refs);
      if (parts.length === 1) result = { ...parts[0] };
      else result.allOf = parts;
    }
    for (const keyword of ['anyOf', 'oneOf'] as const) {
      const list = own(node, keyword);
      if (list !== undefined) result[keyword] = this.convertList(list, `${at}.${keyword}`, depth, refs);
    }

    const enumValues = own(node, 'enum');
    if (enumValues !== undefined) result.enum = this.enumValues(enumValues, `${at}.enum`);
    const type = own(node, 'type');
    if (type !== undefined) result.type = this.type(type, `${at}.type`);
    const format = own(node, 'format');
    if (format !== undefined) {
      if (typeof format !== 'string' || format.length > 100) throw new ConversionError(`${at}.format is not a format name`);
      result.format = format;
    }
    const items = own(node, 'items');
    if (items !== undefined) result.items = this.convert(items, `${at}.items`, depth + 1, refs);
    const properties = own(node, 'properties');
    if (properties !== undefined) result.properties = this.properties(properties, `${at}.properties`, depth, refs);
    const required = own(node, 'required');
    if (required !== undefined) result.required = this.required(required, result.properties, `${at}.required`);
    const additional = own(node, 'additionalProperties');
    if (typeof additional === 'boolean') result.additionalProperties = additional;
    else if (additional !== undefined) result.additionalProperties = this.convert(additional, `${at}.additionalProperties`, depth + 1, refs);

    for (const keyword of NUMBER_KEYWORDS) {
      const value = own(node, keyword);
      if (value === undefined) continue;
      if (typeof value !== 'number' || !Number.isFinite(value)) throw new ConversionError(`${at}.${keyword} is not a number`);
      result[keyword] = value;
    }
    this.exclusiveBound(node, result, 'exclusiveMinimum', 'minimum', at);
    this.exclusiveBound(node, result, 'exclusiveMaximum', 'maximum', at);
    if (own(node, 'uniqueItems') === true) result.uniqueItems = true;
    // `pattern` is left out on purpose: it is a Python regex, which the validator would read as JavaScript.

    for (const keyword of ['title', 'description'] as const) {
      const text = own(node, keyword);
      if (text === undefined) continue;
      if (typeof text !== 'string') throw new ConversionError(`${at}.${keyword} is not text`);
      result[keyword] = text.length > this.limits.maxTextLength ? `${text.slice(0, this.limits.maxTextLength)}…` : text;
    }
    if (Object.prototype.hasOwnProperty.call(node, 'default')) result.default = this.plainValue(own(node, 'default'), `${at}.default`, 0);
    if (own(node, 'readOnly') === true) result.readOnly = true;

    if (own(node, 'nullable') === true) result = withNull(result);
    return result;
  }

  private followRef(ref: unknown, at: string, depth: number, refs: readonly string[]): SchemaNode {
    const match = typeof ref === 'string' ? COMPONENT_REF.exec(ref) : null;
    if (!match) throw new ConversionError(`${at}.$ref is not a reference to #/components/schemas/…`);
    const name = match[1];
    if (refs.includes(name)) throw new ConversionError(`${at}.$ref "${ref}" refers back to itself`);
    const target = own(this.schemas, name);
    if (target === undefined) throw new ConversionError(`${at}.$ref "${ref}" does not resolve`);
    const converted = this.convert(target, `components.schemas.${name}`, depth + 1, [...refs, name]);
    // The component's name titles it, as in the seed schema (`ClientTypeEnum`).
    return converted.title === undefined ? withTitleAfterFormat(converted, name) : converted;
  }

  private convertList(value: unknown, at: string, depth: number, refs: readonly string[]): SchemaNode[] {
    if (!Array.isArray(value) || value.length === 0) throw new ConversionError(`${at} is not a list of schemas`);
    return value.map((part, i) => this.convert(part, `${at}[${i}]`, depth + 1, refs));
  }

  private properties(value: unknown, at: string, depth: number, refs: readonly string[]): Record<string, SchemaNode> {
    if (!isRecord(value)) throw new ConversionError(`${at} is not a mapping`);
    const names = Object.keys(value);
    if (names.length > this.limits.maxProperties) throw new ConversionError(`${at} has more than ${this.limits.maxProperties} properties`);
    const result: Record<string, SchemaNode> = {};
    for (const name of names) {
      if (!FIELD_NAME.test(name) || name === '__proto__') throw new ConversionError(`${at} has a property named ${JSON.stringify(name.slice(0, 100))}, which is not a field name`);
      result[name] = this.convert(value[name], `${at}.${name}`, depth + 1, refs);
    }
    return result;
  }

  /** The required names in the order of the properties (the seed schema's order), so equal shapes are equal JSON. */
  private required(value: unknown, properties: Record<string, SchemaNode> | undefined, at: string): string[] {
    if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) throw new ConversionError(`${at} is not a list of names`);
    const names = value as string[];
    const unknown = names.find((n) => !properties || !Object.prototype.hasOwnProperty.call(properties, n));
    if (unknown !== undefined) throw new ConversionError(`${at} names ${JSON.stringify(unknown.slice(0, 100))}, which is not one of the properties`);
    return Object.keys(properties ?? {}).filter((n) => names.includes(n));
  }

  private type(value: unknown, at: string): string | string[] {
    const types = Array.isArray(value) ? value : [value];
    if (types.length === 0 || !types.every((t) => typeof t === 'string' && JSON_TYPES.has(t))) throw new ConversionError(`${at} is not a JSON type`);
    return Array.isArray(value) ? [...(types as string[])] : (value as string);
  }

  private enumValues(value: unknown, at: string): unknown[] {
    if (!Array.isArray(value) || value.length === 0) throw new ConversionError(`${at} is not a list of values`);
    if (value.length > this.limits.maxEnumValues) throw new ConversionError(`${at} has more than ${this.limits.maxEnumValues} values`);
    for (const v of value) {
      const ok = v === null || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v)) || (typeof v === 'string' && v.length <= this.limits.maxTextLength);
      if (!ok) throw new ConversionError(`${at} holds a value that is not a string, number, boolean or null`);
    }
    return [...value];
  }

  /** OpenAPI 3.0 writes `exclusiveMinimum: true` beside `minimum`; draft-07 makes it the number. */
  private exclusiveBound(node: Record<string, unknown>, result: SchemaNode, keyword: 'exclusiveMinimum' | 'exclusiveMaximum', bound: 'minimum' | 'maximum', at: string): void {
    const value = own(node, keyword);
    if (value === undefined || value === false) return;
    if (value === true) {
      if (result[bound] === undefined) throw new ConversionError(`${at}.${keyword} has no ${bound}`);
      result[keyword] = result[bound];
      delete result[bound];
    } else if (typeof value === 'number' && Number.isFinite(value)) {
      result[keyword] = value;
    } else {
      throw new ConversionError(`${at}.${keyword} is not a number`);
    }
  }

  /** A default as plain JSON (bounded); a document could put anything there. */
  private plainValue(value: unknown, at: string, depth: number): unknown {
    if (depth > this.limits.maxDepth) throw new ConversionError(`${at} nests too deeply`);
    if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
    if (typeof value === 'number' && Number.isFinite(value)) return value;
    if (Array.isArray(value)) return value.map((v, i) => this.plainValue(v, `${at}[${i}]`, depth + 1));
    if (isRecord(value)) {
      const result: Record<string, unknown> = {};
      for (const key of Object.keys(value)) {
        if (key === '__proto__') throw new ConversionError(`${at} has a key named "__proto__"`);
        result[key] = this.plainValue(value[key], `${at}.${key}`, depth + 1);
      }
      return result;
    }
    throw new ConversionError(`${at} is not a JSON value`);
  }
}

/** `nullable: true` of OpenAPI 3.0: null joins the type (and the enum, which would refuse it otherwise). */
function withNull(node: SchemaNode): SchemaNode {
  if (node.type === undefined) {
    // Nothing to add null to (a bare anyOf): say it beside the node.
    const { description, title, default: fallback, ...rest } = node;
    const result: SchemaNode = { anyOf: [rest, { type: 'null' }] };
    if (title !== undefined) result.title = title;
    if (description !== undefined) result.description = description;
    if (fallback !== undefined) result.default = fallback;
    return result;
  }
  const types = Array.isArray(node.type) ? node.type : [node.type];
  const result: SchemaNode = { ...node, type: types.includes('null') ? types : [...types, 'null'] };
  if (node.enum && !node.enum.includes(null)) result.enum = [...node.enum, null];
  return result;
}

/** Adds a title where the seed schema has it: after the type keywords, before the description. */
function withTitleAfterFormat(node: SchemaNode, title: string): SchemaNode {
  const { description, default: fallback, ...rest } = node;
  const result: SchemaNode = { ...rest, title };
  if (description !== undefined) result.description = description;
  if (fallback !== undefined) result.default = fallback;
  return result;
}
