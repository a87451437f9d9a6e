import { PyDict, PyFloat, PyInt, PyValue, pyLen, pyParseInt, pyStr, pyStrip, pyTypeName } from './python-values';

/**
 * Django REST Framework's field validation (3.14.0, which authentik 2024.8.4 pins), one function
 * per field class, with its exact messages and its order of checks.
 */

export type FieldResult<T> = { ok: true; value: T } | { ok: false; errors: string[] };

const ok = <T>(value: T): FieldResult<T> => ({ ok: true, value });
const fail = (...errors: string[]): FieldResult<never> => ({ ok: false, errors });

export const MESSAGES = {
  required: 'This field is required.',
  null: 'This field may not be null.',
  blank: 'This field may not be blank.',
  notAString: 'Not a valid string.',
  notABoolean: 'Must be a valid boolean.',
  nullCharacters: 'Null characters are not allowed.',
  maxLength: (max: number) => `Ensure this field has no more than ${max} characters.`,
  invalidChoice: (input: PyValue) => `"${pyStr(input)}" is not a valid choice.`,
  incorrectPkType: (input: PyValue) => `Incorrect type. Expected pk value, received ${pyTypeName(input)}.`,
  invalidUuid: (input: PyValue) => `“${pyStr(input)}” is not a valid UUID.`,
  doesNotExist: (input: PyValue) => `Invalid pk "${pyStr(input)}" - object does not exist.`,
  notAList: (input: PyValue) => `Expected a list of items but got type "${pyTypeName(input)}".`,
};

export interface CharFieldOptions {
  allowBlank: boolean;
  maxLength?: number;
  /** The model's validators; DRF runs them before its own length and null-character checks. */
  modelValidators: ((value: string) => string[])[];
}

/** CharField: numbers become strings, surrounding whitespace is trimmed, every validator reports. */
export function validateChar(data: PyValue, options: CharFieldOptions): FieldResult<string> {
  // The blank test looks at str(data) before anything else, so "  " is blank too.
  if (data === '' || pyStrip(pyStr(data)) === '') return options.allowBlank ? ok('') : fail(MESSAGES.blank);
  if (data === null) return fail(MESSAGES.null);
  const isStringLike = typeof data === 'string' || data instanceof PyInt || data instanceof PyFloat;
  if (!isStringLike) return fail(MESSAGES.notAString);
  const value = pyStrip(pyStr(data));
  const errors = options.modelValidators.flatMap((validate) => validate(value));
  if (options.maxLength !== undefined && pyLen(value) > options.maxLength) errors.push(MESSAGES.maxLength(options.maxLength));
  if (value.includes('\0')) errors.push(MESSAGES.nullCharacters);
  return errors.length > 0 ? fail(...errors) : ok(value);
}

/** ChoiceField: the choice is looked up by str(data); "" is an invalid choice, not a blank. */
export function validateChoice(data: PyValue, choices: readonly string[]): FieldResult<string> {
  if (data === null) return fail(MESSAGES.null);
  const key = pyStr(data);
  return choices.includes(key) ? ok(key) : fail(MESSAGES.invalidChoice(data));
}

const TRUE_STRINGS = new Set(['t', 'T', 'y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON', '1']);
const FALSE_STRINGS = new Set(['f', 'F', 'n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF', '0']);

/** BooleanField: Python set membership, so 1, 1.0 and True are one value, and lists never match. */
export function validateBoolean(data: PyValue): FieldResult<boolean> {
  if (data === null) return fail(MESSAGES.null);
  if (typeof data === 'boolean') return ok(data);
  if (typeof data === 'string') {
    if (TRUE_STRINGS.has(data)) return ok(true);
    if (FALSE_STRINGS.has(data)) return ok(false);
  }
  const number = data instanceof PyInt ? Number(data.value) : data instanceof PyFloat ? data.value : undefined;
  if (number === 1) return ok(true);
  if (number === 0) return ok(false);
  return fail(MESSAGES.notABoolean);
}

/** PrimaryKeyRelatedField to a UUID-keyed model: "" counts as null, the rest goes to the lookup. */
export function validatePk(data: PyValue, nullable: boolean, exists: (uuid: string) => boolean): FieldResult<string | null> {
  const value = data === '' ? null : data;
  if (value === null) return nullable ? ok(null) : fail(MESSAGES.null);
  return lookupPk(value, exists);
}

/** ManyRelatedField: anything iterable but a string is walked (a dict by its keys); the first bad item fails it. */
export function validatePkList(data: PyValue, exists: (uuid: string) => boolean): FieldResult<string[]> {
  if (data === null) return fail(MESSAGES.null);
  if (!Array.isArray(data) && !(data instanceof PyDict)) return fail(MESSAGES.notAList(data));
  const items: PyValue[] = Array.isArray(data) ? data : [...data.entries.keys()];
  const uuids: string[] = [];
  for (const item of items) {
    const result = lookupPk(item, exists);
    if (!result.ok) return result;
    if (!uuids.includes(result.value)) uuids.push(result.value); // a many-to-many relation is a set
  }
  return ok(uuids);
}

/** queryset.get(pk=data): Django's UUIDField.to_python, then the row lookup. */
function lookupPk(data: PyValue, exists: (uuid: string) => boolean): FieldResult<string> {
  if (typeof data === 'boolean') return fail(MESSAGES.incorrectPkType(data));
  if (data === null) return fail(MESSAGES.doesNotExist(data)); // pk=None finds nothing
  const uuid = toUuid(data);
  if (uuid === undefined) return fail(MESSAGES.invalidUuid(data));
  return exists(uuid) ? ok(uuid) : fail(MESSAGES.doesNotExist(data));
}

const UUID_LIMIT = 1n << 128n;

/** Python's uuid.UUID(int=...) for ints, uuid.UUID(hex=...) for strings; undefined where it raises. */
export function toUuid(data: PyValue): string | undefined {
  let n: bigint | undefined;
  if (data instanceof PyInt) n = data.value;
  else if (typeof data === 'string') {
    const hex = trimBraces(data.split('urn:').join('').split('uuid:').join('')).split('-').join('');
    if (pyLen(hex) === 32) n = pyParseInt(hex, 16);
  }
  if (n === undefined || n < 0n || n >= UUID_LIMIT) return undefined;
  const digits = n.toString(16).padStart(32, '0');
  return `${digits.slice(0, 8)}-${digits.slice(8, 12)}-${digits.slice(12, 16)}-${digits.slice(16, 20)}-${digits.slice(20)}`;
}

/** str.strip('{}') */
function trimBraces(text: string): string {
  return text.replace(/^[{}]+/, '').replace(/[{}]+$/, '');
}
