// Bundles the extension client, the language server and the CLI as CommonJS for Node with esbuild.
import { build } from 'esbuild';
import { clientBundles, versionDefine } from './clientBundles.mjs';

const production = process.argv.includes('--production');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
  // Some dependencies ship ESM that calls createRequire(import.meta.url); give the CommonJS bundle a real URL.
  define: { 'import.meta.url': 'importMetaUrl', ...versionDefine },
  banner: { js: "const importMetaUrl = require('url').pathToFileURL(__filename).href;" },
};

const client = clientBundles(common);
await Promise.all([
  build(client.extension),
  build(client.languageClient),
  // Always minified (with a source map in development builds): other editors start `node dist/server.js`, and a
  // smaller file is read and compiled sooner.
  build({ ...common, minify: true, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' }),
  build({ ...common, entryPoints: ['server/src/serverCore.ts'], outfile: 'dist/serverCore.js' }),
  build({ ...common, entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node\n' + common.banner.js } }),
]);
await import('./pack-npm.mjs'); // the npm package of the CLI and the language server, from these bundles
