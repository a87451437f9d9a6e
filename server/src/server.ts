import {
  createConnection,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  CodeActionKind,
  InitializeResult,
  ClientCapabilities,
  ConfigurationItem,
  ErrorCodes,
  PublishDiagnosticsParams,
  ResponseError,
} from 'vscode-languageserver/node';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  checkConvertFormatParams,
  checkExportProviderParams,
  checkListProvidersParams,
  checkPlaceServerErrorsParams,
  checkPrepareDeployParams,
  checkRefreshReferencesParams,
  checkSetConnectionsParams,
  ConvertFormatRequest,
  ConvertFormatResult,
  PlaceServerErrorsRequest,
  PlaceServerErrorsResult,
  PrepareDeployRequest,
  PrepareDeployResult,
  ProfileStatusNotification,
  ProfileStatusParams,
  DeployTarget,
  ExportProviderRequest,
  ExportProviderResult,
  ListProvidersRequest,
  ListProvidersResult,
  ScopedConnection,
  RefreshReferencesRequest,
  ReferencesStatusNotification,
  SetConnectionsNotification,
  SetConnectionsParams,
  Unavailable,
} from '../../common/protocol';
import { AuthentikSettings, normalizeSettings } from '../../common/settings';
import { VERSION } from '../../common/version';
import { ScopedReferences } from './authentik/scopedReferences';
import { ServerProfiles } from './authentik/serverProfiles';
import type { ProfileStore } from '../../common/authentik/serverSchema';
import type { Profile } from '../../common/profiles';
import { Lifecycle, onCheckedNotification, onCheckedRequest } from './lsp/messages';
import { logUnhandledRejections } from './lsp/processGuard';
import { SettingsSource } from './lsp/settingsSource';
import { ValidationRuns } from './lsp/validationRuns';
import type { Finding } from './service/findings';
import type { LanguageService } from './service/languageService';

/**
 * LSP wiring only: every handler forwards to the language service. Runs in VS Code over IPC
 * and standalone over stdio (`node dist/server.js --stdio`) for other editors.
 */
const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const lifecycle = new Lifecycle();
const logError = (message: string) => connection.console.error(message);
logUnhandledRejections(logError);

let service: LanguageService | undefined;

/**
 * The language service (YAML parser, schema validator, rules) is loaded on first use, not at
 * start: `initialize` is answered before any of it is needed, so the editor gets its server sooner.
 */
function languageService(): LanguageService {
  service ??= core().getLanguageService({ references: (uri) => references.sourceFor(uri), serverProfile: (uri) => serverProfiles.profileFor(uri) });
  return service;
}

type Core = typeof import('./serverCore');
let loadedCore: Core | undefined;

/** dist/serverCore.js beside the bundled server; the TypeScript source when run unbundled (tests, tsx). */
function core(): Core {
  if (!loadedCore) {
    const bundled = path.join(__dirname, 'serverCore.js');
    const source = './serverCore';
    loadedCore = (fs.existsSync(bundled) ? require(bundled) : require(source)) as Core;
  }
  return loadedCore;
}

let capabilities: ClientCapabilities = {};
let useEnvironment = true;
/** Where servers' schemas are kept between sessions (the extension's global storage); in memory only without it. */
let profileCacheDir: string | undefined;

const settings = new SettingsSource({
  canAsk: () => !!capabilities.workspace?.configuration,
  ask: (uris) => connection.workspace.getConfiguration(uris.map((uri): ConfigurationItem => ({ scopeUri: uri, section: 'authentik' }))),
  onLateAnswer: (uris) => uris.forEach((uri) => validation.schedule(uri)),
  log: (message) => connection.console.warn(message),
});
const settingsFor = (uri: string) => settings.settingsFor(uri);

/** Runs a handler; a failure is logged and answered with `fallback` so one bad request never stops the server. */
async function guarded<T>(name: string, fallback: T, run: () => T | Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    logError(`${name} failed: ${(error as Error)?.stack ?? String(error)}`);
    return fallback;
  }
}

