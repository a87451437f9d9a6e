import { assembleProfile } from './assemble';
import { bundledFieldHistory, profileForVersion } from './bundled';
import { componentSchemas, ConversionLimits, DEFAULT_CONVERSION_LIMITS, isRecord, own } from './openApiToJsonSchema';
import { Profile } from './profile';
import { FLOW_DESIGNATIONS } from './references';
import { REQUEST_COMPONENT, requestSchemaFromOpenApi } from './requestSchema';
import { formatVersion, parseVersion } from './version';

export type ServerProfileResult = Profile | { error: string };

export function isProfileError(result: ServerProfileResult): result is { error: string } {
  return 'error' in result;
}

/**
 * The profile of a server from the OpenAPI document it serves at `/api/v3/schema/` (parsed JSON):
 * its own `OAuth2ProviderRequest`, converted as the bundled subsets are, and what the nearest
 * bundled profile knows (endpoints, renamed and removed fields). A document that is not
 * authentik's, or that cannot be read, gives an error sentence instead.
 */
export function profileFromOpenApi(document: unknown, limits: ConversionLimits = DEFAULT_CONVERSION_LIMITS): ServerProfileResult {
  const notAuthentik = (why: string) => ({ error: `The document is not authentik's OpenAPI schema: ${why}.` });
  if (!isRecord(document)) return notAuthentik('it is not a JSON object');
  const openapi = own(document, 'openapi');
  if (typeof openapi !== 'string' || !/^3\.\d+(\.\d+)?$/.test(openapi)) return notAuthentik('it is not an OpenAPI 3 document');
  const info = own(document, 'info');
  const title = own(info, 'title');
  if (title !== 'authentik') return notAuthentik(typeof title === 'string' ? `its info.title is ${JSON.stringify(title.slice(0, 60))}` : 'it has no info.title');
  const versionText = own(info, 'version');
  const version = typeof versionText === 'string' ? parseVersion(versionText) : undefined;
  if (!version) return notAuthentik(typeof versionText === 'string' ? `its info.version ${JSON.stringify(versionText.slice(0, 60))} is not an authentik version` : 'it has no info.version');
  if (!componentSchemas(document) || own(componentSchemas(document), REQUEST_COMPONENT) === undefined) {
    return notAuthentik(`it has no components.schemas.${REQUEST_COMPONENT}`);
  }

  const release = formatVersion(version);
  const nearest = profileForVersion(version);
  if ('error' in nearest) return nearest;
  const converted = requestSchemaFromOpenApi(
    document,
    {
      $id: `https://authentik.local/schemas/server/${release}.request.schema.json`,
      description: `Body of POST /api/v3/providers/oauth2/ (authentik ${release}, from the server's own schema).`,
    },
    limits,
  );
  if (!converted.ok) return { error: `The ${REQUEST_COMPONENT} of authentik ${release}'s schema cannot be read: ${converted.error}.` };
  const assembled = assembleProfile(
    {
      id: `server-${release}`,
      label: `authentik ${release}`,
      source: 'server',
      releases: { from: release, through: release },
      basedOn: nearest.profile.id,
      requestSchema: converted.schema,
    },
    bundledFieldHistory,
    flowDesignationsOf(document),
  );
  if (!assembled.ok) return { error: `The ${REQUEST_COMPONENT} of authentik ${release}'s schema cannot be used: ${assembled.error}.` };
  return assembled.profile;
}

/** The document's own FlowDesignationEnum (a newer release may add designations), else the known ones. */
function flowDesignationsOf(document: unknown): readonly string[] {
  const values = own(own(componentSchemas(document), 'FlowDesignationEnum'), 'enum');
  if (!Array.isArray(values)) return FLOW_DESIGNATIONS;
  const names = values.filter((v): v is string => typeof v === 'string' && /^[a-z_]{1,40}$/.test(v));
  return names.length > 0 ? names.slice(0, 50) : FLOW_DESIGNATIONS;
}
