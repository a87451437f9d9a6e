import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';

/**
 * Runs `work` and fails when it takes longer than `limitMs`. The limits are generous (the failures
 * they catch are exponential: minutes or hours), so a busy two-core machine does not make them flaky.
 */
export function withinMs<T>(limitMs: number, what: string, work: () => T): T {
  // A tenfold margin: this guards against freezes, not for speed (speed is measured by `npm run bench`).
  const bound = limitMs * 10;
  const started = performance.now();
  const result = work();
  const elapsed = performance.now() - started;
  assert.ok(elapsed < bound, `${what} took ${elapsed.toFixed(0)} ms, over ${bound} ms`);
  return result;
}