/** Anything sent to the client unasked (diagnostics, status): nothing after shutdown. */
function publish(params: PublishDiagnosticsParams): void {
  if (lifecycle.serving) void connection.sendDiagnostics(params).catch(() => undefined);
}

const validation = new ValidationRuns<Finding>({
  document: (uri) => documents.get(uri),
  settingsFor,
  steps: () => {
    const service = languageService();
    return { parse: service.parse, findings: service.findings, toDiagnostic: core().toDiagnostic };
  },
  publish: (params) => {
    publish(params);
    // The status bar follows the profile the published diagnostics were made for.
    const document = documents.get(params.uri);
    if (document && document.version === params.version) void settingsFor(params.uri).then((current) => reportProfile(document, current)).catch(logError);
  },
  serving: () => lifecycle.serving,
  onError: (error) => logError(`validation failed: ${(error as Error)?.stack ?? String(error)}`),
});

/** The last profile status sent per document: a new one is sent only when it changes. */
const reportedProfiles = new Map<string, string>();

function reportProfile(document: TextDocument, settings: AuthentikSettings): void {
  if (!lifecycle.serving) return;
  const resolved = languageService().profile(document, settings);
  const params: ProfileStatusParams = { uri: document.uri, release: resolved.release, label: resolved.profile.label, source: resolved.source, reason: resolved.reason };
  const key = JSON.stringify(params);
  if (reportedProfiles.get(document.uri) === key) return;
  reportedProfiles.set(document.uri, key);
  void connection.sendNotification(ProfileStatusNotification, params).catch(() => undefined);
}

function revalidateAll(): void {
  for (const document of documents.all()) validation.schedule(document.uri);
}

connection.onInitialize((params): InitializeResult => {
  lifecycle.assertServing('initialize');
  capabilities = params.capabilities;
  const init = params.initializationOptions as { settings?: unknown; useEnvironment?: boolean } | undefined;
  if (init?.settings) settings.global = normalizeSettings(init.settings);
  const cacheDir = (init as { profileCacheDir?: unknown } | undefined)?.profileCacheDir;
  if (typeof cacheDir === 'string' && path.isAbsolute(cacheDir)) profileCacheDir = cacheDir;
  // The VS Code extension decides the connection itself (workspace trust, confirmed origins) and says so.
  useEnvironment = init?.useEnvironment !== false;
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: false },
      completionProvider: { triggerCharacters: [':', ' ', '-'], resolveProvider: false },
      hoverProvider: true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite] },
      documentSymbolProvider: true,
      foldingRangeProvider: true,
      inlayHintProvider: true,
    },
    serverInfo: { name: 'authentik-oauth2-language-server', version: VERSION },
  };
});

connection.onShutdown(() => lifecycle.shutdown());

connection.onDidChangeConfiguration((change) => {
  if (!lifecycle.serving) return;
  settings.changed((change?.settings as { authentik?: unknown } | null | undefined)?.authentik);
  revalidateAll();
});

documents.onDidOpen((e) => validation.schedule(e.document.uri));
documents.onDidChangeContent((e) => validation.schedule(e.document.uri));
documents.onDidClose((e) => {
  validation.cancel(e.document.uri);
  settings.forget(e.document.uri);
  reportedProfiles.delete(e.document.uri);
  service?.closeDocument(e.document.uri);
  publish({ uri: e.document.uri, diagnostics: [] });
});

// The uri is read inside the guard: malformed params must be logged like any other failure.
const withDocument = <T>(name: string, uriOf: () => string, fallback: T, run: (document: TextDocument, settings: AuthentikSettings) => T) => {
  lifecycle.assertServing(name);
  return guarded(name, fallback, async () => {
    const uri = uriOf();
    const document = documents.get(uri);
    return document ? run(document, await settingsFor(uri)) : fallback;
  });
};

/** What the client said it shows in completion lists. */
function completionOptions() {
  const item = capabilities.textDocument?.completion?.completionItem;
  return { snippetSupport: !!item?.snippetSupport, labelDetailsSupport: !!item?.labelDetailsSupport };
}

