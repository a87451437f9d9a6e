import * as vscode from 'vscode';
import type { ProfileStatusParams } from '../../common/protocol';
import { LANGUAGE_ID } from './constants';

export const PICK_VERSION_COMMAND = 'authentik.pickVersion';

/**
 * The status-bar item of the active provider file: the release it is checked for ("authentik
 * 2026.2.2"), why (tooltip), and a click to choose another. The language server says it per file.
 */
export class ProfileStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('authentik.profile', vscode.StatusBarAlignment.Right, 100);
  private readonly byUri = new Map<string, ProfileStatusParams>();
  private readonly subscriptions: vscode.Disposable[];

  constructor() {
    this.item.name = 'authentik Version';
    this.item.command = PICK_VERSION_COMMAND;
    this.subscriptions = [
      vscode.window.onDidChangeActiveTextEditor(() => this.show()),
      vscode.workspace.onDidCloseTextDocument((document) => {
        this.byUri.delete(document.uri.toString());
        this.show();
      }),
    ];
  }

  /** The profile the server reported for a file (its URI as VS Code writes it). */
  update(status: ProfileStatusParams): void {
    this.byUri.set(status.uri, status);
    this.show();
  }

  /** What the active file is checked for, if the server said so. */
  statusOf(uri: vscode.Uri): ProfileStatusParams | undefined {
    return this.byUri.get(uri.toString());
  }

  private show(): void {
    const document = vscode.window.activeTextEditor?.document;
    const status = document && document.languageId === LANGUAGE_ID ? this.byUri.get(document.uri.toString()) : undefined;
    if (!status) {
      this.item.hide();
      return;
    }
    this.item.text = `authentik ${status.release}`;
    // Plain text: the reason may quote a version from the file.
    this.item.tooltip = `Checked for ${status.label}: ${status.reason}.\nClick to choose another version or insert the "# authentik-version:" comment.`;
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}
