import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { tempTree, validProvider } from '../cli/tempTree';
import { CLI_PATH, runCli } from '../helpers/cli';

/** Enough findings for megabytes of output in every format, more than a pipe's buffer holds. */
function manyFindings(): string {
  const files: Record<string, string> = {};
  for (let f = 0; f < 10; f++) {
    let text = validProvider(`p${f}`);
    for (let i = 0; i < 1000; i++) text += `unknown_key_${i}: 1\n`;
    files[`p${f}.oauth2provider.yaml`] = text;
  }
  files['typo.oauth2provider.yaml'] = validProvider('typo') + 'client_type: confidental\n';
  return tempTree(files);
}

const root = manyFindings();
const FORMATS = ['text', 'github', 'json', 'sarif', 'markdown'];

describe('limits: when stdout cannot be written', { timeout: 120_000 }, () => {
  it('the reader goes away (`| head`, EPIPE): no message, no stack trace, the exit code of the findings', async () => {
    for (const format of FORMATS) {
      const run = await runCli(['validate', '--format', format, '.'], { cwd: root, closeStdoutAfter: 100 });
      assert.equal(run.stderr, '', format);
      assert.equal(run.code, 1, `${format}: the typo is still an error`);
    }
  });

  it('in a shell pipeline into head', () => {
    const result = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" "${CLI_PATH}" validate . | head -n 2`], { cwd: root, encoding: 'utf8' });
    assert.equal(result.stdout.split('\n').length, 3);
    assert.equal(result.stderr, '');
    assert.equal(result.status, 1);
  });

  it('a full disk (/dev/full, ENOSPC): one line on stderr and exit 2, whatever the format and the size', async () => {
    const runs = [...FORMATS.map((format) => ['validate', '--format', format, '.']), ['validate', 'typo.oauth2provider.yaml'], ['--help'], ['--version']];
    for (const args of runs) {
      const fd = fs.openSync('/dev/full', 'w');
      try {
        const run = await runCli(args, { cwd: root, stdoutFd: fd });
        assert.equal(run.stderr, 'authentik-oauth2: could not write the output: no space left on the device\n', args.join(' '));
        assert.equal(run.code, 2, args.join(' '));
      } finally {
        fs.closeSync(fd);
      }
    }
  });
});
