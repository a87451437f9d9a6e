/**
 * The custom LSP messages between the extension and the language server, declared once for both
 * sides: each message type carries its payload types, so `sendRequest`/`onRequest` check them.
 * Types are checked at compile time only, so each message's params also have a check for what
 * arrives at run time (any process can speak to a stdio server): it says what is wrong, or nothing.
 */
import { Diagnostic, NotificationType, RequestType, TextEdit, VersionedTextDocumentIdentifier } from 'vscode-languageserver-protocol';

/** What is wrong with a message's params ("connections[0].serverUrl must be a string, not a number"), or undefined. */
export type ParamsCheck = (params: unknown) => string | undefined;

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'missing';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

type Expectation = 'string' | 'boolean' | 'integer' | 'object' | 'string or null' | 'list';

function fits(value: unknown, expected: Expectation): boolean {
  switch (expected) {
    case 'string':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    case 'integer':
      return Number.isSafeInteger(value);
    case 'object':
      return isObject(value);
    case 'string or null':
      return value === null || typeof value === 'string';
    case 'list':
      return Array.isArray(value);
  }
}

/** Checks `fields` of `value` (optional ones end with `?`); the first problem, named by its path. */
function checkFields(value: unknown, path: string, fields: Record<string, Expectation>): string | undefined {
  if (!isObject(value)) {
    if (value === undefined) return path ? `${path} is missing (an object)` : 'params are missing (an object)';
    return `${path || 'params'} must be an object, not ${kindOf(value)}`;
  }
  for (const [spec, expected] of Object.entries(fields)) {
    const optional = spec.endsWith('?');
    const name = optional ? spec.slice(0, -1) : spec;
    const field = value[name];
    if (optional && field === undefined) continue;
    if (fits(field, expected)) continue;
    const at = `${path ? `${path}.` : ''}${name}`;
    const wanted = expected === 'integer' || expected === 'object' ? `an ${expected}` : `a ${expected}`;
    return field === undefined ? `${at} is missing (${wanted})` : `${at} must be ${wanted}, not ${kindOf(field)}`;
  }
  return undefined;
}

const checkTextDocument = (params: unknown) => checkFields(params, '', { textDocument: 'object' }) ?? checkFields((params as { textDocument: unknown }).textDocument, 'textDocument', { uri: 'string', version: 'integer' });

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

export const checkSetConnectionsParams: ParamsCheck = (params) => {
  const problem = checkFields(params, '', { connections: 'list' });
  if (problem) return problem;
  const connections = (params as { connections: unknown[] }).connections;
  for (let i = 0; i < connections.length; i++) {
    const item = checkFields(connections[i], `connections[${i}]`, { scopeUri: 'string or null', serverUrl: 'string', 'token?': 'string', allowInsecureHttp: 'boolean' });
    if (item) return item;
  }
  return undefined;
};

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

/** No params (sent as `null`) refreshes every connection. */
export const checkRefreshReferencesParams: ParamsCheck = (params) => (params === null || params === undefined ? undefined : checkFields(params, '', { 'uri?': 'string' }));

export type ReferencesState = 'ok' | 'offline' | 'unauthorized' | 'unconfigured';

export interface ReferencesStatusParams {
  state: ReferencesState;
  message: string;
}

/** server -> client: the state of reference lookups changed (e.g. the server went offline). Sent once per change. */
export const ReferencesStatusNotification = new NotificationType<ReferencesStatusParams>('authentik/referencesStatus');

const REFERENCES_STATES: readonly string[] = ['ok', 'offline', 'unauthorized', 'unconfigured'] satisfies ReferencesState[];

export const checkReferencesStatusParams: ParamsCheck = (params) =>
  checkFields(params, '', { state: 'string', message: 'string' }) ??
  (REFERENCES_STATES.includes((params as { state: string }).state) ? undefined : `state must be one of ${REFERENCES_STATES.join(', ')}`);

export interface PrepareDeployParams {
  /** The saved file to deploy, at the version the extension saw. */
  textDocument: VersionedTextDocumentIdentifier;
  /**
   * Values of the file's `!env` variables, from the environment of the process that deploys (or the
   * user): the client sends those a `needs-environment` answer named. Absent: none. The language server
   * reads no environment of its own for a deploy, and never logs these values.
   */
  environment?: Record<string, string>;
}

