import { FIELDS, FieldInfo } from '../../server/src/schema/fields';
import { analyzeDuration } from '../../server/src/service/rules/duration';
import { FieldResult, MESSAGES, validateBoolean, validateChar, validateChoice, validatePk, validatePkList } from './drf-fields';
import { PyDict, PyValue, pyTypeName } from './python-values';
import type { RelatedTable, Store } from './store';

/**
 * OAuth2ProviderSerializer's input validation, driven by the request schema (through FIELDS):
 * fields are checked in schema order, every failing field reports, unknown and read-only keys
 * are ignored. Only what the schema cannot say (which table a UUID points into, uniqueness,
 * durations) is spelled out here.
 */

export type SerializerMode = 'create' | 'update' | 'partial';
export type ValidatedValues = Record<string, unknown>;
export type ValidationOutcome = { valid: true; values: ValidatedValues } | { valid: false; errors: Record<string, string[]> };

/** An exception the real server does not catch (Python's OverflowError in the duration parser). */
export class ServerCrash extends Error {}

const RELATED_TABLE: Record<string, RelatedTable> = {
  authentication_flow: 'flows',
  authorization_flow: 'flows',
  signing_key: 'keyPairs',
  property_mappings: 'propertyMappings',
  jwks_sources: 'oauthSources',
};

interface Context {
  store: Store;
  mode: SerializerMode;
  /** The provider being updated, excluded from uniqueness checks. */
  selfPk?: number;
}

export function validateProviderData(data: PyValue, context: Context): ValidationOutcome {
  if (data === null) return { valid: false, errors: { non_field_errors: ['No data provided'] } };
  if (!(data instanceof PyDict)) {
    return { valid: false, errors: { non_field_errors: [`Invalid data. Expected a dictionary, but got ${pyTypeName(data)}.`] } };
  }
  const values: ValidatedValues = {};
  const errors: Record<string, string[]> = {};
  for (const field of FIELDS) {
    if (!data.entries.has(field.key)) {
      // Partial updates skip what is missing; otherwise only required fields complain.
      if (context.mode !== 'partial' && field.required) errors[field.key] = [MESSAGES.required];
      continue;
    }
    const result = validateField(field, data.entries.get(field.key)!, context);
    if (result.ok) values[field.key] = result.value;
    else errors[field.key] = result.errors;
  }
  return Object.keys(errors).length > 0 ? { valid: false, errors } : { valid: true, values };
}

function validateField(field: FieldInfo, data: PyValue, context: Context): FieldResult<unknown> {
  const exists = (uuid: string) => context.store.exists(relatedTable(field), uuid);
  if (field.isUuidList) return validatePkList(data, exists);
  if (field.isUuid) return validatePk(data, field.nullable, exists);
  if (field.enumValues) return validateChoice(data, field.enumValues);
  if (field.type === 'boolean') return validateBoolean(data);
  if (field.type === 'string') {
    return validateChar(data, {
      allowBlank: (field.minLength ?? 0) === 0,
      maxLength: field.maxLength,
      modelValidators: modelValidators(field, context),
    });
  }
  throw new Error(`the test server does not know how to validate "${field.key}" (type ${field.type})`);
}

function relatedTable(field: FieldInfo): RelatedTable {
  const table = RELATED_TABLE[field.key];
  if (!table) throw new Error(`the test server does not know which objects "${field.key}" refers to`);
  return table;
}

/** Validators the model attaches to a field: authentik's duration check and unique constraints. */
function modelValidators(field: FieldInfo, { store, selfPk }: Context): ((value: string) => string[])[] {
  if (field.isDuration) return [durationValidator];
  if (field.key === 'name') {
    return [(value) => (store.providerNameTaken(value, selfPk) ? ['provider with this name already exists.'] : [])];
  }
  if (field.key === 'client_id') {
    return [(value) => (store.clientIdTaken(value, selfPk) ? ['OAuth2/OpenID Provider with this Client ID already exists.'] : [])];
  }
  return [];
}

function durationValidator(value: string): string[] {
  const verdict = analyzeDuration(value);
  if (verdict.kind === 'crash') throw new ServerCrash(`duration "${value}" overflows: ${verdict.reason}`);
  return verdict.kind === 'rejected' ? [`${value} is not in the correct format of 'hours=3;minutes=1'.`] : [];
}
