import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { workerCount, FILES_PER_WORKER } from '../../server/src/cli/parallelValidation';
import { benchmarkLikeFile, seedFiles } from './seedTexts';

const REPO = path.resolve(__dirname, '../..');
const CLI = path.join(REPO, 'dist/cli.js');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runCli(args: string[], workers: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, AUTHENTIK_OAUTH2_WORKERS: workers };
    const child = spawn(process.execPath, [CLI, ...args], { cwd: REPO, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * `validate` on worker threads must print exactly what it prints on one thread: same files in the
 * same order, same diagnostics, same summary and exit code, in every output format.
 */
describe('validate on several threads', () => {
  let dir = '';

  before(() => {
    assert.ok(fs.existsSync(path.join(REPO, 'dist/cliWorker.js')), 'dist/cliWorker.js is missing: run "npm run build" first');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'authentik-parallel-'));
    // A mix of every kind of file, spread over subfolders, in an order that differs from creation order.
    const kinds = [
      ...[0, 1, 3, 5].map((kind) => benchmarkLikeFile(kind)),
      ...seedFiles().filter((f) => /oauth2provider/.test(f.name)).map((f) => f.text),
      'name: [unclosed\n',
      'name: x\n---\nname: y\n',
      '\uFEFFname: bom\r\nclient_type: public\r\n',
    ];
    for (let i = 0; i < 1300; i++) {
      const sub = path.join(dir, `group-${(i * 7) % 13}`);
      fs.mkdirSync(sub, { recursive: true });
      fs.writeFileSync(path.join(sub, `p${(i * 7919) % 100000}.oauth2provider.yaml`), kinds[i % kinds.length]);
    }
    fs.writeFileSync(path.join(dir, 'binary.oauth2provider.yaml'), Buffer.from([0x6e, 0x00, 0x01]));
    fs.writeFileSync(path.join(dir, 'latin1.oauth2provider.yaml'), Buffer.from('name: caf\xe9\n', 'latin1'));
    fs.writeFileSync(path.join(dir, 'large.oauth2provider.yaml'), `name: ${'x'.repeat(5000)}\n`);
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  for (const format of ['json', 'text', 'sarif', 'github']) {
    it(`prints the same ${format} output with 0, 1 and 3 workers`, async () => {
      const args = ['validate', '--format', format, '--max-file-size', '4096', dir];
      const single = await runCli(args, '0');
      assert.equal(single.code, 1, single.stderr);
      assert.ok(single.stdout.length > 100_000, `only ${single.stdout.length} characters of output`);
      for (const workers of ['1', '3']) {
        const parallel = await runCli(args, workers);
        assert.equal(parallel.code, single.code, `exit code with ${workers} workers`);
        assert.equal(parallel.stderr, single.stderr, `stderr with ${workers} workers`);
        assert.ok(parallel.stdout === single.stdout, `stdout with ${workers} workers differs from the single-threaded run`);
      }
    });
  }

  it('reports every file once, in the order files are listed', async () => {
    const { stdout } = await runCli(['validate', '--format', 'json', dir], '2');
    const paths = (JSON.parse(stdout) as { files: { path: string }[] }).files.map((f) => f.path);
    assert.equal(paths.length, 1303);
    assert.equal(new Set(paths).size, paths.length);
    const single = (JSON.parse((await runCli(['validate', '--format', 'json', dir], '0')).stdout) as { files: { path: string }[] }).files.map((f) => f.path);
    assert.deepEqual(paths, single);
  });

  it('starts workers only for batches large enough to pay for them, one per two cores beyond the first two', () => {
    assert.equal(workerCount(10, {}, 16), 0);
    assert.equal(workerCount(FILES_PER_WORKER - 1, {}, 16), 0);
    assert.equal(workerCount(FILES_PER_WORKER, {}, 16), 1);
    assert.equal(workerCount(100 * FILES_PER_WORKER, {}, 2), 0);
    assert.equal(workerCount(100 * FILES_PER_WORKER, {}, 4), 1);
    assert.equal(workerCount(100 * FILES_PER_WORKER, {}, 8), 3);
    assert.equal(workerCount(100 * FILES_PER_WORKER, { AUTHENTIK_OAUTH2_WORKERS: '0' }, 8), 0);
    assert.equal(workerCount(10, { AUTHENTIK_OAUTH2_WORKERS: '2' }, 2), 2);
  });
});
