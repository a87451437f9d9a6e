import { PROVIDERS_PATH, providerPath } from '../../../common/authentik/deploy';
import { shownValue } from '../../../common/authentik/deployDiff';
import type { SecretRedactor } from '../../../common/authentik/secrets';
import { ResolvedTag } from '../service/portable';
import { fieldLabel } from '../service/yamlNodes';
import { FileDiagnostic, toFileDiagnostic } from './formats';
import { FilePlan, planAction } from './providerPlans';
import { countPlans, PlanCounts } from './planText';

/**
 * `plan --format json`, shape version 1 (a field is added, never renamed or removed, within a version):
 *
 * ```
 * { "version": 1,
 *   "server": { "url": string, "release": string | null },
 *   "summary": { "create": n, "update": n, "none": n, "error": n },
 *   "files": [ {
 *     "path": string,
 *     "action": "create" | "update" | "none" | "error",
 *     "provider"?: { "name": string, "pk"?: number },         // not for "error"
 *     "request"?: { "method": "POST" | "PATCH", "path": string }, // "create" and "update"
 *     "fields"?: string[],                                    // "create": every field sent
 *     "changes"?: [ { "field": string, "from"?: any, "to": any } ], // "update": the live value, then what the server will store
 *     "after"?: string[],                                     // the files whose providers this one names and that create them first
 *     "resolved"?: [ { "field": string, "tag": "!ref" | "!Find" | "!env", "written": string,
 *                     "value"?: string | number, "object"?: { "pk": string, "name": string },
 *                     "createdBy"?: string } ], // not for "error"; createdBy (no value) for a provider another file creates first
 *     "diagnostics"?: [ { "severity", "code", "message", "range": { "start": {line, character}, "end": {...} } } ], // 0-based
 *     "error"?: string } ] }
 * ```
 *
 * Every secret is masked (`client_secret` as "••••••••", every `!env` value wherever it appears);
 * an `!env` entry has no `value`.
 */
export interface PlanJson {
  version: 1;
  server: { url: string; release: string | null };
  summary: PlanCounts;
  files: PlanFileJson[];
}

export interface PlanFileJson {
  path: string;
  action: 'create' | 'update' | 'none' | 'error';
  provider?: { name: string; pk?: number };
  request?: { method: 'POST' | 'PATCH'; path: string };
  fields?: string[];
  changes?: { field: string; from?: unknown; to: unknown }[];
  after?: string[];
  resolved?: ResolvedJson[];
  diagnostics?: FileDiagnostic[];
  error?: string;
}

export interface ResolvedJson {
  field: string;
  tag: '!ref' | '!Find' | '!env';
  written: string;
  value?: string | number;
  object?: { pk: string; name: string };
  createdBy?: string;
}

function resolvedJson(r: ResolvedTag, redactor: SecretRedactor, pending?: ReadonlyMap<ResolvedTag, string>): ResolvedJson {
  const { tag, resolution } = r;
  const field = fieldLabel(tag.path);
  if (tag.kind === 'env') return { field, tag: '!env', written: tag.name };
  const written = tag.kind === 'ref' ? tag.text : JSON.stringify([tag.model, ...tag.conditions.map((c) => [c.lookup, c.value])]);
  const creator = pending?.get(r);
  if (creator) return { field, tag: tag.kind === 'ref' ? '!ref' : '!Find', written: redactor.text(written), createdBy: creator };
  const entry: ResolvedJson = { field, tag: tag.kind === 'ref' ? '!ref' : '!Find', written: redactor.text(written), value: typeof resolution.value === 'string' ? redactor.text(resolution.value) : resolution.value };
  if (resolution.object) entry.object = { pk: redactor.text(resolution.object.pk), name: redactor.text(resolution.object.name) };
  return entry;
}

function fileJson(file: FilePlan, redactor: SecretRedactor): PlanFileJson {
  if (!file.result.ok) {
    const { error } = file.result;
    const diagnostics = error.stage === 'read' ? [] : error.findings.map((f) => redactor.value(toFileDiagnostic(f, file.lines)));
    const message = error.stage === 'server' ? error.failure.message : error.message;
    return { path: file.path, action: 'error', diagnostics, error: redactor.text(message) };
  }
  const { plan, resolved } = file.result;
  const name = redactor.text(String(plan.stored.name));
  const entry: PlanFileJson = { path: file.path, action: planAction(plan), provider: plan.action === 'create' ? { name } : { name, pk: plan.pk } };
  if (plan.action === 'create') {
    entry.request = { method: 'POST', path: PROVIDERS_PATH };
    entry.fields = Object.keys(plan.body);
  } else if (plan.changes.length > 0) {
    entry.request = { method: 'PATCH', path: providerPath(plan.pk) };
    entry.changes = plan.changes.map((c) => ({ field: c.key, from: shownValue(c.key, c.from, redactor), to: shownValue(c.key, c.to, redactor) }));
  }
  if (file.pending) entry.after = [...new Set(file.pending.values())];
  entry.resolved = resolved.map((r) => resolvedJson(r, redactor, file.pending));
  return entry;
}

export function formatPlanJson(files: readonly FilePlan[], baseUrl: string, release: string | undefined, redactor: SecretRedactor): string {
  const report: PlanJson = {
    version: 1,
    server: { url: baseUrl, release: release ? redactor.text(release) : null },
    summary: countPlans(files),
    files: files.map((file) => fileJson(file, redactor)),
  };
  return JSON.stringify(report, null, 2) + '\n';
}
