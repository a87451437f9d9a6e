import * as vscode from 'vscode';
import { knownVersions } from '../../../common/profiles/versionMatch';
import { LANGUAGE_ID } from '../constants';
import { CommandContext } from '../context';

const AUTO = 'auto';
const COMMENT = /^([ \t]*#[ \t]*authentik-version[ \t]*:[ \t]*)(.*?)[ \t]*$/i;

/**
 * "authentik: Choose authentik Version" (the status-bar item): pick `auto` or a known release line,
 * then either write the `# authentik-version:` comment into the file or set authentik.serverVersion.
 */
export function pickVersion(_context: CommandContext) {
  return async (): Promise<void> => {
    const editor = vscode.window.activeTextEditor;
    const document = editor?.document.languageId === LANGUAGE_ID ? editor.document : undefined;
    const current = vscode.workspace.getConfiguration('authentik', document?.uri).get<string>('serverVersion', AUTO);
    const versions = [...knownVersions()].reverse();
    const picked = await vscode.window.showQuickPick(
      [
        { label: AUTO, description: 'the connected server’s release, else the newest known', picked: current === AUTO },
        ...versions.map((v) => ({ label: v, description: v === current ? 'the current setting' : undefined })),
      ],
      { title: 'authentik: which release are provider files checked for?', placeHolder: `authentik.serverVersion is ${current}` },
    );
    if (!picked) return;
    const where = await vscode.window.showQuickPick(
      [
        ...(document && picked.label !== AUTO ? [{ label: 'Insert the comment in this file', detail: `# authentik-version: ${picked.label}`, target: 'comment' as const }] : []),
        { label: 'Set authentik.serverVersion', detail: `for ${document && vscode.workspace.getWorkspaceFolder(document.uri) ? 'this workspace folder' : 'the workspace'}`, target: 'setting' as const },
      ],
      { title: `authentik ${picked.label}` },
    );
    if (!where) return;
    if (where.target === 'comment' && document) {
      await setComment(document, picked.label);
      return;
    }
    const folder = document ? vscode.workspace.getWorkspaceFolder(document.uri) : undefined;
    const configuration = vscode.workspace.getConfiguration('authentik', folder?.uri);
    const target = folder ? vscode.ConfigurationTarget.WorkspaceFolder : vscode.workspace.workspaceFolders ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
    await configuration.update('serverVersion', picked.label, target);
  };
}

/** Replaces the version of the file's leading `# authentik-version:` comment, or adds the comment as its first line. */
async function setComment(document: vscode.TextDocument, version: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  for (let line = 0; line < document.lineCount; line++) {
    const text = document.lineAt(line).text;
    const match = COMMENT.exec(text);
    if (match) {
      edit.replace(document.uri, new vscode.Range(line, match[1].length, line, text.trimEnd().length), version);
      await vscode.workspace.applyEdit(edit);
      return;
    }
    const trimmed = text.trim();
    if (!(trimmed === '' || trimmed.startsWith('#') || trimmed === '---' || trimmed.startsWith('%'))) break;
  }
  edit.insert(document.uri, new vscode.Position(0, 0), `# authentik-version: ${version}\n`);
  await vscode.workspace.applyEdit(edit);
}
