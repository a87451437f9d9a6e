import type { Version } from '../model-types';
import { lastValue } from '../pagination';
import { ApiResponse, jsonResponse, noContentResponse, textResponse } from '../responses';
import type { RequestContext, View } from '../router';

/** The version endpoint, the server's own OpenAPI schema and the health checks. */

function version(context: RequestContext): ApiResponse {
  const body: Version = {
    version_current: context.release.version,
    version_latest: context.release.version,
    version_latest_valid: true,
    build_hash: '',
    outdated: false,
    outpost_outdated: false,
  };
  return jsonResponse(200, body);
}

/**
 * drf-spectacular's view: YAML unless JSON is asked for by ?format=json or the Accept header. The
 * document is the release line's own schema, cut to the OAuth2 provider paths (schemas/openapi/),
 * with info.version set to the release: every path and component this server answers with is in it.
 */
function schema(context: RequestContext): ApiResponse {
  const accept = String(context.headers.accept ?? '');
  const wantsJson = lastValue(context.query, 'format') === 'json' || /application\/(vnd\.oai\.openapi\+)?json/.test(accept);
  const { release } = context;
  if (!wantsJson) return textResponse(200, 'application/vnd.oai.openapi; charset=utf-8', release.schemaYaml);
  return textResponse(200, 'application/vnd.oai.openapi+json; charset=utf-8', release.schemaJson);
}

export const systemViews: View[] = [
  { name: 'Version', pattern: /^\/api\/v3\/admin\/version\/$/, methods: { GET: version } },
  { name: 'Schema', pattern: /^\/api\/v3\/schema\/$/, public: true, methods: { GET: schema } },
  { name: 'Health', pattern: /^\/-\/health\/(live|ready)\/$/, public: true, methods: { GET: () => noContentResponse() } },
];
