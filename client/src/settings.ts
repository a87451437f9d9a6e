import * as vscode from 'vscode';
import { AuthentikSettings, normalizeSettings } from '../../common/settings';

/**
 * The `authentik` section for a file or folder (a folder can override the user's settings),
 * read whole and normalised as the language server does with the same section.
 * `undefined` asks for the value that applies outside every folder.
 */
export function readSettings(scope: vscode.Uri | undefined): AuthentikSettings {
  // `null` (not undefined) asks for that value without VS Code's warning about a missing resource.
  return normalizeSettings(vscode.workspace.getConfiguration(undefined, scope ?? null).get('authentik'));
}
