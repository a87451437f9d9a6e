import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { NodeHttpClient } from '../../server/src/authentik/http';
import { ReferencesStatusNotification, ReferencesStatusParams, SetConnectionNotification, SetConnectionParams } from '../../server/src/protocol';
import { deployCommand } from './commands/deploy';
import { copySecretCommand, refreshReferencesCommand, showResultCommand } from './commands/references';
import { clearTokenCommand, setTokenCommand } from './commands/setToken';
import { resolveConnection } from './connection';
import { LANGUAGE_ID } from './constants';
import { RESULT_SCHEME, ResultView } from './resultView';
import { ExtensionState } from './state';

let client: LanguageClient | undefined;

/** Wiring only: start the language server, register commands, keep the server's connection in sync. */
export async function activate(context: vscode.ExtensionContext): Promise<ExtensionState> {
  const output = vscode.window.createOutputChannel('authentik', { log: true });
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: LANGUAGE_ID },
      { scheme: 'untitled', language: LANGUAGE_ID },
      { scheme: 'vscode-remote', language: LANGUAGE_ID },
    ],
    synchronize: { configurationSection: 'authentik' },
    // The server must not connect on its own from AUTHENTIK_URL/AUTHENTIK_TOKEN: the extension applies trust rules first.
    initializationOptions: { useEnvironment: false },
    outputChannel: output,
  };
  client = new LanguageClient('authentik', 'authentik OAuth2 Provider', serverOptions, clientOptions);

  const results = new ResultView();
  const deployDiagnostics = vscode.languages.createDiagnosticCollection('authentik-deploy');
  const statusBar = vscode.window.createStatusBarItem('authentik.deploy', vscode.StatusBarAlignment.Left, 10);
  statusBar.name = 'authentik Deploy';
  const languageClient = client;

  let lastStatus: string | undefined;
  const state: ExtensionState = {
    extension: context,
    client: languageClient,
    output,
    deployDiagnostics,
    statusBar,
    results,
    http: new NodeHttpClient(),
    async syncConnection() {
      const resolved = await resolveConnection(context, undefined, false);
      const params: SetConnectionParams = resolved.ok
        ? { serverUrl: resolved.baseUrl, token: resolved.token, allowInsecureHttp: resolved.allowInsecureHttp }
        : { serverUrl: '', token: undefined, allowInsecureHttp: false };
      if (!resolved.ok && resolved.blocker !== 'no-server') output.info(`Reference lookups off: ${resolved.message}`);
      await languageClient.sendNotification(SetConnectionNotification, params);
    },
  };

  context.subscriptions.push(
    output,
    deployDiagnostics,
    statusBar,
    vscode.workspace.registerTextDocumentContentProvider(RESULT_SCHEME, results),
    vscode.commands.registerCommand('authentik.deploy', deployCommand(state)),
    vscode.commands.registerCommand('authentik.setToken', setTokenCommand(state)),
    vscode.commands.registerCommand('authentik.clearToken', clearTokenCommand(state)),
    vscode.commands.registerCommand('authentik.refreshReferences', refreshReferencesCommand(state)),
    vscode.commands.registerCommand('authentik.copyClientSecret', copySecretCommand(state)),
    vscode.commands.registerCommand('authentik.showDeployResult', showResultCommand(state)),
    // Server messages from a deploy describe the file as it was sent: drop them on the first edit.
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.contentChanges.length > 0 && deployDiagnostics.has(e.document.uri)) deployDiagnostics.delete(e.document.uri);
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('authentik.serverUrl') || e.affectsConfiguration('authentik.allowInsecureHttp')) void state.syncConnection();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => void state.syncConnection()),
    context.secrets.onDidChange((e) => {
      if (e.key.startsWith('authentik.token:')) void state.syncConnection();
    }),
  );

  await languageClient.start();
  context.subscriptions.push(
    languageClient.onNotification(ReferencesStatusNotification, (status: ReferencesStatusParams) => {
      output.info(status.message);
      // Tell the user once per change of state, not on every failed lookup.
      if (status.state !== 'ok' && status.state !== lastStatus) void vscode.window.showWarningMessage(status.message);
      lastStatus = status.state;
    }),
  );
  await state.syncConnection();
  return state;
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
