/**
 * The custom LSP messages between the extension and the language server, declared once for both
 * sides: each message type carries its payload types, so `sendRequest`/`onRequest` check them.
 */
import { Diagnostic, NotificationType, RequestType, VersionedTextDocumentIdentifier } from 'vscode-languageserver-protocol';

/** The server connection for the files of one workspace folder. The token is never logged. */
export interface ScopedConnection {
  /** The workspace folder's URI; null for files in no folder (and for the standalone server's AUTHENTIK_URL). */
  scopeUri: string | null;
  /** Empty when this scope has no usable connection (no URL, no token, not trusted...). */
  serverUrl: string;
  token: string | undefined;
  allowInsecureHttp: boolean;
}

export interface SetConnectionsParams {
  /** Every scope's connection; one not listed has none. A file belongs to the folder whose URI is its longest prefix. */
  connections: ScopedConnection[];
}

/** client -> server: where each workspace folder's authentik server is, for reference lookups. */
export const SetConnectionsNotification = new NotificationType<SetConnectionsParams>('authentik/setConnections');

export interface RefreshReferencesParams {
  /** A file or folder whose connection is refreshed; every connection when absent. */
  uri?: string;
}

export interface RefreshReferencesResult {
  ok: boolean;
  message: string;
  counts?: Record<string, number>;
}

/** client -> server: drop cached references and fetch them again. */
export const RefreshReferencesRequest = new RequestType<RefreshReferencesParams | undefined, RefreshReferencesResult, void>('authentik/refreshReferences');

export type ReferencesState = 'ok' | 'offline' | 'unauthorized' | 'unconfigured';

export interface ReferencesStatusParams {
  state: ReferencesState;
  message: string;
}

/** server -> client: the state of reference lookups changed (e.g. the server went offline). Sent once per change. */
export const ReferencesStatusNotification = new NotificationType<ReferencesStatusParams>('authentik/referencesStatus');

export interface PrepareDeployParams {
  /** The saved file to deploy, at the version the extension saw. */
  textDocument: VersionedTextDocumentIdentifier;
}

/** When the server cannot answer for that file: it is not open there, or has another version by now. */
export interface Unavailable {
  kind: 'unavailable';
  message: string;
}

export type PrepareDeployResult =
  /** The request body: the file's request fields, as JSON. */
  | { kind: 'ready'; version: number; body: Record<string, unknown> }
  /** Errors that block the deploy, where they are in the file. */
  | { kind: 'invalid'; version: number; errors: Diagnostic[] }
  | Unavailable;

/** client -> server: the body a deploy of this file sends, from the language server's own parse and validation. */
export const PrepareDeployRequest = new RequestType<PrepareDeployParams, PrepareDeployResult, void>('authentik/prepareDeploy');

export interface PlaceServerErrorsParams {
  /** The file, at the version that was deployed. */
  textDocument: VersionedTextDocumentIdentifier;
  /** The body of the server's 400 answer: field name -> messages. */
  fieldErrors: Record<string, unknown>;
  /**
   * The request body that was sent (prepareDeploy's). When the file has been edited since, a message
   * is placed only where the field it is about still has the value that was sent; without the body,
   * an edited file gets none.
   */
  body?: Record<string, unknown>;
}

export type PlaceServerErrorsResult =
  /** `dropped`: the messages about fields edited since the deploy, as `field: message`. */
  | { kind: 'placed'; diagnostics: Diagnostic[]; dropped: string[] }
  | Unavailable;

/**
 * client -> server: puts the messages of a rejected deploy on the lines of the file they are about,
 * found by the field they name in the file as it is now.
 */
export const PlaceServerErrorsRequest = new RequestType<PlaceServerErrorsParams, PlaceServerErrorsResult, void>('authentik/placeServerErrors');
