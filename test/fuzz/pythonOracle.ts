import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';

/**
 * What the differential tests share: a seeded generator (mulberry32), the seed of a run (`FUZZ_SEED`
 * replays one), and one python3 process that answers a list of JSON requests, one JSON line each.
 */
export const FUZZ_SEED_OF_RUN = process.env.FUZZ_SEED !== undefined ? Number(process.env.FUZZ_SEED) : (Date.now() ^ (process.pid << 8)) >>> 0;

export class SeededRandom {
  constructor(private state: number) {}
  next(): number {
    // mulberry32
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(below: number): number {
    return Math.floor(this.next() * below);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }
}

/** Sends the requests to one run of the oracle script and returns its answers, in order. */
export function askPythonOracle<T>(script: string, requests: readonly object[], limits: { maxBuffer: number; timeoutMs: number }): T[] {
  const input = requests.map((request) => JSON.stringify(request)).join('\n') + '\n';
  const run = spawnSync('python3', [script], { input, maxBuffer: limits.maxBuffer, timeout: limits.timeoutMs });
  if (run.error) throw new Error(`python3 could not run: ${run.error.message} ${run.stderr?.toString() ?? ''}`);
  assert.equal(run.status, 0, `python3 failed: ${run.stderr.toString()}`);
  const lines = run.stdout.toString().trimEnd().split('\n');
  assert.equal(lines.length, requests.length, 'python3 answered every request');
  return lines.map((line) => JSON.parse(line) as T);
}
