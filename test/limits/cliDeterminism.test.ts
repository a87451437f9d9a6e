import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { tempTree, validProvider } from '../cli/tempTree';
import { validateJson } from '../helpers/cli';

const FLOW = '8f3b0c7e-6a44-4b1e-9a5e-1f2d3c4b5a60';
const TOO_DEEP = 'The YAML nests too deeply to be read: the parser gave up here. Flatten the structure.';

/** Texts the parser cannot read to the end: where it runs out of stack depends on the stack it has left. */
const DEEP = {
  'flow-mappings': `name: deep\nauthorization_flow: ${FLOW}\nx: ${'{a: '.repeat(10_000)}1${'}'.repeat(10_000)}\n`,
  'flow-sequences': `name: deep\nauthorization_flow: ${FLOW}\nredirect_uris: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`,
  'block-sequences': `name: deep\nauthorization_flow: ${FLOW}\nredirect_uris:\n  ${'- '.repeat(5_000)}x\n`,
};

describe('limits: the same file gives the same findings in one run', { timeout: 120_000 }, () => {
  const copies = 8;
  const files: Record<string, string> = {};
  for (const [kind, text] of Object.entries(DEEP)) for (let i = 0; i < copies; i++) files[`${kind}-${i}.oauth2provider.yaml`] = text;
  // Ordinary files between them, so the copies are read with different stacks and warmed-up code.
  for (let i = 0; i < copies; i++) files[`mixed-${i}.oauth2provider.yaml`] = validProvider(`m${i}`) + 'client_type: confidental\n';
  const root = tempTree(files);

  it('identical copies of a too-deep file: identical findings, the error where the too-deep value starts', async () => {
    const { report } = await validateJson(['.'], { cwd: root, timeoutMs: 100_000 });
    const byKind = new Map<string, string[]>();
    for (const file of report.files) {
      const kind = file.path.replace(/-\d+\.oauth2provider\.yaml$/, '');
      byKind.set(kind, [...(byKind.get(kind) ?? []), JSON.stringify(file.diagnostics)]);
    }
    for (const [kind, runs] of byKind) {
      assert.equal(runs.length, copies, kind);
      assert.equal(new Set(runs).size, 1, `${kind}: the copies differ:\n${[...new Set(runs)].join('\n')}`);
    }
    const first = (kind: string) => report.files.find((f) => f.path === `${kind}-0.oauth2provider.yaml`)!.diagnostics;
    const at = (kind: string) => first(kind).filter((d) => d.message === TOO_DEEP).map((d) => d.range);
    // 0-based: the value of x (line 2, after "x: "), of redirect_uris, and the first "-" of the block sequence.
    assert.deepEqual(at('flow-mappings'), [{ start: { line: 2, character: 3 }, end: { line: 2, character: 4 } }]);
    assert.deepEqual(at('flow-sequences'), [{ start: { line: 2, character: 15 }, end: { line: 2, character: 16 } }]);
    assert.deepEqual(at('block-sequences'), [{ start: { line: 3, character: 2 }, end: { line: 3, character: 3 } }]);
  });
});
