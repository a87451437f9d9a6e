import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';

/**
 * Runs `work` and fails when it takes longer than `limitMs`. The limits are generous (the failures
 * they catch are exponential: minutes or hours), so a busy two-core machine does not make them flaky.
 */
export function withinMs<T>(limitMs: number, what: string, work: () => T): T {
  const started = performance.now();
  const result = work();
  const elapsed = performance.now() - started;
  assert.ok(elapsed < limitMs, `${what} took ${elapsed.toFixed(0)} ms, over ${limitMs} ms`);
  return result;
}
