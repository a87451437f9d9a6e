import * as vscode from 'vscode';
import type { DeployOutcome } from '../../common/authentik/deployRun';
import type { SecretRedactor } from '../../common/authentik/secrets';
import { resultDocument } from './deployText';

export const RESULT_SCHEME = 'authentik-result';
export const RESULT_URI = vscode.Uri.from({ scheme: RESULT_SCHEME, path: '/authentik Deploy Result.jsonc' });

/**
 * Read-only virtual documents: the last deploy's result (one document, reused for every deploy)
 * and the two sides of a live-vs-file diff.
 */
export class ResultView implements vscode.TextDocumentContentProvider {
  private result = '// No deploy yet.\n';
  private readonly diffs = new Map<string, string>();
  private diffCount = 0;
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.diffs.get(uri.toString()) ?? this.result;
  }

  get text(): string {
    return this.result;
  }

  /** The outcome as a JSONC document, secrets masked by the deploy's redactor. */
  async show(outcome: DeployOutcome, redactor: SecretRedactor): Promise<void> {
    this.result = resultDocument(outcome, redactor);
    this.changed.fire(RESULT_URI);
    await this.reveal();
  }

  async reveal(): Promise<void> {
    const document = await vscode.workspace.openTextDocument(RESULT_URI);
    await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true, preview: false });
  }

  /** A read-only JSON document for one side of a diff. */
  diffDocument(label: string, json: unknown): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: RESULT_SCHEME, path: `/${label}.json`, query: String(++this.diffCount) });
    this.diffs.set(uri.toString(), JSON.stringify(json, null, 2) + '\n');
    return uri;
  }
}
