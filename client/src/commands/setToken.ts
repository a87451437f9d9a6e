import * as vscode from 'vscode';
import { checkBaseUrl } from '../../../server/src/authentik/connection';
import { tokenKey } from '../../../server/src/authentik/policy';
import { ExtensionState, readSettings } from '../state';

/** "authentik: Set API Token": stores the token in SecretStorage, bound to the configured server's origin. */
export function setTokenCommand(state: ExtensionState) {
  return async (): Promise<boolean> => {
    const settings = readSettings();
    let serverUrl = settings.serverUrl;
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
    await state.extension.secrets.store(tokenKey(check.origin), token.trim());
    state.output.info(`API token stored for ${check.origin}.`);
    await state.syncConnection();
    void vscode.window.showInformationMessage(`authentik: API token stored for ${check.origin}.`);
    return true;
  };
}

/** "authentik: Forget API Token". */
export function clearTokenCommand(state: ExtensionState) {
  return async (): Promise<void> => {
    const check = checkBaseUrl(readSettings().serverUrl, true);
    if (!check.ok) return;
    await state.extension.secrets.delete(tokenKey(check.origin));
    await state.syncConnection();
    void vscode.window.showInformationMessage(`authentik: the API token for ${check.origin} was removed.`);
  };
}
