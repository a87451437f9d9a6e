import type { BooleanQueryWidget } from './boolean-query';
import { lastValue } from './pagination';
import { pySplit } from './python-values';
import { ApiResponse, jsonResponse } from './responses';

/** The filter, search and ordering backends authentik puts in front of every list endpoint. */

export type FilterSpec<T> =
  /** django-filter CharFilter: exact and case-sensitive (NULL equals nothing); an empty value filters nothing. */
  | { param: string; kind: 'exact'; field: keyof T }
  /** ChoiceFilter: an unknown choice is a 400, not an empty list. */
  | { param: string; kind: 'choice'; field: keyof T; choices: readonly string[] }
  /**
   * AllValuesMultipleFilter: repeatable (?managed=a&managed=b, any of them); the choices are the
   * values the whole table has, so any other value (even "") is a 400.
   */
  | { param: string; kind: 'allValues'; field: keyof T }
  /** BooleanFilter: `widget` reads the value; no value (anything it does not know) skips `apply`. */
  | { param: string; kind: 'boolean'; widget: BooleanQueryWidget; apply: (items: T[], value: boolean) => T[] };

export interface ListSpec<T> {
  filters: FilterSpec<T>[];
  searchFields: (keyof T)[];
  defaultOrdering: string[];
}

export type ListResult<T> = { ok: true; items: T[] } | { ok: false; response: ApiResponse };

export function queryObjects<T extends object>(items: T[], query: URLSearchParams, spec: ListSpec<T>): ListResult<T> {
  let result = items;
  const errors: Record<string, string[]> = {};
  const invalidChoice = (value: string) => [`Select a valid choice. ${value} is not one of the available choices.`];
  for (const filter of spec.filters) {
    if (filter.kind === 'allValues') {
      const values = query.getAll(filter.param);
      if (values.length === 0) continue;
      const choices = new Set(items.map((item) => pyStrOfValue(item[filter.field])));
      const invalid = values.find((value) => !choices.has(value));
      if (invalid !== undefined) errors[filter.param] = invalidChoice(invalid);
      else result = result.filter((item) => values.includes(item[filter.field] as string));
      continue;
    }
    const value = lastValue(query, filter.param);
    if (value === undefined || value === '') continue;
    if (filter.kind === 'exact') result = result.filter((item) => item[filter.field] !== null && String(item[filter.field]) === value);
    else if (filter.kind === 'choice') {
      if (!filter.choices.includes(value)) errors[filter.param] = invalidChoice(value);
      else result = result.filter((item) => item[filter.field] === value);
    } else {
      const flag = filter.widget(value);
      if (flag !== undefined) result = filter.apply(result, flag);
    }
  }
  if (Object.keys(errors).length > 0) return { ok: false, response: jsonResponse(400, errors) };
  result = search(result, lastValue(query, 'search') ?? '', spec.searchFields);
  return { ok: true, items: order(result, lastValue(query, 'ordering'), spec.defaultOrdering) };
}

/** A choice (value, value) from the database is valid when the query text equals str(value): NULL is "None". */
function pyStrOfValue(value: unknown): string {
  return value === null || value === undefined ? 'None' : String(value);
}

/** DRF SearchFilter: each term must occur, case-insensitively, in at least one search field. */
function search<T>(items: T[], text: string, fields: (keyof T)[]): T[] {
  const terms = searchTerms(text).map((term) => term.toLowerCase());
  if (terms.length === 0) return items;
  return items.filter((item) =>
    terms.every((term) => fields.some((field) => String(item[field] ?? '').toLowerCase().includes(term))),
  );
}

/**
 * DRF 3.14's get_search_terms: null characters removed, commas become spaces, then str.split().
 * Quotes are ordinary characters (phrases in quotes came with 3.15).
 */
export function searchTerms(text: string): string[] {
  return pySplit(text.split('\0').join('').split(',').join(' '));
}

const collator = new Intl.Collator('en');

/** DRF OrderingFilter: "a,-b"; unknown fields are dropped; nothing valid means the view's default. */
function order<T extends object>(items: T[], param: string | undefined, defaultOrdering: string[]): T[] {
  const sample = items[0] as Record<string, unknown> | undefined;
  const isSortable = (key: string) => sample !== undefined && key in sample && isPrimitive(sample[key]);
  const requested = (param ?? '').split(',').map((term) => term.trim()).filter((term) => term !== '');
  const valid = requested.filter((term) => isSortable(term.replace(/^-/, '')));
  const ordering = valid.length > 0 ? valid : defaultOrdering;
  return [...items].sort((a, b) => {
    for (const term of ordering) {
      const descending = term.startsWith('-');
      const key = term.replace(/^-/, '');
      const result = compare((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]);
      if (result !== 0) return descending ? -result : result;
    }
    return 0;
  });
}

function isPrimitive(value: unknown): boolean {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

/** PostgreSQL order: text by collation, NULLs after everything else in ascending order. */
function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return 1;
  if (b === null || b === undefined) return -1;
  if (typeof a === 'string' && typeof b === 'string') return collator.compare(a, b);
  return (a as number) < (b as number) ? -1 : 1;
}
