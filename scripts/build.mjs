// Bundles the extension client, the language server and the CLI as CommonJS for Node with esbuild.
import { build } from 'esbuild';
import { createRequire } from 'node:module';
import path from 'node:path';
import { clientBundles, versionDefine } from './clientBundles.mjs';

const require = createRequire(import.meta.url);
const production = process.argv.includes('--production');

/**
 * The yaml library's ES module build (the same code as its CommonJS one, without the debug
 * switches read from the environment). Bundled as ESM its functions are called directly; through
 * the CommonJS interop every `isScalar(...)` would go through a getter, a measurable cost per node.
 */
const yamlAsEsm = {
  name: 'yaml-as-esm',
  setup(b) {
    const entry = path.join(path.dirname(require.resolve('yaml/package.json')), 'browser', 'index.js');
    b.onResolve({ filter: /^yaml$/ }, () => ({ path: entry }));
  },
};

/** The validator ajv generates from the request schema (server/src/cli/requestValidatorCode.ts), run once here. */
async function requestValidatorCode() {
  const generator = await build({ entryPoints: ['server/src/cli/requestValidatorCode.ts'], bundle: true, platform: 'node', format: 'cjs', write: false, logLevel: 'warning' });
  const module = { exports: {} };
  new Function('module', 'exports', 'require', generator.outputFiles[0].text)(module, module.exports, require);
  return module.exports.requestValidatorCode();
}

/**
 * In the CLI bundles, precompiledValidator.ts exports that generated validator, so the CLI neither
 * compiles the schema nor carries ajv's compiler: `ajv` and `ajv-formats` become a stub that says so.
 */
const precompiledValidator = (code) => ({
  name: 'precompiled-request-validator',
  setup(b) {
    let replaced = false;
    b.onLoad({ filter: /[\\/]server[\\/]src[\\/]cli[\\/]precompiledValidator\.ts$/ }, () => {
      replaced = true;
      return { contents: `${code}\nmodule.exports = { precompiledValidator: module.exports };\n`, loader: 'js', resolveDir: process.cwd() };
    });
    b.onResolve({ filter: /^ajv(-formats)?$/ }, (args) => ({ path: args.path, namespace: 'ajv-stub' }));
    b.onLoad({ filter: /.*/, namespace: 'ajv-stub' }, () => ({
      contents: "throw new Error('ajv is not bundled with the CLI: it uses the validator generated at build time');",
      loader: 'js',
    }));
    b.onEnd((result) => {
      if (result.errors.length === 0 && !replaced) throw new Error('precompiledValidator.ts was not replaced: the CLI would have no schema validator');
    });
  },
});

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
  plugins: [yamlAsEsm],
};

const validatorCode = await requestValidatorCode();
const client = clientBundles(common);
await Promise.all([
  build(client.extension),
  build(client.languageClient),
  // Always minified (with a source map in development builds): other editors start `node dist/server.js`, and a
  // smaller file is read and compiled sooner.
  build({ ...common, minify: true, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' }),
  build({ ...common, entryPoints: ['server/src/serverCore.ts'], outfile: 'dist/serverCore.js' }),
  build({
    ...common,
    entryPoints: ['server/src/cli.ts'],
    outfile: 'dist/cli.js',
    banner: { js: '#!/usr/bin/env node\n' + common.banner.js },
    plugins: [...common.plugins, precompiledValidator(validatorCode)],
  }),
  // The worker threads `validate` starts for large batches (server/src/cli/parallelValidation.ts).
  build({ ...common, entryPoints: ['server/src/cli/validationWorker.ts'], outfile: 'dist/cliWorker.js', plugins: [...common.plugins, precompiledValidator(validatorCode)] }),
]);
await import('./pack-npm.mjs'); // the npm package of the CLI and the language server, from these bundles
