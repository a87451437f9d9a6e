import * as vscode from 'vscode';
import type { EnvironmentSetting } from '../../../common/settings';
import { environmentChoice } from '../connection';
import { CommandContext } from '../context';
import { CURRENT_ENVIRONMENT_KEY, environmentPickItems } from '../environments';
import { currentScope } from '../scope';

/**
 * Asks which environment of a file's or folder's settings to use and remembers it for the workspace;
 * the language server is told, so lookups and the profile follow. Undefined when cancelled or none is configured.
 */
export async function chooseEnvironment(context: CommandContext, scope: vscode.Uri | undefined, placeHolder: string): Promise<EnvironmentSetting | undefined> {
  const choice = environmentChoice(context.extension, scope);
  if (choice.kind === 'none') return undefined;
  const current = choice.kind === 'chosen' ? choice.environment.name : undefined;
  const picked = await vscode.window.showQuickPick(environmentPickItems(choice.environments, current), { title: 'authentik environment', placeHolder, ignoreFocusOut: true });
  if (!picked) return undefined;
  await context.extension.workspaceState.update(CURRENT_ENVIRONMENT_KEY, picked.environment.name);
  context.output.info(`Environment "${picked.environment.name}" (${picked.environment.serverUrl}) is the current one.`);
  context.environmentChanged();
  await context.syncConnections();
  return picked.environment;
}

/** "authentik: Choose Environment" (the status bar item): switches the workspace's current environment. */
export function selectEnvironment(context: CommandContext) {
  return async (): Promise<EnvironmentSetting | undefined> => {
    const scope = currentScope();
    if (environmentChoice(context.extension, scope).kind === 'none') {
      const choice = await vscode.window.showInformationMessage('authentik: no environments are configured (authentik.environments).', 'Open Settings');
      if (choice) await vscode.commands.executeCommand('workbench.action.openSettings', 'authentik.environments');
      return undefined;
    }
    return chooseEnvironment(context, scope, 'The server reference lookups, the profile and deploys use');
  };
}
