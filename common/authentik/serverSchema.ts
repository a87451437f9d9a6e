import { AuthentikApi, Clock, systemClock } from './apiClient';
import { ConnectionConfig } from './connection';
import { HttpClient } from './http';
import { isProfileError, Profile, profileForVersion, profileFromOpenApi, SCHEMA_PATH, VERSION_PATH } from '../profiles';

/** Where the profiles built from servers' schemas are kept between sessions (one text per key). */
export interface ProfileStore {
  read(key: string): Promise<string | undefined>;
  write(key: string, text: string): Promise<void>;
}

export interface ServerProfileDeps {
  http: HttpClient;
  store?: ProfileStore;
  clock?: Clock;
}

/**
 * A server's profile, and where it came from:
 * - `schema`: built from the server's own `/api/v3/schema/` (`cached`: as read on an earlier day);
 * - `bundled`: the schema could not be used, the bundled profile for the release `/api/v3/admin/version/` names.
 */
export type ServerProfile =
  | { kind: 'schema'; profile: Profile; release: string; cached: boolean; fetchedAt: number; message?: string }
  | { kind: 'bundled'; profile: Profile; release: string; message: string };

export type ServerProfileResult = ServerProfile | { kind: 'none'; message: string };

/** What the cache keeps of a server's schema: the components the request schema needs, nothing else. */
interface CacheEntry {
  format: 1;
  baseUrl: string;
  release: string;
  fetchedAt: number;
  document: unknown;
}

/** The schema document is parsed from JSON; its components are followed this far, and no further. */
const MAX_COMPONENTS = 200;

/** A message as the end of a sentence: its own full stop or question mark, else one added. */
const sentence = (text: string) => (/[.?!]$/.test(text) ? text : `${text}.`);

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const own = (value: unknown, key: string): unknown => (isRecord(value) && Object.prototype.hasOwnProperty.call(value, key) ? value[key] : undefined);

/** The store key of a server (its base URL, path included: two authentik installs can share an origin). */
export function cacheKey(baseUrl: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < baseUrl.length; i++) hash = Math.imul(hash ^ baseUrl.charCodeAt(i), 0x01000193) >>> 0;
  const readable = baseUrl.replace(/^https?:\/\//, '').replace(/[^A-Za-z0-9.-]+/g, '_').slice(0, 80);
  return `server-profile-${readable}-${hash.toString(16).padStart(8, '0')}.json`;
}

/**
 * The part of an OpenAPI document the profile is built from: `OAuth2ProviderRequest`, every component
 * it refers to, and `FlowDesignationEnum`. A full authentik schema is megabytes; this is a few KiB.
 */
export function trimOpenApi(document: unknown): unknown {
  const schemas = own(own(document, 'components'), 'schemas');
  const kept: Record<string, unknown> = {};
  const queue = ['OAuth2ProviderRequest', 'FlowDesignationEnum'];
  while (queue.length > 0 && Object.keys(kept).length < MAX_COMPONENTS) {
    const name = queue.shift()!;
    if (Object.prototype.hasOwnProperty.call(kept, name)) continue;
    const schema = own(schemas, name);
    if (schema === undefined) continue;
    kept[name] = schema;
    collectRefs(schema, queue, 0);
  }
  const info = own(document, 'info');
  return { openapi: own(document, 'openapi'), info: { title: own(info, 'title'), version: own(info, 'version') }, components: { schemas: kept } };
}

function collectRefs(node: unknown, into: string[], depth: number): void {
  if (depth > 64) return;
  if (Array.isArray(node)) {
    for (const item of node) collectRefs(item, into, depth + 1);
    return;
  }
  if (!isRecord(node)) return;
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref' && typeof value === 'string') {
      const match = /^#\/components\/schemas\/([^/]+)$/.exec(value);
      if (match) into.push(match[1]);
    } else collectRefs(value, into, depth + 1);
  }
}

