import type * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import {
  ConvertFormatRequest,
  ExportProviderRequest,
  ListProvidersRequest,
  PlaceServerErrorsRequest,
  PrepareDeployRequest,
  ProfileStatusNotification,
  isProfileStatusParams,
  ProfileStatusParams,
  RefreshReferencesRequest,
  ReferencesStatusNotification,
  SetConnectionsNotification,
} from '../../../common/protocol';
import { LANGUAGE_ID } from '../constants';
import { LanguageServerSession, SessionOptions } from './session';

/** Starts the language server and answers for it. The entry point of dist/languageClient.js. */
export async function startSession(options: SessionOptions): Promise<LanguageServerSession> {
  const serverOptions: ServerOptions = {
    run: { module: options.serverModule, transport: TransportKind.ipc },
    debug: { module: options.serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: LANGUAGE_ID },
      { scheme: 'untitled', language: LANGUAGE_ID },
      { scheme: 'vscode-remote', language: LANGUAGE_ID },
    ],
    synchronize: { configurationSection: 'authentik' },
    // The server must not connect on its own from AUTHENTIK_URL/AUTHENTIK_TOKEN: the extension applies trust rules first.
    initializationOptions: { useEnvironment: false, profileCacheDir: options.profileCacheDir },
    outputChannel: options.output,
  };
  const client = new LanguageClient('authentik', 'authentik OAuth2 Provider', serverOptions, clientOptions);
  // The server reports a file's profile once, right after its first diagnostics, which can come before
  // anyone listens: the last status per file is kept and given to each new listener.
  const profiles = new Map<string, ProfileStatusParams>();
  const profileListeners = new Set<(status: ProfileStatusParams) => void>();
  client.onNotification(ProfileStatusNotification, (params) => {
    if (!isProfileStatusParams(params)) return;
    const status = { ...params, uri: client.protocol2CodeConverter.asUri(params.uri).toString() };
    profiles.set(status.uri, status);
    for (const listener of profileListeners) listener(status);
  });
  await client.start();
  await client.sendNotification(SetConnectionsNotification, { connections: await options.connections() });

  const identifier = (document: vscode.TextDocument, version: number) => ({ uri: client.code2ProtocolConverter.asUri(document.uri), version });
  return {
    stop: () => client.stop(),
    setConnections: (connections) => client.sendNotification(SetConnectionsNotification, { connections }),
    refreshReferences: (uri) => client.sendRequest(RefreshReferencesRequest, { uri: uri ? client.code2ProtocolConverter.asUri(uri) : undefined }),
    async prepareDeploy(document, environment) {
      const result = await client.sendRequest(PrepareDeployRequest, { textDocument: identifier(document, document.version), ...(environment ? { environment } : {}) });
      if (result.kind !== 'invalid' && result.kind !== 'unresolved') return result;
      return { ...result, errors: await client.protocol2CodeConverter.asDiagnostics(result.errors) };
    },
    async placeServerErrors(document, version, fieldErrors, body) {
      const result = await client.sendRequest(PlaceServerErrorsRequest, { textDocument: identifier(document, version), fieldErrors, body });
      if (result.kind !== 'placed') return result;
      return { diagnostics: await client.protocol2CodeConverter.asDiagnostics(result.diagnostics), dropped: result.dropped };
    },
    async convertFormat(document, version) {
      const result = await client.sendRequest(ConvertFormatRequest, { textDocument: identifier(document, document.version), version });
      return result.kind === 'edits' ? { ...result, edits: await client.protocol2CodeConverter.asTextEdits(result.edits) } : result;
    },
    // A folder is named as the connections name their scopes (Uri.toString()).
    listProviders: (folder) => client.sendRequest(ListProvidersRequest, { folder: folder?.toString() }),
    exportProvider: (folder, pk) => client.sendRequest(ExportProviderRequest, { folder: folder?.toString(), pk }),
    onReferencesStatus: (listener) => client.onNotification(ReferencesStatusNotification, listener),
    onProfileStatus: (listener) => {
      profileListeners.add(listener);
      for (const status of profiles.values()) listener(status);
      return { dispose: () => void profileListeners.delete(listener) };
    },
  };
}
