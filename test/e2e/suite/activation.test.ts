import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { BROKEN } from './fixtures';
import { DIAGNOSTIC_SOURCE, extension, ExtensionApi, openFixture, recordMeasurements, waitForDiagnostics } from './helpers';

describe('activation', () => {
  it('is active once a *.oauth2provider.yaml file is open, and its language server reports problems', async () => {
    const editor = await openFixture(BROKEN.file);
    // Diagnostics with our source come only from our language server, which the extension starts.
    const diagnostics = await waitForDiagnostics(
      editor.document.uri,
      (d) => d.some((one) => one.source === DIAGNOSTIC_SOURCE),
      'authentik diagnostics',
    );
    assert.ok(diagnostics.length > 0);
    assert.equal(extension().isActive, true);
    assert.equal(vscode.window.activeTextEditor?.document, editor.document);
  });

  it('measures its activation and the language server’s start', async () => {
    const api = (await extension().activate()) as ExtensionApi;
    await api.languageServerReady();
    const { activateMs, languageServerStartMs } = api.activation;
    assert.equal(typeof activateMs, 'number');
    assert.equal(typeof languageServerStartMs, 'number');
    recordMeasurements({
      'extension activate()': `${activateMs} ms`,
      'language server start (language client loaded, server process up, initialize answered)': `${languageServerStartMs} ms`,
    });
  });

  it('registers every command it contributes', async () => {
    const registered = new Set(await vscode.commands.getCommands(true));
    const contributed = (extension().packageJSON as { contributes: { commands: { command: string }[] } }).contributes.commands;
    assert.deepEqual(contributed.filter((c) => !registered.has(c.command)).map((c) => c.command), []);
  });
});
