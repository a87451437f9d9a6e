import { ProviderBody } from '../../../common/authentik/deploy';
import { RuleSettings } from '../../../common/settings';
import { FIELD_BY_KEY } from '../schema/fields';
import { documentValue, isRecord } from './documentValue';
import { Finding } from './findings';
import { ParsedDocument } from './parsedDocument';
import { validate } from './validation';

export type PreparedBody = { ok: true; body: ProviderBody } | { ok: false; errors: Finding[] };

/** The request body from a validated document: only request fields (the server ignores the rest anyway). */
export function prepareBody(parsed: ParsedDocument, rules: RuleSettings, maxFileSize: number): PreparedBody {
  const errors = validate(parsed, { rules, maxFileSize }).filter((f) => f.severity === 'error');
  if (errors.length > 0) return { ok: false, errors };
  const json = documentValue(parsed);
  if (!json.ok || !isRecord(json.value)) return { ok: false, errors: json.ok ? [] : [json.finding] };
  return { ok: true, body: requestFields(json.value) };
}

/** The request fields of a document's value, the rest left out (the server ignores it anyway). */
export function requestFields(value: Record<string, unknown>): ProviderBody {
  const body: ProviderBody = {};
  for (const [key, field] of Object.entries(value)) if (FIELD_BY_KEY.has(key)) body[key] = field;
  return body;
}
