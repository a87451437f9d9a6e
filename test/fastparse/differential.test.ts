import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { mutated } from './lineMutations';
import { compareParsers, Tally } from './parserComparison';
import { seedTexts, variants } from './seedTexts';
import { nearSubsetDocument, subsetDocument } from './subsetDocuments';

/**
 * The fast path against the yaml library: wherever the fast path reads a text, the document and
 * every feature's answer must be the same as with the full parser. Bounded runs by default;
 * `FUZZ_RUNS=20000` for a long hunt, `FUZZ_SEED` to replay a failure.
 */
const RUNS = Number(process.env.FUZZ_RUNS) > 0 ? Number(process.env.FUZZ_RUNS) : 250;
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
const fuzzParameters = (share: number): fc.Parameters<[string]> => ({ numRuns: Math.round(RUNS * share), seed: SEED, endOnFailure: true });

const tallies: Record<string, Tally> = {};
function tally(name: string): Tally {
  return (tallies[name] ??= new Tally());
}

after(() => {
  for (const [name, t] of Object.entries(tallies)) console.log(`fastparse ${name}: ${t}`);
});

describe('fast path: same documents and answers as the yaml library', () => {
  it('on every fixture, example and workspace file, as is, CRLF, with a BOM and without the final line break', () => {
    const seeds = seedTexts();
    assert.ok(seeds.length >= 10, `only ${seeds.length} seed files`);
    for (const seed of seeds) {
      for (const variant of variants(seed.text)) tally('seed files').add(compareParsers(variant.text));
    }
    // The corpus is mostly provider files the fast path reads; a few (docker-compose, a broken file) it must leave alone.
    assert.ok(tally('seed files').fast > tally('seed files').bail, String(tally('seed files')));
    assert.ok(tally('seed files').bail > 0, String(tally('seed files')));
  });

  it('on generated documents of the subset', () => {
    fc.assert(fc.property(subsetDocument, (text) => void tally('generated').add(compareParsers(text))), fuzzParameters(2));
    assert.ok(tally('generated').fast > tally('generated').bail, String(tally('generated')));
  });

  it('on generated documents with odd keys, values, characters and lines', () => {
    fc.assert(fc.property(nearSubsetDocument, (text) => void tally('near the subset').add(compareParsers(text))), fuzzParameters(2));
    assert.ok(tally('near the subset').fast > 0 && tally('near the subset').bail > 0, String(tally('near the subset')));
  });

  it('on seed files with lines deleted, doubled, shifted, swapped or inserted', () => {
    const seeds = seedTexts().flatMap((seed) => variants(seed.text).slice(0, 2).map((v) => v.text));
    fc.assert(fc.property(mutated(seeds), (text) => void tally('mutated seeds').add(compareParsers(text))), fuzzParameters(2));
    assert.ok(tally('mutated seeds').fast > 0 && tally('mutated seeds').bail > 0, String(tally('mutated seeds')));
  });
});
