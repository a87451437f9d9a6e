/**
 * Custom LSP messages between the extension and the language server, declared once for both sides.
 * Only plain method names and payload types live here, so the client bundle pulls in no server code.
 */

/** client -> server: where the server is and the token to use for reference lookups (never logged). */
export const SetConnectionNotification = 'authentik/setConnection';
export interface SetConnectionParams {
  serverUrl: string;
  token: string | undefined;
  allowInsecureHttp: boolean;
}

/** client -> server: drop cached references and fetch them again. */
export const RefreshReferencesRequest = 'authentik/refreshReferences';
export interface RefreshReferencesResult {
  ok: boolean;
  message: string;
  counts?: Record<string, number>;
}

/** server -> client: the state of reference lookups changed (e.g. the server went offline). Sent once per change. */
export const ReferencesStatusNotification = 'authentik/referencesStatus';
export interface ReferencesStatusParams {
  state: 'ok' | 'offline' | 'unauthorized' | 'unconfigured';
  message: string;
}
