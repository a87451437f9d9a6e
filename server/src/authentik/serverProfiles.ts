import type { ServerProfile, ServerProfileResult } from '../../../common/authentik/serverSchema';
import type { Profile } from '../../../common/profiles';
import type { ScopedConnection } from '../../../common/protocol';
import { connectionKey } from './scopedReferences';

export interface ServerProfilesOptions {
  /** The profile kept from an earlier session, read before the server is asked. */
  cached(connection: ScopedConnection): Promise<ServerProfile | undefined>;
  /** Asks the server (its schema, else its version). */
  load(connection: ScopedConnection): Promise<ServerProfileResult>;
  /** The key of the connection a file (by URI) uses. */
  keyFor(uri: string): string | undefined;
  /** A server's profile arrived or changed: documents are checked again. */
  onChange(): void;
  /** Why a server's own schema is not what files are checked with; said once per server. */
  onMessage(message: string): void;
}

interface Entry {
  profile: Profile | undefined;
  /** Why the server's own schema is not what files are checked with, from its last answer. */
  message?: string;
  settled: Promise<void>;
}

/**
 * The profile of each configured server, fetched once per server (and token) while it stays
 * configured: the cached one at once, then the server's own answer. `profileFor` never waits.
 */
export class ServerProfiles {
  private entries = new Map<string, Entry>();

  constructor(private readonly options: ServerProfilesOptions) {}

  /** Keeps the entries of servers still configured, starts loading the new ones. */
  set(connections: readonly ScopedConnection[]): void {
    const next = new Map<string, Entry>();
    for (const connection of connections) {
      const key = connectionKey(connection);
      if (!key || next.has(key)) continue;
      next.set(key, this.entries.get(key) ?? this.start(key, connection));
    }
    const dropped = [...this.entries.keys()].some((key) => !next.has(key) && this.entries.get(key)?.profile);
    this.entries = next;
    if (dropped) this.options.onChange();
  }

  /** Asks every server again (its release may have changed); the profiles in use stay until the answers come. */
  reload(connections: readonly ScopedConnection[]): void {
    const previous = this.entries;
    this.entries = new Map();
    for (const connection of connections) {
      const key = connectionKey(connection);
      if (!key || this.entries.has(key)) continue;
      const entry = this.start(key, connection);
      entry.profile = previous.get(key)?.profile;
      this.entries.set(key, entry);
    }
  }

  profileFor(uri: string): Profile | undefined {
    const key = this.options.keyFor(uri);
    return key ? this.entries.get(key)?.profile : undefined;
  }

  /** The profile for a file once its server has answered (or failed to), and what its answer said against using its schema. */
  async settledProfileFor(uri: string): Promise<{ profile: Profile | undefined; message?: string }> {
    const key = this.options.keyFor(uri);
    const entry = key ? this.entries.get(key) : undefined;
    if (!entry) return { profile: undefined };
    await entry.settled;
    return { profile: entry.profile, message: entry.message };
  }

  private start(key: string, connection: ScopedConnection): Entry {
    const entry: Entry = { profile: undefined, settled: Promise.resolve() };
    const current = () => this.entries.get(key) === entry;
    const use = (profile: Profile | undefined) => {
      if (!current() || profile === entry.profile) return;
      entry.profile = profile;
      this.options.onChange();
    };
    entry.settled = (async () => {
      const cached = await this.options.cached(connection).catch(() => undefined);
      if (cached) use(cached.profile);
      const result = await this.options.load(connection);
      if (!current()) return;
      entry.message = result.message;
      if (result.kind === 'none') {
        // A server that cannot say what it runs keeps the profile kept from before, if any.
        this.options.onMessage(result.message);
        return;
      }
      if (result.message) this.options.onMessage(result.message);
      // The same release from the cache and from the server: keep the object, so nothing is validated again.
      const same = entry.profile && entry.profile.releases.from === result.profile.releases.from && entry.profile.source === result.profile.source;
      if (!same) use(result.profile);
    })().catch((error: unknown) => this.options.onMessage(`The server's profile could not be loaded: ${(error as Error)?.message ?? String(error)}`));
    return entry;
  }
}
