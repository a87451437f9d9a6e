import * as vscode from 'vscode';
import { checkBaseUrl } from '../../server/src/authentik/connection';
import { ConnectionBlocker, originNeedsConfirmation, tokenKey } from '../../server/src/authentik/policy';
import { readSettings } from './state';

const CONFIRMED_ORIGINS = 'authentik.confirmedOrigins';

export type ResolvedConnection =
  | { ok: true; baseUrl: string; origin: string; token: string; allowInsecureHttp: boolean }
  | { ok: false; blocker: ConnectionBlocker; message: string; origin?: string };

/**
 * Works out where to connect and with which token, applying the safety rules: nothing in an
 * untrusted workspace, https unless loopback or explicitly allowed, and a workspace-provided
 * URL only after the user confirmed its origin. `interactive` lets it ask that confirmation.
 */
export async function resolveConnection(context: vscode.ExtensionContext, scope: vscode.Uri | undefined, interactive: boolean): Promise<ResolvedConnection> {
  if (!vscode.workspace.isTrusted) {
    return { ok: false, blocker: 'untrusted-workspace', message: 'This workspace is not trusted: authentik deploys and server lookups are off. Only validation runs.' };
  }
  const settings = readSettings(scope);
  if (!settings.serverUrl) return { ok: false, blocker: 'no-server', message: 'Set authentik.serverUrl to your authentik server (e.g. https://auth.example.com).' };
  const check = checkBaseUrl(settings.serverUrl, settings.allowInsecureHttp);
  if (!check.ok) return { ok: false, blocker: 'bad-url', message: check.message };
  const sources = vscode.workspace.getConfiguration('authentik', scope ?? null).inspect<string>('serverUrl') ?? {};
  const confirmed = context.globalState.get<string[]>(CONFIRMED_ORIGINS, []);
  if (originNeedsConfirmation(sources, check.origin, confirmed)) {
    if (!interactive) return { ok: false, blocker: 'unconfirmed-origin', origin: check.origin, message: `This workspace's settings point authentik.serverUrl at ${check.origin}; confirm it before the token is sent there.` };
    const choice = await vscode.window.showWarningMessage(
      `This workspace's settings set the authentik server to ${check.origin}. Send your API token to this server?`,
      { modal: true, detail: 'A repository can ship .vscode/settings.json. Only confirm servers you know.' },
      'Trust This Server',
    );
    if (choice !== 'Trust This Server') return { ok: false, blocker: 'unconfirmed-origin', origin: check.origin, message: `Not confirmed: the token was not sent to ${check.origin}.` };
    await context.globalState.update(CONFIRMED_ORIGINS, [...confirmed, check.origin]);
  }
  const token = (await context.secrets.get(tokenKey(check.origin))) ?? environmentToken(check.origin);
  if (!token) return { ok: false, blocker: 'no-token', origin: check.origin, message: `No API token is set for ${check.origin}. Run "authentik: Set API Token".` };
  return { ok: true, baseUrl: check.baseUrl, origin: check.origin, token, allowInsecureHttp: settings.allowInsecureHttp };
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
