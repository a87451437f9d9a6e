import * as vscode from 'vscode';
import { PROFILE_STARTS, RELEASE_LINES } from '../../../common/profiles/releases';
import { LANGUAGE_ID } from '../constants';
import { CommandContext } from '../context';

export type ConvertOutcome =
  | { kind: 'converted'; version: string; changes: string[] }
  | { kind: 'unchanged'; version: string }
  | { kind: 'refused'; message: string }
  | undefined;

interface VersionItem extends vscode.QuickPickItem {
  /** Undefined: the release the file is checked for now. */
  version: string | undefined;
}

/** Release lines, newest first; a line whose request shape changes at a patch also offers the release before it. */
function versionItems(): VersionItem[] {
  const items: VersionItem[] = [{ label: 'The release this file is checked for', description: 'its comment, the setting or the server', version: undefined }];
  for (const { line, newestPatch } of [...RELEASE_LINES].reverse()) {
    items.push({ label: line, description: `authentik ${line}.${newestPatch}`, version: line });
    const split = PROFILE_STARTS.find((start) => start.startsWith(`${line}.`) && !start.endsWith('.0'));
    if (split) {
      const before = `${line}.${Number(split.slice(line.length + 1)) - 1}`;
      items.push({ label: before, description: `authentik ${line}.0 to ${before}, before ${split} changed the request`, version: before });
    }
  }
  return items;
}

/**
 * "authentik: Convert to authentik <version> Format": asks the language server how the file reads
 * for the chosen release (redirect_uris form, invalidation_flow, renamed fields, the version comment)
 * and applies those edits to the editor's buffer, where they can be undone. Nothing is saved.
 * `version` may be given by a caller (tests, a code action); otherwise a quick pick asks.
 */
export function convertFormat(context: CommandContext) {
  return async (uri?: vscode.Uri, version?: string): Promise<ConvertOutcome> => {
    const document = uri instanceof vscode.Uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
    if (!document || document.languageId !== LANGUAGE_ID) {
      void vscode.window.showErrorMessage('authentik: open a *.oauth2provider.yaml file to convert it.');
      return undefined;
    }
    let target = typeof version === 'string' ? version : undefined;
    if (target === undefined) {
      const picked = await vscode.window.showQuickPick(versionItems(), { title: 'Convert to the format of authentik…', placeHolder: 'the release to write the file for' });
      if (!picked) return undefined;
      target = picked.version;
    }
    const server = await context.languageServer();
    const result = await server.convertFormat(document, target);
    if (result.kind === 'unavailable' || result.kind === 'refused') {
      void vscode.window.showErrorMessage(`authentik: ${result.message}`);
      return { kind: 'refused', message: result.message };
    }
    if (result.edits.length === 0) {
      void vscode.window.showInformationMessage(`authentik: ${vscode.workspace.asRelativePath(document.uri)} is already in the format of authentik ${result.version}.`);
      return { kind: 'unchanged', version: result.version };
    }
    const edit = new vscode.WorkspaceEdit();
    edit.set(document.uri, result.edits);
    if (!(await vscode.workspace.applyEdit(edit))) {
      const message = 'the editor did not apply the changes (the file changed meanwhile?); nothing was converted.';
      void vscode.window.showErrorMessage(`authentik: ${message}`);
      return { kind: 'refused', message };
    }
    void vscode.window.setStatusBarMessage(`authentik: converted to authentik ${result.version}: ${result.changes.join('; ')}`, 8000);
    return { kind: 'converted', version: result.version, changes: result.changes };
  };
}
