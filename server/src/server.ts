import {
  createConnection,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  CodeActionKind,
  InitializeResult,
  ClientCapabilities,
  ConfigurationItem,
} from 'vscode-languageserver/node';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  ConvertFormatRequest,
  ConvertFormatResult,
  isConvertFormatParams,
  PlaceServerErrorsRequest,
  PlaceServerErrorsResult,
  PrepareDeployRequest,
  ProfileStatusNotification,
  ProfileStatusParams,
  DeployTarget,
  RefreshReferencesRequest,
  ReferencesStatusNotification,
  SetConnectionsNotification,
  SetConnectionsParams,
  Unavailable,
} from '../../common/protocol';
import { AuthentikSettings, DEFAULT_SETTINGS, normalizeSettings } from '../../common/settings';
import { VERSION } from '../../common/version';
import { ScopedReferences } from './authentik/scopedReferences';
import { ServerProfiles } from './authentik/serverProfiles';
import type { ProfileStore } from '../../common/authentik/serverSchema';
import type { Profile } from '../../common/profiles';
import type { LanguageService } from './service/languageService';

/**
 * LSP wiring only: every handler forwards to the language service. Runs in VS Code over IPC
 * and standalone over stdio (`node dist/server.js --stdio`) for other editors.
 */
const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);

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
let globalSettings: AuthentikSettings = DEFAULT_SETTINGS;
const settingsByUri = new Map<string, Promise<AuthentikSettings>>();
let settingsQueue: { uri: string; resolve: (settings: AuthentikSettings) => void }[] = [];

/**
 * Settings are asked per file (a folder can override them) and cached until the client says they
 * changed. Files opened together are asked in one `workspace/configuration` request.
 */
function settingsFor(uri: string): Promise<AuthentikSettings> {
  if (!capabilities.workspace?.configuration) return Promise.resolve(globalSettings);
  let settings = settingsByUri.get(uri);
  if (!settings) {
    settings = new Promise<AuthentikSettings>((resolve) => {
      settingsQueue.push({ uri, resolve });
      if (settingsQueue.length === 1) setImmediate(askSettings);
    });
    settingsByUri.set(uri, settings);
  }
  return settings;
}

function askSettings(): void {
  const batch = settingsQueue;
  settingsQueue = [];
  const items: ConfigurationItem[] = batch.map((b) => ({ scopeUri: b.uri, section: 'authentik' }));
  connection.workspace.getConfiguration(items).then(
    (values: unknown[]) => batch.forEach((b, i) => b.resolve(normalizeSettings(values?.[i]))),
    () => batch.forEach((b) => b.resolve(globalSettings)),
  );
}

/** Runs a handler; a failure is logged and answered with `fallback` so one bad request never stops the server. */
async function guarded<T>(name: string, fallback: T, run: () => T | Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    connection.console.error(`${name} failed: ${(error as Error)?.stack ?? String(error)}`);
    return fallback;
  }
}

// Validation runs on the next turn of the event loop after an edit, with no fixed delay. Edits that
// arrive before it runs are coalesced, and a result for an outdated version is dropped.
const scheduled = new Set<string>();
function scheduleValidation(uri: string): void {
  if (scheduled.has(uri)) return;
  scheduled.add(uri);
  setImmediate(() => {
    scheduled.delete(uri);
    void guarded('validation', undefined, () => validateNow(uri));
  });
}

async function validateNow(uri: string): Promise<void> {
  const document = documents.get(uri);
  if (!document) return;
  const version = document.version;
  const settings = await settingsFor(uri);
  const current = documents.get(uri);
  if (!current || current.version !== version) return;
  await connection.sendDiagnostics({ uri, version, diagnostics: languageService().validate(current, settings) });
  reportProfile(current, settings);
}

/** The last profile status sent per document: a new one is sent only when it changes. */
const reportedProfiles = new Map<string, string>();

function reportProfile(document: TextDocument, settings: AuthentikSettings): void {
  const resolved = languageService().profile(document, settings);
  const params: ProfileStatusParams = { uri: document.uri, release: resolved.release, label: resolved.profile.label, source: resolved.source, reason: resolved.reason };
  const key = JSON.stringify(params);
  if (reportedProfiles.get(document.uri) === key) return;
  reportedProfiles.set(document.uri, key);
  void connection.sendNotification(ProfileStatusNotification, params);
}

function revalidateAll(): void {
  for (const document of documents.all()) scheduleValidation(document.uri);
}

