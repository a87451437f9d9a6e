import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/node';
import { AuthentikSettings, normalizeSettings } from '../../server/src/settings';
import { DeployOutcome } from '../../server/src/authentik/deployRun';
import { HttpClient } from '../../server/src/authentik/http';

/** One object holds what commands share: the client, the output, the result view and the last deploy. */
export interface ExtensionState {
  extension: vscode.ExtensionContext;
  client: LanguageClient;
  output: vscode.LogOutputChannel;
  deployDiagnostics: vscode.DiagnosticCollection;
  statusBar: vscode.StatusBarItem;
  results: import('./resultView').ResultView;
  http: HttpClient;
  lastOutcome?: DeployOutcome;
  /** Kept in memory only, for "Copy Client Secret". */
  lastSecret?: string;
  /** Re-sends the connection to the language server (after settings, token or trust change). */
  syncConnection(): Promise<void>;
}

export function readSettings(scope?: vscode.Uri): AuthentikSettings {
  // `null` asks for the value that applies to any resource (no folder override), without VS Code's warning.
  const config = vscode.workspace.getConfiguration('authentik', scope ?? null);
  return normalizeSettings({
    serverUrl: config.get('serverUrl'),
    allowInsecureHttp: config.get('allowInsecureHttp'),
    deployTimeoutSeconds: config.get('deployTimeoutSeconds'),
    maxFileSize: config.get('maxFileSize'),
    referencesTtlSeconds: config.get('referencesTtlSeconds'),
    inlayHints: config.get('inlayHints'),
    rules: config.get('rules'),
  });
}
