import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';

export const LANGUAGE_ID = 'authentik-oauth2provider';

/** Everything commands need, in one object (client, output channel, subscriptions). */
export interface ExtensionContextHolder {
  extension: vscode.ExtensionContext;
  client: LanguageClient;
  output: vscode.LogOutputChannel;
}

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<ExtensionContextHolder> {
  const output = vscode.window.createOutputChannel('authentik', { log: true });
  context.subscriptions.push(output);
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
    outputChannel: output,
  };
  client = new LanguageClient('authentik', 'authentik OAuth2 Provider', serverOptions, clientOptions);
  await client.start();
  const holder: ExtensionContextHolder = { extension: context, client, output };
  return holder;
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
