import { RefreshReferencesResult, ReferencesState, ScopedConnection } from '../../../common/protocol';
import { ReferenceSource } from '../service/references';
import type { LiveReferenceSource } from './liveReferences';

export interface SourceEvents {
  /** New objects arrived. */
  onChange(): void;
  onStatus(state: ReferencesState, message: string): void;
}

export interface ScopedReferencesOptions {
  /** Makes the live source for one server (the language server loads the HTTP client only then). */
  createSource(connection: ScopedConnection, events: SourceEvents): LiveReferenceSource;
  /** New objects arrived from one of the current servers. */
  onChange(): void;
  /** Reference lookups of one of the current servers changed state, or a scope lost its server. */
  onStatus(state: ReferencesState, message: string): void;
}

/** One key per server, token and http permission: folders with the same key share what is fetched. */
export function connectionKey(connection: ScopedConnection): string | undefined {
  return connection.serverUrl ? JSON.stringify([connection.serverUrl, connection.token ?? '', connection.allowInsecureHttp]) : undefined;
}

const NOT_CONFIGURED: RefreshReferencesResult = { ok: false, message: 'No authentik server is configured (authentik.serverUrl).' };

/**
 * The reference source of each workspace folder (each can set its own authentik.serverUrl), and of
 * files in no folder. Folders that use the same server with the same token share one source. When a
 * folder loses its server, completion keeps the lists it had, marked as cached.
 */
export class ScopedReferences {
  /** Longest scope first, so the first one containing a file is its folder. */
  private scopes: { scopeUri: string | null; key: string | undefined }[] = [];
  private readonly live = new Map<string, LiveReferenceSource>();
  private readonly frozen = new Map<string | null, ReferenceSource>();

  constructor(private readonly options: ScopedReferencesOptions) {}

  /** Replaces every scope's connection; a source whose server and token did not change is kept as it is. */
  set(connections: readonly ScopedConnection[]): void {
    const previous = new Map(this.scopes.map((s) => [s.scopeUri, s.key]));
    const keep = new Map<string, LiveReferenceSource>();
    const started: LiveReferenceSource[] = [];
    let lostServer = false;
    this.scopes = connections
      .map((connection) => {
        const key = connectionKey(connection);
        const before = previous.get(connection.scopeUri);
        if (key) {
          this.frozen.delete(connection.scopeUri);
          if (!keep.has(key)) {
            const existing = this.live.get(key);
            const source: LiveReferenceSource = existing ?? this.createSource(connection, () => this.live.get(key) === source);
            if (!existing) started.push(source);
            keep.set(key, source);
          }
        } else if (before) {
          const snapshot = this.live.get(before)?.snapshot();
          if (snapshot) {
            this.frozen.set(connection.scopeUri, snapshot);
            lostServer = true;
          }
        }
        return { scopeUri: connection.scopeUri, key };
      })
      .sort((a, b) => (b.scopeUri ?? '').length - (a.scopeUri ?? '').length);
    for (const scope of new Set(previous.keys())) if (!this.scopes.some((s) => s.scopeUri === scope)) this.frozen.delete(scope);
    this.live.clear();
    for (const [key, source] of keep) this.live.set(key, source);
    if (lostServer) this.options.onStatus('unconfigured', 'authentik references: no server connection now; completion uses the last list fetched.');
    for (const source of started) void source.refresh();
  }

  /** The source for a file: its folder's (the longest folder URI it starts with), else that of files in no folder. */
  sourceFor(uri: string): ReferenceSource | undefined {
    const scope = this.scopeOf(uri);
    if (!scope) return undefined;
    return (scope.key ? this.live.get(scope.key) : undefined) ?? this.frozen.get(scope.scopeUri);
  }

  /**
   * The source for a file with lists a deploy can resolve against: fetched again first when they are
   * old, unknown or from a failed refresh, or always with `force`; none without a connection (not the
   * lists kept for completion). `failure` says why they may be missing (no server, the fetch failed);
   * `fetched`: they were fetched for this call.
   */
  async freshSourceFor(uri: string, force = false): Promise<{ source: ReferenceSource | undefined; failure?: string; fetched: boolean }> {
    const scope = this.scopeOf(uri);
    const live = scope?.key ? this.live.get(scope.key) : undefined;
    // Never the lists kept from a server the scope had before: they may be another environment's objects.
    if (!live) return { source: undefined, failure: 'No authentik server is connected for this file.', fetched: false };
    if (!force && live.isFresh()) return { source: live, fetched: false };
    const outcome = await live.refresh();
    return outcome.ok ? { source: live, fetched: true } : { source: live, failure: `Fetching the server's objects failed: ${outcome.message}`, fetched: true };
  }

  /** Fetches the lists again: those of the scope of `uri`, or of every server. */
  async refresh(uri?: string): Promise<RefreshReferencesResult> {
    const scope = uri === undefined ? undefined : this.scopeOf(uri);
    const sources = uri === undefined ? [...this.live.values()] : scope?.key ? [this.live.get(scope.key)!] : [];
    if (sources.length === 0) return NOT_CONFIGURED;
    const results = await Promise.all(sources.map((s) => s.refresh()));
    if (results.length === 1) return results[0];
    return { ok: results.every((r) => r.ok), message: results.map((r) => r.message).join(' ') };
  }

  /** The server (and token) a file's folder uses, as one key; undefined when it has none. */
  connectionKeyFor(uri: string): string | undefined {
    return this.scopeOf(uri)?.key;
  }

  /** The scope a file or folder belongs to (`null`: files in no folder), or undefined when there is none. */
  scopeUriFor(uri: string): string | null | undefined {
    return this.scopeOf(uri)?.scopeUri;
  }

  private scopeOf(uri: string) {
    return this.scopes.find((s) => s.scopeUri !== null && (uri === s.scopeUri || uri.startsWith(s.scopeUri.endsWith('/') ? s.scopeUri : `${s.scopeUri}/`))) ?? this.scopes.find((s) => s.scopeUri === null);
  }

  /** Events of a source are passed on only while it is one of the current ones. */
  private createSource(connection: ScopedConnection, current: () => boolean): LiveReferenceSource {
    return this.options.createSource(connection, {
      onChange: () => {
        if (current()) this.options.onChange();
      },
      onStatus: (state, message) => {
        if (current()) this.options.onStatus(state, message);
      },
    });
  }
}
