import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_SETTINGS } from '../../server/src/settings';

const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8'));
const properties: Record<string, { default: unknown; description?: string; markdownDescription?: string }> = manifest.contributes.configuration.properties;

describe('extension manifest', () => {
  it('every setting of the shared settings type is contributed, with its default and a description', () => {
    const expected: Record<string, unknown> = {
      'authentik.serverUrl': DEFAULT_SETTINGS.serverUrl,
      'authentik.allowInsecureHttp': DEFAULT_SETTINGS.allowInsecureHttp,
      'authentik.deployTimeoutSeconds': DEFAULT_SETTINGS.deployTimeoutSeconds,
      'authentik.maxFileSize': DEFAULT_SETTINGS.maxFileSize,
      'authentik.referencesTtlSeconds': DEFAULT_SETTINGS.referencesTtlSeconds,
      'authentik.inlayHints': DEFAULT_SETTINGS.inlayHints,
    };
    for (const [rule, on] of Object.entries(DEFAULT_SETTINGS.rules)) expected[`authentik.rules.${rule}`] = on;
    assert.deepEqual(Object.keys(properties).sort(), Object.keys(expected).sort());
    for (const [key, value] of Object.entries(expected)) {
      assert.deepEqual(properties[key].default, value, key);
      assert.ok((properties[key].description ?? properties[key].markdownDescription ?? '').length > 20, `${key} has a description`);
    }
  });

  it('declares its own language for provider files, with a grammar that reuses YAML', () => {
    assert.deepEqual(manifest.contributes.languages[0].filenamePatterns, ['*.oauth2provider.yaml', '*.oauth2provider.yml']);
    const grammar = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../..', manifest.contributes.grammars[0].path), 'utf8'));
    assert.ok(grammar.patterns.some((p: { include?: string }) => p.include === 'source.yaml'));
  });

  it('works only partly in untrusted workspaces, where the server URL may not be set by the workspace', () => {
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.deepEqual(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations, ['authentik.serverUrl', 'authentik.allowInsecureHttp']);
    const deploy = manifest.contributes.commands.find((c: { command: string }) => c.command === 'authentik.deploy');
    assert.equal(deploy.enablement, 'isWorkspaceTrusted');
  });

  it('every command has the authentik category and is registered by the client', () => {
    const source = fs.readFileSync(path.resolve(__dirname, '../../client/src/extension.ts'), 'utf8');
    for (const command of manifest.contributes.commands) {
      assert.equal(command.category, 'authentik');
      assert.ok(source.includes(`registerCommand('${command.command}'`), `${command.command} is registered`);
    }
  });
});
