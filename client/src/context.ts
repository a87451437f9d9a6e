import type * as vscode from 'vscode';
import type { DeployOutcome } from '../../common/authentik/deployRun';
import type { HttpClient } from '../../common/authentik/http';
import type { SecretValue } from '../../common/authentik/secrets';
import type { LanguageServerSession } from './languageServer/session';
import type { ResultView } from './resultView';

/** The one object every command gets: what commands share, and the last deploy. */
export interface CommandContext {
  extension: vscode.ExtensionContext;
  output: vscode.LogOutputChannel;
  /** The server's messages about a rejected deploy, on the file's lines (cleared on edit or a later success). */
  deployDiagnostics: vscode.DiagnosticCollection;
  statusBar: vscode.StatusBarItem;
  results: ResultView;
  http: HttpClient;
  /** The language server, started on first use. */
  languageServer(): Promise<LanguageServerSession>;
  /** Sends every folder's connection to the language server again (after settings, token or trust change). */
  syncConnections(): Promise<void>;
  /** The workspace's current environment was switched: the status bar shows it again. */
  environmentChanged(): void;
  lastOutcome?: DeployOutcome;
  /** Kept in memory only, for "Copy Client Secret". */
  lastSecret?: SecretValue;
}