connection.onCompletion((params) =>
  withDocument('completion', () => params.textDocument.uri, null, (document, settings) =>
    languageService().complete(document, params.position, completionOptions(), settings),
  ),
);
connection.onHover((params) => withDocument('hover', () => params.textDocument.uri, null, (d, s) => languageService().hover(d, params.position, s)));
connection.onCodeAction((params) => withDocument('codeAction', () => params.textDocument.uri, [], (d, s) => languageService().codeActions(d, params.range, s)));
connection.onDocumentSymbol((params) => withDocument('documentSymbol', () => params.textDocument.uri, [], (d, s) => languageService().documentSymbols(d, s)));
connection.onFoldingRanges((params) => withDocument('foldingRange', () => params.textDocument.uri, [], (d, s) => languageService().foldingRanges(d, s)));
connection.languages.inlayHint.on((params) => withDocument('inlayHint', () => params.textDocument.uri, [], (d, s) => languageService().inlayHints(d, params.range, s)));

/** Reference lookups per workspace folder. Tokens stay in this process's memory only. */
const references = new ScopedReferences({
  createSource(scoped, events) {
    const { AuthentikApi, NodeHttpClient, LiveReferenceSource } = core();
    const api = new AuthentikApi({ baseUrl: scoped.serverUrl, token: scoped.token, allowInsecureHttp: scoped.allowInsecureHttp, timeoutMs: 10_000 }, new NodeHttpClient());
    return new LiveReferenceSource(api, { ttlMs: settings.global.referencesTtlSeconds * 1000, ...events });
  },
  onChange() {
    if (!lifecycle.serving) return;
    revalidateAll();
    void connection.languages.inlayHint.refresh().catch(() => undefined);
  },
  onStatus(state, message) {
    if (lifecycle.serving) void connection.sendNotification(ReferencesStatusNotification, { state, message }).catch(() => undefined);
  },
});

/** Each configured server's profile, from its own schema; documents are checked again when one arrives. */
const serverProfiles = new ServerProfiles({
  keyFor: (uri) => references.connectionKeyFor(uri),
  async cached(scoped) {
    const { cachedServerProfile, checkBaseUrl } = core();
    const check = checkBaseUrl(scoped.serverUrl, scoped.allowInsecureHttp);
    return check.ok ? cachedServerProfile(check.baseUrl, profileStore()) : undefined;
  },
  load(scoped) {
    const { loadServerProfile, NodeHttpClient } = core();
    const config = { baseUrl: scoped.serverUrl, token: scoped.token, allowInsecureHttp: scoped.allowInsecureHttp, timeoutMs: 10_000 };
    return loadServerProfile(config, { http: new NodeHttpClient(), store: profileStore() });
  },
  onChange: revalidateAll,
  onMessage(message) {
    connection.console.warn(message);
    void connection.window.showWarningMessage(`authentik: ${message}`);
  },
});

let store: ProfileStore | undefined;
function profileStore(): ProfileStore | undefined {
  if (profileCacheDir) store ??= core().directoryStore(profileCacheDir);
  return store;
}

let currentConnections: SetConnectionsParams['connections'] = [];
function connect(params: SetConnectionsParams): void {
  currentConnections = params.connections;
  references.set(params.connections);
  serverProfiles.set(params.connections);
  revalidateAll();
}

onCheckedNotification(connection, lifecycle, SetConnectionsNotification, checkSetConnectionsParams, connect, logError);
onCheckedRequest(connection, lifecycle, RefreshReferencesRequest, checkRefreshReferencesParams, (params) =>
  guarded('refreshReferences', { ok: false, message: 'Refreshing failed; see the log.' }, () => {
    // A refresh also asks each server which release it runs now.
    serverProfiles.reload(currentConnections);
    return references.refresh(params?.uri);
  }),
);

