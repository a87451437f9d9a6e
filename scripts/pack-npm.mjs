// Makes the npm package `authentik-oauth2` (server/package.json): the CLI and the language server as
// self-contained bundles, no runtime dependencies. Takes the bundles scripts/build.mjs wrote to dist/,
// writes them to server/dist/ and packs the tarball into out/pack/. Run by scripts/build.mjs.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const packageDir = path.join(root, 'server');
const packDir = path.join(root, 'out', 'pack');

/** The bundles the package runs: the CLI, the language server and its lazily loaded core. */
const BUNDLES = ['cli.js', 'server.js', 'serverCore.js'];

const manifest = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8'));
const extension = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
if (manifest.version !== extension.version) {
  throw new Error(`server/package.json has version ${manifest.version}, package.json ${extension.version}: the npm package and the extension share one version`);
}
const bins = new Set(Object.values(manifest.bin).map((file) => path.basename(file)));

const outDir = path.join(packageDir, 'dist');
fs.rmSync(outDir, { recursive: true, force: true });
fs.mkdirSync(outDir, { recursive: true });
for (const bundle of BUNDLES) {
  let code = fs.readFileSync(path.join(root, 'dist', bundle), 'utf8');
  // The source maps stay in dist/ (they embed every source): a link to a missing map only makes debuggers complain.
  code = code.replace(/\n\/\/# sourceMappingURL=[^\n]*\n?$/, '\n');
  // npm links a bin as it is: without this line the shell, not node, would run it.
  if (bins.has(bundle) && !code.startsWith('#!')) code = `#!/usr/bin/env node\n${code}`;
  fs.writeFileSync(path.join(outDir, bundle), code, { mode: bins.has(bundle) ? 0o755 : 0o644 });
}
// npm takes the license from the package's own folder.
fs.copyFileSync(path.join(root, 'LICENSE'), path.join(packageDir, 'LICENSE'));

fs.mkdirSync(packDir, { recursive: true });
for (const old of fs.readdirSync(packDir)) if (old.endsWith('.tgz')) fs.rmSync(path.join(packDir, old));
const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--loglevel=warn', '--pack-destination', packDir], { cwd: packageDir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }));
process.stderr.write(`npm package: ${path.relative(root, path.join(packDir, packed[0].filename))}\n`);
