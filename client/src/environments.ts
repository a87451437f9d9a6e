import type { EnvironmentSetting } from '../../common/settings';
import { literalLabel } from './plainText';

/** Where the name of the current environment is kept: per workspace (VS Code's workspaceState). */
export const CURRENT_ENVIRONMENT_KEY = 'authentik.currentEnvironment';

export type EnvironmentChoice =
  /** No `authentik.environments`: `authentik.serverUrl` is used, as without environments. */
  | { kind: 'none' }
  /** The one chosen in this workspace, or the only one configured. */
  | { kind: 'chosen'; environment: EnvironmentSetting; environments: readonly EnvironmentSetting[] }
  /** Several are configured and none is chosen (or the chosen one is gone): a deploy asks. */
  | { kind: 'unchosen'; environments: readonly EnvironmentSetting[] };

/** The environment that applies, from the configured list and the name remembered for the workspace. */
export function currentEnvironment(environments: readonly EnvironmentSetting[], storedName: string | undefined): EnvironmentChoice {
  if (environments.length === 0) return { kind: 'none' };
  const stored = storedName === undefined ? undefined : environments.find((e) => e.name === storedName);
  if (stored) return { kind: 'chosen', environment: stored, environments };
  if (environments.length === 1) return { kind: 'chosen', environment: environments[0], environments };
  return { kind: 'unchosen', environments };
}

/** The server URL a scope connects to: its current environment's, else `authentik.serverUrl`. */
export function effectiveServerUrl(choice: EnvironmentChoice, serverUrl: string): string {
  return choice.kind === 'chosen' ? choice.environment.serverUrl : serverUrl;
}

/** The status-bar item of the environments (text and plain-text tooltip); undefined hides it (no environments). */
export function environmentStatus(choice: EnvironmentChoice, serverUrl: string): { text: string; tooltip: string } | undefined {
  if (choice.kind === 'none') return undefined;
  if (choice.kind === 'chosen') {
    const others = choice.environments.length > 1 ? '\nClick to switch to another environment.' : '';
    return {
      // The name comes from settings a repository can ship: shown as written, never as an icon.
      text: `$(server-environment) ${literalLabel(choice.environment.name)}`,
      tooltip: `authentik environment "${choice.environment.name}": ${choice.environment.serverUrl}\nReference lookups, the server's profile and deploys use it.${others}`,
    };
  }
  const fallback = serverUrl ? `Until one is chosen, lookups use authentik.serverUrl (${serverUrl}); a deploy asks.` : 'Until one is chosen, reference lookups are off; a deploy asks.';
  return { text: '$(server-environment) choose environment', tooltip: `${choice.environments.length} authentik environments are configured and none is chosen.\n${fallback}\nClick to choose.` };
}

export interface EnvironmentPickItem {
  label: string;
  description: string;
  environment: EnvironmentSetting;
}

/** The quick pick's items: every environment with its server, the current one marked. */
export function environmentPickItems(environments: readonly EnvironmentSetting[], currentName: string | undefined): EnvironmentPickItem[] {
  return environments.map((environment) => ({
    label: environment.name === currentName ? `$(check) ${literalLabel(environment.name)}` : literalLabel(environment.name),
    description: environment.serverUrl,
    environment,
  }));
}

/** How dialogs name the server a deploy goes to: `staging (https://staging.example.com)`, or the origin alone without environments. */
export function targetLabel(environmentName: string | undefined, origin: string): string {
  return environmentName ? `${environmentName} (${origin})` : origin;
}