connection.onInitialize((params): InitializeResult => {
  capabilities = params.capabilities;
  const init = params.initializationOptions as { settings?: unknown; useEnvironment?: boolean } | undefined;
  if (init?.settings) globalSettings = normalizeSettings(init.settings);
  const cacheDir = (init as { profileCacheDir?: unknown } | undefined)?.profileCacheDir;
  if (typeof cacheDir === 'string' && path.isAbsolute(cacheDir)) profileCacheDir = cacheDir;
  // The VS Code extension decides the connection itself (workspace trust, confirmed origins) and says so.
  useEnvironment = init?.useEnvironment !== false;
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: false },
      completionProvider: { triggerCharacters: [':', ' ', '-'], resolveProvider: false },
      hoverProvider: true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      documentSymbolProvider: true,
      foldingRangeProvider: true,
      inlayHintProvider: true,
    },
    serverInfo: { name: 'authentik-oauth2-language-server', version: VERSION },
  };
});

connection.onDidChangeConfiguration((change) => {
  const settings = (change.settings as { authentik?: unknown } | undefined)?.authentik;
  if (settings) globalSettings = normalizeSettings(settings);
  settingsByUri.clear();
  revalidateAll();
});

documents.onDidOpen((e) => scheduleValidation(e.document.uri));
documents.onDidChangeContent((e) => scheduleValidation(e.document.uri));
documents.onDidClose((e) => {
  settingsByUri.delete(e.document.uri);
  reportedProfiles.delete(e.document.uri);
  service?.closeDocument(e.document.uri);
  void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
});

// The uri is read inside the guard: malformed params must be logged like any other failure.
const withDocument = <T>(name: string, uriOf: () => string, fallback: T, run: (document: TextDocument, settings: AuthentikSettings) => T) =>
  guarded(name, fallback, async () => {
    const uri = uriOf();
    const document = documents.get(uri);
    return document ? run(document, await settingsFor(uri)) : fallback;
  });

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
    return new LiveReferenceSource(api, { ttlMs: globalSettings.referencesTtlSeconds * 1000, ...events });
  },
  onChange() {
    revalidateAll();
    void connection.languages.inlayHint.refresh().catch(() => undefined);
  },
  onStatus(state, message) {
    void connection.sendNotification(ReferencesStatusNotification, { state, message });
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
  const connections = Array.isArray(params?.connections) ? params.connections : [];
  currentConnections = connections;
  references.set(connections);
  serverProfiles.set(connections);
  revalidateAll();
}

connection.onNotification(SetConnectionsNotification, (params) => guarded('setConnections', undefined, () => connect(params)));
connection.onRequest(RefreshReferencesRequest, (params) =>
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
connection.onRequest(PrepareDeployRequest, (params) =>
  guarded('prepareDeploy', failedDeployRequest, async () => {
    const found = await deployedDocument(params.textDocument);
    if ('kind' in found) return found;
    const { document, settings } = found;
    // The release of the server the file goes to decides its shape; the file's own profile when it names none.
    const { profile: serverProfile, message } = await serverProfiles.settledProfileFor(document.uri);
    if (documents.get(document.uri)?.version !== document.version) return { kind: 'unavailable', message: 'The file changed while it was being deployed.' } as Unavailable;
    const target = deployTarget(document, settings, serverProfile);
    if (message) target.warnings.push(message);
    const prepared = languageService().prepareDeploy(document, settings, serverProfile);
    const version = document.version;
    if (prepared.ok) return { kind: 'ready', version, body: prepared.body, target };
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

connection.onRequest(PlaceServerErrorsRequest, (params) =>
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

connection.onRequest(ConvertFormatRequest, (params) =>
  guarded<ConvertFormatResult>('convertFormat', failedDeployRequest, async () => {
    if (!isConvertFormatParams(params)) return { kind: 'refused', message: 'The request names no file to convert.' };
    const document = documents.get(params.textDocument.uri);
    if (!document) return { kind: 'unavailable', message: 'The language server does not have this file open.' };
    if (document.version !== params.textDocument.version) return { kind: 'unavailable', message: 'The file changed while it was being converted; try again.' };
    const result = languageService().convertFormat(document, params.version, await settingsFor(document.uri));
    return result.ok ? { kind: 'edits', version: result.version, edits: result.edits, changes: result.changes } : { kind: 'refused', message: result.reason };
  }),
);

// Standalone use (other editors, CI): the server and token come from the environment.
connection.onInitialized(() => {
  // Load the service and compile the schema while the editor is still opening files.
  setImmediate(() => void guarded('warm-up', undefined, () => languageService().warmUp()));
  const serverUrl = useEnvironment ? process.env.AUTHENTIK_URL : undefined;
  if (serverUrl) connect({ connections: [{ scopeUri: null, serverUrl, token: process.env.AUTHENTIK_TOKEN, allowInsecureHttp: process.env.AUTHENTIK_ALLOW_INSECURE_HTTP === 'true' }] });
});

documents.listen(connection);
connection.listen();
