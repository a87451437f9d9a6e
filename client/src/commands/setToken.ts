import * as vscode from 'vscode';
import { checkBaseUrl } from '../../../common/authentik/connection';
import { tokenKey } from '../connectionPolicy';
import { environmentChoice } from '../connection';
import { CommandContext } from '../context';
import { effectiveServerUrl } from '../environments';
import { chooseEnvironment } from './selectEnvironment';
import { currentScope } from '../scope';
import { readSettings } from '../settings';

/** "authentik: Set API Token": stores the token in SecretStorage, bound to the origin of the current folder's server. */
export function setToken(context: CommandContext) {
  return async (): Promise<boolean> => {
    const scope = currentScope();
    const settings = readSettings(scope);
    // With environments, the token is for the current one's server: asked first when none is chosen.
    if (environmentChoice(context.extension, scope).kind === 'unchosen' && !(await chooseEnvironment(context, scope, 'Set the API token for'))) return false;
    let serverUrl = effectiveServerUrl(environmentChoice(context.extension, scope), settings.serverUrl);
    if (!serverUrl) {
      serverUrl =
        (await vscode.window.showInputBox({
          title: 'authentik server URL',
          prompt: 'Base URL of your authentik server',
          placeHolder: 'https://auth.example.com',
          ignoreFocusOut: true,
          validateInput: (value) => {
            const check = checkBaseUrl(value, settings.allowInsecureHttp);
            return check.ok ? undefined : check.message;
          },
        })) ?? '';
      if (!serverUrl) return false;
      await vscode.workspace.getConfiguration('authentik').update('serverUrl', serverUrl, vscode.ConfigurationTarget.Global);
    }
    const check = checkBaseUrl(serverUrl, settings.allowInsecureHttp);
    if (!check.ok) {
      void vscode.window.showErrorMessage(`authentik: ${check.message}`);
      return false;
    }
    const token = await vscode.window.showInputBox({
      title: `API token for ${check.origin}`,
      prompt: 'An authentik API token (Directory > Tokens and App passwords). It is kept in the system keychain, for this server only.',
      password: true,
      ignoreFocusOut: true,
      validateInput: (value) => (value.trim() ? undefined : 'The token may not be empty.'),
    });
    if (!token) return false;
    await context.extension.secrets.store(tokenKey(check.origin), token.trim());
    context.output.info(`API token stored for ${check.origin}.`);
    await context.syncConnections();
    void vscode.window.showInformationMessage(`authentik: API token stored for ${check.origin}.`);
    return true;
  };
}
