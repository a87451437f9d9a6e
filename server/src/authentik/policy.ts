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

/** The key under which the token for a server is kept in secret storage: one token per origin. */
export function tokenKey(origin: string): string {
  return `authentik.token:${origin}`;
}

export type ConnectionBlocker = 'untrusted-workspace' | 'no-server' | 'bad-url' | 'unconfirmed-origin' | 'no-token';
