import { lastValue } from './pagination';
import { ApiResponse, jsonResponse } from './responses';

/** The filter, search and ordering backends authentik puts in front of every list endpoint. */

export type FilterSpec<T> =
  /** django-filter CharFilter: exact and case-sensitive; an empty value filters nothing. */
  | { param: string; kind: 'exact'; field: keyof T }
  /** ChoiceFilter: an unknown choice is a 400, not an empty list. */
  | { param: string; kind: 'choice'; field: keyof T; choices: readonly string[] }
  /** BooleanFilter with a method: only "true"/"false"/"1"/"0" (any case) reach the method. */
  | { param: string; kind: 'boolean'; apply: (items: T[], value: boolean) => T[] };

export interface ListSpec<T> {
  filters: FilterSpec<T>[];
  searchFields: (keyof T)[];
  defaultOrdering: string[];
}

export type ListResult<T> = { ok: true; items: T[] } | { ok: false; response: ApiResponse };

export function queryObjects<T extends object>(items: T[], query: URLSearchParams, spec: ListSpec<T>): ListResult<T> {
  let result = items;
  const errors: Record<string, string[]> = {};
  for (const filter of spec.filters) {
    const value = lastValue(query, filter.param);
    if (value === undefined || value === '') continue;
    if (filter.kind === 'exact') result = result.filter((item) => String(item[filter.field]) === value);
    else if (filter.kind === 'choice') {
      if (!filter.choices.includes(value)) {
        errors[filter.param] = [`Select a valid choice. ${value} is not one of the available choices.`];
      } else result = result.filter((item) => item[filter.field] === value);
    } else {
      const flag = parseBooleanWidget(value);
      if (flag !== undefined) result = filter.apply(result, flag);
    }
  }
  if (Object.keys(errors).length > 0) return { ok: false, response: jsonResponse(400, errors) };
  result = search(result, lastValue(query, 'search') ?? '', spec.searchFields);
  return { ok: true, items: order(result, lastValue(query, 'ordering'), spec.defaultOrdering) };
}

/** django-filter's BooleanWidget; anything else means "no filter". */
export function parseBooleanWidget(value: string): boolean | undefined {
  return ({ true: true, '1': true, false: false, '0': false } as Record<string, boolean>)[value.toLowerCase()];
}

/** DRF SearchFilter: each term must occur, case-insensitively, in at least one search field. */
function search<T>(items: T[], text: string, fields: (keyof T)[]): T[] {
  const terms = searchTerms(text).map((term) => term.toLowerCase());
  if (terms.length === 0) return items;
  return items.filter((item) =>
    terms.every((term) => fields.some((field) => String(item[field] ?? '').toLowerCase().includes(term))),
  );
}

/** DRF's search_smart_split: whitespace separates terms, quotes keep phrases, commas split the rest. */
export function searchTerms(text: string): string[] {
  const terms: string[] = [];
  for (const raw of text.match(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|\S+/g) ?? []) {
    const token = raw.replace(/^,+|,+$/g, '');
    if (token.length >= 2 && (token[0] === '"' || token[0] === "'") && token[0] === token.at(-1)) {
      terms.push(token.slice(1, -1).replace(/\\(.)/g, '$1'));
    } else {
      terms.push(...token.split(',').filter((part) => part !== '').map((part) => part.trim()));
    }
  }
  return terms;
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
