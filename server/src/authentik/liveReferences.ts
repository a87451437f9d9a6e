import { AuthentikApi, ApiResult, Clock, systemClock } from '../../../common/authentik/apiClient';
import { LIST_ENDPOINTS, ListEndpoint } from '../../../common/profiles';
import { RefreshReferencesResult, ReferencesState } from '../../../common/protocol';
import { ReferenceKind, ReferenceList, ReferenceObject, ReferenceSource } from '../service/references';

export type { ReferencesState };

interface RawObject {
  pk: string | number;
  name?: string;
  slug?: string;
  designation?: string;
  scope_name?: string;
  managed?: string | null;
  private_key_available?: boolean;
  verbose_name?: string;
}

/**
 * Every kind is fetched, OAuth2 providers too (`jwt_federation_providers`, 2024.12 on, names them by
 * integer pk), from the profile's endpoints (scope mappings moved in 2024.8: an older server answers
 * 404 at the new path, and the legacy one is asked). Flows come with every designation and key pairs
 * with and without a private key, so that a reference to the wrong one can be named as such; property
 * mappings of every kind are where the server looks up `property_mappings`.
 */
const KINDS = Object.keys(LIST_ENDPOINTS) as ReferenceKind[];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The pk as completion would insert it into the file, or undefined when it is not one: a UUID, and for
 * OAuth2 providers an integer. Anything else a server sends (null, text that would write YAML) is dropped.
 */
function pkOf(kind: ReferenceKind, pk: unknown): string | undefined {
  if (kind === 'oauth2Provider') return Number.isSafeInteger(pk) && (pk as number) >= 0 ? String(pk) : undefined;
  return typeof pk === 'string' && UUID.test(pk) ? pk : undefined;
}

/** An object of a list as the server sent it, or undefined when it is not one (not an object, no well-formed pk). */
function toReference(kind: ReferenceKind, raw: unknown): ReferenceObject | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
  const fields = raw as Partial<Record<keyof RawObject, unknown>>;
  const pk = pkOf(kind, fields.pk);
  if (pk === undefined) return undefined;
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  const object: ReferenceObject = { pk, name: text(fields.name) ?? pk, slug: text(fields.slug), designation: text(fields.designation), scopeName: text(fields.scope_name) };
  if (kind === 'certificateKeyPair' && typeof fields.private_key_available === 'boolean') object.privateKeyAvailable = fields.private_key_available;
  if (kind === 'propertyMapping' && typeof fields.verbose_name === 'string') object.kindName = fields.verbose_name;
  // The id that is the same on every server, which `!ref` may name a mapping by.
  if (typeof fields.managed === 'string' && fields.managed !== '') object.managed = fields.managed;
  return object;
}

export interface LiveReferenceOptions {
  ttlMs: number;
  /** Where each kind is listed: `Profile.endpoints` of the server's profile; default the bundled profiles' (the same for all). */
  endpoints?: Readonly<Record<ReferenceKind, ListEndpoint>>;
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

  /** Whether the lists are recent (within the TTL), complete and from a refresh that worked: a deploy fetches them first otherwise. */
  isFresh(): boolean {
    return !this.inFlight && this.state === 'ok' && this.clock.now() - this.fetchedAt <= this.options.ttlMs;
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
        this.cache.set(kind, result.body.map((raw) => toReference(kind, raw)).filter((object): object is ReferenceObject => object !== undefined));
        counts[kind] = result.body.length;
      }
    }
    this.generation++;
    this.setState('ok', `authentik references loaded from ${this.api.baseUrl}.`);
    this.options.onChange?.();
    return { ok: true, message: `Loaded ${Object.entries(counts).map(([k, n]) => `${n} ${k}`).join(', ')}.`, counts };
  }

  private async fetchKind(kind: ReferenceKind): Promise<{ kind: ReferenceKind; result: ApiResult<RawObject[]> }> {
    const endpoint = (this.options.endpoints ?? LIST_ENDPOINTS)[kind];
    let result = await this.api.listAll<RawObject>(endpoint.path, endpoint.query);
    if (!result.ok && result.failure.status === 404 && endpoint.legacy) {
      result = await this.api.listAll<RawObject>(endpoint.legacy.path, endpoint.query);
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
