import { JsonSyntaxError, parsePythonJson } from './python-json';
import { PyDict, PyValue } from './python-values';
import { ApiResponse, detailResponse } from './responses';

/**
 * DRF's `request.data` with authentik's only parser (orjson, application/json). It is read lazily
 * by the view, so authentication, permissions and the object lookup all come first.
 */
export type RequestData = { ok: true; data: PyValue } | { ok: false; response: ApiResponse };

export function readRequestData(rawBody: Buffer, contentType: string | undefined): RequestData {
  // DRF never looks at the content type of an empty body: it is an empty dict.
  if (rawBody.length === 0) return { ok: true, data: new PyDict(new Map()) };
  const mediaType = contentType ?? '';
  if (!matchesJson(mediaType)) {
    return { ok: false, response: detailResponse(415, `Unsupported media type "${mediaType}" in request.`) };
  }
  try {
    return { ok: true, data: parsePythonJson(rawBody.toString('utf8')) };
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    return { ok: false, response: detailResponse(400, `JSON parse error - ${error.message}`) };
  }
}

/** DRF's media type match against "application/json": parameters ignored, "*" matches, case folded. */
function matchesJson(contentType: string): boolean {
  const fullType = contentType.split(';')[0].trim().toLowerCase();
  const slash = fullType.indexOf('/');
  const main = slash < 0 ? fullType : fullType.slice(0, slash);
  const sub = slash < 0 ? '' : fullType.slice(slash + 1);
  return (main === '*' || main === 'application') && (sub === '*' || sub === 'json');
}
