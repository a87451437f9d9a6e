// Compiles the end-to-end suite (test/e2e/suite/*.ts) to CommonJS in out/e2e/suite/, one file per
// source file so index.js can find the *.test.js files; `vscode` and `mocha` are loaded at run time.
import { build } from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const sourceDir = join(root, 'test/e2e/suite');
const outDir = join(root, 'out/e2e/suite');

// Start clean so a deleted test file does not keep running from a stale build.
rmSync(outDir, { recursive: true, force: true });
await build({
  entryPoints: readdirSync(sourceDir).filter((name) => name.endsWith('.ts')).map((name) => join(sourceDir, name)),
  outdir: outDir,
  bundle: false,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'inline',
  logLevel: 'warning',
});
