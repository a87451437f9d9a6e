import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { VERSION as CLI_VERSION } from '../../common/version';
import { assertTarball, REPO, run, VERSION } from './packedPackage';

const read = (file: string) => fs.readFileSync(path.join(REPO, file), 'utf8');

describe('distribution: one version for the extension and the npm package', () => {
  it('package.json, server/package.json, the packed tarball, the CLI and the action agree (the language server: npmPackage.test.ts)', async () => {
    const server = JSON.parse(read('server/package.json')) as { name: string; version: string; dependencies?: unknown };
    assert.equal(server.name, 'authentik-oauth2');
    assert.equal(server.version, VERSION);
    assert.equal(server.dependencies, undefined, 'the npm package has no runtime dependencies: everything is bundled');
    const { stdout } = await run('tar', ['-xzOf', assertTarball(), 'package/package.json']);
    assert.equal((JSON.parse(stdout) as { version: string }).version, VERSION);
    assert.equal(CLI_VERSION, VERSION, 'server/src/cli/main.ts VERSION');
    const action = parse(read('action.yml')) as { inputs: { version: { default: string } } };
    assert.equal(action.inputs.version.default, VERSION);
  });

  it('the READMEs name that version wherever they name one', () => {
    for (const file of ['README.md', 'server/README.md']) {
      const named = [...read(file).matchAll(/authentik-oauth2(?:@|-)(\d+\.\d+\.\d+)/g)].map((m) => m[1]);
      for (const version of named) assert.equal(version, VERSION, `${file} names ${version}`);
    }
    assert.ok(read('README.md').includes(`authentik-oauth2@${VERSION}`));
  });

  it('CHANGELOG.md follows Keep a Changelog: Unreleased first, dated releases newest first, link references', () => {
    const changelog = read('CHANGELOG.md');
    assert.match(changelog, /^# Changelog\n/);
    assert.ok(changelog.includes('[Keep a Changelog](https://keepachangelog.com/en/1.1.0/)'));
    const releases = [...changelog.matchAll(/^## (.*)$/gm)].map((m) => m[1]);
    assert.equal(releases[0], '[Unreleased]');
    const versions = releases.slice(1).map((heading) => {
      const m = /^\[(\d+\.\d+\.\d+)\] - (\d{4}-\d{2}-\d{2})$/.exec(heading);
      assert.ok(m, `"## ${heading}" is not "## [x.y.z] - YYYY-MM-DD"`);
      assert.ok(!Number.isNaN(Date.parse(m[2])), `${m[2]} is not a date`);
      return m[1];
    });
    assert.equal(versions[0], VERSION, 'the newest release is the version of package.json');
    const numeric = versions.map((v) => v.split('.').map(Number));
    for (let i = 1; i < numeric.length; i++) assert.ok(numeric[i - 1].join('.') !== numeric[i].join('.') && compare(numeric[i - 1], numeric[i]) > 0, 'newest first');
    for (const heading of [...changelog.matchAll(/^### (.*)$/gm)].map((m) => m[1])) {
      assert.ok(['Added', 'Changed', 'Deprecated', 'Removed', 'Fixed', 'Security'].includes(heading), `### ${heading} is not a Keep a Changelog section`);
    }
    for (const label of ['Unreleased', ...versions]) assert.match(changelog, new RegExp(`^\\[${label.replace(/\./g, '\\.')}\\]: https://\\S+$`, 'm'), `no link reference for [${label}]`);
  });
});

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}