/** The document a deploy request is about, if the server has it at that version. */
async function deployedDocument(textDocument: { uri: string; version: number }): Promise<{ document: TextDocument; settings: AuthentikSettings } | Unavailable> {
  const document = documents.get(textDocument.uri);
  if (!document) return { kind: 'unavailable', message: 'The language server does not have this file open.' };
  if (document.version !== textDocument.version) return { kind: 'unavailable', message: 'The file changed while it was being deployed.' };
  return { document, settings: await settingsFor(document.uri) };
}

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const failedDeployRequest: Unavailable = { kind: 'unavailable', message: 'The language server failed on this file; see its log.' };
onCheckedRequest(connection, lifecycle, PrepareDeployRequest, checkPrepareDeployParams, (params) =>
  guarded<PrepareDeployResult>('prepareDeploy', failedDeployRequest, async () => {
    const found = await deployedDocument(params.textDocument);
    if ('kind' in found) return found;
    const { document, settings } = found;
    const changed: Unavailable = { kind: 'unavailable', message: 'The file changed while it was being deployed.' };
    // The release of the server the file goes to decides its shape; the file's own profile when it names none.
    const { profile: serverProfile, message } = await serverProfiles.settledProfileFor(document.uri);
    if (documents.get(document.uri)?.version !== document.version) return changed;
    const target = deployTarget(document, settings, serverProfile);
    if (message) target.warnings.push(message);
    // `!ref`/`!Find` resolve against the target's lists as they are now: fetched first when old or unknown,
    // and once more when a tag does not resolve against lists kept from before (the object may be new).
    const env = params.environment ?? {};
    const tagged = languageService().hasReferenceTags(document, settings, serverProfile);
    let lists = tagged ? await references.freshSourceFor(document.uri) : { source: undefined, fetched: false };
    if (documents.get(document.uri)?.version !== document.version) return changed;
    let prepared = languageService().prepareDeploy(document, settings, serverProfile, { references: lists.source, env });
    if (!prepared.ok && 'unresolved' in prepared && prepared.unresolved.length > 0 && lists.source && !lists.fetched) {
      lists = await references.freshSourceFor(document.uri, true);
      if (documents.get(document.uri)?.version !== document.version) return changed;
      prepared = languageService().prepareDeploy(document, settings, serverProfile, { references: lists.source, env });
    }
    const version = document.version;
    if (prepared.ok) {
      const requestSchema = (serverProfile ?? languageService().profile(document, settings).profile).requestSchema;
      return { kind: 'ready', version, body: prepared.body, target, resolved: prepared.resolved, requestSchema };
    }
    if ('unresolved' in prepared) {
      if (prepared.unresolved.length > 0) return { kind: 'unresolved', version, errors: prepared.unresolved, target, ...('failure' in lists && lists.failure ? { message: lists.failure } : {}) };
      return { kind: 'needs-environment', version, variables: prepared.missingVariables, target };
    }
    const own = languageService().profile(document, settings).profile;
    const mismatch = serverProfile !== undefined && core().shapeOfFile(languageService().parse(document, settings), settings.rules, settings.maxFileSize, own) !== undefined;
    return { kind: 'invalid', version, errors: prepared.errors, target, mismatch };
  }),
);

function deployTarget(document: TextDocument, settings: AuthentikSettings, serverProfile: Profile | undefined): DeployTarget {
  if (!serverProfile) {
    const own = languageService().profile(document, settings);
    return { release: own.release, profileId: own.profile.id, fromServer: false, warnings: [] };
  }
  const release = serverProfile.releases.from;
  const warning = core().commentVersionWarning(document.getText(), release);
  return { release, profileId: serverProfile.id, fromServer: true, warnings: warning ? [warning] : [] };
}

onCheckedRequest(connection, lifecycle, PlaceServerErrorsRequest, checkPlaceServerErrorsParams, (params) =>
  guarded('placeServerErrors', failedDeployRequest, async (): Promise<PlaceServerErrorsResult> => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return { kind: 'unavailable', message: 'The language server does not have this file open.' };
    const fieldErrors = isPlainObject(params.fieldErrors) ? params.fieldErrors : {};
    const sent = isPlainObject(params.body) ? params.body : undefined;
    const edited = document.version !== params.textDocument.version;
    // Edited since the deploy: the messages are placed by the field they name, where it still has the value sent.
    if (edited && !sent) return { kind: 'unavailable', message: 'The file changed while it was being deployed.' };
    return { kind: 'placed', ...languageService().placeServerErrors(document, fieldErrors, await settingsFor(document.uri), edited ? sent : undefined) };
  }),
);

