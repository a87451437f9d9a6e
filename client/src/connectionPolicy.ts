/** How a setting's value was set, as VS Code's `WorkspaceConfiguration.inspect` reports it. */
export interface SettingSources {
  globalValue?: unknown;
  workspaceValue?: unknown;
  workspaceFolderValue?: unknown;
}

/**
 * A server URL that comes from the workspace's own settings (a repository can ship
 * `.vscode/settings.json`) gets the token only after the user confirmed that origin once.
 * A URL from the user's own settings is trusted as is.
 */
export function originNeedsConfirmation(sources: SettingSources, origin: string, confirmedOrigins: readonly string[]): boolean {
  const fromWorkspace = nonEmpty(sources.workspaceFolderValue) || nonEmpty(sources.workspaceValue);
  return fromWorkspace && !confirmedOrigins.includes(origin);
}

const nonEmpty = (v: unknown) => typeof v === 'string' && v.trim() !== '';

/**
 * How an environment's server URL was set, level by level, from `inspect('environments')`: the URL of
 * the entry of that name in each level's list. An environment a workspace's settings name is confirmed
 * like a workspace's `authentik.serverUrl`, even if the user's own list has the same entry.
 */
export function environmentUrlSources(inspected: SettingSources, name: string): SettingSources {
  const urlAt = (list: unknown): string | undefined => {
    if (!Array.isArray(list)) return undefined;
    const entry = list.find((e: unknown) => typeof e === 'object' && e !== null && typeof (e as { name?: unknown }).name === 'string' && (e as { name: string }).name.trim() === name);
    const url = (entry as { serverUrl?: unknown } | undefined)?.serverUrl;
    return typeof url === 'string' ? url : undefined;
  };
  return { globalValue: urlAt(inspected.globalValue), workspaceValue: urlAt(inspected.workspaceValue), workspaceFolderValue: urlAt(inspected.workspaceFolderValue) };
}

/** The key under which the token for a server is kept in secret storage: one token per origin. */
export function tokenKey(origin: string): string {
  return `authentik.token:${origin}`;
}

export type ConnectionBlocker = 'untrusted-workspace' | 'no-server' | 'bad-url' | 'unconfirmed-origin' | 'no-token';

export interface ConnectionFacts {
  workspaceTrusted: boolean;
  /** authentik.serverUrl as configured (maybe empty). */
  serverUrl: string;
  allowInsecureHttp: boolean;
  /** How serverUrl was set (user or workspace settings). */
  sources: SettingSources;
  /** What set serverUrl, as messages name it; default `authentik.serverUrl`. */
  setting?: string;
  confirmedOrigins: readonly string[];
}

export type ConnectionDecision =
  | { ok: true; baseUrl: string; origin: string }
  | { ok: false; blocker: Exclude<ConnectionBlocker, 'no-token'>; message: string; origin?: string };

/**
 * Whether the extension may talk to the configured server at all, before any token is looked up:
 * nothing in an untrusted workspace, a usable https URL (or loopback, or explicitly allowed http),
 * and a workspace-provided URL only once its origin was confirmed.
 */
export function decideConnection(facts: ConnectionFacts, checkUrl: (raw: string, allowInsecureHttp: boolean) => { ok: true; baseUrl: string; origin: string } | { ok: false; message: string }): ConnectionDecision {
  if (!facts.workspaceTrusted) {
    return { ok: false, blocker: 'untrusted-workspace', message: 'This workspace is not trusted: authentik deploys and server lookups are off. Only validation runs.' };
  }
  if (!facts.serverUrl) return { ok: false, blocker: 'no-server', message: 'Set authentik.serverUrl to your authentik server (e.g. https://auth.example.com).' };
  const check = checkUrl(facts.serverUrl, facts.allowInsecureHttp);
  if (!check.ok) return { ok: false, blocker: 'bad-url', message: check.message };
  if (originNeedsConfirmation(facts.sources, check.origin, facts.confirmedOrigins)) {
    const setting = facts.setting ?? 'authentik.serverUrl';
    return { ok: false, blocker: 'unconfirmed-origin', origin: check.origin, message: `This workspace's settings point ${setting} at ${check.origin}; confirm it before the token is sent there.` };
  }
  return { ok: true, baseUrl: check.baseUrl, origin: check.origin };
}
