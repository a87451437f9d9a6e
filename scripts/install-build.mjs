// Builds dist/ during `npm install` when dist/cli.js (the `authentik-oauth2` bin) is missing: pre-commit
// installs this repository from a fresh clone with `npm install`, then packs and installs it globally, and
// the bin must exist by then. A checkout that has a build, or the installed tarball, is left alone.
// Quiet on stdout: pre-commit reads the tarball's name from what `npm pack` prints there.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
if (!fs.existsSync(path.join(root, 'dist', 'cli.js'))) {
  process.chdir(root);
  await import('./build.mjs');
}
