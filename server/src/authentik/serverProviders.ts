import { ApiFailure, AuthentikApi } from '../../../common/authentik/apiClient';
import { ALL_PROVIDERS_PATH, PROVIDERS_PATH } from '../../../common/authentik/deploy';
import { checkProviderList, OAUTH2_MODEL, ProviderRow } from '../../../common/authentik/serverAnswers';

/** The server's OAuth2 providers, whole (as GET /providers/oauth2/ renders them), and what that list showed of other types. */
export interface ServerProviders {
  /** In the list's order (by name). */
  providers: ProviderRow[];
  /** Rows of the OAuth2 list that the list across types does not show as OAuth2 providers (2024.8's proxy providers), as that list renders them when it has them. */
  otherTypes: ProviderRow[];
}

export type ServerProvidersResult = { ok: true; value: ServerProviders } | { ok: false; failure: ApiFailure };

/**
 * Every OAuth2 provider of the server (all pages). authentik 2024.8's proxy provider is built on the
 * OAuth2 provider model, so /providers/oauth2/ lists proxy providers too, rendered as OAuth2 ones; only
 * /providers/all/, which renders each provider as its own class, tells them apart. A row is an OAuth2
 * provider only when that list says so.
 */
export async function listServerProviders(api: AuthentikApi, signal?: AbortSignal): Promise<ServerProvidersResult> {
  const own = await listed(api, PROVIDERS_PATH, signal);
  if (!own.ok) return own;
  const all = await listed(api, ALL_PROVIDERS_PATH, signal);
  if (!all.ok) {
    if (all.failure.kind !== 'forbidden') return all;
    const why = `The providers of every type (GET ${ALL_PROVIDERS_PATH}) tell OAuth2 providers from the proxy providers the OAuth2 list shows too, which needs the permission to view providers.`;
    return { ok: false, failure: { ...all.failure, message: `${all.failure.message} ${why}` } };
  }
  const across = new Map(all.rows.map((row) => [row.pk, row]));
  const providers: ProviderRow[] = [];
  const otherTypes: ProviderRow[] = [];
  for (const row of own.rows) {
    const typed = across.get(row.pk);
    if (typed?.metaModelName === OAUTH2_MODEL) providers.push(row);
    else otherTypes.push(typed ?? row);
  }
  return { ok: true, value: { providers, otherTypes } };
}

async function listed(api: AuthentikApi, path: string, signal?: AbortSignal): Promise<{ ok: true; rows: ProviderRow[] } | { ok: false; failure: ApiFailure }> {
  const result = await api.listAll<unknown>(path, {}, signal);
  if (!result.ok) return result;
  const rows = checkProviderList(result.body);
  if (!rows.ok) return { ok: false, failure: api.redactFailure({ kind: 'unexpected-response', status: result.status, message: `The server's answer to GET ${path} is not authentik's: ${rows.problem}.` }) };
  return { ok: true, rows: rows.value };
}
