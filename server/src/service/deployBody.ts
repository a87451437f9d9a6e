import { ProviderBody } from '../../../common/authentik/deploy';
import { fieldsOf } from '../schema/fields';
import { documentValue, isRecord } from './documentValue';
import { Finding } from './findings';
import { ParsedDocument } from './parsedDocument';
import { validate, ValidationContext } from './validation';

export type PreparedBody = { ok: true; body: ProviderBody } | { ok: false; errors: Finding[] };

/**
 * The request body from a validated document: only the request fields of the profile it is checked
 * against (the server ignores the rest anyway). Reference lookups do not block a deploy.
 */
export function prepareBody(parsed: ParsedDocument, context: Omit<ValidationContext, 'references'>): PreparedBody {
  const errors = validate(parsed, context).filter((f) => f.severity === 'error');
  if (errors.length > 0) return { ok: false, errors };
  const json = documentValue(parsed);
  if (!json.ok || !isRecord(json.value)) return { ok: false, errors: json.ok ? [] : [json.finding] };
  const body: ProviderBody = {};
  const fields = fieldsOf(context.profile).byKey;
  for (const [key, value] of Object.entries(json.value)) if (fields.has(key)) body[key] = value;
  return { ok: true, body };
}
