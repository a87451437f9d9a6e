import { FieldResult, MESSAGES } from './drf-fields';
import { ServerCrash } from './server-crash';
import { PyDict, PyFloat, PyInt, PyValue, pyParseInt, pyStr, pyTypeName } from './python-values';

/**
 * The list-shaped fields of Django REST Framework (3.14 to 3.17, which authentik 2024.8.5 to 2026.5
 * pin; the error layout of ListSerializer changed only in 3.18): a nested serializer with
 * `many=True`, ListField, and a many-related field to a model with integer keys.
 */

/** An error detail as DRF renders it: messages, or messages by field name or list index. */
export type ErrorDetail = string[] | ErrorDetail[] | { [key: string]: ErrorDetail };

export type DetailResult<T> = { ok: true; value: T } | { ok: false; errors: ErrorDetail };

const ok = <T>(value: T): DetailResult<T> => ({ ok: true, value });

export const LIST_MESSAGES = {
  notAList: (input: PyValue) => `Expected a list of items but got type "${pyTypeName(input)}".`,
  empty: 'This list may not be empty.',
  notADict: (input: PyValue) => `Invalid data. Expected a dictionary, but got ${pyTypeName(input)}.`,
};

/**
 * ListSerializer (`Serializer(many=True)`): a non-list is a `non_field_errors` dict; each item is
 * validated, and the errors are a list with `{}` for every item that passed.
 */
export function validateSerializerList<T>(data: PyValue, validateItem: (item: PyValue) => DetailResult<T>): DetailResult<T[]> {
  if (data === null) return { ok: false, errors: [MESSAGES.null] };
  if (!Array.isArray(data)) return { ok: false, errors: { non_field_errors: [LIST_MESSAGES.notAList(data)] } };
  const values: T[] = [];
  const errors: ErrorDetail[] = [];
  for (const item of data) {
    const result = validateItem(item);
    if (result.ok) {
      values.push(result.value);
      errors.push({});
    } else {
      errors.push(result.errors);
    }
  }
  return errors.some((e) => !isEmptyDetail(e)) ? { ok: false, errors } : ok(values);
}

/** One item of a nested serializer: null, or anything but a dict, fails before its fields are read. */
export function validateSerializerItem(
  item: PyValue,
  fields: readonly { key: string; required: boolean; defaultValue?: unknown; validate: (value: PyValue) => FieldResult<unknown> }[],
): DetailResult<Record<string, unknown>> {
  if (item === null) return { ok: false, errors: [MESSAGES.null] };
  if (!(item instanceof PyDict)) return { ok: false, errors: { non_field_errors: [LIST_MESSAGES.notADict(item)] } };
  const values: Record<string, unknown> = {};
  const errors: Record<string, string[]> = {};
  for (const field of fields) {
    if (!item.entries.has(field.key)) {
      if (field.defaultValue !== undefined) values[field.key] = field.defaultValue;
      else if (field.required) errors[field.key] = [MESSAGES.required];
      continue;
    }
    const result = field.validate(item.entries.get(field.key)!);
    if (result.ok) values[field.key] = result.value;
    else errors[field.key] = result.errors;
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : ok(values);
}

/** ListField: strings and dicts are not lists; item errors are keyed by their index. */
export function validateListField<T>(data: PyValue, child: (item: PyValue) => FieldResult<T>, allowEmpty: boolean): DetailResult<T[]> {
  if (data === null) return { ok: false, errors: [MESSAGES.null] };
  if (!Array.isArray(data)) return { ok: false, errors: [LIST_MESSAGES.notAList(data)] };
  if (!allowEmpty && data.length === 0) return { ok: false, errors: [LIST_MESSAGES.empty] };
  const values: T[] = [];
  const errors: Record<string, string[]> = {};
  data.forEach((item, index) => {
    const result = child(item);
    if (result.ok) values.push(result.value);
    else errors[String(index)] = result.errors;
  });
  return Object.keys(errors).length > 0 ? { ok: false, errors } : ok(values);
}

/**
 * ManyRelatedField over PrimaryKeyRelatedField to a model with an integer pk
 * (`jwt_federation_providers`): the first bad item fails the field, as for UUID lists.
 */
export function validateIntegerPkList(data: PyValue, exists: (pk: number) => boolean): FieldResult<number[]> {
  if (data === null) return { ok: false, errors: [MESSAGES.null] };
  if (!Array.isArray(data) && !(data instanceof PyDict)) return { ok: false, errors: [MESSAGES.notAList(data)] };
  const items: PyValue[] = Array.isArray(data) ? data : [...data.entries.keys()];
  const pks: number[] = [];
  for (const item of items) {
    const result = lookupIntegerPk(item, exists);
    if (!result.ok) return result;
    if (!pks.includes(result.value)) pks.push(result.value); // a many-to-many relation is a set
  }
  return { ok: true, value: pks };
}

/** queryset.get(pk=data) on an AutoField: Django's int(value), then the row lookup. */
function lookupIntegerPk(data: PyValue, exists: (pk: number) => boolean): FieldResult<number> {
  const incorrect = (): FieldResult<number> => ({ ok: false, errors: [MESSAGES.incorrectPkType(data)] });
  if (typeof data === 'boolean') return incorrect();
  if (data === null) return { ok: false, errors: [MESSAGES.doesNotExist(data)] }; // pk=None finds nothing
  let pk: bigint | undefined;
  if (data instanceof PyInt) pk = data.value;
  else if (data instanceof PyFloat) {
    if (Number.isNaN(data.value)) return incorrect(); // int(nan) raises ValueError
    if (!Number.isFinite(data.value)) throw new ServerCrash('int(inf) raises OverflowError');
    pk = BigInt(Math.trunc(data.value));
  } else if (typeof data === 'string') pk = pyParseInt(data, 10);
  else return incorrect(); // int() of a list or dict raises TypeError
  if (pk === undefined) return incorrect();
  const found = pk >= 0n && pk <= BigInt(Number.MAX_SAFE_INTEGER) && exists(Number(pk));
  return found ? { ok: true, value: Number(pk) } : { ok: false, errors: [`Invalid pk "${pyStr(data)}" - object does not exist.`] };
}

function isEmptyDetail(detail: ErrorDetail): boolean {
  return Array.isArray(detail) ? detail.length === 0 : Object.keys(detail).length === 0;
}
