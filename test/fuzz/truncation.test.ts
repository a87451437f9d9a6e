import { describe, it } from 'node:test';
import { checkCase, reportWhenDone } from './fuzzRun';
import { fixedProbes } from './probes';
import { VALID } from '../helpers/service';

reportWhenDone('truncation');

describe('fuzz: VALID truncated at every offset', () => {
  // As if the file were typed from the top: the cursor sits at the end of each prefix.
  it(`every feature answers on each of the ${VALID.length + 1} prefixes`, () => {
    for (let end = 0; end <= VALID.length; end++) {
      const text = VALID.slice(0, end);
      try {
        checkCase(text, fixedProbes(text));
      } catch (error) {
        throw new Error(`prefix of ${end} characters ${JSON.stringify(text)}: ${(error as Error).message}`, { cause: error });
      }
    }
  });

  it('and on each suffix (the top of the file deleted)', () => {
    for (let start = 0; start <= VALID.length; start++) {
      const text = VALID.slice(start);
      try {
        checkCase(text, fixedProbes(text));
      } catch (error) {
        throw new Error(`suffix from offset ${start} ${JSON.stringify(text)}: ${(error as Error).message}`, { cause: error });
      }
    }
  });
});