/** The profile cached for a server, if one was kept and still converts. */
export async function cachedServerProfile(baseUrl: string, store: ProfileStore | undefined): Promise<Extract<ServerProfile, { kind: 'schema' }> | undefined> {
  if (!store) return undefined;
  let text: string | undefined;
  try {
    text = await store.read(cacheKey(baseUrl));
  } catch {
    return undefined;
  }
  if (text === undefined) return undefined;
  let entry: Partial<CacheEntry>;
  try {
    entry = JSON.parse(text) as Partial<CacheEntry>;
  } catch {
    return undefined;
  }
  if (!isRecord(entry) || entry.format !== 1 || entry.baseUrl !== baseUrl || typeof entry.fetchedAt !== 'number') return undefined;
  const profile = profileFromOpenApi(entry.document);
  if (isProfileError(profile)) return undefined;
  return { kind: 'schema', profile, release: profile.releases.from, cached: true, fetchedAt: entry.fetchedAt };
}

/**
 * The profile of the server at `config.baseUrl`, from its own `GET /api/v3/schema/?format=json`
 * (public: sent without the token). With a token, `/api/v3/admin/version/` is asked first, and a
 * cached schema of that same release is used without downloading it again. A schema that cannot be
 * fetched, is not authentik's, or does not convert gives the bundled profile of the release the
 * server names, with a message saying why; without that, the cached one, or none.
 */
export async function loadServerProfile(config: ConnectionConfig, deps: ServerProfileDeps, signal?: AbortSignal): Promise<ServerProfileResult> {
  const clock = deps.clock ?? systemClock;
  const api = new AuthentikApi(config, deps.http, clock);
  const publicApi = new AuthentikApi({ ...config, token: undefined }, deps.http, clock);
  const baseUrl = api.baseUrl;
  const cached = await cachedServerProfile(baseUrl, deps.store);

  let release: string | undefined;
  let versionProblem: string | undefined;
  if (config.token) {
    const version = await api.request<{ version_current?: unknown }>('GET', VERSION_PATH, { signal });
    const current = version.ok ? version.body?.version_current : undefined;
    if (typeof current === 'string' && current.length <= 40) release = current;
    else versionProblem = version.ok ? `${VERSION_PATH} named no version` : version.failure.message;
    if (cached && release !== undefined && cached.release === release) return cached;
  }

  const schema = await publicApi.request<unknown>('GET', SCHEMA_PATH, { query: { format: 'json' }, signal });
  let why: string;
  if (schema.ok) {
    const profile = profileFromOpenApi(schema.body);
    if (!isProfileError(profile)) {
      const fetchedAt = clock.now();
      const entry: CacheEntry = { format: 1, baseUrl, release: profile.releases.from, fetchedAt, document: trimOpenApi(schema.body) };
      let message: string | undefined;
      try {
        await deps.store?.write(cacheKey(baseUrl), JSON.stringify(entry));
      } catch (error) {
        message = `The schema of ${baseUrl} could not be cached: ${(error as Error)?.message ?? String(error)}.`;
      }
      return { kind: 'schema', profile, release: profile.releases.from, cached: false, fetchedAt, message };
    }
    why = profile.error;
  } else {
    why = schema.failure.message;
  }
  const intro = `The schema of ${baseUrl} (${SCHEMA_PATH}) could not be used: ${sentence(why)}`;
  if (release !== undefined) {
    const lookup = profileForVersion(release);
    if (!('error' in lookup)) {
      // The bundled shape, named after the release the server runs.
      const profile: Profile = { ...lookup.profile, releases: { from: release, through: release }, basedOn: lookup.profile.id };
      return { kind: 'bundled', profile, release, message: `${intro} Files are checked with the bundled profile for authentik ${release}, the release ${VERSION_PATH} names.` };
    }
    versionProblem = lookup.error.replace(/\.$/, '');
  }
  if (cached) {
    const day = new Date(cached.fetchedAt).toISOString().slice(0, 10);
    return { ...cached, message: `${intro} Files are checked with the schema of authentik ${cached.release} kept from ${day}.` };
  }
  const instead = versionProblem && config.token ? ` Its release is not known either (${versionProblem.replace(/\.$/, '')}).` : config.token ? '' : ' Without an API token its release is not known.';
  return { kind: 'none', message: `${intro}${instead} Files are checked as if no server were connected.` };
}