onCheckedRequest(connection, lifecycle, ConvertFormatRequest, checkConvertFormatParams, (params) =>
  guarded<ConvertFormatResult>('convertFormat', failedDeployRequest, async () => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return { kind: 'unavailable', message: 'The language server does not have this file open.' };
    if (document.version !== params.textDocument.version) return { kind: 'unavailable', message: 'The file changed while it was being converted; try again.' };
    const result = languageService().convertFormat(document, params.version, await settingsFor(document.uri));
    return result.ok ? { kind: 'edits', version: result.version, edits: result.edits, changes: result.changes } : { kind: 'refused', message: result.reason };
  }),
);

/** The connection of a folder (`undefined`: files in no folder) as the extension last sent it, or why there is none. */
function folderConnection(folder: string | undefined): ScopedConnection | Unavailable {
  const scopeUri = references.scopeUriFor(folder ?? '');
  const scoped = scopeUri === undefined ? undefined : currentConnections.find((c) => c.scopeUri === scopeUri);
  if (!scoped?.serverUrl) return { kind: 'unavailable', message: 'No authentik server is connected for this folder: set authentik.serverUrl and the API token.' };
  if (!scoped.token) return { kind: 'unavailable', message: 'No API token is set for this folder\'s server. Run "authentik: Set API Token".' };
  return scoped;
}

function importApi(scoped: ScopedConnection) {
  const { AuthentikApi, NodeHttpClient } = core();
  return new AuthentikApi({ baseUrl: scoped.serverUrl, token: scoped.token, allowInsecureHttp: scoped.allowInsecureHttp, timeoutMs: 10_000 }, new NodeHttpClient());
}

const failedImportRequest: Unavailable = { kind: 'unavailable', message: 'The language server failed on this import; see its log.' };
onCheckedRequest(connection, lifecycle, ListProvidersRequest, checkListProvidersParams, (params) =>
  guarded<ListProvidersResult>('listProviders', failedImportRequest, async () => {
    const scoped = folderConnection(params.folder);
    return 'kind' in scoped ? scoped : core().listImportable(importApi(scoped));
  }),
);
onCheckedRequest(connection, lifecycle, ExportProviderRequest, checkExportProviderParams, (params) =>
  guarded<ExportProviderResult>('exportProvider', failedImportRequest, async () => {
    const scoped = folderConnection(params.folder);
    if ('kind' in scoped) return scoped;
    const scope = params.folder ?? '';
    // The server's release decides the fields and their defaults; its objects, fetched now, the names of references.
    const { profile, message } = await serverProfiles.settledProfileFor(scope);
    if (!profile) return { kind: 'unavailable', message: `The server's release is not known, so neither are the fields a file holds.${message ? ` ${message}` : ''}` };
    const refreshed = await references.refresh(scope);
    if (!refreshed.ok) return { kind: 'unavailable', message: `The server's flows, keys, mappings and sources could not be listed: ${refreshed.message}` };
    const lists = core().listsFromSource(references.sourceFor(scope));
    return core().exportForImport(importApi(scoped), params.pk, { profile, release: profile.releases.from, lists });
  }),
);

// Standalone use (other editors, CI): the server and token come from the environment.
connection.onInitialized(() => {
  // Load the service and compile the schema while the editor is still opening files.
  setImmediate(() => void guarded('warm-up', undefined, () => languageService().warmUp()));
  const serverUrl = useEnvironment ? process.env.AUTHENTIK_URL : undefined;
  if (serverUrl) connect({ connections: [{ scopeUri: null, serverUrl, token: process.env.AUTHENTIK_TOKEN, allowInsecureHttp: process.env.AUTHENTIK_ALLOW_INSECURE_HTTP === 'true' }] });
});

// Any other request: unknown before shutdown, refused after it.
connection.onRequest((method: string) => {
  lifecycle.assertServing(method);
  throw new ResponseError(ErrorCodes.MethodNotFound, `Unhandled method ${method}`);
});

documents.listen(connection);
connection.listen();
