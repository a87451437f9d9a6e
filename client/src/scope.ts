import * as vscode from 'vscode';
import { LANGUAGE_ID } from './constants';

/**
 * The file or folder whose settings a command without a file argument uses: the active provider
 * file, else the active editor's folder, else the first workspace folder; undefined in an empty window.
 */
export function currentScope(): vscode.Uri | undefined {
  const document = vscode.window.activeTextEditor?.document;
  if (document?.languageId === LANGUAGE_ID) return document.uri;
  const folder = document ? vscode.workspace.getWorkspaceFolder(document.uri) : undefined;
  return folder?.uri ?? vscode.workspace.workspaceFolders?.[0]?.uri;
}
