import fc from 'fast-check';
import { Probes } from './featureInvariants';

/** Random cursor offsets and selections (taken modulo the text length), plus positions past the end. */
export const probes: fc.Arbitrary<Probes> = fc.record({
  offsets: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
  ranges: fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: 3 }),
  strayPositions: fc.array(fc.record({ line: fc.nat({ max: 60 }), character: fc.nat({ max: 300 }) }), { maxLength: 2 }),
  snippetSupport: fc.boolean(),
});

/** Probes that do not depend on randomness: start, middle and end of the text, and the whole text. */
export function fixedProbes(text: string): Probes {
  const n = text.length;
  return { offsets: [0, Math.floor(n / 2), n], ranges: [[0, n]], strayPositions: [{ line: 1_000, character: 1_000 }], snippetSupport: true };
}
