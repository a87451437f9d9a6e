import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { ZipEntry, zipEntries } from './zipEntries';

/**
 * Packages the extension as `npm run package` does (vsce, offline, no node_modules) from the current
 * build in dist/, into a temporary folder: the repository is only read, so other tests may run alongside.
 * `npm run package` runs the production build first; `npm run build` (or `npm test`) must have run here.
 */
const repo = resolve(__dirname, '../..');
const vsce = join(repo, 'node_modules/@vscode/vsce/vsce');
const rootManifest = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as Record<string, unknown>;

const BUNDLES = ['extension.js', 'languageClient.js', 'server.js', 'serverCore.js'];

/** What a user installs: the bundles, schemas, grammar, icon, and the documents vsce renames. */
const EXPECTED_FILES = [
  '[Content_Types].xml',
  'extension.vsixmanifest',
  'extension/LICENSE.txt',
  'extension/changelog.md',
  'extension/dist/extension.js',
  'extension/dist/languageClient.js',
  'extension/dist/server.js',
  'extension/dist/serverCore.js',
  'extension/images/icon.png',
  'extension/package.json',
  'extension/readme.md',
  'extension/schemas/generic-error.schema.json',
  'extension/schemas/oauth2provider.request.schema.json',
  'extension/schemas/oauth2provider.response.schema.json',
  'extension/schemas/validation-error.schema.json',
  'extension/syntaxes/language-configuration.json',
  'extension/syntaxes/oauth2provider.tmLanguage.json',
];

describe('package: the .vsix', () => {
  let entries: ZipEntry[] = [];
  const entry = (name: string): ZipEntry => {
    const found = entries.find((e) => e.name === name);
    assert.ok(found, `${name} is not in the .vsix`);
    return found;
  };

  before(async () => {
    for (const bundle of BUNDLES) {
      assert.ok(existsSync(join(repo, 'dist', bundle)), `dist/${bundle} is missing: run \`npm run build\` before this test`);
    }
    const out = mkdtempSync(join(tmpdir(), 'authentik-vsix-'));
    try {
      const vsix = join(out, 'authentik-oauth2.vsix');
      await promisify(execFile)(process.execPath, [vsce, 'package', '--no-dependencies', '--out', vsix], { cwd: repo });
      entries = zipEntries(readFileSync(vsix));
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('holds exactly the bundles, schemas, grammar, icon, package.json, readme, changelog and license', () => {
    assert.deepEqual(entries.map((e) => e.name).sort(), [...EXPECTED_FILES].sort());
  });

  it('has our package.json, unchanged, as extension/package.json', () => {
    const inside = JSON.parse(entry('extension/package.json').read().toString('utf8')) as Record<string, unknown>;
    assert.equal(inside.name, 'authentik-oauth2');
    assert.equal(inside.publisher, 'authentik-config-as-code');
    assert.equal(inside.version, rootManifest.version);
    assert.equal(inside.main, './dist/extension.js');
    assert.deepEqual(inside, rootManifest);
  });

  it('names the extension, publisher and version in its manifest', () => {
    const manifest = entry('extension.vsixmanifest').read().toString('utf8');
    assert.match(manifest, new RegExp(`<Identity Language="en-US" Id="authentik-oauth2" Version="${String(rootManifest.version)}" Publisher="authentik-config-as-code" />`));
  });

  it('carries the bundles of dist/ as built', () => {
    for (const bundle of BUNDLES) {
      assert.ok(entry(`extension/dist/${bundle}`).read().equals(readFileSync(join(repo, 'dist', bundle))), `dist/${bundle} differs from the build`);
    }
  });
});
