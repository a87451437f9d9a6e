import * as vscode from 'vscode';
import { checkBaseUrl } from '../../../common/authentik/connection';
import { tokenKey } from '../connectionPolicy';
import { CommandContext } from '../context';
import { currentScope } from '../scope';
import { readSettings } from '../settings';

/** "authentik: Forget API Token": removes the token of the current folder's server from SecretStorage. */
export function clearToken(context: CommandContext) {
  return async (): Promise<void> => {
    const check = checkBaseUrl(readSettings(currentScope()).serverUrl, true);
    if (!check.ok) return;
    await context.extension.secrets.delete(tokenKey(check.origin));
    await context.syncConnections();
    void vscode.window.showInformationMessage(`authentik: the API token for ${check.origin} was removed.`);
  };
}
