import { describeJson } from './apiClient';

/**
 * Shape checks for the answers a deploy acts on. Whatever answers at the configured URL is data:
 * nothing of it is used before it has the type authentik gives it, and a path is built only from a
 * pk that is a positive integer.
 */
export type Checked<T> = { ok: true; value: T } | { ok: false; problem: string };

/** A provider as a list or a write answers with it, with the fields a deploy decides on checked. */
export interface ProviderRow {
  pk: number;
  name: string;
  /** `app_label.model_name` of the object as the answering endpoint rendered it. */
  metaModelName?: string;
  /** The human name of its type, e.g. "Proxy Provider". */
  verboseName?: string;
  /** The whole object as received. */
  record: Record<string, unknown>;
}

/** meta_model_name of an OAuth2/OpenID provider. */
export const OAUTH2_MODEL = 'authentik_providers_oauth2.oauth2provider';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A name a server gave, for a message: on one line, and not longer than a name needs. */
export function serverText(text: string, max = 80): string {
  const flat = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}...` : flat;
}

export function isProviderPk(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}

/** `version_current` of GET /admin/version/: a release number such as `2024.8.4` or `2024.10.0-rc1`. */
export function checkVersion(body: unknown): Checked<string> {
  if (!isRecord(body)) return { ok: false, problem: `the answer is ${describeJson(body)}, not an object` };
  const version = body.version_current;
  if (typeof version !== 'string' || !/^\d+\.\d+(\.\d+)?([-+.][0-9A-Za-z.-]*)?$/.test(version)) {
    return { ok: false, problem: `"version_current" is ${describeJson(version)}, not a release number` };
  }
  return { ok: true, value: version };
}

export function checkProvider(value: unknown, where = 'the answer'): Checked<ProviderRow> {
  if (!isRecord(value)) return { ok: false, problem: `${where} is ${describeJson(value)}, not a provider object` };
  if (!isProviderPk(value.pk)) return { ok: false, problem: `${where} has "pk" ${describeJson(value.pk)}, not a positive integer` };
  if (typeof value.name !== 'string') return { ok: false, problem: `${where} has "name" ${describeJson(value.name)}, not a string` };
  for (const key of ['meta_model_name', 'verbose_name'] as const) {
    if (value[key] !== undefined && typeof value[key] !== 'string') return { ok: false, problem: `${where} has "${key}" ${describeJson(value[key])}, not a string` };
  }
  return {
    ok: true,
    value: {
      pk: value.pk,
      name: value.name,
      metaModelName: value.meta_model_name as string | undefined,
      verboseName: value.verbose_name as string | undefined,
      record: value,
    },
  };
}

export function checkProviderList(items: readonly unknown[]): Checked<ProviderRow[]> {
  const rows: ProviderRow[] = [];
  for (const [index, item] of items.entries()) {
    const checked = checkProvider(item, `results[${index}]`);
    if (!checked.ok) return checked;
    rows.push(checked.value);
  }
  return { ok: true, value: rows };
}
