import * as vscode from 'vscode';
import { NodeHttpClient } from '../../common/authentik/http';
import type { ReferencesStatusParams } from '../../common/protocol';
import { createCommands } from './commands';
import { resolveScopeConnections } from './connection';
import { LANGUAGE_ID } from './constants';
import type { CommandContext } from './context';
import type { LanguageServerSession } from './languageServer/session';
import { EnvironmentStatusBar } from './environmentStatusBar';
import { LanguageServerStarter } from './languageServer/starter';
import { ProfileStatusBar } from './profileStatusBar';
import { RESULT_SCHEME, ResultView } from './resultView';

/** How long activation took, in milliseconds: logged, and read by the end-to-end run. */
export interface ActivationTimes {
  /** From the start of `activate` until it returned. */
  activateMs: number;
  /**
   * From the moment the language server was first needed (a provider file open, a command) until it
   * answered `initialize`: loading the language client, starting the server process, initializing.
   */
  languageServerStartMs?: number;
}

/** What the extension exports to other extensions (and to its end-to-end tests). */
export interface ExtensionApi {
  activation: ActivationTimes;
  /** Resolves once the language server runs and its features are registered; starts it if needed. */
  languageServerReady(): Promise<void>;
}

let starter: LanguageServerStarter | undefined;

/**
 * Wiring only: register the commands, and start the language server once a provider file is open
 * or a command needs it; keep the server's connections in sync with settings, tokens and trust.
 */
export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const started = performance.now();
  const activation: ActivationTimes = { activateMs: 0 };
  const output = vscode.window.createOutputChannel('authentik', { log: true });
  const results = new ResultView();
  const deployDiagnostics = vscode.languages.createDiagnosticCollection('authentik-deploy');
  const statusBar = vscode.window.createStatusBarItem('authentik.deploy', vscode.StatusBarAlignment.Left, 10);
  statusBar.name = 'authentik Deploy';
  const profileBar = new ProfileStatusBar();
  const environmentBar = new EnvironmentStatusBar(context, output);

  const connections = async () => {
    const scoped = await resolveScopeConnections(context);
    for (const problem of new Set(scoped.map((s) => s.problem))) if (problem) output.info(`Reference lookups off: ${problem}`);
    return scoped.map((s) => s.connection);
  };
  const languageServer = new LanguageServerStarter(context.asAbsolutePath('dist'), { serverModule: context.asAbsolutePath('dist/server.js'), output, connections, profileCacheDir: context.globalStorageUri.fsPath }, (session, startMs) => {
    activation.languageServerStartMs = startMs;
    output.info(`Language server started in ${startMs} ms.`);
    context.subscriptions.push(session.onReferencesStatus(statusReporter(output)), session.onProfileStatus((status) => profileBar.update(status)));
  });
  starter = languageServer;
  const startLanguageServer = (): Promise<LanguageServerSession> => {
    const session = languageServer.get();
    session.catch((error: unknown) => output.error(`The language server did not start: ${(error as Error)?.message ?? String(error)}`));
    return session;
  };

  const commandContext: CommandContext = {
    extension: context,
    output,
    deployDiagnostics,
    statusBar,
    results,
    http: new NodeHttpClient(),
    languageServer: startLanguageServer,
    async syncConnections() {
      const session = languageServer.started();
      // Not started yet: the server gets the connections when it starts.
      if (session) await (await session).setConnections(await connections());
    },
    environmentChanged: () => environmentBar.refresh(),
  };
  const sync = () => void commandContext.syncConnections().catch((error: unknown) => output.error(`Updating the connections failed: ${String(error)}`));
  const startForProviderFile = (document: vscode.TextDocument) => {
    if (document.languageId === LANGUAGE_ID) void startLanguageServer().catch(() => undefined);
  };

  context.subscriptions.push(
    output,
    deployDiagnostics,
    statusBar,
    profileBar,
    environmentBar,
    vscode.workspace.registerTextDocumentContentProvider(RESULT_SCHEME, results),
    ...Object.entries(createCommands()).map(([id, factory]) => vscode.commands.registerCommand(id, factory(commandContext))),
    vscode.workspace.onDidOpenTextDocument(startForProviderFile),
    // Server messages from a deploy describe the file as it was sent: drop them on the first edit.
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.contentChanges.length > 0 && deployDiagnostics.has(e.document.uri)) deployDiagnostics.delete(e.document.uri);
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('authentik.serverUrl') || e.affectsConfiguration('authentik.environments') || e.affectsConfiguration('authentik.allowInsecureHttp')) sync();
    }),
    vscode.workspace.onDidChangeWorkspaceFolders(sync),
    vscode.workspace.onDidGrantWorkspaceTrust(sync),
    context.secrets.onDidChange((e) => {
      if (e.key.startsWith('authentik.token:')) sync();
    }),
  );
  vscode.workspace.textDocuments.forEach(startForProviderFile);

  activation.activateMs = Math.round((performance.now() - started) * 10) / 10;
  output.info(`Activated in ${activation.activateMs} ms.`);
  return {
    activation,
    languageServerReady: async () => {
      await startLanguageServer();
    },
  };
}

/** Logs every change of the reference lookups' state, and tells the user once per change, not on every failed lookup. */
function statusReporter(output: vscode.LogOutputChannel): (status: ReferencesStatusParams) => void {
  let lastState: string | undefined;
  return (status) => {
    output.info(status.message);
    if (status.state !== 'ok' && status.state !== lastState) void vscode.window.showWarningMessage(status.message);
    lastState = status.state;
  };
}

export async function deactivate(): Promise<void> {
  await starter?.stop();
  starter = undefined;
}
