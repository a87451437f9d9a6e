import * as vscode from 'vscode';
import { checkBaseUrl } from '../../../common/authentik/connection';
import { tokenKey } from '../connectionPolicy';
import { environmentChoice } from '../connection';
import { CommandContext } from '../context';
import { effectiveServerUrl } from '../environments';
import { chooseEnvironment } from './selectEnvironment';
import { currentScope } from '../scope';
import { readSettings } from '../settings';

/** "authentik: Forget API Token": removes the token of the current folder's server (its current environment's) from SecretStorage. */
export function clearToken(context: CommandContext) {
  return async (): Promise<void> => {
    const scope = currentScope();
    if (environmentChoice(context.extension, scope).kind === 'unchosen' && !(await chooseEnvironment(context, scope, 'Forget the API token of'))) return;
    const check = checkBaseUrl(effectiveServerUrl(environmentChoice(context.extension, scope), readSettings(scope).serverUrl), true);
    if (!check.ok) return;
    await context.extension.secrets.delete(tokenKey(check.origin));
    await context.syncConnections();
    void vscode.window.showInformationMessage(`authentik: the API token for ${check.origin} was removed.`);
  };
}
