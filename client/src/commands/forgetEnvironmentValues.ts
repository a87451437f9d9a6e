import * as vscode from 'vscode';
import { CommandContext } from '../context';
import { literalLabel } from '../plainText';
import { StoredEnvironmentValues } from '../storedEnvironmentValues';

/** "authentik: Forget Stored Environment Values": removes the chosen kept `!env` values from SecretStorage. */
export function forgetEnvironmentValues(context: CommandContext) {
  return async (): Promise<number> => {
    const stored = new StoredEnvironmentValues(context.extension);
    const entries = stored.entries();
    if (entries.length === 0) {
      void vscode.window.showInformationMessage('authentik: no environment values are stored.');
      return 0;
    }
    const picked = await vscode.window.showQuickPick(
      entries.map((entry) => ({ label: literalLabel(entry.name), description: literalLabel(entry.origin), picked: true, entry })),
      { title: 'Forget stored environment values', placeHolder: 'The values to remove from the system keychain', canPickMany: true, ignoreFocusOut: true },
    );
    if (!picked || picked.length === 0) return 0;
    for (const { entry } of picked) await stored.forget(entry.origin, entry.name);
    context.output.info(`Forgot the stored value${picked.length === 1 ? '' : 's'} of ${picked.map((p) => `${p.entry.name} for ${p.entry.origin}`).join(', ')}.`);
    void vscode.window.showInformationMessage(`authentik: ${picked.length} stored environment value${picked.length === 1 ? ' was' : 's were'} removed.`);
    return picked.length;
  };
}
