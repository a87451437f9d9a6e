import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tempTree, validProvider } from '../cli/tempTree';
import { runCli, validateJson } from '../helpers/cli';

const TYPO = validProvider('typo') + 'client_type: confidental\n';
const isRoot = process.getuid?.() === 0;

/** Root without the capabilities that let it ignore permission bits: what a hardened container's root (or any user) sees. */
const WITHOUT_ROOT_OVERRIDE = isRoot ? ['setpriv', '--bounding-set=-dac_override,-dac_read_search', '--'] : [];

describe('limits: the CLI on unreadable, strange and numerous files', { timeout: 120_000 }, () => {
  it('a missing file: named on stderr, the others still checked, exit 2', async () => {
    const root = tempTree({ 'ok.oauth2provider.yaml': validProvider('ok'), 'typo.oauth2provider.yaml': TYPO });
    const { result: run, codesByFile } = await validateJson(['ok.oauth2provider.yaml', 'missing.oauth2provider.yaml', 'typo.oauth2provider.yaml'], { cwd: root });
    assert.equal(run.stderr, 'authentik-oauth2: missing.oauth2provider.yaml: no such file or directory\n');
    assert.deepEqual(codesByFile, { 'ok.oauth2provider.yaml': [], 'typo.oauth2provider.yaml': ['invalid-enum'] });
    assert.equal(run.code, 2, 'an unreadable path wins over errors found');
  });

  it('binary files (a NUL byte at the start, or 20 kB down): binary-file, not YAML noise', async () => {
    const root = tempTree({
      'a.oauth2provider.yaml': Buffer.from([0x00, 0x01, 0x02, 0xff, 0x6e, 0x61]),
      'b.oauth2provider.yaml': Buffer.concat([Buffer.from(validProvider('late') + '#'.repeat(20_000) + '\n'), Buffer.from([0])]),
      'c.oauth2provider.yaml': validProvider('ok'),
    });
    const { result: run, codesByFile, report } = await validateJson(['.'], { cwd: root });
    assert.deepEqual(codesByFile, { 'a.oauth2provider.yaml': ['binary-file'], 'b.oauth2provider.yaml': ['binary-file'], 'c.oauth2provider.yaml': [] });
    assert.equal(report.files[0].diagnostics[0].message, 'This is a binary file (it contains NUL bytes), not YAML.');
    assert.equal(run.code, 1);
  });

  it('invalid UTF-8: invalid-utf8 first, the rest still validated; a real U+FFFD is fine', async () => {
    const root = tempTree({
      'latin1.oauth2provider.yaml': Buffer.concat([Buffer.from('# authentik-version: 2024.8.4\nname: caf'), Buffer.from([0xe9]), Buffer.from('\nauthorization_flow: 8f3b0c7e-6a44-4b1e-9a5e-1f2d3c4b5a60\nredirect_uris: https://a\\.b/c\nsub_mode: user_mail\n')]),
      'replacement-char.oauth2provider.yaml': validProvider('\uFFFD'),
    });
    const { result: run, codesByFile, report } = await validateJson(['.'], { cwd: root });
    assert.deepEqual(codesByFile, { 'latin1.oauth2provider.yaml': ['invalid-utf8', 'invalid-enum'], 'replacement-char.oauth2provider.yaml': [] });
    assert.equal(report.files[0].diagnostics[0].message, 'The file is not valid UTF-8.');
    assert.deepEqual(report.files[0].diagnostics[1].range.start, { line: 4, character: 10 });
    assert.equal(run.code, 1);
  });

  it('a BOM and CRLF line endings: positions as the editor shows them', async () => {
    const root = tempTree({ 'bom-crlf.oauth2provider.yaml': '\uFEFFclient_type: confidental\r\nname: x\r\nauthorization_flow: nope\r\nredirect_uris: https://a\\.b/c\r\n' });
    const { result: run, report } = await validateJson(['--server-version', '2024.8.4', '.'], { cwd: root });
    const at = (d: (typeof report.files)[0]['diagnostics'][0]) => `${d.code}@${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`;
    // "confidental" is columns 13-24 of line 0 once the BOM is hidden; "nope" columns 20-24 of line 2, CRs not counted.
    assert.deepEqual(report.files[0].diagnostics.map(at), ['invalid-enum@0:13-0:24', 'invalid-uuid@2:20-2:24']);
    assert.equal(run.code, 1);
  });

  it('a symlink loop (a -> b -> a) and a folder that links to its parent: reported or walked once, never a hang', async () => {
    const root = tempTree({ 'ok.oauth2provider.yaml': validProvider('ok'), 'nested/deeper/inner.oauth2provider.yaml': TYPO });
    fs.symlinkSync('b.oauth2provider.yaml', path.join(root, 'a.oauth2provider.yaml'));
    fs.symlinkSync('a.oauth2provider.yaml', path.join(root, 'b.oauth2provider.yaml'));
    fs.symlinkSync('..', path.join(root, 'nested/deeper/up'));
    fs.symlinkSync(root, path.join(root, 'nested/root'));
    const { result: run, codesByFile } = await validateJson(['.'], { cwd: root });
    assert.equal(
      run.stderr,
      'authentik-oauth2: a.oauth2provider.yaml: too many levels of symbolic links (a symlink loop)\n' +
        'authentik-oauth2: b.oauth2provider.yaml: too many levels of symbolic links (a symlink loop)\n',
    );
    assert.deepEqual(codesByFile, { 'nested/deeper/inner.oauth2provider.yaml': ['invalid-enum'], 'ok.oauth2provider.yaml': [] });
    assert.equal(run.code, 2);
  });

  it('a named pipe or a device is skipped with a message, not read (reading would block or never end)', async () => {
    const root = tempTree({ 'ok.oauth2provider.yaml': validProvider('ok') });
    execFileSync('mkfifo', [path.join(root, 'pipe.oauth2provider.yaml')]);
    const { result: run, codesByFile } = await validateJson(['.', '/dev/zero'], { cwd: root, timeoutMs: 15_000 });
    assert.equal(
      run.stderr,
      'authentik-oauth2: pipe.oauth2provider.yaml: not a regular file (a pipe, socket or device): skipped\n' +
        'authentik-oauth2: /dev/zero: not a regular file (a pipe, socket or device): skipped\n',
    );
    assert.deepEqual(codesByFile, { 'ok.oauth2provider.yaml': [] });
    assert.equal(run.code, 2);
  });

  it('as root, a folder and a file with mode 000 are read anyway (root ignores permission bits)', async () => {
    const root = tempTree({ 'locked/typo.oauth2provider.yaml': TYPO, 'secret.oauth2provider.yaml': validProvider('s') });
    fs.chmodSync(path.join(root, 'secret.oauth2provider.yaml'), 0o000);
    fs.chmodSync(path.join(root, 'locked'), 0o000);
    try {
      const { result: run, codesByFile } = await validateJson(['.'], { cwd: root });
      if (isRoot) {
        assert.deepEqual(codesByFile, { 'locked/typo.oauth2provider.yaml': ['invalid-enum'], 'secret.oauth2provider.yaml': [] });
        assert.equal(run.code, 1);
      } else {
        assert.equal(run.code, 2);
      }
    } finally {
      fs.chmodSync(path.join(root, 'locked'), 0o755);
    }
  });

  it('without that override (any other user, or root without CAP_DAC_OVERRIDE): permission denied, the rest checked, exit 2', async () => {
    const root = tempTree({ 'locked/typo.oauth2provider.yaml': TYPO, 'secret.oauth2provider.yaml': validProvider('s'), 'typo.oauth2provider.yaml': TYPO });
    fs.chmodSync(path.join(root, 'secret.oauth2provider.yaml'), 0o000);
    fs.chmodSync(path.join(root, 'locked'), 0o000);
    try {
      const { result: run, codesByFile } = await validateJson(['.'], { cwd: root, wrapper: WITHOUT_ROOT_OVERRIDE });
      assert.equal(
        run.stderr,
        'authentik-oauth2: locked: permission denied\n' + 'authentik-oauth2: secret.oauth2provider.yaml: permission denied\n',
      );
      assert.deepEqual(codesByFile, { 'typo.oauth2provider.yaml': ['invalid-enum'] });
      assert.equal(run.code, 2);
    } finally {
      fs.chmodSync(path.join(root, 'locked'), 0o755);
    }
  });

  it('10,000 files: every one checked, the right count and exit code', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 10_000; i++) {
      const name = `team-${String(Math.floor(i / 100)).padStart(3, '0')}/app-${String(i).padStart(5, '0')}.oauth2provider.yaml`;
      files[name] = i % 1000 === 7 ? TYPO : validProvider(`app ${i}`);
    }
    const root = tempTree(files);
    const run = await runCli(['validate', '.'], { cwd: root, timeoutMs: 110_000 });
    const lines = run.stdout.trimEnd().split('\n');
    assert.equal(lines.length, 12);
    assert.equal(lines[0], 'team-000/app-00007.oauth2provider.yaml:7:14: error invalid-enum "confidental" is not a valid choice for "client_type". Did you mean "confidential"? Valid choices: confidential, public.');
    assert.equal(lines[10], 'Checked for authentik 2026.5.0 (the newest known release).');
    assert.equal(lines[11], '10000 files checked: 10 errors, 0 warnings.');
    assert.equal(run.stderr, '');
    assert.equal(run.code, 1);
  });
});
