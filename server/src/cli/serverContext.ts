import { AuthentikApi } from '../../../common/authentik/apiClient';
import { ConnectionConfig } from '../../../common/authentik/connection';
import { HttpClient } from '../../../common/authentik/http';
import { cliCacheDirectory, directoryStore } from '../../../common/authentik/profileStore';
import { loadServerProfile } from '../../../common/authentik/serverSchema';
import { Profile } from '../../../common/profiles';
import { LiveReferenceSource } from '../authentik/liveReferences';
import { ReferenceSource } from '../service/references';
import { listsFromSource, PortableLists } from '../service/portable';
import { visible } from './escape';
import type { CliIo } from './io';

/** What the CLI knows of the --url server for one run: its profile and release, and (with a token) its objects. */
export interface ServerContext {
  profile?: Profile;
  /** The server's release, when its schema named one. */
  release?: string;
  references?: ReferenceSource;
}

/** The profile of the --url server (from its schema, cached) and, with a token, its objects for reference checks. Problems go to stderr. */
export async function serverContext(connection: ConnectionConfig, http: HttpClient, io: CliIo): Promise<ServerContext> {
  const context = await serverProfileContext(connection, http, io);
  if (!connection.token) {
    io.stderr.write('authentik-oauth2: no AUTHENTIK_TOKEN: references are not checked against the server.\n');
    return context;
  }
  const references = await serverReferences(connection, http, io, context.profile);
  return references ? { ...context, references } : context;
}

/** The --url server's profile and release only (from its schema, cached); the reason on stderr when there is none. */
export async function serverProfileContext(connection: ConnectionConfig, http: HttpClient, io: CliIo): Promise<ServerContext> {
  const loaded = await loadServerProfile(connection, { http, store: directoryStore(cliCacheDirectory(io.env)) });
  if (loaded.kind === 'none' || loaded.message) io.stderr.write(`authentik-oauth2: ${visible(loaded.message ?? '')}\n`);
  return loaded.kind === 'none' ? {} : { profile: loaded.profile, release: loaded.release };
}

/** The server's objects, fetched once for the run; undefined (the reason on stderr) when the fetch failed. */
/** `consequence` says what the failure means for the command. */
export async function serverReferences(connection: ConnectionConfig, http: HttpClient, io: CliIo, profile?: Profile, consequence = 'references are not checked against the server'): Promise<ReferenceSource | undefined> {
  const source = new LiveReferenceSource(new AuthentikApi(connection, http), { ttlMs: Number.POSITIVE_INFINITY, ...(profile ? { endpoints: profile.endpoints } : {}) });
  const refreshed = await source.refresh();
  if (refreshed.ok) return source;
  io.stderr.write(`authentik-oauth2: ${consequence}: ${visible(refreshed.message)}\n`);
  return undefined;
}

/** The server's objects as `!ref`, `!Find` and export need them; empty (every kind unknown) without a source. */
export function serverLists(context: ServerContext): PortableLists {
  return listsFromSource(context.references);
}