/** When the server cannot answer for that file: it is not open there, or has another version by now. */
export interface Unavailable {
  kind: 'unavailable';
  message: string;
}

/** The release the body was prepared for: the server's (its schema decides), else the file's own profile. */
export interface DeployTarget {
  release: string;
  /** The profile's `id` (`server-2026.8.1`, or a bundled one). */
  profileId: string;
  /** The connected server's profile decided the shape. */
  fromServer: boolean;
  /** Sentences for the confirmation: the file's comment names another release than the server's, the server's schema was not used... */
  warnings: string[];
}

export type PrepareDeployResult =
  /**
   * The request body: the file's request fields, as JSON, with every `!ref`, `!Find` and `!env`
   * resolved on the target server. `resolved`: each tag and what it became, for the confirmation
   * (`!ref grafana → Grafana (uuid)`; an `!env` by name only, `!env NAME: set`).
   */
  | {
      kind: 'ready';
      version: number;
      body: Record<string, unknown>;
      target?: DeployTarget;
      resolved: string[];
      /** The request schema of the profile the body was prepared for: how the server stores each field (`storedFieldsOf`), for the diff and "up to date". */
      requestSchema: { properties?: Record<string, unknown> };
    }
  /**
   * `!ref`/`!Find` tags that match no object, several, or whose objects are not known, on the target
   * server: nothing may be sent. `message`: why the server's objects may be missing (no server, a failed fetch).
   */
  | { kind: 'unresolved'; version: number; errors: Diagnostic[]; target?: DeployTarget; message?: string }
  /** The `!env` variables the params gave no value for, in the order the file uses them; the client asks and sends them. */
  | { kind: 'needs-environment'; version: number; variables: string[]; target?: DeployTarget }
  /**
   * Errors that block the deploy, where they are in the file. `mismatch`: the file is valid for its
   * own profile but not in the shape the server's release accepts (a Convert would help).
   */
  | { kind: 'invalid'; version: number; errors: Diagnostic[]; target?: DeployTarget; mismatch?: boolean }
  | Unavailable;

/** client -> server: the body a deploy of this file sends, from the language server's own parse and validation. */
export const PrepareDeployRequest = new RequestType<PrepareDeployParams, PrepareDeployResult, void>('authentik/prepareDeploy');

/** Bounds of a prepareDeploy's environment: far above a real file's variables, and small enough to hold in memory. */
export const DEPLOY_ENVIRONMENT_LIMITS = { variables: 256, nameLength: 256, valueLength: 65_536 } as const;

export const checkPrepareDeployParams: ParamsCheck = (params) => {
  const problem = checkTextDocument(params) ?? checkFields(params, '', { 'environment?': 'object' });
  if (problem) return problem;
  const environment = (params as { environment?: Record<string, unknown> }).environment;
  if (!environment) return undefined;
  const names = Object.keys(environment);
  if (names.length > DEPLOY_ENVIRONMENT_LIMITS.variables) return `environment may have at most ${DEPLOY_ENVIRONMENT_LIMITS.variables} variables`;
  for (const name of names) {
    // The value is never part of a message: only its name and kind.
    const label = JSON.stringify(name.slice(0, 40));
    if (name.length > DEPLOY_ENVIRONMENT_LIMITS.nameLength) return `environment: the name ${label}... is longer than ${DEPLOY_ENVIRONMENT_LIMITS.nameLength} characters`;
    const value = environment[name];
    if (typeof value !== 'string') return `environment[${label}] must be a string, not ${kindOf(value)}`;
    if (value.length > DEPLOY_ENVIRONMENT_LIMITS.valueLength) return `environment[${label}] is longer than ${DEPLOY_ENVIRONMENT_LIMITS.valueLength} characters`;
  }
  return undefined;
};

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

export const checkPlaceServerErrorsParams: ParamsCheck = (params) =>
  checkTextDocument(params) ?? checkFields(params, '', { fieldErrors: 'object', 'body?': 'object' });

export interface ConvertFormatParams {
  /** The file to convert, at the version the extension saw. */
  textDocument: VersionedTextDocumentIdentifier;
  /** The release to convert to (`2026.5`, `2024.8.4`); absent: the profile the file is checked against now. */
  version?: string;
}

