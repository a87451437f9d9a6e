import * as vscode from 'vscode';
import { normalizeEnvironments } from '../../common/settings';
import { environmentChoice } from './connection';
import { environmentStatus } from './environments';
import { plainMessage } from './plainText';
import { currentScope } from './scope';
import { readSettings } from './settings';

export const SELECT_ENVIRONMENT_COMMAND = 'authentik.selectEnvironment';

/**
 * The status-bar item of the current environment of the active file's folder (hidden without
 * `authentik.environments`); a click switches. Entries of the setting that were left out are logged once.
 */
export class EnvironmentStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('authentik.environment', vscode.StatusBarAlignment.Left, 9);
  private readonly subscriptions: vscode.Disposable[];
  private readonly reported = new Set<string>();

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly output: vscode.LogOutputChannel,
  ) {
    this.item.name = 'authentik Environment';
    this.item.command = SELECT_ENVIRONMENT_COMMAND;
    this.subscriptions = [
      vscode.window.onDidChangeActiveTextEditor(() => this.refresh()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('authentik.environments') || e.affectsConfiguration('authentik.serverUrl') || e.affectsConfiguration('authentik.allowInsecureHttp')) this.refresh();
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.refresh()),
    ];
    this.refresh();
  }

  /** Shows the current environment again (after a switch, or a change of the settings). */
  refresh(): void {
    const scope = currentScope();
    this.reportProblems(scope);
    const status = environmentStatus(environmentChoice(this.context, scope), readSettings(scope).serverUrl);
    if (!status) {
      this.item.hide();
      return;
    }
    this.item.text = status.text;
    this.item.tooltip = status.tooltip;
    this.item.show();
  }

  private reportProblems(scope: vscode.Uri | undefined): void {
    const configuration = vscode.workspace.getConfiguration('authentik', scope ?? null);
    const { problems } = normalizeEnvironments(configuration.get('environments'), configuration.get('allowInsecureHttp') === true);
    const fresh = problems.filter((p) => !this.reported.has(p));
    for (const problem of fresh) {
      this.reported.add(problem);
      this.output.warn(problem);
    }
    if (fresh.length > 0) void vscode.window.showWarningMessage(plainMessage(`authentik: ${fresh[0]}${fresh.length > 1 ? ` (${fresh.length - 1} more in the log)` : ''}`));
  }

  dispose(): void {
    this.item.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}
