import { describe, it } from 'node:test';
import { checkCase, reportWhenDone } from './fuzzRun';
import { fixedProbes } from './probes';

reportWhenDone('regressions');

/** Inputs the fuzzer once failed on, shrunk by fast-check; each now passes every invariant. */
const FOUND: Record<string, string> = {
  'a block scalar list item reached past its list in the outline': 'a:\n - |\n',
  'an empty list item (typing "- ") sat after the end of its list in the outline': 'name: x\nproperty_mappings:\n  - ',
};

describe('fuzz: shrunk counterexamples stay fixed', () => {
  for (const [what, text] of Object.entries(FOUND)) {
    it(what, () => {
      checkCase(text, fixedProbes(text));
    });
  }
});
