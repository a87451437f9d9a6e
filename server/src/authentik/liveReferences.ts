import { AuthentikApi, ApiResult, Clock, systemClock } from '../../../common/authentik/apiClient';
import { RefreshReferencesResult, ReferencesState } from '../../../common/protocol';
import { ReferenceKind, ReferenceList, ReferenceObject, ReferenceSource } from '../service/references';

export type { ReferencesState };

interface RawObject {
  pk: string;
  name?: string;
  slug?: string;
  designation?: string;
  scope_name?: string;
}

interface Endpoint {
  path: string;
  query: Record<string, string | boolean>;
  /** Older servers (before 2024.8) list scope mappings here. */
  fallbackPath?: string;
}

/** The list endpoints, filtered as authentik's own UI does for these fields. Flows come with all designations, so a wrong one can be flagged. */
export const REFERENCE_ENDPOINTS: Record<ReferenceKind, Endpoint> = {
  flow: { path: '/api/v3/flows/instances/', query: { ordering: 'slug' } },
  certificateKeyPair: { path: '/api/v3/crypto/certificatekeypairs/', query: { has_key: true, include_details: false, ordering: 'name' } },
  scopeMapping: { path: '/api/v3/propertymappings/provider/scope/', query: { ordering: 'scope_name' }, fallbackPath: '/api/v3/propertymappings/scope/' },
  oauthSource: { path: '/api/v3/sources/oauth/', query: { has_jwks: true, ordering: 'name' } },
};

const KINDS = Object.keys(REFERENCE_ENDPOINTS) as ReferenceKind[];

/** Every object these lists hold has a UUID for its pk; completion inserts it into the file as it is. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An object of a list as the server sent it, or undefined when it is not one (no UUID pk, not an object). */
function toReference(raw: unknown): ReferenceObject | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const { pk, name, slug, designation, scope_name: scopeName } = raw as Partial<Record<keyof RawObject, unknown>>;
  if (typeof pk !== 'string' || !UUID.test(pk)) return undefined;
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  return { pk, name: text(name) ?? pk, slug: text(slug), designation: text(designation), scopeName: text(scopeName) };
}

export interface LiveReferenceOptions {
  ttlMs: number;
  clock?: Clock;
  /** Called after new objects arrived (to revalidate and refresh hints). */
  onChange?: () => void;
  /** Called when the lookup state changes (not on every failure), so the user is told once. */
  onStatus?: (state: ReferencesState, message: string) => void;
}

/**
 * UUID references fetched from the server, cached, and refreshed in the background after a TTL.
 * `list` never waits on the network: it answers from the cache (marked stale when the last refresh
 * failed) and starts a refresh when the cache is old.
 */
export class LiveReferenceSource implements ReferenceSource {
  private readonly cache = new Map<ReferenceKind, ReferenceObject[]>();
  private fetchedAt = -Infinity;
  private inFlight: Promise<RefreshOutcome> | undefined;
  private state: ReferencesState | undefined;
  private readonly clock: Clock;
  /** Bumped with every new set of lists, so cached validations know they are outdated. */
  generation = 0;

  constructor(
    private readonly api: AuthentikApi,
    private readonly options: LiveReferenceOptions,
  ) {
    this.clock = options.clock ?? systemClock;
  }

  list(kind: ReferenceKind): ReferenceList | undefined {
    if (this.clock.now() - this.fetchedAt > this.options.ttlMs) void this.refresh();
    const objects = this.cache.get(kind);
    if (!objects) return undefined;
    return { objects, stale: this.state !== 'ok' };
  }

  /** The objects fetched so far, frozen and marked stale: what completion keeps when the connection goes away. */
  snapshot(): ReferenceSource | undefined {
    if (this.cache.size === 0) return undefined;
    const lists = new Map(this.cache);
    return { list: (kind) => (lists.has(kind) ? { objects: lists.get(kind)!, stale: true } : undefined) };
  }

  get status(): ReferencesState | undefined {
    return this.state;
  }

  /** Fetches every kind (all pages). Concurrent calls share one refresh. */
  refresh(): Promise<RefreshOutcome> {
    if (!this.inFlight) {
      this.inFlight = this.fetchAll().finally(() => {
        this.inFlight = undefined;
      });
    }
    return this.inFlight;
  }

  private async fetchAll(): Promise<RefreshOutcome> {
    // Mark the attempt first, so a failing server is not asked again on every keystroke.
    this.fetchedAt = this.clock.now();
    const results = await Promise.all(KINDS.map((kind) => this.fetchKind(kind)));
    const failure = results.find((r) => !r.result.ok);
    if (failure && !failure.result.ok) {
      const f = failure.result.failure;
      const state: ReferencesState = f.kind === 'forbidden' ? 'unauthorized' : f.kind === 'config' ? 'unconfigured' : 'offline';
      const cached = this.cache.size > 0 ? ' Completion uses the last list fetched.' : '';
      this.setState(state, `authentik references unavailable: ${f.message}${cached}`);
      return { ok: false, message: f.message };
    }
    const counts: Record<string, number> = {};
    for (const { kind, result } of results) {
      if (result.ok) {
        this.cache.set(kind, result.body.map(toReference).filter((object): object is ReferenceObject => object !== undefined));
        counts[kind] = result.body.length;
      }
    }
    this.generation++;
    this.setState('ok', `authentik references loaded from ${this.api.baseUrl}.`);
    this.options.onChange?.();
    return { ok: true, message: `Loaded ${Object.entries(counts).map(([k, n]) => `${n} ${k}`).join(', ')}.`, counts };
  }

  private async fetchKind(kind: ReferenceKind): Promise<{ kind: ReferenceKind; result: ApiResult<RawObject[]> }> {
    const endpoint = REFERENCE_ENDPOINTS[kind];
    let result = await this.api.listAll<RawObject>(endpoint.path, endpoint.query);
    if (!result.ok && result.failure.status === 404 && endpoint.fallbackPath) {
      result = await this.api.listAll<RawObject>(endpoint.fallbackPath, endpoint.query);
    }
    return { kind, result };
  }

  private setState(state: ReferencesState, message: string): void {
    if (state === this.state) return;
    this.state = state;
    this.options.onStatus?.(state, message);
  }
}

export type RefreshOutcome = RefreshReferencesResult;
