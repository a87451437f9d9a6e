import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { tempTree, validProvider } from '../cli/tempTree';
import { runCli, validateJson } from '../helpers/cli';

/** A provider followed by `count` unknown keys: `count` warnings. */
function unknownKeys(count: number, tail = ''): string {
  let text = validProvider('many');
  for (let i = 0; i < count; i++) text += `key${String(i).padStart(6, '0')}: 1\n`;
  return text + tail;
}

interface Sarif {
  runs: { results: { ruleId: string }[]; invocations: { executionSuccessful: boolean; toolExecutionNotifications: { level: string; message: { text: string } }[] }[] }[];
}

describe('limits: the size of the output', { timeout: 120_000 }, () => {
  it('one 1 MB file of unknown keys (77,000 findings): 1,000 listed, the rest counted and said, SARIF well under 1 MB (was 80 MB)', async () => {
    const text = unknownKeys(76_910);
    assert.ok(text.length > 999_900 && text.length < 1024 * 1024, `${text.length}`);
    const root = tempTree({ 'big.oauth2provider.yaml': text });
    // The size limit raised to 1 MiB (the default is 256 KiB) to let this file in.
    const run = await runCli(['validate', '--format', 'sarif', '--max-file-size', String(1024 * 1024), '.'], { cwd: root, timeoutMs: 60_000 });
    assert.equal(run.code, 0, 'warnings only');
    assert.equal(run.stderr, '');
    assert.ok(run.stdout.length < 1_000_000, `${run.stdout.length} characters of SARIF`);
    const log = JSON.parse(run.stdout) as Sarif;
    assert.equal(log.runs[0].results.length, 1000);
    assert.deepEqual(log.runs[0].invocations[0].toolExecutionNotifications, [
      { level: 'warning', message: { text: '75910 findings are not listed: the output lists at most 1000 per file (--max-findings-per-file). Errors: 0, warnings: 76910.' } },
    ]);
  });

  const files: Record<string, string> = {};
  for (let i = 0; i < 12; i++) files[`f${String(i).padStart(2, '0')}.oauth2provider.yaml`] = unknownKeys(1100);
  const many = tempTree(files);

  it('default caps over a run: 1,000 per file, 10,000 in all; every format says so, and the counts stay whole', async () => {
    const text = await runCli(['validate', '.'], { cwd: many });
    const lines = text.stdout.trimEnd().split('\n');
    assert.equal(lines.filter((l) => / warning unknown-key /.test(l)).length, 10_000);
    assert.deepEqual(
      lines.filter((l) => l.includes('not shown')),
      [
        ...Array.from({ length: 10 }, (_, i) => `f${String(i).padStart(2, '0')}.oauth2provider.yaml: 100 more findings not shown.`),
        'f10.oauth2provider.yaml: 1100 more findings not shown.',
        'f11.oauth2provider.yaml: 1100 more findings not shown.',
        '12 files checked: 0 errors, 13200 warnings; 3200 not shown: the output lists at most 1000 per file (--max-findings-per-file) and at most 10000 in all (--max-findings).',
      ],
    );

    const { report } = await validateJson(['.'], { cwd: many });
    assert.deepEqual(report.summary, { files: 12, errors: 0, warnings: 13_200, notShown: 3200 });
    assert.deepEqual(report.files.map((f) => [f.diagnostics.length, (f as { notShown?: number }).notShown]), [...Array(10).fill([1000, 100]), [0, 1100], [0, 1100]]);

    const github = await runCli(['validate', '--format', 'github', '.'], { cwd: many });
    const githubLines = github.stdout.trimEnd().split('\n');
    assert.equal(githubLines.length, 10_000 + 12 + 1);
    assert.equal(githubLines.at(-1), '::warning title=authentik findings not shown::3200 findings not shown: the output lists at most 1000 per file (--max-findings-per-file) and at most 10000 in all (--max-findings). Errors: 0, warnings: 13200.');

    const markdown = await runCli(['validate', '--format', 'markdown', '.'], { cwd: many });
    assert.match(markdown.stdout, /^### authentik OAuth2 providers\n\n12 files checked: 0 errors, 13200 warnings; 3200 not shown: the output lists at most 1000 per file \(--max-findings-per-file\) and at most 10000 in all \(--max-findings\)\.\n/);
  });

  it('--max-findings and --max-findings-per-file set the caps; errors are listed before warnings, so a capped file still shows its error', async () => {
    const root = tempTree({ 'a.oauth2provider.yaml': unknownKeys(50, 'client_type: nope\n'), 'b.oauth2provider.yaml': unknownKeys(50) });
    const { result, report } = await validateJson(['--max-findings-per-file', '10', '--max-findings', '15', '.'], { cwd: root });
    assert.equal(result.code, 1);
    const [a, b] = report.files;
    assert.equal(a.diagnostics.length, 10);
    assert.equal(a.diagnostics.filter((d) => d.code === 'invalid-enum').length, 1, 'the error is kept');
    assert.deepEqual(a.diagnostics.map((d) => d.range.start.line), [...a.diagnostics.map((d) => d.range.start.line)].sort((x, y) => x - y), 'in file order');
    assert.equal(b.diagnostics.length, 5);
    assert.deepEqual(report.summary, { files: 2, errors: 1, warnings: 100, notShown: 86 });
    const sarif = JSON.parse((await runCli(['validate', '--format', 'sarif', '--max-findings', '0', '.'], { cwd: root })).stdout) as Sarif;
    assert.deepEqual(sarif.runs[0].results, []);
    assert.match(sarif.runs[0].invocations[0].toolExecutionNotifications[0].message.text, /^101 findings are not listed: the output lists at most 0 in all \(--max-findings\)\. Errors: 1, warnings: 100\.$/);
  });

  it('a cap of a whole number only', async () => {
    for (const value of ['-1', '1.5', 'many', '']) {
      const run = await runCli(['validate', '--max-findings', value, '.'], { cwd: many });
      assert.equal(run.code, 2, value);
      assert.match(run.stderr, /^authentik-oauth2 validate: --max-findings takes a whole number of 0 or more\n/);
    }
  });
});
