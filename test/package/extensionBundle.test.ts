import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { build, Metafile } from 'esbuild';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * Builds dist/extension.js as `npm run build -- --production` does (the same options, from
 * scripts/clientBundles.mjs), in memory, and checks what the editor reads before it activates.
 */
const repo = resolve(__dirname, '../..');

interface ClientBundles {
  clientBundles(common: Record<string, unknown>): Record<'extension' | 'languageClient', Record<string, unknown>>;
  versionDefine: Record<string, string>;
  EXTENSION_BUNDLE_LIMITS: { maxBytes: number; forbiddenInputs: RegExp[] };
}

describe('package: the extension host bundle (production build)', () => {
  let limits: ClientBundles['EXTENSION_BUNDLE_LIMITS'];
  let bytes = 0;
  let text = '';
  let inputs: string[] = [];

  before(async () => {
    const bundles = (await import(resolve(repo, 'scripts/clientBundles.mjs'))) as ClientBundles;
    limits = bundles.EXTENSION_BUNDLE_LIMITS;
    const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', minify: true, legalComments: 'none', define: bundles.versionDefine, logLevel: 'silent' };
    const result = await build({ ...bundles.clientBundles(common).extension, absWorkingDir: repo, write: false, metafile: true });
    const output = result.outputFiles.find((f) => f.path.endsWith('extension.js'));
    assert.ok(output, 'esbuild wrote no extension.js');
    bytes = output.contents.byteLength;
    text = output.text;
    inputs = Object.keys((result.metafile as Metafile).outputs[Object.keys(result.metafile!.outputs).find((o) => o.endsWith('extension.js'))!].inputs);
  });

  it('is at most 150 KiB', () => {
    assert.ok(bytes <= limits.maxBytes, `dist/extension.js is ${(bytes / 1024).toFixed(1)} KiB, over ${limits.maxBytes / 1024} KiB`);
  });

  it('bundles no YAML parser, no schema validator, no language service and no LSP client', () => {
    for (const pattern of limits.forbiddenInputs) {
      assert.deepEqual(inputs.filter((input) => pattern.test(input)), [], `${pattern} is bundled`);
    }
    // What it does bundle: the shared core (settings, the authentik client, deploy planning) and the client.
    assert.ok(inputs.includes('common/authentik/apiClient.ts'), inputs.join('\n'));
    assert.ok(inputs.includes('client/src/extension.ts'), inputs.join('\n'));
  });

  it('loads the language client from its own bundle beside it, and states the version of package.json', () => {
    assert.match(text, /languageClient\.js/);
    const { version } = JSON.parse(readFileSync(resolve(repo, 'package.json'), 'utf8')) as { version: string };
    assert.ok(text.includes(JSON.stringify(version)), `the version ${version} is not in the bundle`);
  });
});
