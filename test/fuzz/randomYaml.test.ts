import { describe, it } from 'node:test';
import fc from 'fast-check';
import { checkCase, fuzzParameters, reportWhenDone } from './fuzzRun';
import { probes } from './probes';
import { yamlDocument } from './yamlText';
import { RuleId } from '../../common/settings';
import { SettingsBuilder } from '../helpers/settings';

reportWhenDone('random YAML');

const ruleSwitches = fc.record({
  durations: fc.boolean(),
  redirectUris: fc.boolean(),
  clientSecret: fc.boolean(),
  unknownKeys: fc.boolean(),
  readOnlyKeys: fc.boolean(),
  references: fc.boolean(),
});

describe('fuzz: random YAML', () => {
  it('every feature answers, inside the document, the same way twice (default settings)', () => {
    fc.assert(
      fc.property(yamlDocument, probes, (text, where) => {
        checkCase(text, where);
      }),
      fuzzParameters(),
    );
  });

  it('holds with rules switched off, inlay hints off and a small size limit', () => {
    fc.assert(
      fc.property(yamlDocument, probes, ruleSwitches, fc.boolean(), fc.constantFrom(1024, 1_048_576), (text, where, rules, inlayHints, maxFileSize) => {
        const settings = new SettingsBuilder().withRules(...(Object.keys(rules) as RuleId[]).filter((id) => rules[id])).withMaxFileSize(maxFileSize);
        checkCase(text, where, (inlayHints ? settings.withInlayHints() : settings).build());
      }),
      fuzzParameters(0.5),
    );
  });
});
