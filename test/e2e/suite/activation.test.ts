import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { BROKEN } from './fixtures';
import { DIAGNOSTIC_SOURCE, extension, openFixture, waitForDiagnostics } from './helpers';

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
});
