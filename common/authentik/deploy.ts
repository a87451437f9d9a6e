import { AuthentikApi, ApiFailure, ApiResult } from './apiClient';
import { diffFields, FieldChange, ProviderBody } from './deployDiff';
import { checkProvider, checkProviderList, checkVersion, isProviderPk, OAUTH2_MODEL, ProviderRow, serverText } from './serverAnswers';
import { REQUEST_STORED_FIELDS, storedBody, StoredFields } from './storedValues';

export type { FieldChange, ProviderBody } from './deployDiff';

export const PROVIDERS_PATH = '/api/v3/providers/oauth2/';
/** Providers of every type (ProviderViewSet): provider names are unique across all of them. */
export const ALL_PROVIDERS_PATH = '/api/v3/providers/all/';
export const VERSION_PATH = '/api/v3/admin/version/';
export type Provider = ProviderBody & { pk: number; name: string };

export type DeployPlan =
  /** `body` is sent as the file has it; `stored` is what the server will keep of it (for display). */
  | { action: 'create'; body: ProviderBody; stored: ProviderBody; serverVersion: string }
  | { action: 'update'; pk: number; body: ProviderBody; stored: ProviderBody; live: Provider; changes: FieldChange[]; serverVersion: string };

export interface PlanOptions {
  /** Refuses a server whose release takes another shape than the body's (see ShapeCheck). */
  checkShape: ShapeCheck;
  signal?: AbortSignal;
  /** How the server stores each field (a version profile's request schema); the 2024.8 fields by default. */
  fields?: StoredFields;
}

/** The path of one OAuth2 provider, built only from a validated integer pk. */
export function providerPath(pk: number): string {
  if (!isProviderPk(pk)) throw new Error(`not a provider pk: ${String(pk)}`);
  return `${PROVIDERS_PATH}${pk}/`;
}

/**
 * Why a body must not go to a server of this release (`undefined`: it may). Made from the profile the
 * body was prepared for (`profileShapeCheck` in deployShape.ts), or from the release whose schema it was checked against.
 */
export type ShapeCheck = (serverVersion: string | undefined) => string | undefined;

/** For a body checked against the schema a server of `release` served: that release only. */
export function releaseShapeCheck(release: string): ShapeCheck {
  return (serverVersion) =>
    serverVersion === undefined || serverVersion === release
      ? undefined
      : `The file was checked against the schema of authentik ${release}, but the server now runs ${serverVersion.slice(0, 40)}. Nothing was sent: run "authentik: Refresh References" and deploy again to check it for that release.`;
}

export type PlanResult = { ok: true; plan: DeployPlan } | { ok: false; failure: ApiFailure };

export type TargetDecision = { kind: 'create' } | { kind: 'update'; row: ProviderRow } | { kind: 'refuse'; message: string };

const NOTHING_SENT = 'Nothing was sent.';
const typeOf = (row: ProviderRow) => serverText(row.verboseName || row.metaModelName || '') || 'provider of an unknown type';
const pks = (rows: readonly ProviderRow[]) => rows.map((r) => `pk ${r.pk}`).join(', ');

/**
 * Which provider a file of this name deploys to, from the exact-name matches of
 * `/providers/oauth2/?name=` (`own`) and of `/providers/all/?search=` (`all`).
 *
 * authentik 2024.8's proxy provider is a subclass of the OAuth2 provider model, so the OAuth2 list
 * also lists proxy providers, rendered as OAuth2 providers (their meta_model_name there is the
 * OAuth2 one). Only the list across types, which renders each provider as its own class, tells
 * their type: a provider is updated only when that list says it is an OAuth2 provider.
 */
export function decideTarget(name: string, own: readonly ProviderRow[], all: readonly ProviderRow[]): TargetDecision {
  const ownExact = own.filter((row) => row.name === name);
  const allExact = all.filter((row) => row.name === name);
  if (ownExact.length > 1) {
    return { kind: 'refuse', message: `The server has ${ownExact.length} OAuth2 providers named "${name}" (${pks(ownExact)}): deploy cannot tell which one this file describes. Rename or remove all but one of them on the server. ${NOTHING_SENT}` };
  }
  const other = allExact.find((row) => row.metaModelName !== OAUTH2_MODEL) ?? ownExact.find((row) => row.metaModelName !== undefined && row.metaModelName !== OAUTH2_MODEL);
  if (other) {
    const listedAsOAuth2 = ownExact.some((row) => row.pk === other.pk);
    return {
      kind: 'refuse',
      message: `The name "${name}" is taken on the server by a ${typeOf(other)} (pk ${other.pk})${listedAsOAuth2 ? ', which the OAuth2 provider list shows too because that type is built on OAuth2 providers' : ''}. Provider names are unique across all provider types, so this file can neither create a provider of that name nor update that one: rename the provider in the file. ${NOTHING_SENT}`,
    };
  }
  if (allExact.length > 1) {
    return { kind: 'refuse', message: `The server has ${allExact.length} providers named "${name}" (${pks(allExact)}): deploy cannot tell which one this file describes. ${NOTHING_SENT}` };
  }
  const [mine] = ownExact;
  const [anyType] = allExact;
  if (mine && anyType?.pk !== mine.pk) {
    return { kind: 'refuse', message: `The server lists OAuth2 provider "${name}" (pk ${mine.pk}), but not among the providers of all types${anyType ? ` (there it is pk ${anyType.pk})` : ''}, so its type cannot be checked. ${NOTHING_SENT}` };
  }
  if (!mine && anyType) {
    return { kind: 'refuse', message: `The server lists "${name}" (pk ${anyType.pk}) among the providers of all types, but not among the OAuth2 providers, so neither creating nor updating it is safe. ${NOTHING_SENT}` };
  }
  return mine ? { kind: 'update', row: mine } : { kind: 'create' };
}

