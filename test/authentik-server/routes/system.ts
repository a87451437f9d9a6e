import { readFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import type { Version } from '../model-types';
import { lastValue } from '../pagination';
import { ApiResponse, jsonResponse, noContentResponse, textResponse } from '../responses';
import type { RequestContext, View } from '../router';

/** The version endpoint, the server's own OpenAPI schema and the health checks. */

/**
 * authentik 2024.8.4's own schema, cut to the OAuth2 provider paths (schemas/openapi/README.md):
 * every path and component this server answers with is in it.
 */
export const OPENAPI_PATH = path.resolve(__dirname, '../../../schemas/openapi/authentik-2024.8.4.oauth2-subset.yml');

function version(context: RequestContext): ApiResponse {
  const body: Version = {
    version_current: context.version,
    version_latest: context.version,
    version_latest_valid: true,
    build_hash: '',
    outdated: false,
    outpost_outdated: false,
  };
  return jsonResponse(200, body);
}

let schemaAsJson: string | undefined;

/** drf-spectacular's view: YAML unless JSON is asked for by ?format=json or the Accept header. */
function schema(context: RequestContext): ApiResponse {
  const accept = String(context.headers.accept ?? '');
  const wantsJson = lastValue(context.query, 'format') === 'json' || /application\/(vnd\.oai\.openapi\+)?json/.test(accept);
  const text = readFileSync(OPENAPI_PATH, 'utf8');
  if (!wantsJson) return textResponse(200, 'application/vnd.oai.openapi; charset=utf-8', text);
  schemaAsJson ??= JSON.stringify(YAML.parse(text));
  return textResponse(200, 'application/vnd.oai.openapi+json; charset=utf-8', schemaAsJson);
}

export const systemViews: View[] = [
  { name: 'Version', pattern: /^\/api\/v3\/admin\/version\/$/, methods: { GET: version } },
  { name: 'Schema', pattern: /^\/api\/v3\/schema\/$/, public: true, methods: { GET: schema } },
  { name: 'Health', pattern: /^\/-\/health\/(live|ready)\/$/, public: true, methods: { GET: () => noContentResponse() } },
];
