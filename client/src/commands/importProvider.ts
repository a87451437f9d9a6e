import * as vscode from 'vscode';
import type { ProviderSummary } from '../../../common/protocol';
import { environmentChoice, resolveConnection } from '../connection';
import { CommandContext } from '../context';
import { literalLabel, plainMessage } from '../plainText';
import { chooseEnvironment } from './selectEnvironment';

const SET_TOKEN = 'Set API Token';

/** The file name an import may write: a slug and the provider suffix, so never a path. */
const IMPORTED_FILE_NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*\.oauth2provider\.yaml$/;
const OVERWRITE = 'Overwrite';


/** One line of server text, not longer than a message needs. */
const oneLine = (text: string, max = 200) => {
  const flat = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
};

interface ProviderItem extends vscode.QuickPickItem {
  provider: ProviderSummary;
}

/** The workspace folder to write into: the only one, or the one the user picks. */
async function targetFolder(): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) {
    void vscode.window.showErrorMessage('authentik: open a folder to import a provider into.');
    return undefined;
  }
  if (folders.length === 1) return folders[0];
  return vscode.window.showWorkspaceFolderPick({ placeHolder: 'The folder to write the provider file into (its authentik server is asked)' });
}

/**
 * "authentik: Import OAuth2 Provider from Server…": a quick pick of the folder's server's OAuth2
 * providers; the language server makes the file (references by slug or name, the client secret as
 * `!env`, never the secret), which is written into the folder (an existing one only after asking),
 * opened, and what it could not say as the server has it is shown as a warning.
 */
export function importProvider(context: CommandContext) {
  return async (): Promise<vscode.Uri | undefined> => {
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showErrorMessage('authentik: importing from a server is off in an untrusted workspace.');
      return undefined;
    }
    const folder = await targetFolder();
    if (!folder) return undefined;
    // From the current environment's server: asked first when several are configured and none is chosen.
    if (environmentChoice(context.extension, folder.uri).kind === 'unchosen' && !(await chooseEnvironment(context, folder.uri, 'Import from'))) return undefined;
    // Interactive: a server the workspace's settings name is confirmed here, before its token is sent.
    const connection = await resolveConnection(context.extension, folder.uri, true);
    if (!connection.ok) {
      const actions = connection.blocker === 'no-token' ? [SET_TOKEN] : connection.blocker === 'no-server' || connection.blocker === 'bad-url' ? ['Open Settings'] : [];
      const choice = await vscode.window.showErrorMessage(`authentik: ${connection.message}`, ...actions);
      if (choice === SET_TOKEN) await vscode.commands.executeCommand('authentik.setToken');
      if (choice === 'Open Settings') await vscode.commands.executeCommand('workbench.action.openSettings', 'authentik.serverUrl');
      return undefined;
    }
    await context.syncConnections();
    const server = await context.languageServer();

    const listed = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `authentik: Listing the OAuth2 providers of ${connection.origin}...` }, () =>
      server.listProviders(folder.uri),
    );
    if (listed.kind !== 'providers') {
      void vscode.window.showErrorMessage(plainMessage(`authentik: ${oneLine(listed.message, 400)}`));
      return undefined;
    }
    if (listed.providers.length === 0) {
      void vscode.window.showInformationMessage(`authentik: ${connection.origin} has no OAuth2 providers to import.`);
      return undefined;
    }
    const items = listed.providers.map((provider): ProviderItem => ({ label: literalLabel(oneLine(provider.name)), description: literalLabel(oneLine(provider.clientId)), provider }));
    const picked = await vscode.window.showQuickPick(items, { title: `Import an OAuth2 provider from ${connection.origin}`, placeHolder: 'Provider (client id)', matchOnDescription: true });
    if (!picked) return undefined;
    const name = oneLine(picked.provider.name, 80);

    const exported = await server.exportProvider(folder.uri, picked.provider.pk);
    if (exported.kind !== 'exported') {
      void vscode.window.showErrorMessage(plainMessage(`authentik: "${name}" was not imported: ${oneLine(exported.message, 400)}`));
      return undefined;
    }
    // The name comes from another process: it must be a plain file name, never a path.
    if (!IMPORTED_FILE_NAME.test(exported.fileName) || typeof exported.text !== 'string') {
      void vscode.window.showErrorMessage('authentik: the language server answered with a file name that is not one; nothing was written.');
      return undefined;
    }
    const target = vscode.Uri.joinPath(folder.uri, exported.fileName);
    if (await exists(target)) {
      const choice = await vscode.window.showWarningMessage(
        `${exported.fileName} exists in ${folder.name}. Overwrite it with "${name}" from ${connection.origin}?`,
        { modal: true, detail: 'The file is replaced as a whole; what it holds now is lost unless it is saved elsewhere (or in version control).' },
        OVERWRITE,
      );
      if (choice !== OVERWRITE) return undefined;
    }
    try {
      await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(exported.text));
    } catch (error) {
      void vscode.window.showErrorMessage(`authentik: ${exported.fileName} could not be written: ${oneLine((error as Error)?.message ?? String(error))}`);
      return undefined;
    }
    context.output.info(`Imported "${name}" (pk ${picked.provider.pk}) from ${connection.origin} into ${vscode.workspace.asRelativePath(target)}.`);
    await vscode.window.showTextDocument(target, { preview: false });
    const secret = /^client_secret: !env ([A-Za-z_][A-Za-z0-9_]*)$/m.exec(exported.text)?.[1];
    const secretText = secret ? ` Its client secret is read from $${secret} at deploy.` : '';
    if (exported.notes.length > 0) {
      const notes = exported.notes.slice(0, 5).map((note) => oneLine(note, 300));
      const more = exported.notes.length > notes.length ? ` (and ${exported.notes.length - notes.length} more)` : '';
      void vscode.window.showWarningMessage(plainMessage(`authentik: imported "${name}" into ${exported.fileName}; check ${exported.notes.length === 1 ? 'this' : 'these'}: ${notes.join(' ')}${more}${secretText}`));
    } else {
      void vscode.window.showInformationMessage(plainMessage(`authentik: imported "${name}" into ${exported.fileName}.${secretText}`));
    }
    return target;
  };
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
