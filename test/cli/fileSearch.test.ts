import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { runCli, validateJson } from '../helpers/cli';
import { tempTree, validProvider } from './tempTree';

const paths = (report: { files: { path: string }[] }) => report.files.map((f) => f.path);

describe('cli: directories', () => {
  it('finds .oauth2provider.yaml and .yml files in nested folders, in name order, and skips other yaml', async () => {
    const { report } = await validateJson(['test/fixtures']);
    assert.deepEqual(paths(report), [
      'test/fixtures/clean/grafana.oauth2provider.yaml',
      'test/fixtures/clean/nested/deeper/gitea.oauth2provider.yml',
      'test/fixtures/encodings/bom.oauth2provider.yaml',
      'test/fixtures/encodings/crlf.oauth2provider.yaml',
      'test/fixtures/mistakes/missing-required.oauth2provider.yaml',
      'test/fixtures/mistakes/typos.oauth2provider.yaml',
      'test/fixtures/versions/outline.oauth2provider.yaml',
      'test/fixtures/warnings/public-app.oauth2provider.yaml',
      'test/fixtures/warnings/wiki.oauth2provider.yaml',
    ]);
    assert.ok(!paths(report).some((p) => p.endsWith('docker-compose.yaml')));
  });

  it('validates a file named on the command line whatever its name', async () => {
    const { result, report } = await validateJson(['test/fixtures/clean/docker-compose.yaml']);
    assert.equal(result.code, 1);
    assert.deepEqual(paths(report), ['test/fixtures/clean/docker-compose.yaml']);
    assert.ok(report.files[0].diagnostics.some((d) => d.code === 'missing-required'));
  });

  it('lists a file reached twice (folder and file) once', async () => {
    const { report } = await validateJson(['test/fixtures/clean', 'test/fixtures/clean/grafana.oauth2provider.yaml']);
    assert.deepEqual(paths(report), ['test/fixtures/clean/grafana.oauth2provider.yaml', 'test/fixtures/clean/nested/deeper/gitea.oauth2provider.yml']);
  });

  describe('node_modules', () => {
    const root = tempTree({
      'apps/a.oauth2provider.yaml': validProvider('A'),
      'apps/b.oauth2provider.yml': validProvider('B'),
      'node_modules/some-package/broken.oauth2provider.yaml': 'client_type: nope\n',
      'apps/node_modules/nested/broken.oauth2provider.yml': 'client_type: nope\n',
    });

    it('a directory search skips node_modules at any depth', async () => {
      const { result, report } = await validateJson(['.'], { cwd: root });
      assert.equal(result.code, 0);
      assert.deepEqual(paths(report), ['apps/a.oauth2provider.yaml', 'apps/b.oauth2provider.yml']);
    });

    it('the default path is the working directory', async () => {
      const { report } = await validateJson([], { cwd: root });
      assert.deepEqual(paths(report), ['apps/a.oauth2provider.yaml', 'apps/b.oauth2provider.yml']);
    });

    it('a glob skips node_modules too', async () => {
      const { report } = await validateJson(['**/*.oauth2provider.{yaml,yml}'], { cwd: root });
      assert.deepEqual(paths(report), ['apps/a.oauth2provider.yaml', 'apps/b.oauth2provider.yml']);
    });
  });

  describe('an empty folder', () => {
    const root = tempTree({ 'README.md': 'no providers here\n' });

    it('says that no provider file was found, and fails so a misdirected CI job does not pass', async () => {
      const { code, stdout, stderr } = await runCli(['validate', '.'], { cwd: root });
      assert.equal(stderr, 'authentik-oauth2: .: no *.oauth2provider.yaml files found\n');
      assert.equal(stdout, '0 files checked: 0 errors, 0 warnings.\n');
      assert.equal(code, 2);
    });
  });
});

describe('cli: quoted globs', () => {
  it('expands a quoted ** glob itself, from the working directory', async () => {
    const { report } = await validateJson(['test/fixtures/**/*.oauth2provider.yaml']);
    assert.deepEqual(paths(report), [
      'test/fixtures/clean/grafana.oauth2provider.yaml',
      'test/fixtures/encodings/bom.oauth2provider.yaml',
      'test/fixtures/encodings/crlf.oauth2provider.yaml',
      'test/fixtures/mistakes/missing-required.oauth2provider.yaml',
      'test/fixtures/mistakes/typos.oauth2provider.yaml',
      'test/fixtures/versions/outline.oauth2provider.yaml',
      'test/fixtures/warnings/public-app.oauth2provider.yaml',
      'test/fixtures/warnings/wiki.oauth2provider.yaml',
    ]);
  });

  it('matches .yml with its own pattern', async () => {
    const { report } = await validateJson(['test/fixtures/**/*.oauth2provider.yml']);
    assert.deepEqual(paths(report), ['test/fixtures/clean/nested/deeper/gitea.oauth2provider.yml']);
  });
});

describe('cli: many files', () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 1000; i++) {
    const name = `team-${String(i % 10)}/app-${String(i).padStart(4, '0')}.oauth2provider.yaml`;
    // Every hundredth file has one error.
    files[name] = i % 100 === 0 ? validProvider(`App ${i}`) + 'sub_mode: nope\n' : validProvider(`App ${i}`);
  }
  const root = tempTree(files);

  it('checks 1,000 files and counts them all', { timeout: 120_000 }, async () => {
    const { code, stdout, stderr } = await runCli(['validate', '.'], { cwd: root });
    assert.equal(stderr, '');
    assert.equal(code, 1);
    const lines = stdout.trimEnd().split('\n');
    assert.equal(lines.at(-1), '1000 files checked: 10 errors, 0 warnings.');
    assert.equal(lines.at(-2), 'Checked for authentik 2026.5.0 (the newest known release).');
    assert.equal(lines.length, 12);
    assert.equal(lines[0], 'team-0/app-0000.oauth2provider.yaml:7:11: error invalid-enum "nope" is not a valid choice for "sub_mode". Valid choices: hashed_user_id, user_id, user_uuid, user_username, user_email, user_upn.');
  });
});
