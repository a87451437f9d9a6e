import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { runCli, validateJson } from '../helpers/cli';
import { tempTree } from './tempTree';

/** A 2024.8 provider whose anchor hides an invalid enum, an overflowing duration, a secret and a catch-all redirect. */
const MERGED = `%YAML 1.1
---
# authentik-version: 2024.8.4
base: &base
  sub_mode: nope
  access_code_validity: "hours=inf"
  client_secret: merged-secret-5f4e3d
  redirect_uris: "https://.+"
name: app
authorization_flow: 8f3b0c7e-6a44-4b1e-9a5e-1f2d3c4b5a60
<<: *base
`;

describe('cli: merge keys', () => {
  const root = tempTree({ 'merged.oauth2provider.yaml': MERGED });

  it('validate exits 1 with one error on the << key, and nothing about symbols or a missing redirect_uris', async () => {
    const { code, stdout } = await runCli(['validate', 'merged.oauth2provider.yaml'], { cwd: root });
    assert.equal(code, 1);
    assert.equal(
      stdout,
      'merged.oauth2provider.yaml:4:1: warning unknown-key Unknown key "base": the server silently ignores it.\n' +
        'merged.oauth2provider.yaml:11:1: error merge-key Merge keys (<<) are not accepted: a provider file is the request body itself, and values merged in from an anchor are hidden from review. Write the keys out in this mapping.\n' +
        'Checked for authentik 2024.8.4 (from the comment on line 3).\n' +
        '1 file checked: 1 error, 1 warning.\n',
    );
  });

  it('the JSON report has the same finding with its LSP range', async () => {
    const { result, report } = await validateJson(['merged.oauth2provider.yaml'], { cwd: root });
    assert.equal(result.code, 1);
    const merge = report.files[0].diagnostics.find((d) => d.code === 'merge-key');
    assert.deepEqual(merge?.range, { start: { line: 10, character: 0 }, end: { line: 10, character: 2 } });
    assert.equal(merge?.severity, 'error');
  });
});
