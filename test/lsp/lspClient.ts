import { spawn, ChildProcessWithoutNullStreams } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  ClientCapabilities,
  ConfigurationItem,
  ConfigurationRequest,
  createProtocolConnection,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  InitializeResult,
  LogMessageNotification,
  ProtocolConnection,
  PublishDiagnosticsNotification,
  PublishDiagnosticsParams,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';

export const SERVER_PATH = path.resolve(__dirname, '../../dist/server.js');
export const LANGUAGE_ID = 'authentik-oauth2provider';

export interface StartOptions {
  capabilities?: ClientCapabilities;
  initializationOptions?: unknown;
  /** Answers the server's `workspace/configuration` request, one value per item (may be async to hold the answer back). */
  configuration?: (item: ConfigurationItem) => unknown;
  /** Extra environment for the server process (e.g. AUTHENTIK_URL / AUTHENTIK_TOKEN). */
  env?: NodeJS.ProcessEnv;
}

/** Resolves when a matching notification arrives after the waiter was registered. */
interface DiagnosticsWaiter {
  uri: string;
  matches: (params: PublishDiagnosticsParams) => boolean;
  resolve: (params: PublishDiagnosticsParams) => void;
}

/**
 * A minimal LSP client over the real server's stdio. Tests wait for messages (diagnostics for a
 * uri and version, responses), never for a fixed time.
 */
export class LspTestClient {
  /** Every publishDiagnostics notification received, in order. */
  readonly published: PublishDiagnosticsParams[] = [];
  /** `window/logMessage` texts: where the server reports handler failures. */
  readonly logs: string[] = [];
  /** Every `workspace/configuration` item the server asked for. */
  readonly configurationRequests: ConfigurationItem[] = [];
  stderr = '';
  readonly exited: Promise<number | null>;
  private readonly waiters: DiagnosticsWaiter[] = [];

  private constructor(
    readonly process: ChildProcessWithoutNullStreams,
    readonly connection: ProtocolConnection,
  ) {
    this.exited = new Promise((resolve) => process.once('exit', (code) => resolve(code)));
    process.stderr.setEncoding('utf8').on('data', (chunk: string) => (this.stderr += chunk));
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.published.push(params);
      for (const waiter of [...this.waiters]) {
        if (waiter.uri !== params.uri || !waiter.matches(params)) continue;
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(params);
      }
    });
    connection.onNotification(LogMessageNotification.type, (params) => this.logs.push(params.message));
  }

  /** Spawns `node dist/server.js --stdio`, initializes it and sends `initialized`. */
  static async start(options: StartOptions = {}): Promise<{ client: LspTestClient; initializeResult: InitializeResult }> {
    if (!fs.existsSync(SERVER_PATH)) throw new Error(`${SERVER_PATH} is missing: run "npm run build" first.`);
    const child = spawn(process.execPath, [SERVER_PATH, '--stdio'], { stdio: 'pipe', env: { ...process.env, ...options.env } });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const client = new LspTestClient(child, connection);
    connection.onRequest(ConfigurationRequest.type, async (params) => {
      client.configurationRequests.push(...params.items);
      return Promise.all(params.items.map(async (item) => (options.configuration ? await options.configuration(item) : null)));
    });
    // A closed pipe after exit is expected; anything else shows up as a failed request in the test.
    connection.onError(() => undefined);
    connection.listen();
    const initializeResult = await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      capabilities: options.capabilities ?? {},
      initializationOptions: options.initializationOptions,
    });
    await connection.sendNotification(InitializedNotification.type, {});
    return { client, initializeResult };
  }

  /**
   * Waits for the next publishDiagnostics for `uri` that satisfies `match` (a version number, or a
   * predicate). Register the wait before sending what triggers it.
   */
  waitForDiagnostics(uri: string, match: number | ((params: PublishDiagnosticsParams) => boolean)): Promise<PublishDiagnosticsParams> {
    const matches = typeof match === 'number' ? (p: PublishDiagnosticsParams) => p.version === match : match;
    return new Promise((resolve) => this.waiters.push({ uri, matches, resolve }));
  }

  publishedFor(uri: string): PublishDiagnosticsParams[] {
    return this.published.filter((p) => p.uri === uri);
  }

  /** Opens a document and returns its first diagnostics. */
  async open(uri: string, text: string, version = 1): Promise<PublishDiagnosticsParams> {
    const diagnostics = this.waitForDiagnostics(uri, version);
    await this.didOpen(uri, text, version);
    return diagnostics;
  }

  /** Only sends didOpen, for tests that expect no diagnostics for this version. */
  didOpen(uri: string, text: string, version = 1): Promise<void> {
    return this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: LANGUAGE_ID, version, text } });
  }

  change(uri: string, version: number, contentChanges: TextDocumentContentChangeEvent[]): Promise<void> {
    return this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges });
  }

  close(uri: string): Promise<void> {
    return this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  changeConfiguration(settings: unknown): Promise<void> {
    return this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings });
  }

  /** Typed requests go through `connection.sendRequest(SomeRequest.type, params)`; this sends anything, for garbage tests. */
  sendRaw(method: string, params: unknown): Promise<unknown> {
    return this.connection.sendRequest(method, params);
  }

  /** The orderly end: shutdown, exit, and the process's exit code. */
  async shutdown(): Promise<number | null> {
    await this.connection.sendRequest(ShutdownRequest.type);
    await this.connection.sendNotification(ExitNotification.type);
    const code = await this.exited;
    this.connection.dispose();
    return code;
  }

  /** Cleanup for after-hooks: ends the server if a test left it running. */
  async dispose(): Promise<void> {
    if (this.process.exitCode === null && this.process.signalCode === null) {
      this.process.kill();
      await this.exited;
    }
    this.connection.dispose();
  }
}
