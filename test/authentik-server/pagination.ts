import type { Paginated } from './model-types';
import { pyParseInt } from './python-values';
import { ApiResponse, detailResponse } from './responses';

export const DEFAULT_PAGE_SIZE = 100;

/** Django's QueryDict.get(): the last value of a repeated parameter. */
export function lastValue(query: URLSearchParams, key: string): string | undefined {
  return query.getAll(key).at(-1);
}

export type PageResult<T> = { ok: true; body: Paginated<T> } | { ok: false; response: ApiResponse };

/**
 * authentik's Pagination (DRF PageNumberPagination + Django Paginator): next/previous are page
 * numbers, 0 when there is none; an empty list still has page 1; a bad page is 404 "Invalid page.".
 */
export function paginate<T>(items: T[], query: URLSearchParams): PageResult<T> {
  const perPage = pageSize(lastValue(query, 'page_size'));
  const count = items.length;
  const totalPages = Math.max(1, Math.ceil(count / perPage));
  const requested = lastValue(query, 'page') ?? '1';
  const parsed = requested === 'last' ? BigInt(totalPages) : pyParseInt(requested, 10);
  if (parsed === undefined || parsed < 1n || parsed > BigInt(totalPages)) {
    return { ok: false, response: detailResponse(404, 'Invalid page.') };
  }
  const current = Number(parsed);
  const start = (current - 1) * perPage;
  return {
    ok: true,
    body: {
      pagination: {
        next: current < totalPages ? current + 1 : 0,
        previous: current > 1 ? current - 1 : 0,
        count,
        current,
        total_pages: totalPages,
        start_index: count === 0 ? 0 : start + 1,
        end_index: current === totalPages ? count : current * perPage,
      },
      results: items.slice(start, start + perPage),
    },
  };
}

/** A page_size that is not a positive integer falls back to the default; there is no maximum. */
function pageSize(value: string | undefined): number {
  const parsed = value === undefined ? undefined : pyParseInt(value, 10);
  return parsed === undefined || parsed <= 0n ? DEFAULT_PAGE_SIZE : Number(parsed);
}