/**
 * Asks the server which action applies: create, or update the provider of the same name. Sends nothing
 * that changes state, and refuses (with a failure) whenever an answer is not what authentik sends.
 */
export async function planDeploy(api: AuthentikApi, body: ProviderBody, options: PlanOptions): Promise<PlanResult> {
  const { signal } = options;
  const fields = options.fields ?? REQUEST_STORED_FIELDS;
  const refuse = (kind: ApiFailure['kind'], message: string, status?: number): PlanResult => ({ ok: false, failure: api.redactFailure({ kind, message, status }) });
  // The file's secrets are masked from the first answer on, before anything is sent.
  api.redactor.rememberFrom(body);
  const stored = storedBody(body, fields);
  const name = stored.name;
  if (typeof name !== 'string' || name === '') return refuse('config', `The file's name is not a text the server keeps, so deploy cannot look the provider up by it. ${NOTHING_SENT}`);

  const version = await api.request<unknown>('GET', VERSION_PATH, { signal });
  if (!version.ok) return { ok: false, failure: version.failure };
  const serverVersion = checkVersion(version.body);
  if (!serverVersion.ok) return refuse('unexpected-response', `The server's answer to GET ${VERSION_PATH} is not authentik's: ${serverVersion.problem}. Is authentik.serverUrl an authentik server? ${NOTHING_SENT}`, version.status);
  // A server whose release takes another shape than the body's is refused before anything else is asked.
  const shapeProblem = options.checkShape(serverVersion.value);
  if (shapeProblem) return refuse('config', shapeProblem);

  const own = await listProviders(api, PROVIDERS_PATH, { name }, signal);
  if (!own.ok) return own;
  const all = await listProviders(api, ALL_PROVIDERS_PATH, { search: name }, signal);
  if (!all.ok) {
    if (all.failure.kind !== 'forbidden') return all;
    const why = `Deploy checks first that no provider of another type has the name (GET ${ALL_PROVIDERS_PATH}), which needs the permission to view providers.`;
    return { ok: false, failure: { ...all.failure, message: `${all.failure.message} ${why}` } };
  }
  const decision = decideTarget(name, own.rows, all.rows);
  if (decision.kind === 'refuse') return refuse('conflict', decision.message);
  const base = { body, stored, serverVersion: serverVersion.value };
  if (decision.kind === 'create') return { ok: true, plan: { action: 'create', ...base } };
  const live = decision.row.record as Provider;
  return { ok: true, plan: { action: 'update', pk: decision.row.pk, live, changes: diffFields(body, live, fields), ...base } };
}

async function listProviders(api: AuthentikApi, path: string, query: Record<string, string>, signal?: AbortSignal): Promise<{ ok: true; rows: ProviderRow[] } | { ok: false; failure: ApiFailure }> {
  const listed = await api.listAll<unknown>(path, query, signal);
  if (!listed.ok) return listed;
  const rows = checkProviderList(listed.body);
  if (!rows.ok) return { ok: false, failure: api.redactFailure({ kind: 'unexpected-response', status: listed.status, message: `The server's answer to GET ${path} is not authentik's: ${rows.problem}. ${NOTHING_SENT}` }) };
  return { ok: true, rows: rows.value };
}

/**
 * Sends the plan: POST for a new provider, PATCH of the changed fields (as the file has them) for an
 * existing one. Never retried. An answer that is not the provider written is a failure too.
 */
export async function executeDeploy(api: AuthentikApi, plan: DeployPlan, signal?: AbortSignal): Promise<ApiResult<Provider>> {
  const method = plan.action === 'create' ? 'POST' : 'PATCH';
  const path = plan.action === 'create' ? PROVIDERS_PATH : providerPath(plan.pk);
  const sent = plan.action === 'create' ? plan.body : Object.fromEntries(plan.changes.map((c) => [c.key, plan.body[c.key]]));
  const result = await api.request<unknown>(method, path, { body: sent, signal });
  if (!result.ok) return result;
  const provider = checkProvider(result.body);
  const problem = !provider.ok ? provider.problem : plan.action === 'update' && provider.value.pk !== plan.pk ? `it is provider pk ${provider.value.pk}, not pk ${plan.pk}` : undefined;
  if (problem) {
    const message = `The server answered ${method} ${path} with ${result.status}, but not with the provider written: ${problem}. The request may have been applied: check the server before deploying again.`;
    return { ok: false, failure: api.redactFailure({ kind: 'unexpected-response', status: result.status, message }), timeMs: result.timeMs };
  }
  return { ok: true, status: result.status, body: result.body as Provider, timeMs: result.timeMs };
}

const STATUS_TEXT: Record<number, string> = { 200: 'OK', 201: 'Created', 400: 'Bad Request', 403: 'Forbidden', 404: 'Not Found', 415: 'Unsupported Media Type', 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable' };

export function statusLine(status: number | undefined): string {
  if (!status) return 'no response';
  return `${status} ${(Object.hasOwn(STATUS_TEXT, status) && STATUS_TEXT[status]) || ''}`.trim();
}
