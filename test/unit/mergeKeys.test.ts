import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { prepareBody } from '../../server/src/service/deployBody';
import { parseText } from '../../server/src/service/parsedDocument';
import { diagnose, FLOW_EXPLICIT, summarize } from '../helpers/service';
import { LEGACY } from '../helpers/profiles';
import { noRules, SettingsBuilder } from '../helpers/settings';

const EVERY_RULE = new SettingsBuilder().withAllRules().build();

const RESOLVED =
  'Merge keys (<<) are not accepted: a provider file is the request body itself, and values merged in from an anchor are hidden from review. Write the keys out in this mapping.';
const PLAIN =
  '"<<" is a merge key in YAML 1.1 but an ordinary key in YAML 1.2, which this file is read as: nothing is merged, and the server ignores the key. Merge keys are not accepted either way: write the keys out in this mapping.';

/** What a merge hid before: an invalid enum, an overflowing duration, a secret and a catch-all, none of them seen. */
const HIDDEN = `%YAML 1.1
---
base: &base
  sub_mode: nope
  access_code_validity: "hours=inf"
  client_secret: s3cr3t-from-the-anchor
  redirect_uris: "https://.+"
name: app
authorization_flow: ${FLOW_EXPLICIT}
<<: *base
`;

function check(text: string) {
  const { document, diagnostics } = diagnose(text, { settings: EVERY_RULE });
  return { diagnostics, summary: summarize(document, diagnostics) };
}

describe('merge keys are refused', () => {
  it('under %YAML 1.1: one error on the << key, and no false findings about what it merged', () => {
    const { diagnostics, summary } = check(HIDDEN);
    assert.deepEqual(summary, ['unknown-key@2:0-2:4 "base"', 'merge-key@9:0-9:2 "<<"']);
    const merge = diagnostics[1];
    assert.equal(merge.severity, DiagnosticSeverity.Error);
    assert.equal(merge.message, RESOLVED);
    assert.ok(!diagnostics.some((d) => d.message.includes('Symbol(')), 'no key is shown as a symbol');
  });

  it('in a YAML 1.2 file a plain << is refused too, saying that nothing is merged', () => {
    const { diagnostics, summary } = check(HIDDEN.replace('%YAML 1.1\n---\n', ''));
    assert.deepEqual(summary, ['unknown-key@0:0-0:4 "base"', 'merge-key@7:0-7:2 "<<"']);
    assert.equal(diagnostics[1].message, PLAIN);
  });

  it('an explicit !!merge tag merges in YAML 1.2 as well, and is refused as a merge', () => {
    const { diagnostics, summary } = check(`name: app\nauthorization_flow: ${FLOW_EXPLICIT}\nredirect_uris: https://a\\.b/c\n!!merge <<: {sub_mode: nope}\n`);
    assert.deepEqual(summary, ['merge-key@3:8-3:10 "<<"']);
    assert.equal(diagnostics[0].message, RESOLVED);
  });

  it('anywhere in the document: in a flow mapping, in a list entry, twice in one mapping', () => {
    const text = `%YAML 1.1\n---\nname: app\nauthorization_flow: ${FLOW_EXPLICIT}\nredirect_uris: https://a\\.b/c\nproperty_mappings: [{<<: {a: 1}}]\nx:\n  - <<: {b: 2}\n    <<: {c: 3}\n`;
    const { summary } = check(text);
    assert.deepEqual(summary, ['wrong-type@5:20-5:32 "{<<: {a: 1}}"', 'merge-key@5:21-5:23 "<<"', 'unknown-key@6:0-6:1 "x"', 'merge-key@7:4-7:6 "<<"', 'merge-key@8:4-8:6 "<<"']);
  });

  it('a quoted "<<" is an ordinary key, in either version', () => {
    for (const head of ['', '%YAML 1.1\n---\n']) {
      const { summary } = check(`${head}name: app\nauthorization_flow: ${FLOW_EXPLICIT}\nredirect_uris: https://a\\.b/c\n"<<": {sub_mode: nope}\n`);
      assert.deepEqual(summary, [`unknown-key@${head ? 5 : 3}:0-${head ? 5 : 3}:4 "\\"<<\\""`]);
    }
  });

  it('is not a rule: switching every rule off still refuses it', () => {
    const { document, diagnostics } = diagnose(HIDDEN, { settings: noRules() });
    assert.deepEqual(summarize(document, diagnostics), ['merge-key@9:0-9:2 "<<"']);
  });

  it('deploy builds no body from a merged file', () => {
    for (const text of [HIDDEN, HIDDEN.replace('%YAML 1.1\n---\n', '')]) {
      const prepared = prepareBody(parseText(text, { maxFileSize: 1 << 20 }), { rules: noRules().rules, maxFileSize: 1 << 20, profile: LEGACY });
      assert.equal(prepared.ok, false);
      assert.ok(!prepared.ok);
      assert.deepEqual(prepared.errors.map((f) => f.code), ['merge-key']);
    }
  });
});
