import { ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createMessageConnection, MessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';

export const SERVER_PATH = path.resolve(__dirname, '../../dist/server.js');

interface Waiter {
  method: string;
  matches: (params: unknown) => boolean;
  resolve: (params: unknown) => void;
}

interface Position {
  line: number;
  character: number;
}

/** `textDocument/publishDiagnostics` params, as far as these tests read them. */
export interface PublishedDiagnostics {
  uri: string;
  version?: number;
  diagnostics: { code: string; message: string; range: { start: Position; end: Position } }[];
}

/**
 * The language server as an editor runs it (`node dist/server.js --stdio`), spoken to with plain
 * JSON-RPC: any method, any params, including ones the typed protocol would not let us send.
 */
export class RawLspServer {
  /** Every `window/logMessage` the server sent: where it reports handler failures. */
  readonly logs: { type: number; message: string }[] = [];
  stderr = '';
  readonly exited: Promise<number | null>;
  private readonly waiters: Waiter[] = [];

  private constructor(
    readonly process: ChildProcessWithoutNullStreams,
    readonly connection: MessageConnection,
  ) {
    this.exited = new Promise((resolve) => process.once('exit', (code) => resolve(code)));
    process.stderr.setEncoding('utf8').on('data', (chunk: string) => (this.stderr += chunk));
    connection.onNotification((method, params) => {
      if (method === 'window/logMessage') this.logs.push(params as { type: number; message: string });
      for (const waiter of [...this.waiters]) {
        if (waiter.method !== method || !waiter.matches(params)) continue;
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(params);
      }
    });
    connection.onError(() => undefined); // a closed pipe after exit is expected
    connection.listen();
  }

  static async start(): Promise<RawLspServer> {
    if (!fs.existsSync(SERVER_PATH)) throw new Error(`${SERVER_PATH} is missing: run "npm run build" first.`);
    const child = spawn(process.execPath, [SERVER_PATH, '--stdio'], { stdio: 'pipe' });
    const server = new RawLspServer(child, createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin)));
    await server.connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
    await server.connection.sendNotification('initialized', {});
    return server;
  }

  /** The next notification `method` whose params satisfy `matches`; register before sending what causes it. */
  next<T>(method: string, matches: (params: T) => boolean = () => true): Promise<T> {
    return new Promise((resolve) => this.waiters.push({ method, matches: matches as (params: unknown) => boolean, resolve: resolve as (params: unknown) => void }));
  }

  /** Opens a document and resolves with its first published diagnostics. */
  async open(uri: string, text: string, version = 1): Promise<PublishedDiagnostics> {
    const published = this.next<PublishedDiagnostics>('textDocument/publishDiagnostics', (p) => p.uri === uri && p.version === version);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'authentik-oauth2provider', version, text } });
    return published;
  }

  request<T>(method: string, params: unknown): Promise<T> {
    return this.connection.sendRequest(method, params) as Promise<T>;
  }

  notify(method: string, params: unknown): Promise<void> {
    return this.connection.sendNotification(method, params);
  }

  get alive(): boolean {
    return this.process.exitCode === null && this.process.signalCode === null;
  }

  async shutdown(): Promise<number | null> {
    await this.connection.sendRequest('shutdown');
    await this.connection.sendNotification('exit');
    const code = await this.exited;
    this.connection.dispose();
    return code;
  }

  async dispose(): Promise<void> {
    if (this.alive) {
      this.process.kill();
      await this.exited;
    }
    this.connection.dispose();
  }
}
