import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import Module from 'node:module';
import * as path from 'node:path';
import type { CommandFactory } from '../../client/src/commands';
import type { CommandContext } from '../../client/src/context';
import { DEFAULT_SETTINGS, NUMERIC_SETTING_BOUNDS, normalizeSettings } from '../../common/settings';

const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8'));
/**
 * The command table the extension registers (client/src/commands), loaded with an empty module in
 * place of `vscode`: making the table and its handlers calls no VS Code API, only running a handler does.
 */
function commandTable(): Record<string, CommandFactory> {
  const loader = Module as unknown as { _resolveFilename(request: string, ...rest: unknown[]): string };
  const resolve = loader._resolveFilename;
  const standIn = path.join(__dirname, 'vscode (empty stand-in)');
  require.cache[standIn] = { id: standIn, filename: standIn, loaded: true, exports: {} } as NodeJS.Module;
  loader._resolveFilename = function (request: string, ...rest: unknown[]) {
    return request === 'vscode' ? standIn : resolve.call(this, request, ...rest);
  };
  try {
    return (require('../../client/src/commands') as typeof import('../../client/src/commands')).createCommands();
  } finally {
    loader._resolveFilename = resolve;
    delete require.cache[standIn];
  }
}

const properties: Record<string, { type: string; default: unknown; minimum?: number; maximum?: number; description?: string; markdownDescription?: string }> = manifest.contributes.configuration.properties;

describe('extension manifest', () => {
  it('every setting of the shared settings type is contributed, with its default and a description', () => {
    const expected: Record<string, unknown> = {
      'authentik.serverUrl': DEFAULT_SETTINGS.serverUrl,
      'authentik.environments': DEFAULT_SETTINGS.environments,
      'authentik.allowInsecureHttp': DEFAULT_SETTINGS.allowInsecureHttp,
      'authentik.deployTimeoutSeconds': DEFAULT_SETTINGS.deployTimeoutSeconds,
      'authentik.maxFileSize': DEFAULT_SETTINGS.maxFileSize,
      'authentik.referencesTtlSeconds': DEFAULT_SETTINGS.referencesTtlSeconds,
      'authentik.inlayHints': DEFAULT_SETTINGS.inlayHints,
      'authentik.serverVersion': DEFAULT_SETTINGS.serverVersion,
    };
    for (const [rule, on] of Object.entries(DEFAULT_SETTINGS.rules)) expected[`authentik.rules.${rule}`] = on;
    assert.deepEqual(Object.keys(properties).sort(), Object.keys(expected).sort());
    for (const [key, value] of Object.entries(expected)) {
      assert.deepEqual(properties[key].default, value, key);
      assert.ok((properties[key].description ?? properties[key].markdownDescription ?? '').length > 20, `${key} has a description`);
    }
  });

  it('every numeric setting declares the range the shared settings clamp to, and no other setting is numeric', () => {
    const numeric = Object.entries(properties).filter(([, p]) => p.type === 'number' || p.type === 'integer');
    assert.deepEqual(numeric.map(([key]) => key).sort(), Object.keys(NUMERIC_SETTING_BOUNDS).map((k) => `authentik.${k}`).sort());
    for (const [key, { minimum, maximum }] of Object.entries(NUMERIC_SETTING_BOUNDS)) {
      const declared = properties[`authentik.${key}`];
      assert.deepEqual({ minimum: declared.minimum, maximum: declared.maximum }, { minimum, maximum }, key);
      assert.ok(minimum <= (declared.default as number) && (declared.default as number) <= maximum, `${key}: the default is in range`);
      // What a settings file (user, workspace or folder) holds is clamped into the declared range.
      assert.equal(normalizeSettings({ [key]: maximum * 1000 })[key as keyof typeof NUMERIC_SETTING_BOUNDS], maximum, `${key} above`);
      assert.equal(normalizeSettings({ [key]: -1 })[key as keyof typeof NUMERIC_SETTING_BOUNDS], minimum, `${key} below`);
    }
  });

  it('declares its own language for provider files, with a grammar that reuses YAML', () => {
    assert.deepEqual(manifest.contributes.languages[0].filenamePatterns, ['*.oauth2provider.yaml', '*.oauth2provider.yml']);
    const grammar = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../..', manifest.contributes.grammars[0].path), 'utf8'));
    assert.ok(grammar.patterns.some((p: { include?: string }) => p.include === 'source.yaml'));
  });

  it('works only partly in untrusted workspaces, where the server URL may not be set by the workspace', () => {
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.deepEqual(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations, ['authentik.serverUrl', 'authentik.environments', 'authentik.allowInsecureHttp']);
    const deploy = manifest.contributes.commands.find((c: { command: string }) => c.command === 'authentik.deploy');
    assert.equal(deploy.enablement, 'isWorkspaceTrusted');
  });

  it('the extension registers exactly the commands it contributes, each from the command table', () => {
    const table = commandTable();
    const contributed: { command: string; category: string }[] = manifest.contributes.commands;
    assert.deepEqual(Object.keys(table).sort(), contributed.map((c) => c.command).sort());
    for (const { command, category } of contributed) {
      assert.equal(category, 'authentik', command);
      assert.equal(typeof table[command]({} as CommandContext), 'function', `${command} makes a handler`);
    }
  });

  it('every command a menu names is contributed', () => {
    const contributed = new Set(manifest.contributes.commands.map((c: { command: string }) => c.command));
    const menus: Record<string, { command: string }[]> = manifest.contributes.menus;
    for (const [menu, items] of Object.entries(menus)) for (const item of items) assert.ok(contributed.has(item.command), `${menu}: ${item.command}`);
  });
});
