import { ProviderBody } from '../../../common/authentik/deploy';
import { fieldsOf } from '../schema/fields';
import { documentValue, isRecord } from './documentValue';
import { Finding } from './findings';
import { ParsedDocument } from './parsedDocument';
import { documentTags, EnvironmentSource, PortableLists, resolveRequestBody, ResolvedTag } from './portable';
import { validate, ValidationContext } from './validation';

/** What `!ref`, `!Find` and `!env` resolve against: the target server's objects and the deploy's environment. */
export interface PortableInputs {
  lists: PortableLists;
  env: EnvironmentSource;
}

export type PreparedBody =
  | {
      ok: true;
      body: ProviderBody;
      /** Each tag and what it became, for a dry run (`describeResolved`). */
      resolved: ResolvedTag[];
      /** The values `!env` gave: masked in everything shown, like a client secret. */
      secrets: string[];
    }
  | { ok: false; errors: Finding[] };

/**
 * The request body from a validated document: only the request fields of the profile it is checked
 * against (the server ignores the rest anyway), with every tag resolved. Reference lookups of UUIDs do
 * not block a deploy; a tag that does not resolve does, on its range, before anything is sent.
 */
export function prepareBody(parsed: ParsedDocument, context: Omit<ValidationContext, 'references'>, portable: PortableInputs = { lists: {}, env: {} }): PreparedBody {
  const errors = validate(parsed, context).filter((f) => f.severity === 'error');
  if (errors.length > 0) return { ok: false, errors };
  const json = documentValue(parsed);
  if (!json.ok || !isRecord(json.value)) return { ok: false, errors: json.ok ? [] : [json.finding] };
  const resolution = resolveRequestBody(json.value, documentTags(parsed, context.profile).tags, portable.lists, portable.env);
  if (!resolution.ok) return { ok: false, errors: resolution.failures };
  const body: ProviderBody = {};
  const fields = fieldsOf(context.profile).byKey;
  for (const [key, value] of Object.entries(resolution.body)) if (fields.has(key)) body[key] = value;
  const secrets = resolution.resolved.filter((r) => r.tag.kind === 'env').map((r) => String(r.resolution.value));
  return { ok: true, body, resolved: resolution.resolved, secrets };
}
