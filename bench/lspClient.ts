import { spawn, ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { createMessageConnection, MessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { CompletionItem, CompletionList, Diagnostic, Position, Range } from 'vscode-languageserver-types';

/** What a server published for one document, stamped with the client's clock on arrival. */
export interface Publication {
  uri: string;
  version?: number;
  diagnostics: Diagnostic[];
  receivedAt: number;
}

/** Answers `workspace/configuration` items; `section` is what the server asked for. */
export type ConfigurationResponder = (section: string | undefined, scopeUri: string | undefined) => unknown;

export interface ServerCommand {
  command: string;
  args: string[];
  cwd: string;
}

interface Waiter {
  accept: (publication: Publication) => boolean;
  resolve: (publication: Publication) => void;
}

/**
 * A minimal LSP client over stdio: the same code drives every server in the benchmark,
 * so protocol overhead on the client side is the same for both.
 */
export class LspClient {
  private readonly waiters = new Map<string, Set<Waiter>>();
  private readonly latest = new Map<string, Publication>();
  private stderrTail = '';
  private exited = false;
  syncKind: 'full' | 'incremental' = 'full';

  private constructor(
    private readonly child: ChildProcess,
    private readonly connection: MessageConnection,
  ) {
    child.stderr?.on('data', (chunk: Buffer) => {
      this.stderrTail = (this.stderrTail + chunk.toString('utf8')).slice(-4000);
    });
    child.on('exit', () => {
      this.exited = true;
    });
  }

  static start(server: ServerCommand, configuration: ConfigurationResponder): LspClient {
    const child = spawn(server.command, server.args, { cwd: server.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new LspClient(child, connection);
    connection.onNotification('textDocument/publishDiagnostics', (params: { uri: string; version?: number; diagnostics: Diagnostic[] }) =>
      client.published({ ...params, receivedAt: performance.now() }),
    );
    connection.onRequest('workspace/configuration', (params: { items: { section?: string; scopeUri?: string }[] }) =>
      params.items.map((item) => configuration(item.section, item.scopeUri) ?? null),
    );
    // Registrations, progress tokens and any other server-to-client request: accept and move on.
    connection.onRequest(() => null);
    connection.onNotification((method: string, params: unknown) => {
      if (process.env.BENCH_DEBUG) process.stderr.write(`${method} ${JSON.stringify(params).slice(0, 500)}\n`);
    });
    // A server that dies mid-run surfaces as a timeout with its stderr, not as an unhandled error here.
    connection.onError(() => undefined);
    connection.listen();
    return client;
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  /** The server's stderr so far (last few KB), for error messages. */
  get stderr(): string {
    return this.stderrTail;
  }

  /** Sends `initialize`, resolves when its result arrived (before `initialized` is sent). */
  async initialize(rootUri: string, initializationOptions?: unknown): Promise<void> {
    const result = (await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: 'bench' }],
      initializationOptions,
      capabilities: {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, workspaceFolders: true },
        textDocument: {
          synchronization: { dynamicRegistration: false, didSave: false },
          publishDiagnostics: { versionSupport: true, relatedInformation: false },
          completion: { completionItem: { snippetSupport: true } },
          hover: { contentFormat: ['markdown', 'plaintext'] },
        },
      },
    })) as { capabilities: { textDocumentSync?: number | { change?: number } } };
    const sync = result.capabilities.textDocumentSync;
    const change = typeof sync === 'number' ? sync : sync?.change;
    this.syncKind = change === 2 ? 'incremental' : 'full';
  }

  async initialized(): Promise<void> {
    await this.connection.sendNotification('initialized', {});
  }

  async didChangeConfiguration(settings: unknown): Promise<void> {
    await this.connection.sendNotification('workspace/didChangeConfiguration', { settings });
  }

  async open(uri: string, languageId: string, version: number, text: string): Promise<void> {
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  /** Replaces `range` (of the previous text) with `newText`; sends the full text when the server only syncs full documents. */
  async change(uri: string, version: number, edit: { range: Range; newText: string }, fullText: string): Promise<void> {
    const contentChanges = this.syncKind === 'incremental' ? [{ range: edit.range, text: edit.newText }] : [{ text: fullText }];
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  async complete(uri: string, position: Position): Promise<CompletionItem[]> {
    const result = (await this.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position })) as
      | CompletionItem[]
      | CompletionList
      | null;
    if (!result) return [];
    return Array.isArray(result) ? result : result.items;
  }

  /** The last diagnostics published for `uri`, if any. */
  latestFor(uri: string): Publication | undefined {
    return this.latest.get(uri);
  }

  /**
   * Resolves with the first publication for `uri` that `accept` takes, from now on.
   * `accept` sees every publication for the uri in order, so it can also count the ones it rejects.
   */
  waitForDiagnostics(uri: string, accept: (publication: Publication) => boolean, timeoutMs: number): Promise<Publication> {
    return new Promise((resolve, reject) => {
      let set = this.waiters.get(uri);
      if (!set) this.waiters.set(uri, (set = new Set()));
      const waiter: Waiter = {
        accept,
        resolve: (publication) => {
          clearTimeout(timer);
          resolve(publication);
        },
      };
      const timer = setTimeout(() => {
        set!.delete(waiter);
        reject(new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms${this.exited ? ' (server exited)' : ''}\n${this.stderrTail}`));
      }, timeoutMs);
      set.add(waiter);
    });
  }

  /** Resident memory of the server process now, from /proc (kB), or undefined off Linux. */
  residentKb(): number | undefined {
    try {
      const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
      const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
      return match ? Number(match[1]) : undefined;
    } catch {
      return undefined;
    }
  }

  /** Polite shutdown; kills the process if it does not leave within a few seconds. */
  async stop(): Promise<void> {
    if (this.exited) return;
    const gone = new Promise<void>((resolve) => {
      if (this.exited) resolve();
      this.child.once('exit', () => resolve());
    });
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), delay(3000)]);
      await this.connection.sendNotification('exit');
    } catch {
      // The connection may already be closed; the kill below still ends the process.
    }
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 3000);
    await gone;
    clearTimeout(timer);
    this.connection.dispose();
  }

  private published(publication: Publication): void {
    this.latest.set(publication.uri, publication);
    const set = this.waiters.get(publication.uri);
    if (!set) return;
    for (const waiter of [...set]) {
      if (waiter.accept(publication)) {
        set.delete(waiter);
        waiter.resolve(publication);
      }
    }
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
