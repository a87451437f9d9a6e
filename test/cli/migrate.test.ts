import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../helpers/cli';
import { tempTree } from './tempTree';

const FLOW = '8f3b0c7e-6a44-4b1e-9a5e-1f2d3c4b5a60';
const INVALIDATION = '8e7d6c5b-4a3f-4e2d-9c1b-0a9f8e7d6c05';
const OLD = `# Grafana
name: Grafana
authorization_flow: ${FLOW}
redirect_uris: https://grafana\\.example\\.com/cb
jwks_sources: []
client_type: confidential
`;
const NEW = `# authentik-version: 2026.5
# Grafana
name: Grafana
authorization_flow: ${FLOW}
invalidation_flow: ${INVALIDATION}
redirect_uris:
  - matching_mode: strict
    url: https://grafana.example.com/cb
jwt_federation_sources: []
client_type: confidential
`;

describe('cli: migrate', () => {
  it('prints a unified diff, changes nothing, and exits 1 when a file needs changes', async () => {
    const dir = tempTree({ 'providers/grafana.oauth2provider.yaml': OLD, 'providers/done.oauth2provider.yaml': NEW });
    const result = await runCli(['migrate', 'providers', '--to', '2026.5', '--invalidation-flow', INVALIDATION], { cwd: dir });
    assert.equal(result.code, 1, result.stderr);
    assert.equal(result.stdout, `--- a/providers/grafana.oauth2provider.yaml
+++ b/providers/grafana.oauth2provider.yaml
@@ -1,6 +1,10 @@
+# authentik-version: 2026.5
 # Grafana
 name: Grafana
 authorization_flow: ${FLOW}
-redirect_uris: https://grafana\\.example\\.com/cb
-jwks_sources: []
+invalidation_flow: ${INVALIDATION}
+redirect_uris:
+  - matching_mode: strict
+    url: https://grafana.example.com/cb
+jwt_federation_sources: []
 client_type: confidential
`);
    assert.equal(result.stderr, '1 of 2 files needs changes for authentik 2026.5 (run again with --write to apply them).\n');
    assert.equal(fs.readFileSync(path.join(dir, 'providers/grafana.oauth2provider.yaml'), 'utf8'), OLD);
  });

  it('--write rewrites the files (keeping a byte order mark), then a second run finds nothing to change', async () => {
    const dir = tempTree({ 'a.oauth2provider.yaml': OLD, 'b.oauth2provider.yaml': `\uFEFF${OLD}` });
    const written = await runCli(['migrate', '.', '--to', '2026.5', '--invalidation-flow', INVALIDATION, '--write'], { cwd: dir });
    assert.equal(written.code, 0, written.stderr);
    assert.equal(written.stderr, 'Rewrote 2 of 2 files for authentik 2026.5.\n');
    assert.match(written.stdout, /^a\.oauth2provider\.yaml: added the comment # authentik-version: 2026\.5; redirect_uris: the string became a list of 1 entry \(strict\); renamed jwks_sources to jwt_federation_sources; added invalidation_flow/m);
    assert.equal(fs.readFileSync(path.join(dir, 'a.oauth2provider.yaml'), 'utf8'), NEW);
    assert.equal(fs.readFileSync(path.join(dir, 'b.oauth2provider.yaml'), 'utf8'), `\uFEFF${NEW}`);
    const again = await runCli(['migrate', '.', '--to', '2026.5'], { cwd: dir });
    assert.deepEqual([again.code, again.stdout, again.stderr], [0, '', '0 of 2 files need changes for authentik 2026.5.\n']);
  });

  it('goes back to 2024.8.4, giving the original file back', async () => {
    const dir = tempTree({ 'a.oauth2provider.yaml': NEW });
    const result = await runCli(['migrate', 'a.oauth2provider.yaml', '--to', '2024.8.4', '--write'], { cwd: dir });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(fs.readFileSync(path.join(dir, 'a.oauth2provider.yaml'), 'utf8'), `# authentik-version: 2024.8.4\n${OLD}`);
  });

  it('exits 2 for a file it cannot convert, says why, and still handles the others', async () => {
    const logout = `name: a\nauthorization_flow: ${FLOW}\nredirect_uris:\n  - matching_mode: strict\n    url: https://a/cb\n    redirect_uri_type: logout\n`;
    const dir = tempTree({ 'logout.oauth2provider.yaml': logout, 'ok.oauth2provider.yaml': NEW });
    const result = await runCli(['migrate', '.', '--to', '2024.8', '--write'], { cwd: dir });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /^authentik-oauth2: logout\.oauth2provider\.yaml: cannot migrate to authentik 2024\.8: entry 1 of redirect_uris is a logout redirect URI, which releases before 2026\.5 do not have\.$/m);
    assert.equal(fs.readFileSync(path.join(dir, 'logout.oauth2provider.yaml'), 'utf8'), logout);
    // 2024.8 is its newest release, 2024.8.6: the list form, without invalidation_flow.
    assert.equal(fs.readFileSync(path.join(dir, 'ok.oauth2provider.yaml'), 'utf8'), NEW.replace('2026.5', '2024.8').replace(`invalidation_flow: ${INVALIDATION}\n`, '').replace('jwt_federation_sources', 'jwks_sources'));
  });

  it('exits 2 on a usage error: no --to, an unknown version, a bad flow UUID, a missing path', async () => {
    const dir = tempTree({ 'a.oauth2provider.yaml': OLD });
    const cases: [string[], RegExp][] = [
      [['migrate', '.'], /give the release to migrate to/],
      [['migrate', '.', '--to', '2019.1'], /--to: authentik 2019\.1 is older than every supported release/],
      [['migrate', '.', '--to', 'latest'], /--to: "latest" is not an authentik version/],
      [['migrate', '.', '--to', '2026.5', '--invalidation-flow', 'default'], /--invalidation-flow takes the UUID of a flow/],
      [['migrate', 'nope.oauth2provider.yaml', '--to', '2026.5'], /nope\.oauth2provider\.yaml: no such file or directory/],
    ];
    for (const [args, message] of cases) {
      const result = await runCli(args, { cwd: dir });
      assert.equal(result.code, 2, args.join(' '));
      assert.match(result.stderr, message, args.join(' '));
    }
    assert.equal(fs.readFileSync(path.join(dir, 'a.oauth2provider.yaml'), 'utf8'), OLD);
  });
});
