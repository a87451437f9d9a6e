import * as vscode from 'vscode';
import { DeployOutcome, renderOutcome } from '../../common/authentik/deployRun';

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

  /** Header lines become comments so the JSON body keeps its highlighting. The secret is masked by renderOutcome. */
  async show(outcome: DeployOutcome): Promise<void> {
    const text = renderOutcome(outcome);
    const split = text.indexOf('\n\n');
    const head = split >= 0 ? text.slice(0, split) : text.trimEnd();
    const body = split >= 0 ? text.slice(split + 2) : '';
    this.result = head.split('\n').map((l) => `// ${l}`).join('\n') + '\n' + (body ? '\n' + body : '');
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
