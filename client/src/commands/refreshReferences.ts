import * as vscode from 'vscode';
import { RefreshReferencesResult } from '../../../common/protocol';
import { resolveConnection } from '../connection';
import { CommandContext } from '../context';
import { currentScope } from '../scope';

/** "authentik: Refresh References": fetches the current folder's flows, keys, scope mappings and sources again. */
export function refreshReferences(context: CommandContext) {
  return async (): Promise<RefreshReferencesResult> => {
    const scope = currentScope();
    // Interactive: a server set by the workspace's settings is confirmed here, before its token is sent.
    const connection = await resolveConnection(context.extension, scope, true);
    if (!connection.ok) {
      void vscode.window.showWarningMessage(`authentik: ${connection.message}`);
      return { ok: false, message: connection.message };
    }
    await context.syncConnections();
    const result = await (await context.languageServer()).refreshReferences(scope);
    if (result.ok) void vscode.window.setStatusBarMessage(`authentik: ${result.message}`, 5000);
    else void vscode.window.showWarningMessage(`authentik: ${result.message}`);
    return result;
  };
}
