import { after } from 'node:test';
import fc from 'fast-check';
import { checkDocument, Probes } from './featureInvariants';
import { AuthentikSettings } from '../../common/settings';
import { VALID } from '../helpers/service';

/**
 * Cases per property: a few hundred by default (the fuzz files are part of the unit run),
 * `FUZZ_RUNS=20000 npm run fuzz` for a long hunt. `FUZZ_SEED` replays a reported failure.
 */
export const FUZZ_RUNS = positiveInteger(process.env.FUZZ_RUNS) ?? 250;
const FUZZ_SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);

function positiveInteger(value: string | undefined): number | undefined {
  const n = Number(value);
  return value !== undefined && Number.isInteger(n) && n > 0 ? n : undefined;
}

/** fast-check parameters shared by every property, scaled by `share` of FUZZ_RUNS. */
export function fuzzParameters<T>(share = 1): fc.Parameters<T> {
  return { numRuns: Math.max(1, Math.round(FUZZ_RUNS * share)), seed: FUZZ_SEED, endOnFailure: false };
}

// The first validation compiles the schema; do it before measuring so the slowest case is a real one.
checkDocument(VALID);

let cases = 0;
let slowestMs = 0;
let slowestText = '';

/** Checks one document and keeps the run's statistics. */
export function checkCase(text: string, probes?: Probes, settings?: AuthentikSettings): void {
  const ms = checkDocument(text, probes, settings);
  cases++;
  if (ms > slowestMs) {
    slowestMs = ms;
    slowestText = text;
  }
}

/** Prints the run's statistics when the file's tests are done (`label` says which file). */
export function reportWhenDone(label: string): void {
  after(() => {
    const sample = JSON.stringify(slowestText.length > 80 ? slowestText.slice(0, 77) + '...' : slowestText);
    console.log(`fuzz: ${cases} cases, slowest validation ${slowestMs.toFixed(1)} ms (${label}; slowest input ${slowestText.length} chars: ${sample})`);
  });
}