export type ConvertFormatResult =
  /** The edits to apply (none when the file already has that release's shape), and what they change. */
  | { kind: 'edits'; version: string; edits: TextEdit[]; changes: string[] }
  /** The file cannot be converted (a logout redirect URI for an older release, broken YAML, an unknown version). */
  | { kind: 'refused'; message: string }
  | Unavailable;

/** client -> server: the edits that rewrite a file for another authentik release; the client applies them. */
export const ConvertFormatRequest = new RequestType<ConvertFormatParams, ConvertFormatResult, void>('authentik/convertFormat');

/** A release name is short (`2024.8.4`); anything longer is no release. */
const MAX_VERSION_LENGTH = 40;

export const checkConvertFormatParams: ParamsCheck = (params) =>
  checkTextDocument(params) ??
  checkFields(params, '', { 'version?': 'string' }) ??
  (((params as { version?: string }).version?.length ?? 0) > MAX_VERSION_LENGTH ? `version must be at most ${MAX_VERSION_LENGTH} characters` : undefined);

/** Whether a request's params have the shape ConvertFormatParams says (the request crosses a process boundary). */
export function isConvertFormatParams(value: unknown): value is ConvertFormatParams {
  return checkConvertFormatParams(value) === undefined;
}

export type ProfileSourceName = 'comment' | 'setting' | 'server' | 'newest';

export interface ProfileStatusParams {
  uri: string;
  /** The release the file is checked for: `2026.2.2`. */
  release: string;
  /** `authentik 2025.10.0 to 2026.2.2`, or `authentik 2026.8.1` for a server's own schema. */
  label: string;
  source: ProfileSourceName;
  /** Why this profile applies: "from the comment on line 1", "the connected server runs 2026.2.2". */
  reason: string;
}

/** server -> client: the profile a document is checked against changed (sent after its diagnostics). */
export const ProfileStatusNotification = new NotificationType<ProfileStatusParams>('authentik/profileStatus');

const PROFILE_SOURCES: readonly string[] = ['comment', 'setting', 'server', 'newest'];
const shortText = (value: unknown, max: number): value is string => typeof value === 'string' && value.length <= max;

/** The params of a profile status, as the client accepts them: anything else is dropped (it is shown in the status bar). */
export function isProfileStatusParams(value: unknown): value is ProfileStatusParams {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return shortText(v.uri, 8192) && shortText(v.release, 40) && shortText(v.label, 200) && shortText(v.reason, 300) && typeof v.source === 'string' && PROFILE_SOURCES.includes(v.source);
}

/** An OAuth2 provider of the server, as the import's quick pick shows it. */
export interface ProviderSummary {
  pk: number;
  name: string;
  clientId: string;
}

export interface ListProvidersParams {
  /** The workspace folder whose server is asked; absent: the server of files in no folder. */
  folder?: string;
}

export type ListProvidersResult = { kind: 'providers'; providers: ProviderSummary[] } | Unavailable;

/** client -> server: the OAuth2 providers of a folder's server (not the proxy providers authentik 2024.8 lists with them). */
export const ListProvidersRequest = new RequestType<ListProvidersParams, ListProvidersResult, void>('authentik/listProviders');

export const checkListProvidersParams: ParamsCheck = (params) => checkFields(params, '', { 'folder?': 'string' });

export interface ExportProviderParams {
  /** The provider's pk on the folder's server. */
  pk: number;
  folder?: string;
}

export type ExportProviderResult =
  /** The file to write (its name is a slug and `.oauth2provider.yaml`, never a path), and what the person importing it should look at. */
  | { kind: 'exported'; fileName: string; text: string; notes: string[] }
  | Unavailable;

/** client -> server: one provider of a folder's server as a file: references by slug or name, the client secret as `!env`, never the secret. */
export const ExportProviderRequest = new RequestType<ExportProviderParams, ExportProviderResult, void>('authentik/exportProvider');

export const checkExportProviderParams: ParamsCheck = (params) =>
  checkFields(params, '', { pk: 'integer', 'folder?': 'string' }) ?? ((params as { pk: number }).pk > 0 ? undefined : 'pk must be a positive integer');
