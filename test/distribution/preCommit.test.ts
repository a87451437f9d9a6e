import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { BAD_PROVIDER, GOOD_PROVIDER, REPO, run, runToEnd } from './packedPackage';

/**
 * The hook as pre-commit runs it: `pre-commit try-repo <this repository> authentik-oauth2-validate` in
 * another git repository. pre-commit clones this repository (committed state, plus uncommitted changes
 * to tracked files), installs it as an npm package (`npm install`, which builds dist/ through
 * scripts/install-build.mjs, `npm pack`, `npm install -g` of the tarball) and runs the
 * `authentik-oauth2` bin on the files that match. Needs Debian's pre-commit
 * (scripts/ci/install-system-packages.sh) and the npm registry for the install.
 */
describe('distribution: the pre-commit hook', () => {
  let target: string;
  let home: string;

  before(async () => {
    const version = await runToEnd('pre-commit', ['--version'], { cwd: REPO }).catch(() => undefined);
    assert.ok(version?.code === 0, 'pre-commit is not installed: run scripts/ci/install-system-packages.sh (Debian: apt-get install pre-commit)');
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'authentik-pre-commit-home-'));
    target = fs.mkdtempSync(path.join(os.tmpdir(), 'authentik-pre-commit-'));
    fs.writeFileSync(path.join(target, 'grafana.oauth2provider.yaml'), GOOD_PROVIDER);
    fs.writeFileSync(path.join(target, 'wiki.oauth2provider.yml'), BAD_PROVIDER);
    // Not a provider file by its name: the hook's `files` pattern leaves it out, whatever it holds.
    fs.writeFileSync(path.join(target, 'docker-compose.yaml'), 'client_type: nonsense\n');
    await run('git', ['init', '-q'], { cwd: target });
    await run('git', ['add', '.'], { cwd: target });
  });
  after(() => {
    for (const dir of [target, home]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('.pre-commit-hooks.yaml declares authentik-oauth2-validate as a node hook on provider files', () => {
    const hooks = parse(fs.readFileSync(path.join(REPO, '.pre-commit-hooks.yaml'), 'utf8')) as Record<string, unknown>[];
    const hook = hooks.find((h) => h.id === 'authentik-oauth2-validate');
    assert.ok(hook);
    assert.equal(hook.language, 'node');
    assert.equal(hook.files, '\\.oauth2provider\\.ya?ml$');
    assert.equal(hook.entry, 'authentik-oauth2 validate');
    const pattern = new RegExp(String(hook.files));
    assert.deepEqual(['a.oauth2provider.yaml', 'dir/b.oauth2provider.yml', 'c.yaml', 'd.oauth2provider.yaml.bak'].map((f) => pattern.test(f)), [true, true, false, false]);
  });

  it('try-repo on a repository with a good and a bad file: the hook fails with the findings of the bad one', async () => {
    const identity = { GIT_AUTHOR_NAME: 'test', GIT_AUTHOR_EMAIL: 'test@example.invalid', GIT_COMMITTER_NAME: 'test', GIT_COMMITTER_EMAIL: 'test@example.invalid' };
    const env = { ...process.env, ...identity, PRE_COMMIT_HOME: home, XDG_CACHE_HOME: home, PRE_COMMIT_COLOR: 'never', NO_COLOR: '1' };
    const result = await runToEnd('pre-commit', ['try-repo', REPO, 'authentik-oauth2-validate', '--all-files', '--color', 'never'], { cwd: target, env, timeoutMs: 240_000 });
    const output = result.stdout + result.stderr;
    assert.equal(result.code, 1, output);
    assert.match(output, /\nauthentik OAuth2 provider files\.+Failed\n- hook id: authentik-oauth2-validate\n- exit code: 1\n/);
    const findings = output.split('\n').filter((line) => /^\S+\.ya?ml:\d+:\d+: /.test(line));
    assert.deepEqual(
      findings.map((line) => line.replace(/^(\S+:\d+:\d+: \w+ [\w-]+) .*$/, '$1')),
      ['wiki.oauth2provider.yml:4:14: error invalid-enum', 'wiki.oauth2provider.yml:5:1: warning unknown-key'],
    );
    // pre-commit passed both provider files, and only those: the good one has no findings.
    assert.match(output, /\n2 files checked: 1 error, 1 warning\.\n/);
    assert.ok(!output.includes('docker-compose'), output);
  });
});
