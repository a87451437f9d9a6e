import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';

/** authentik's OpenAPI documents as each release serves them, cut to the OAuth2 provider paths. */
export function openApiSubset(version: string): string {
  return path.resolve(__dirname, `../../schemas/openapi/authentik-${version}.oauth2-subset.yml`);
}

export const OPENAPI_2024_8_4 = openApiSubset('2024.8.4');

type OpenApiSchema = Record<string, unknown>;
export type ComponentSchemas = Record<string, OpenApiSchema>;

export function loadComponentSchemas(file = OPENAPI_2024_8_4): ComponentSchemas {
  const document = YAML.parse(readFileSync(file, 'utf8')) as { components: { schemas: ComponentSchemas } };
  return document.components.schemas;
}

// Keywords that mean the same in OpenAPI 3.0 and JSON Schema draft-07; everything else is dropped.
const KEPT = ['type', 'format', 'enum', 'required', 'minLength', 'maxLength', 'pattern', 'minimum', 'maximum', 'readOnly', 'writeOnly', 'title', 'description', 'default'];

/**
 * OpenAPI 3.0 schema -> JSON Schema: `nullable: true` allows null, `$ref` points into
 * `definitions`, and (closed) objects without `additionalProperties` accept no other keys,
 * so a response with a field the schema lacks fails too.
 */
export function toJsonSchema(schema: OpenApiSchema, closed: boolean): Record<string, unknown> {
  if (typeof schema.$ref === 'string') {
    return { $ref: schema.$ref.replace('#/components/schemas/', '#/definitions/') };
  }
  const out: Record<string, unknown> = {};
  for (const key of KEPT) if (key in schema) out[key] = schema[key];
  for (const key of ['allOf', 'oneOf', 'anyOf'] as const) {
    if (Array.isArray(schema[key])) out[key] = (schema[key] as OpenApiSchema[]).map((s) => toJsonSchema(s, closed));
  }
  if (schema.items) out.items = toJsonSchema(schema.items as OpenApiSchema, closed);
  if (schema.properties) {
    const properties = schema.properties as Record<string, OpenApiSchema>;
    out.properties = Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, toJsonSchema(v, closed)]));
  }
  if (schema.additionalProperties !== undefined) {
    const extra = schema.additionalProperties;
    out.additionalProperties = typeof extra === 'object' && extra !== null ? toJsonSchema(extra as OpenApiSchema, closed) : extra;
  } else if (closed && schema.properties) out.additionalProperties = false;
  if (schema.nullable !== true) return out;
  if (typeof out.type === 'string') {
    out.type = [out.type, 'null'];
    if (Array.isArray(out.enum)) out.enum = [...out.enum, null];
    return out;
  }
  return { anyOf: [out, { type: 'null' }] };
}

/** Validators for components.schemas entries, e.g. `validator('OAuth2Provider')`. */
export function schemaValidators(components: ComponentSchemas, closed = true, formats: Record<string, (text: string) => boolean> = {}): (name: string) => ValidateFunction {
  // OpenAPI's numeric and binary formats say nothing JSON Schema can check.
  const ajv = new Ajv({ allErrors: true, strict: true, formats: { double: true, int64: true, binary: true } });
  addFormats(ajv);
  for (const [name, check] of Object.entries(formats)) ajv.addFormat(name, check);
  const definitions = Object.fromEntries(Object.entries(components).map(([name, schema]) => [name, toJsonSchema(schema, closed)]));
  ajv.addSchema({ $id: 'authentik', definitions });
  return (name: string) => {
    if (!(name in components)) throw new Error(`no schema ${name} in the OpenAPI document`);
    const validate = ajv.getSchema(`authentik#/definitions/${name}`);
    if (!validate) throw new Error(`ajv did not compile ${name}`);
    return validate;
  };
}

/** ajv's errors as "path: message" lines, for assertion messages. */
export function describeErrors(validate: ValidateFunction): string[] {
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'}: ${e.message}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`);
}

/**
 * The real server renders assigned_* as null for a provider no application uses (DRF resolves
 * `application.slug` through a missing relation to None), although the 2024.8.4 document calls them
 * non-null strings. Later documents (2026.2.2) mark them nullable; the checks below use that fix.
 */
export const ASSIGNED = ['assigned_application_slug', 'assigned_application_name', 'assigned_backchannel_application_slug', 'assigned_backchannel_application_name'];

export function withNullableAssigned(components: ComponentSchemas): ComponentSchemas {
  const patched = { ...components };
  for (const name of ['OAuth2Provider', 'Provider']) {
    const schema = structuredClone(components[name]) as { properties: Record<string, Record<string, unknown>> };
    for (const key of ASSIGNED) schema.properties[key].nullable = true;
    patched[name] = schema;
  }
  return patched;
}
