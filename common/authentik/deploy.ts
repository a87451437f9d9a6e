import { AuthentikApi, ApiFailure, ApiResult, Page } from './apiClient';
// The module itself, not the profiles' index: the extension host bundles this file and no profile data.
import { VERSION_PATH } from '../profiles/references';


export const PROVIDERS_PATH = '/api/v3/providers/oauth2/';
export type ProviderBody = Record<string, unknown>;
export type Provider = ProviderBody & { pk: number; name: string };

export interface FieldChange {
  key: string;
  from: unknown;
  to: unknown;
}

export type DeployPlan =
  | { action: 'create'; body: ProviderBody; serverVersion?: string }
  | { action: 'update'; pk: number; body: ProviderBody; live: Provider; changes: FieldChange[]; serverVersion?: string };

/** Fields the server owns: never part of a diff or a request. */
const SERVER_OWNED = new Set(['pk', 'component', 'assigned_application_slug', 'assigned_application_name', 'assigned_backchannel_application_slug', 'assigned_backchannel_application_name', 'verbose_name', 'verbose_name_plural', 'meta_model_name']);

/** The live provider without server-owned fields, for a diff against the file. */
export function comparableLive(live: ProviderBody): ProviderBody {
  return Object.fromEntries(Object.entries(live).filter(([k]) => !SERVER_OWNED.has(k)));
}

const same = (a: unknown, b: unknown) => JSON.stringify(normalizeForCompare(a)) === JSON.stringify(normalizeForCompare(b));
/** The server trims strings (DRF's default) and stores UUIDs in lower case: compare as it stores. */
function normalizeForCompare(value: unknown): unknown {
  if (typeof value === 'string' && /^[0-9a-f-]{36}$/i.test(value)) return value.toLowerCase();
  if (typeof value === 'string') return value.trim();
  if (Array.isArray(value)) return value.map(normalizeForCompare);
  return value;
}

/** What an update would change: the fields the file sets whose live value differs. */
export function diffFields(body: ProviderBody, live: ProviderBody): FieldChange[] {
  return Object.keys(body)
    .filter((key) => !same(body[key], live[key]))
    .map((key) => ({ key, from: live[key], to: body[key] }));
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

/**
 * Asks the server which action applies: create, or update the provider of the same name. Sends
 * nothing that changes state. A server whose release takes another shape than the body's
 * (`checkShape`) is refused before anything else is asked.
 */
export async function planDeploy(api: AuthentikApi, body: ProviderBody, checkShape: ShapeCheck, signal?: AbortSignal): Promise<PlanResult> {
  const version = await api.request<{ version_current?: string }>('GET', VERSION_PATH, { signal });
  if (!version.ok) return { ok: false, failure: version.failure };
  const current = version.body?.version_current;
  const serverVersion = typeof current === 'string' ? current : undefined;
  const problem = checkShape(serverVersion);
  if (problem) return { ok: false, failure: { kind: 'config', message: problem } };
  const found = await api.request<Page<Provider>>('GET', PROVIDERS_PATH, { query: { name: String(body.name) }, signal });
  if (!found.ok) return { ok: false, failure: found.failure };
  const live = (found.body?.results ?? []).find((p) => p.name === body.name);
  if (!live) return { ok: true, plan: { action: 'create', body, serverVersion } };
  return { ok: true, plan: { action: 'update', pk: live.pk, body, live, changes: diffFields(body, live), serverVersion } };
}

/** Sends the plan: POST for a new provider, PATCH of the changed fields for an existing one. Never retried. */
export async function executeDeploy(api: AuthentikApi, plan: DeployPlan, signal?: AbortSignal): Promise<ApiResult<Provider>> {
  if (plan.action === 'create') return api.request<Provider>('POST', PROVIDERS_PATH, { body: plan.body, signal });
  const changed = Object.fromEntries(plan.changes.map((c) => [c.key, c.to]));
  return api.request<Provider>('PATCH', `${PROVIDERS_PATH}${plan.pk}/`, { body: changed, signal });
}

const MASK = '••••••••';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A copy with the client secret masked, for panels, logs and CLI output. */
export function maskSecrets<T>(value: T): T {
  if (!isRecord(value)) return value;
  const copy: Record<string, unknown> = { ...value };
  if (typeof copy.client_secret === 'string' && copy.client_secret !== '') copy.client_secret = MASK;
  return copy as T;
}

export function describeValue(key: string, value: unknown): string {
  if (key === 'client_secret' && typeof value === 'string' && value !== '') return MASK;
  if (value === undefined) return '(not set)';
  return JSON.stringify(value);
}

/** "  client_type: "confidential" -> "public"" lines for a confirmation or a dry run. */
export function describeChanges(changes: readonly FieldChange[]): string[] {
  return changes.map((c) => `  ${c.key}: ${describeValue(c.key, c.from)} -> ${describeValue(c.key, c.to)}`);
}

const STATUS_TEXT: Record<number, string> = { 200: 'OK', 201: 'Created', 400: 'Bad Request', 403: 'Forbidden', 404: 'Not Found', 415: 'Unsupported Media Type', 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable' };

export function statusLine(status: number | undefined): string {
  if (!status) return 'no response';
  return `${status} ${STATUS_TEXT[status] ?? ''}`.trim();
}
