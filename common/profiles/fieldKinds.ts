import { RequestSchema, typesOf } from './jsonSchema';

/**
 * Fields whose string value has rules of its own:
 * - `duration`: `hours=1;minutes=2`, read by authentik's `timedelta_string_validator`;
 * - `httpUrl`: an http(s) URL or blank (`DomainlessURLValidator(schemes=("http", "https"))`).
 */
export type FieldKind = 'duration' | 'httpUrl';

const KNOWN_KINDS: Readonly<Record<string, FieldKind>> = {
  access_code_validity: 'duration',
  access_token_validity: 'duration',
  refresh_token_validity: 'duration',
  refresh_token_threshold: 'duration',
  backchannel_logout_uri: 'httpUrl',
  logout_uri: 'httpUrl',
};

/** Every duration field's help text says so; a newer release's new duration is recognised by it. */
const DURATION_HINT = 'Format: hours=1;minutes=2;seconds=3';

export function fieldKindsOf(schema: RequestSchema): Record<string, FieldKind> {
  const result: Record<string, FieldKind> = {};
  for (const [key, node] of Object.entries(schema.properties)) {
    if (typesOf(node).join() !== 'string') continue;
    const known = Object.prototype.hasOwnProperty.call(KNOWN_KINDS, key) ? KNOWN_KINDS[key] : undefined;
    if (known) result[key] = known;
    else if (node.description?.includes(DURATION_HINT)) result[key] = 'duration';
    else if (node.format === 'uri') result[key] = 'httpUrl';
  }
  return result;
}
