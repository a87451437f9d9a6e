import * as vscode from 'vscode';
import { checkBaseUrl } from '../../common/authentik/connection';
import { ScopedConnection } from '../../common/protocol';
import { ConnectionBlocker, decideConnection, environmentUrlSources, SettingSources, tokenKey } from './connectionPolicy';
import { CURRENT_ENVIRONMENT_KEY, currentEnvironment, EnvironmentChoice } from './environments';
import { readSettings } from './settings';

const CONFIRMED_ORIGINS = 'authentik.confirmedOrigins';

export type ResolvedConnection =
  /** `environment`: the name of the environment it is (none without `authentik.environments`); `confirmedNow`: the user just confirmed its origin. */
  | { ok: true; baseUrl: string; origin: string; token: string; allowInsecureHttp: boolean; environment?: string; confirmedNow?: boolean }
  | { ok: false; blocker: ConnectionBlocker; message: string; origin?: string };

/** The environment that applies to a file or folder: its settings' list and the name remembered for the workspace. */
export function environmentChoice(context: vscode.ExtensionContext, scope: vscode.Uri | undefined): EnvironmentChoice {
  return currentEnvironment(readSettings(scope).environments, context.workspaceState.get<string>(CURRENT_ENVIRONMENT_KEY));
}

/**
 * Works out where to connect and with which token, applying the safety rules: nothing in an
 * untrusted workspace, https unless loopback or explicitly allowed, and a workspace-provided
 * URL only after the user confirmed its origin. `interactive` lets it ask that confirmation.
 */
export async function resolveConnection(context: vscode.ExtensionContext, scope: vscode.Uri | undefined, interactive: boolean): Promise<ResolvedConnection> {
  const settings = readSettings(scope);
  const configuration = vscode.workspace.getConfiguration('authentik', scope ?? null);
  const choice = environmentChoice(context, scope);
  // The current environment's server, set where its entry is; without one chosen, authentik.serverUrl.
  const environment = choice.kind === 'chosen' ? choice.environment : undefined;
  const facts = {
    workspaceTrusted: vscode.workspace.isTrusted,
    serverUrl: environment ? environment.serverUrl : settings.serverUrl,
    allowInsecureHttp: settings.allowInsecureHttp,
    sources: environment ? environmentUrlSources((configuration.inspect<unknown>('environments') ?? {}) as SettingSources, environment.name) : (configuration.inspect<string>('serverUrl') ?? {}),
    setting: environment ? `the authentik environment ${JSON.stringify(environment.name)}` : undefined,
    confirmedOrigins: context.globalState.get<string[]>(CONFIRMED_ORIGINS, []),
  };
  let confirmedNow = false;
  let decision = decideConnection(facts, checkBaseUrl);
  if (!decision.ok && decision.blocker === 'unconfirmed-origin' && interactive && decision.origin) {
    const origin = decision.origin;
    const what = environment ? `the authentik environment ${JSON.stringify(environment.name)}` : 'the authentik server';
    const answer = await vscode.window.showWarningMessage(
      `This workspace's settings set ${what} to ${origin}. Send your API token to this server?`,
      { modal: true, detail: 'A repository can ship .vscode/settings.json. Only confirm servers you know.' },
      'Trust This Server',
    );
    if (answer !== 'Trust This Server') return { ok: false, blocker: 'unconfirmed-origin', origin, message: `Not confirmed: the token was not sent to ${origin}.` };
    await context.globalState.update(CONFIRMED_ORIGINS, [...facts.confirmedOrigins, origin]);
    decision = decideConnection({ ...facts, confirmedOrigins: [...facts.confirmedOrigins, origin] }, checkBaseUrl);
    confirmedNow = true;
  }
  if (!decision.ok) return decision;
  const token = (await context.secrets.get(tokenKey(decision.origin))) ?? environmentToken(decision.origin);
  if (!token) return { ok: false, blocker: 'no-token', origin: decision.origin, message: `No API token is set for ${decision.origin}. Run "authentik: Set API Token".` };
  return { ok: true, baseUrl: decision.baseUrl, origin: decision.origin, token, allowInsecureHttp: settings.allowInsecureHttp, environment: environment?.name, confirmedNow };
}

/**
 * AUTHENTIK_TOKEN from the editor's environment, but only for the origin AUTHENTIK_URL names
 * (as the CLI and the standalone server use them), so it never goes to another server.
 */
function environmentToken(origin: string): string | undefined {
  const token = process.env.AUTHENTIK_TOKEN;
  const url = process.env.AUTHENTIK_URL;
  if (!token || !url) return undefined;
  const check = checkBaseUrl(url, true);
  return check.ok && check.origin === origin ? token : undefined;
}

/** A connection for the language server's reference lookups, and why there is none when there is none. */
export interface ScopeConnection {
  connection: ScopedConnection;
  /** Set when lookups are off for this scope for a reason the user may want to know (not just "no server set"). */
  problem?: string;
}

/**
 * The connection of each workspace folder (each may set its own authentik.serverUrl) and of files in
 * no folder, without asking anything: a server that needs confirming stays off until a command asks.
 */
export async function resolveScopeConnections(context: vscode.ExtensionContext): Promise<ScopeConnection[]> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  const scopes: (vscode.WorkspaceFolder | undefined)[] = [...folders, undefined];
  return Promise.all(
    scopes.map(async (folder): Promise<ScopeConnection> => {
      const resolved = await resolveConnection(context, folder?.uri, false);
      const scopeUri = folder ? folder.uri.toString() : null;
      if (resolved.ok) return { connection: { scopeUri, serverUrl: resolved.baseUrl, token: resolved.token, allowInsecureHttp: resolved.allowInsecureHttp } };
      const problem = resolved.blocker === 'no-server' ? undefined : folders.length > 1 && folder ? `${folder.name}: ${resolved.message}` : resolved.message;
      return { connection: { scopeUri, serverUrl: '', token: undefined, allowInsecureHttp: false }, problem };
    }),
  );
}
