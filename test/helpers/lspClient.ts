import { ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createMessageConnection, Message, MessageConnection, MessageReader, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import type {
  ClientCapabilities,
  CompletionItem,
  CompletionList,
  ConfigurationItem,
  InitializeResult,
  LogMessageParams,
  Position,
  PublishDiagnosticsParams,
  Range,
  TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol';

export const SERVER_PATH = path.resolve(__dirname, '../../dist/server.js');
export const LANGUAGE_ID = 'authentik-oauth2provider';

/** How to start a language server process. */
export interface ServerCommand {
  command: string;
  args: string[];
  cwd?: string;
  /** Added to this process's environment (e.g. AUTHENTIK_URL / AUTHENTIK_TOKEN). */
  env?: NodeJS.ProcessEnv;
}

/** Our server as an editor other than VS Code runs it. */
export const OUR_SERVER: ServerCommand = { command: process.execPath, args: [SERVER_PATH, '--stdio'] };

export interface StartOptions {
  /** Default: our server (`node dist/server.js --stdio`). */
  server?: ServerCommand;
  /** Extra environment for the server process. */
  env?: NodeJS.ProcessEnv;
  capabilities?: ClientCapabilities;
  initializationOptions?: unknown;
  rootUri?: string | null;
  /** Answers the server's `workspace/configuration`, one value per item (may be async to hold the answer back). */
  configuration?: (item: ConfigurationItem) => unknown;
}

interface Waiter {
  method: string;
  matches: (params: unknown) => boolean;
  resolve: (params: unknown) => void;
}

/**
 * One LSP client for the tests and the benchmark: a real server process over stdio, spoken to
 * with JSON-RPC (typed requests, or any method and params for garbage tests). Callers wait for
 * messages (diagnostics of a uri and version, responses), never for a fixed time.
 */
export class LspClient {
  /** Every publishDiagnostics notification received, in order. */
  readonly published: PublishDiagnosticsParams[] = [];
  /** Every `window/logMessage`: where the server reports handler failures. */
  readonly logs: LogMessageParams[] = [];
  /** Every `workspace/configuration` item the server asked for. */
  readonly configurationRequests: ConfigurationItem[] = [];
  /** What the server wrote to stderr (the last 64 KiB). */
  stderr = '';
  readonly exited: Promise<number | null>;
  /** How the server wants document changes: set from its `initialize` result. */
  syncKind: 'full' | 'incremental' = 'full';
  private readonly waiters: Waiter[] = [];
  private readonly arrivals = new WeakMap<object, number>();
  private rawIds = 0;

  private constructor(
    readonly process: ChildProcessWithoutNullStreams,
    readonly connection: MessageConnection,
    configuration: StartOptions['configuration'],
    private readonly rawAnswers: Map<string, (answer: RawAnswer) => void>,
  ) {
    this.exited = new Promise((resolve) => process.once('exit', (code) => resolve(code)));
    process.stderr.setEncoding('utf8').on('data', (chunk: string) => (this.stderr = (this.stderr + chunk).slice(-65536)));
    connection.onNotification((method, params) => {
      if (params && typeof params === 'object') this.arrivals.set(params, performance.now());
      if (method === 'textDocument/publishDiagnostics') this.published.push(params as PublishDiagnosticsParams);
      if (method === 'window/logMessage') this.logs.push(params as LogMessageParams);
      for (const waiter of [...this.waiters]) {
        if (waiter.method !== method || !waiter.matches(params)) continue;
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(params);
      }
    });
    connection.onRequest('workspace/configuration', async (params: { items: ConfigurationItem[] }) => {
      this.configurationRequests.push(...params.items);
      return Promise.all(params.items.map(async (item) => (configuration ? ((await configuration(item)) ?? null) : null)));
    });
    // Registrations, progress tokens and any other server-to-client request: accept and move on.
    connection.onRequest(() => null);
    // A closed pipe after exit is expected; anything else shows up as a failed request.
    connection.onError(() => undefined);
    connection.listen();
  }

  /** Spawns the server without initializing it (to time the start, or to send a custom `initialize`). */
  static spawn(options: Pick<StartOptions, 'server' | 'env' | 'configuration'> = {}): LspClient {
    const server = options.server ?? OUR_SERVER;
    if (server === OUR_SERVER && !fs.existsSync(SERVER_PATH)) throw new Error(`${SERVER_PATH} is missing: run "npm run build" first.`);
    const child = spawn(server.command, server.args, { cwd: server.cwd, stdio: 'pipe', env: { ...process.env, ...server.env, ...options.env } });
    const rawAnswers = new Map<string, (answer: RawAnswer) => void>();
    const connection = createMessageConnection(answersTaken(new StreamMessageReader(child.stdout), rawAnswers), new StreamMessageWriter(child.stdin));
    return new LspClient(child, connection, options.configuration, rawAnswers);
  }

  /** Spawns the server, runs `initialize` and sends `initialized`. */
  static async start(options: StartOptions = {}): Promise<{ client: LspClient; initializeResult: InitializeResult }> {
    const client = LspClient.spawn(options);
    const initializeResult = await client.initialize({ capabilities: options.capabilities, initializationOptions: options.initializationOptions, rootUri: options.rootUri });
    await client.initialized();
    return { client, initializeResult };
  }

  /** Sends `initialize` and resolves with its result (before `initialized` is sent). */
  async initialize(params: { capabilities?: ClientCapabilities; initializationOptions?: unknown; rootUri?: string | null } = {}): Promise<InitializeResult> {
    const rootUri = params.rootUri ?? null;
    const result = (await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: rootUri ? [{ uri: rootUri, name: 'workspace' }] : null,
      capabilities: params.capabilities ?? {},
      initializationOptions: params.initializationOptions,
    })) as InitializeResult;
    const sync = result.capabilities.textDocumentSync;
    const change = typeof sync === 'number' ? sync : sync?.change;
    this.syncKind = change === 2 ? 'incremental' : 'full';
    return result;
  }

  initialized(): Promise<void> {
    return this.connection.sendNotification('initialized', {});
  }

  /** The next notification `method` whose params satisfy `matches`; register before sending what causes it. */
  next<T>(method: string, matches: (params: T) => boolean = () => true, timeoutMs?: number): Promise<T> {
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { method, matches: matches as (params: unknown) => boolean, resolve: resolve as (params: unknown) => void };
      this.waiters.push(waiter);
      if (timeoutMs === undefined) return;
      const timer = setTimeout(() => {
        const index = this.waiters.indexOf(waiter);
        if (index < 0) return;
        this.waiters.splice(index, 1);
        reject(new Error(`no matching ${method} within ${timeoutMs} ms${this.alive ? '' : ' (server exited)'}\n${this.stderr.slice(-4000)}`));
      }, timeoutMs);
      waiter.resolve = (params) => {
        clearTimeout(timer);
        resolve(params as T);
      };
    });
  }

  /**
   * The next publishDiagnostics for `uri` that satisfies `match` (a version number, or a predicate
   * that sees every publication for the uri in order, so it can also count the ones it rejects).
   */
  waitForDiagnostics(uri: string, match: number | ((params: PublishDiagnosticsParams) => boolean), timeoutMs?: number): Promise<PublishDiagnosticsParams> {
    const matches = typeof match === 'number' ? (p: PublishDiagnosticsParams) => p.version === match : match;
    return this.next<PublishDiagnosticsParams>('textDocument/publishDiagnostics', (p) => p.uri === uri && matches(p), timeoutMs);
  }

  /** When a notification arrived, on this process's `performance.now()` clock. */
  receivedAt(params: object): number {
    const at = this.arrivals.get(params);
    if (at === undefined) throw new Error('not a notification this client received');
    return at;
  }

  publishedFor(uri: string): PublishDiagnosticsParams[] {
    return this.published.filter((p) => p.uri === uri);
  }

  /** Opens a document and resolves with its diagnostics for that version. */
  async open(uri: string, text: string, options: { version?: number; languageId?: string; timeoutMs?: number } = {}): Promise<PublishDiagnosticsParams> {
    const version = options.version ?? 1;
    const diagnostics = this.waitForDiagnostics(uri, version, options.timeoutMs);
    await this.didOpen(uri, text, options);
    return diagnostics;
  }

  /** Only sends didOpen, for tests that expect no diagnostics for this version. */
  didOpen(uri: string, text: string, options: { version?: number; languageId?: string } = {}): Promise<void> {
    return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: options.languageId ?? LANGUAGE_ID, version: options.version ?? 1, text } });
  }

  change(uri: string, version: number, contentChanges: TextDocumentContentChangeEvent[]): Promise<void> {
    return this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
  }

  /** Replaces `range` of the previous text, as the server asked: the edit alone, or the whole new text. */
  edit(uri: string, version: number, edit: { range: Range; newText: string }, fullText: string): Promise<void> {
    return this.change(uri, version, this.syncKind === 'incremental' ? [{ range: edit.range, text: edit.newText }] : [{ text: fullText }]);
  }

  close(uri: string): Promise<void> {
    return this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  changeConfiguration(settings: unknown): Promise<void> {
    return this.connection.sendNotification('workspace/didChangeConfiguration', { settings });
  }

  async complete(uri: string, position: Position): Promise<CompletionItem[]> {
    const result = (await this.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position })) as CompletionItem[] | CompletionList | null;
    if (!result) return [];
    return Array.isArray(result) ? result : result.items;
  }

  /** Any request, any params: typed requests go through `connection.sendRequest(SomeRequest.type, params)`. */
  request<T = unknown>(method: string, params: unknown): Promise<T> {
    return this.connection.sendRequest(method, params) as Promise<T>;
  }

  notify(method: string, params: unknown): Promise<void> {
    return this.connection.sendNotification(method, params);
  }

  /**
   * Writes JSON-RPC messages exactly as given (each framed with its Content-Length), in one write, bypassing
   * the typed connection: for params no well-behaved client would send (`null`, `["x"]`, none at all), or
   * for messages that must reach the server together. Await earlier sends first.
   */
  sendRaw(...messages: Record<string, unknown>[]): Promise<void> {
    const frames = messages.map((message) => {
      const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }), 'utf8');
      return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]);
    });
    return new Promise((resolve, reject) => this.process.stdin.write(Buffer.concat(frames), (error) => (error ? reject(error) : resolve())));
  }

  /**
   * Sends a request with raw params (none when `params` is undefined), written together with `before`,
   * and resolves with the server's answer as written.
   */
  async rawRequest(method: string, params?: unknown, before: Record<string, unknown>[] = []): Promise<RawAnswer> {
    const id = `raw-${++this.rawIds}`;
    const answered = new Promise<RawAnswer>((resolve) => this.rawAnswers.set(id, resolve));
    await this.sendRaw(...before, params === undefined ? { id, method } : { id, method, params });
    return answered;
  }

  get alive(): boolean {
    return this.process.exitCode === null && this.process.signalCode === null;
  }

  /** Resident memory of the server process now, from /proc (kB), or undefined off Linux. */
  residentKb(): number | undefined {
    try {
      const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(fs.readFileSync(`/proc/${this.process.pid}/status`, 'utf8'));
      return match ? Number(match[1]) : undefined;
    } catch {
      return undefined;
    }
  }

  /** The orderly end: shutdown, exit, and the process's exit code. */
  async shutdown(): Promise<number | null> {
    await this.connection.sendRequest('shutdown');
    await this.connection.sendNotification('exit');
    const code = await this.exited;
    this.connection.dispose();
    return code;
  }

  /** Polite shutdown that cannot hang: the process is killed if it has not left within a few seconds. */
  async stop(): Promise<void> {
    if (this.alive) {
      const kill = setTimeout(() => this.process.kill('SIGKILL'), 3000);
      try {
        await Promise.race([this.connection.sendRequest('shutdown'), delay(3000)]);
        await this.connection.sendNotification('exit');
      } catch {
        // The connection may already be closed; the kill still ends the process.
      }
      await this.exited;
      clearTimeout(kill);
    }
    this.connection.dispose();
  }

  /** Cleanup for after-hooks: ends the server at once if a test left it running. */
  async dispose(): Promise<void> {
    if (this.alive) {
      this.process.kill();
      await this.exited;
    }
    this.connection.dispose();
  }
}

/** The answer to a raw request, as the server wrote it. */
export interface RawAnswer {
  result?: unknown;
  error?: { code: number; message: string };
}

/** A reader that hands the answers to raw requests to their waiters, and everything else to the connection. */
function answersTaken(reader: MessageReader, waiting: Map<string, (answer: RawAnswer) => void>): MessageReader {
  return {
    onError: reader.onError,
    onClose: reader.onClose,
    onPartialMessage: reader.onPartialMessage,
    dispose: () => reader.dispose(),
    listen: (callback) =>
      reader.listen((message: Message) => {
        const id = (message as { id?: unknown }).id;
        const resolve = typeof id === 'string' ? waiting.get(id) : undefined;
        if (!resolve || 'method' in message) return callback(message);
        waiting.delete(id as string);
        resolve(message as RawAnswer);
      }),
  };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
