import { invalidRegexMessage } from '../../common/profiles';
import type { ReferenceKind, RequestField } from '../../common/profiles';
import { parsePythonRegex } from '../../server/src/service/pythonRegex';
import { analyzeDuration } from '../../server/src/service/rules/duration';
import { FieldResult, MESSAGES, validateBoolean, validateChar, validateChoice, validatePk, validatePkList } from './drf-fields';
import { DetailResult, ErrorDetail, validateIntegerPkList, validateListField, validateSerializerItem, validateSerializerList } from './drf-lists';
import { PyDict, PyValue, pyTypeName } from './python-values';
import type { ServedRelease } from './release';
import { ServerCrash } from './server-crash';
import type { RelatedTable, Store } from './store';
import { domainlessUrlErrors } from './url-validator';

export { ServerCrash };

/**
 * OAuth2ProviderSerializer's input validation, driven by the request schema of the release's
 * profile: fields are checked in schema order, every failing field reports, unknown and read-only
 * keys are ignored. Only what the schema cannot say (which table a reference points into,
 * uniqueness, durations, URLs, lists that may not be empty) is spelled out here.
 */

export type SerializerMode = 'create' | 'update' | 'partial';
export type ValidatedValues = Record<string, unknown>;
export type ValidationOutcome = { valid: true; values: ValidatedValues } | { valid: false; errors: Record<string, ErrorDetail> };

/** Where the UUID references point; `jwt_federation_providers` names OAuth2 providers by integer pk. */
const RELATED_TABLE: Record<Exclude<ReferenceKind, 'oauth2Provider'>, RelatedTable> = {
  flow: 'flows',
  certificateKeyPair: 'keyPairs',
  scopeMapping: 'propertyMappings',
  propertyMapping: 'propertyMappings',
  oauthSource: 'oauthSources',
};

/** ArrayFields without blank=True: DRF's ListField then has allow_empty=False. */
const NON_EMPTY_LISTS = new Set(['grant_types']);

interface Context {
  store: Store;
  mode: SerializerMode;
  release: ServedRelease;
  /** The provider being updated, excluded from uniqueness checks. */
  selfPk?: number;
}

export function validateProviderData(data: PyValue, context: Context): ValidationOutcome {
  if (data === null) return { valid: false, errors: { non_field_errors: ['No data provided'] } };
  if (!(data instanceof PyDict)) {
    return { valid: false, errors: { non_field_errors: [`Invalid data. Expected a dictionary, but got ${pyTypeName(data)}.`] } };
  }
  const values: ValidatedValues = {};
  const errors: Record<string, ErrorDetail> = {};
  for (const field of context.release.fields) {
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

function validateField(field: RequestField, data: PyValue, context: Context): DetailResult<unknown> {
  if (field.reference) return validateReference(field, data, context);
  if (field.key === 'redirect_uris' && field.type === 'array') return validateRedirectUris(field, data);
  if (field.type === 'array' && field.item?.enumValues) {
    const choices = field.item.enumValues;
    return validateListField(data, (item) => validateChoice(item, choices), !NON_EMPTY_LISTS.has(field.key));
  }
  return validateScalar(field, data, modelValidators(field, context));
}

function validateScalar(field: RequestField, data: PyValue, validators: ((value: string) => string[])[] = []): FieldResult<unknown> {
  if (field.enumValues) return validateChoice(data, field.enumValues);
  if (field.type === 'boolean') return validateBoolean(data);
  if (field.type === 'string') return validateChar(data, { allowBlank: (field.minLength ?? 0) === 0, maxLength: field.maxLength, modelValidators: validators });
  throw new Error(`the test server does not know how to validate "${field.key}" (type ${field.type})`);
}

function validateReference(field: RequestField, data: PyValue, { store }: Context): DetailResult<unknown> {
  const reference = field.reference!;
  if (reference.kind === 'oauth2Provider') {
    if (reference.pk !== 'integer' || !reference.many) throw new Error(`the test server takes "${field.key}" as a list of integer pks only`);
    return validateIntegerPkList(data, (pk) => store.providers.has(pk));
  }
  const table = RELATED_TABLE[reference.kind];
  const exists = (uuid: string) => store.exists(table, uuid);
  return reference.many ? validatePkList(data, exists) : validatePk(data, reference.nullable, exists);
}

/**
 * `RedirectURISerializer(many=True)`: errors nested per entry. Then the serializer's
 * validate_redirect_uris, once every entry is valid: each `regex` entry's (trimmed) url compiled
 * with Python's re, by the language server's parse-only checker. An re.error is a 400
 * `Invalid Regex Pattern: <url>` for the field; an OverflowError or ValueError escapes DRF's
 * handler (a server error). A pattern the checker cannot decide is taken as compiling.
 */
function validateRedirectUris(field: RequestField, data: PyValue): DetailResult<unknown> {
  const entryFields = (field.item?.fields ?? []).map((entry) => ({
    key: entry.key,
    required: entry.required,
    defaultValue: entry.defaultValue,
    validate: (value: PyValue) => validateScalar(entry, value),
  }));
  const result = validateSerializerList(data, (item) => validateSerializerItem(item, entryFields));
  if (!result.ok) return result;
  for (const entry of result.value) {
    if (entry.matching_mode !== 'regex' || typeof entry.url !== 'string') continue;
    const compiled = parsePythonRegex(entry.url);
    if (compiled.ok !== false) continue;
    if (compiled.exception !== 're.error') throw new ServerCrash(`re.compile(${JSON.stringify(entry.url)}) raises ${compiled.exception}: ${compiled.message}`);
    return { ok: false, errors: [invalidRegexMessage(entry.url)] };
  }
  return result;
}

/** Validators the model attaches to a field: authentik's duration and URL checks, unique constraints. */
function modelValidators(field: RequestField, { store, selfPk }: Context): ((value: string) => string[])[] {
  if (field.kind === 'duration') return [durationValidator];
  if (field.kind === 'httpUrl') return [domainlessUrlErrors];
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
