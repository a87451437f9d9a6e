import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { unifiedDiff } from '../../server/src/cli/unifiedDiff';

/** Applies a unified diff the way patch(1) does, trusting its line numbers: what a reader of the diff gets. */
function applyPatch(before: string, diff: string): string {
  const lines = before.match(/[^\n]*\n|[^\n]+$/g) ?? [];
  const out: string[] = [];
  let at = 0;
  const body = diff.split('\n').slice(2, -1);
  for (let i = 0; i < body.length; i++) {
    const header = /^@@ -(\d+)(?:,(\d+))? \+\d+(?:,\d+)? @@$/.exec(body[i]);
    if (header) {
      const start = Number(header[1]) - (header[2] === '0' ? 0 : 1);
      while (at < start) out.push(lines[at++]);
      continue;
    }
    const kind = body[i][0];
    const noNewline = body[i + 1] === '\\ No newline at end of file';
    const text = body[i].slice(1) + (noNewline ? '' : '\n');
    if (noNewline) i++;
    if (kind === ' ' || kind === '-') {
      assert.equal(lines[at], text, `context or removed line ${at + 1}`);
      at++;
    }
    if (kind === ' ' || kind === '+') out.push(text);
  }
  while (at < lines.length) out.push(lines[at++]);
  return out.join('');
}

describe('unified diff', () => {
  it('is empty for equal texts', () => {
    assert.equal(unifiedDiff('a\nb\n', 'a\nb\n', 'a/x', 'b/x'), '');
  });

  it('prints separate hunks with three lines of context, as diff -u does', () => {
    const before = Array.from({ length: 20 }, (_, i) => `l${i + 1}\n`).join('');
    const after = before.replace('l2\n', 'two\n').replace('l18\n', '');
    assert.equal(unifiedDiff(before, after, 'a/x', 'b/x'), `--- a/x
+++ b/x
@@ -1,5 +1,5 @@
 l1
-l2
+two
 l3
 l4
 l5
@@ -15,6 +15,5 @@
 l15
 l16
 l17
-l18
 l19
 l20
`);
  });

  it('marks a missing final newline and counts an empty side as diff does', () => {
    assert.equal(unifiedDiff('', 'a\n', 'a/x', 'b/x'), '--- a/x\n+++ b/x\n@@ -0,0 +1 @@\n+a\n');
    assert.equal(unifiedDiff('a\nb', 'a\nb\n', 'a/x', 'b/x'), '--- a/x\n+++ b/x\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n');
  });

  it('gives a diff that turns the old text into the new one, for many random pairs', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const text = () => Array.from({ length: Math.floor(random() * 30) }, () => `l${Math.floor(random() * 5)}`).join('\n') + (random() < 0.8 ? '\n' : '');
    for (let n = 0; n < 500; n++) {
      const [before, after] = [text(), text()];
      const diff = unifiedDiff(before, after, 'a/x', 'b/x');
      assert.equal(diff === '' ? before : applyPatch(before, diff), after, JSON.stringify({ before, after, diff }));
    }
  });
});
