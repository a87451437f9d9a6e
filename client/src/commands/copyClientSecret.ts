import * as vscode from 'vscode';
import { CommandContext } from '../context';

/** "authentik: Copy Client Secret of the Last Deploy": the only way the secret leaves memory, and only on request. */
export function copyClientSecret(context: CommandContext) {
  return async (): Promise<void> => {
    if (!context.lastSecret) {
      void vscode.window.showInformationMessage('authentik: no client secret from a deploy in this session.');
      return;
    }
    await vscode.env.clipboard.writeText(context.lastSecret.reveal());
    void vscode.window.setStatusBarMessage('authentik: client secret copied to the clipboard.', 4000);
  };
}
