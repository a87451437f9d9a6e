import { MASK, SecretRedactor } from './secrets';
import { REQUEST_STORED_FIELDS, sameStored, StoredFields, storedValue } from './storedValues';

export type ProviderBody = Record<string, unknown>;

/** One field an update changes: the live value, and what the server will store from the file's. */
export interface FieldChange {
  key: string;
  from: unknown;
  to: unknown;
}

/** Fields the server owns: never part of a diff or a request. */
const SERVER_OWNED = new Set(['pk', 'component', 'assigned_application_slug', 'assigned_application_name', 'assigned_backchannel_application_slug', 'assigned_backchannel_application_name', 'verbose_name', 'verbose_name_plural', 'meta_model_name']);

/** The live provider without server-owned fields, for a diff against the file. */
export function comparableLive(live: ProviderBody): ProviderBody {
  return Object.fromEntries(Object.entries(live).filter(([k]) => !SERVER_OWNED.has(k)));
}

/** What an update would change: the fields the file sets whose stored value differs from the live one. */
export function diffFields(body: ProviderBody, live: ProviderBody, fields: StoredFields = REQUEST_STORED_FIELDS): FieldChange[] {
  return Object.keys(body)
    .filter((key) => !sameStored(fields.get(key), body[key], live[key]))
    .map((key) => ({ key, from: live[key], to: storedValue(fields.get(key), body[key]) }));
}

/**
 * The two sides of the "server ↔ file" diff, secrets masked: the live provider, and the same with
 * what the server would store from the file. A list the server keeps as a set keeps the live order
 * when it holds the same items, so an unchanged set shows no change.
 */
export function diffSides(body: ProviderBody, live: ProviderBody, redactor: SecretRedactor, fields: StoredFields = REQUEST_STORED_FIELDS): { server: ProviderBody; file: ProviderBody } {
  const server = comparableLive(live);
  const file: ProviderBody = { ...server };
  for (const [key, value] of Object.entries(body)) {
    const field = fields.get(key);
    file[key] = sameStored(field, value, live[key]) ? live[key] : storedValue(field, value);
  }
  const sides = { server: redactor.value(server), file: redactor.value(file) };
  // Both sides show the mask; say where the file changes a secret.
  for (const key of SECRET_FIELDS) {
    if (key in body && !sameStored(fields.get(key), body[key], live[key])) sides.file[key] = `${MASK} (changed)`;
  }
  return sides;
}

const SECRET_FIELDS = new Set(['client_secret']);

/** A value for a one-line description: JSON, a secret field as the mask. */
export function describeValue(key: string, value: unknown, redactor: SecretRedactor): string {
  if (SECRET_FIELDS.has(key) && typeof value === 'string' && value !== '') return MASK;
  if (value === undefined) return '(not set)';
  return redactor.text(JSON.stringify(redactor.value(value)));
}

/** A value for a machine-readable plan: as it is with every known secret masked, a secret field as the mask. */
export function shownValue(key: string, value: unknown, redactor: SecretRedactor): unknown {
  if (SECRET_FIELDS.has(key) && typeof value === 'string' && value !== '') return MASK;
  return redactor.value(value);
}

/** "  client_type: "confidential" -> "public"" lines for a confirmation or a dry run. */
export function describeChanges(changes: readonly FieldChange[], redactor: SecretRedactor): string[] {
  return changes.map((c) => redactor.text(`  ${c.key}: ${describeValue(c.key, c.from, redactor)} -> ${describeValue(c.key, c.to, redactor)}`));
}
