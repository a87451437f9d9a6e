import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { ZipEntry, zipEntries } from './zipEntries';

/**
 * Packages the extension as `npm run package` does (vsce, offline, no node_modules, the script's own
 * options) from the current build in dist/, into a temporary folder: the repository is only read, so
 * other tests may run alongside. `npm run package` runs the production build first; `npm run build`
 * (or `npm test`) must have run here.
 */
const repo = resolve(__dirname, '../..');
const vsce = join(repo, 'node_modules/@vscode/vsce/vsce');
const rootManifest = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as Record<string, unknown>;

const BUNDLES = ['extension.js', 'languageClient.js', 'server.js', 'serverCore.js'];

/** The options of `vsce package` in the `package` script, without its `--out`. */
function packageScriptOptions(): string[] {
  const script = String((rootManifest.scripts as Record<string, string>).package);
  const words = /vsce package (.*)$/.exec(script)?.[1].split(/\s+/);
  assert.ok(words, `the package script runs no vsce package: ${script}`);
  const out = words.indexOf('--out');
  if (out >= 0) words.splice(out, 2);
  return words;
}

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
      await promisify(execFile)(process.execPath, [vsce, 'package', ...packageScriptOptions(), '--out', vsix], { cwd: repo });
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

  it('names no made-up repository: no repository, homepage or bugs URL anywhere in the package', () => {
    const inside = JSON.parse(entry('extension/package.json').read().toString('utf8')) as Record<string, unknown>;
    for (const field of ['repository', 'homepage', 'bugs']) assert.equal(inside[field], undefined, `${field} is set`);
    const manifest = entry('extension.vsixmanifest').read().toString('utf8');
    assert.doesNotMatch(manifest, /Links\.(Source|Repository|Getstarted|Support|Learn)/);
    for (const e of entries) assert.ok(!e.read().includes('authentik-config-as-code/'), `${e.name} links to a repository that does not exist`);
  });

  // What Open VSX's publish endpoint refuses (its ExtensionValidator and license check); ovsx itself
  // checks nothing before the upload, so the same rules are checked here on the very file.
  it('meets Open VSX\'s publishing rules', () => {
    const inside = JSON.parse(entry('extension/package.json').read().toString('utf8')) as Record<string, unknown>;
    const name = /^[\w\-+$~]+$/;
    for (const field of ['publisher', 'name']) {
      const value = String(inside[field]);
      assert.match(value, name, `${field} has characters Open VSX refuses`);
      assert.ok(value.length <= 255, `${field} is longer than 255 characters`);
    }
    const version = String(inside.version);
    assert.match(version, /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$/, 'not a semantic version');
    assert.ok(!['latest', 'pre-release', 'reviews'].includes(version));
    // Control, format, private-use, unassigned and separator characters are refused in these fields.
    const refused = /[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Zl}\p{Zp}]/u;
    const limits: [string, string[], number][] = [
      ['displayName', [String(inside.displayName)], 255],
      ['description', [String(inside.description)], 2048],
      ['categories', (inside.categories as string[]) ?? [], 255],
      ['keywords', (inside.keywords as string[]) ?? [], 255],
      ['license', [String(inside.license)], 255],
    ];
    for (const [field, values, limit] of limits) {
      for (const value of values) {
        assert.ok(!refused.test(value), `${field} has a character Open VSX refuses`);
        assert.ok(value.length <= limit, `${field} is over ${limit} characters`);
      }
    }
    // Open VSX takes no extension without a license: the manifest names one and the file is inside.
    assert.equal(inside.license, 'MIT');
    assert.equal(entry('extension/LICENSE.txt').read().toString('utf8'), readFileSync(join(repo, 'LICENSE'), 'utf8'));
    assert.match(entry('extension.vsixmanifest').read().toString('utf8'), /<License>extension\/LICENSE\.txt<\/License>/);
    assert.match(String(inside.icon), /\.png$/, 'Open VSX refuses SVG icons');
    assert.ok(entry(`extension/${String(inside.icon)}`).read().subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])), 'the icon is a PNG');
  });

  it('meets the Marketplace\'s naming rules too', () => {
    const inside = JSON.parse(entry('extension/package.json').read().toString('utf8')) as Record<string, unknown>;
    assert.match(String(inside.name), /^[a-z0-9][a-z0-9-]*$/);
    assert.match(String(inside.publisher), /^[a-z0-9][a-z0-9-]*$/i);
    assert.ok(String(inside.displayName).length > 0 && String(inside.description).length > 0);
    assert.match(String((inside.engines as Record<string, string>).vscode), /^\^\d+\.\d+\.\d+$/);
  });
});
