import type * as vscode from 'vscode';
import type { DeployTarget, ExportProviderResult, PrepareDeployResult, ListProvidersResult, ProfileStatusParams, RefreshReferencesResult, ReferencesStatusParams, ScopedConnection, Unavailable } from '../../../common/protocol';

/**
 * What the extension asks of its language server. Implemented in languageClient.ts, which is
 * bundled on its own (dist/languageClient.js) and loaded only once the server is needed; this
 * module holds types only, so the extension's bundle carries no LSP code.
 */
export interface LanguageServerSession {
  stop(): Promise<void>;
  /** Where each workspace folder's authentik server is, for reference lookups. */
  setConnections(connections: ScopedConnection[]): Promise<void>;
  /** Fetches references again: those of the scope of `uri`, or all. */
  refreshReferences(uri: vscode.Uri | undefined): Promise<RefreshReferencesResult>;
  /**
   * The body a deploy of the saved document sends, or the errors that block it, from the server's own
   * validation and the resolution of its tags; `environment`: the values of `!env` variables.
   */
  prepareDeploy(document: vscode.TextDocument, environment?: Record<string, string>): Promise<DeployPreparation>;
  /**
   * The messages of a 400 answer to a deploy of `version` (which sent `body`), as diagnostics on the
   * lines they are about now; `dropped` are those about fields edited since.
   */
  placeServerErrors(document: vscode.TextDocument, version: number, fieldErrors: Record<string, unknown>, body: Record<string, unknown>): Promise<{ diagnostics: vscode.Diagnostic[]; dropped: string[] } | Unavailable>;
  /** The edits that rewrite the document (as it is now) for a release (undefined: the one it is checked for), or why not. */
  convertFormat(document: vscode.TextDocument, version: string | undefined): Promise<FormatConversion>;
  /** The OAuth2 providers of the server of `folder` (undefined: of files in no folder). */
  listProviders(folder: vscode.Uri | undefined): Promise<ListProvidersResult>;
  /** One of them as a file, named and written as the import writes it. */
  exportProvider(folder: vscode.Uri | undefined, pk: number): Promise<ExportProviderResult>;
  onReferencesStatus(listener: (status: ReferencesStatusParams) => void): vscode.Disposable;
  /** The profile a document is checked against changed (for the status bar); malformed params are dropped. */
  onProfileStatus(listener: (status: ProfileStatusParams) => void): vscode.Disposable;
}

export type DeployPreparation =
  | Extract<PrepareDeployResult, { kind: 'ready' | 'needs-environment' }>
  | { kind: 'invalid'; version: number; errors: vscode.Diagnostic[]; target?: DeployTarget; mismatch?: boolean }
  | { kind: 'unresolved'; version: number; errors: vscode.Diagnostic[]; target?: DeployTarget; message?: string }
  | Unavailable;

export type FormatConversion =
  | { kind: 'edits'; version: string; edits: vscode.TextEdit[]; changes: string[] }
  | { kind: 'refused'; message: string }
  | Unavailable;

export interface SessionOptions {
  /** dist/server.js */
  serverModule: string;
  output: vscode.LogOutputChannel;
  /** Sent once the server is up, before anything else asks it. */
  connections(): Promise<ScopedConnection[]>;
  /** Where the server keeps servers' schemas between sessions (the extension's global storage). */
  profileCacheDir?: string;
}
