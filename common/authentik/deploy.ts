import { isScalar, isSeq } from 'yaml';
import { FIELD_BY_KEY } from '../schema/fields';
import { documentValue, isRecord } from '../service/documentValue';
import { Finding } from '../service/findings';
import { ParsedDocument } from '../service/parsedDocument';
import { validate } from '../service/validation';
import { findPair, lineEnd, rangeOf, trimRangeEnd, ParsedNode } from '../service/yamlNodes';
import { RuleSettings } from '../settings';
import { AuthentikApi, ApiFailure, ApiResult, Page } from './apiClient';

export const PROVIDERS_PATH = '/api/v3/providers/oauth2/';
export type ProviderBody = Record<string, unknown>;
export type Provider = ProviderBody & { pk: number; name: string };

export type PreparedBody = { ok: true; body: ProviderBody } | { ok: false; errors: Finding[] };

/** The request body from a validated document: only request fields (the server ignores the rest anyway). */
export function prepareBody(parsed: ParsedDocument, rules: RuleSettings, maxFileSize: number): PreparedBody {
  const errors = validate(parsed, { rules, maxFileSize }).filter((f) => f.severity === 'error');
  if (errors.length > 0) return { ok: false, errors };
  const json = documentValue(parsed);
  if (!json.ok || !isRecord(json.value)) return { ok: false, errors: json.ok ? [] : [json.finding] };
  const body: ProviderBody = {};
  for (const [key, value] of Object.entries(json.value)) if (FIELD_BY_KEY.has(key)) body[key] = value;
  return { ok: true, body };
}

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

/** Servers from 2024.10 on expect another shape (redirect_uris as a list, invalidation_flow required). */
export function isNewerApi(version: string): boolean {
  const [year, minor] = version.split('.').map((n) => parseInt(n, 10));
  return year > 2024 || (year === 2024 && minor >= 10);
}

export type PlanResult = { ok: true; plan: DeployPlan } | { ok: false; failure: ApiFailure };

/** Asks the server which action applies: create, or update the provider of the same name. Sends nothing that changes state. */
export async function planDeploy(api: AuthentikApi, body: ProviderBody, signal?: AbortSignal): Promise<PlanResult> {
  const version = await api.request<{ version_current?: string }>('GET', '/api/v3/admin/version/', { signal });
  if (!version.ok) return { ok: false, failure: version.failure };
  const serverVersion = version.body?.version_current;
  if (serverVersion && isNewerApi(serverVersion)) {
    return {
      ok: false,
      failure: {
        kind: 'config',
        message: `The server runs authentik ${serverVersion}, whose OAuth2 provider API differs from this file's (2023.5 to 2024.8): redirect_uris is a list of {matching_mode, url} and invalidation_flow is required. Nothing was sent.`,
      },
    };
  }
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

/** Flattens DRF's error values (lists, nested lists or dicts by index) into messages with their item index. */
function flattenMessages(value: unknown, index?: number): { message: string; index?: number }[] {
  if (typeof value === 'string') return [{ message: value, index }];
  if (Array.isArray(value)) return value.flatMap((v, i) => flattenMessages(v, typeof v === 'string' ? index : i));
  if (isRecord(value)) return Object.entries(value).flatMap(([k, v]) => flattenMessages(v, /^\d+$/.test(k) ? Number(k) : index));
  return value === null || value === undefined ? [] : [{ message: String(value), index }];
}

/** Puts each message of a 400 body on the YAML it is about: the field's value (or list item), else its key, else line 1. */
export function serverErrorFindings(parsed: ParsedDocument, fieldErrors: Record<string, unknown>): Finding[] {
  const { text, root } = parsed;
  const firstLineStart = root?.range[0] ?? 0;
  const firstLine: [number, number] = [firstLineStart, lineEnd(text, firstLineStart)];
  const findings: Finding[] = [];
  for (const [field, raw] of Object.entries(fieldErrors)) {
    if (field === 'code') continue;
    for (const { message, index } of flattenMessages(raw)) {
      let range = firstLine;
      let prefix = field === 'non_field_errors' || field === 'detail' ? '' : `${field}: `;
      const pair = root ? findPair(root, field) : undefined;
      if (pair) {
        prefix = '';
        const value = pair.value as ParsedNode | null;
        let target: ParsedNode | null = value;
        if (isSeq(value)) {
          const items = value.items as ParsedNode[];
          const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i.exec(message)?.[0]?.toLowerCase();
          target = (index !== undefined ? items[index] : undefined) ?? items.find((n) => isScalar(n) && String(n.value).toLowerCase() === uuid) ?? value;
        }
        const valueRange = rangeOf(target);
        range = valueRange && valueRange[1] > valueRange[0] ? valueRange : (rangeOf(pair.key) ?? firstLine);
      }
      findings.push({ code: 'server-rejected', severity: 'error', message: `authentik: ${prefix}${message}`, start: range[0], end: trimRangeEnd(text, range[0], range[1]), data: { key: field } });
    }
  }
  return findings;
}

const MASK = '••••••••';

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
