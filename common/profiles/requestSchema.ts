import { withFieldNotes } from './fieldNotes';
import { DRAFT_07, RequestSchema, typesOf } from './jsonSchema';
import { ConversionLimits, convertComponent, DEFAULT_CONVERSION_LIMITS } from './openApiToJsonSchema';

/** The component that describes the body of `POST /api/v3/providers/oauth2/`. */
export const REQUEST_COMPONENT = 'OAuth2ProviderRequest';
/** The same for `PATCH /api/v3/providers/oauth2/{id}/`: every field optional. */
export const PATCH_REQUEST_COMPONENT = 'PatchedOAuth2ProviderRequest';

export interface RequestSchemaHeader {
  $id: string;
  /** `Body of POST /api/v3/providers/oauth2/ (authentik 2024.12.0 to 2025.6.4).` */
  description: string;
}

export type RequestSchemaResult = { ok: true; schema: RequestSchema } | { ok: false; error: string };

/**
 * The request schema of an OpenAPI document: its `OAuth2ProviderRequest` converted, with the
 * field notes added. What the generator writes for a bundled profile and what a server's own
 * schema gives at run time.
 */
export function requestSchemaFromOpenApi(document: unknown, header: RequestSchemaHeader, limits: ConversionLimits = DEFAULT_CONVERSION_LIMITS): RequestSchemaResult {
  const converted = convertComponent(document, REQUEST_COMPONENT, limits);
  if (!converted.ok) return converted;
  const body = converted.schema;
  if (typesOf(body).join() !== 'object' || !body.properties) return { ok: false, error: `${REQUEST_COMPONENT} is not an object with properties` };
  if (Object.keys(body.properties).length === 0) return { ok: false, error: `${REQUEST_COMPONENT} has no properties` };
  return {
    ok: true,
    schema: {
      $schema: DRAFT_07,
      $id: header.$id,
      title: REQUEST_COMPONENT,
      description: header.description,
      type: 'object',
      properties: withFieldNotes(body.properties),
      required: body.required ?? [],
    },
  };
}

