import * as vscode from 'vscode';
import { RefreshReferencesRequest, RefreshReferencesResult } from '../../../server/src/protocol';
import { resolveConnection } from '../connection';
import { ExtensionState } from '../state';

/** "authentik: Refresh References": fetches flows, keys, scope mappings and sources again. */
export function refreshReferencesCommand(state: ExtensionState) {
  return async (): Promise<RefreshReferencesResult> => {
    const connection = await resolveConnection(state.extension, undefined, true);
    if (!connection.ok) {
      void vscode.window.showWarningMessage(`authentik: ${connection.message}`);
      return { ok: false, message: connection.message };
    }
    await state.syncConnection();
    const result = await state.client.sendRequest<RefreshReferencesResult>(RefreshReferencesRequest);
    if (result.ok) void vscode.window.setStatusBarMessage(`authentik: ${result.message}`, 5000);
    else void vscode.window.showWarningMessage(`authentik: ${result.message}`);
    return result;
  };
}

/** "authentik: Copy Client Secret of the Last Deploy": the only way the secret leaves memory, and only on request. */
export function copySecretCommand(state: ExtensionState) {
  return async (): Promise<void> => {
    if (!state.lastSecret) {
      void vscode.window.showInformationMessage('authentik: no client secret from a deploy in this session.');
      return;
    }
    await vscode.env.clipboard.writeText(state.lastSecret);
    void vscode.window.setStatusBarMessage('authentik: client secret copied to the clipboard.', 4000);
  };
}

export function showResultCommand(state: ExtensionState) {
  return () => state.results.reveal();
}
