import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkCase, fuzzParameters, reportWhenDone } from './fuzzRun';
import { mutatedSeed, SEED_TEXTS } from './mutations';
import { probes } from './probes';

reportWhenDone('fixture mutations');

describe('fuzz: mutated fixtures', () => {
  it('starts from VALID and the fixture files', () => {
    // Guards the corpus itself: an empty fixture folder would quietly leave only VALID.
    assert.ok(SEED_TEXTS.length >= 2, `only ${SEED_TEXTS.length} seed text(s)`);
  });

  it('every feature answers on deleted, duplicated, swapped and inserted characters', () => {
    fc.assert(
      fc.property(mutatedSeed, probes, (text, where) => {
        checkCase(text, where);
      }),
      fuzzParameters(),
    );
  });
});
