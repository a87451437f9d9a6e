import { AuthentikApi, ApiFailure } from './apiClient';
import { DeployPlan, describeChanges, executeDeploy, maskSecrets, planDeploy, PROVIDERS_PATH, ShapeCheck, Provider, ProviderBody, statusLine } from './deploy';

/** What happened on a deploy, enough to render the result panel, the status bar and the CLI output. */
export interface DeployOutcome {
  ok: boolean;
  action: 'create' | 'update' | 'none';
  name: string;
  baseUrl: string;
  method?: 'POST' | 'PATCH';
  path?: string;
  status?: number;
  timeMs: number;
  /** One sentence for a notification or the status bar. */
  summary: string;
  /** The response body (secrets unmasked: only `renderOutcome` and `maskSecrets` decide what is shown). */
  body?: unknown;
  failure?: ApiFailure;
  plan?: DeployPlan;
}

/** Sends a planned deploy and describes the outcome. */
export async function runPlannedDeploy(api: AuthentikApi, plan: DeployPlan, signal?: AbortSignal): Promise<DeployOutcome> {
  const name = String(plan.body.name);
  const base = { name, baseUrl: api.baseUrl, plan };
  if (plan.action === 'update' && plan.changes.length === 0) {
    return { ...base, ok: true, action: 'none', timeMs: 0, summary: `Provider "${name}" (pk ${plan.pk}) is already up to date; nothing was sent.`, body: plan.live };
  }
  const method = plan.action === 'create' ? 'POST' : 'PATCH';
  const path = plan.action === 'create' ? PROVIDERS_PATH : `${PROVIDERS_PATH}${plan.pk}/`;
  const result = await executeDeploy(api, plan, signal);
  if (!result.ok) {
    // Without a complete answer the write may still have happened; a later deploy finds it by name and updates it.
    const uncertain = result.failure.kind === 'transport' || result.failure.kind === 'malformed-json';
    const summary = uncertain
      ? `${result.failure.message} The server may still have applied it: deploying again looks the provider up by name, so it never creates a second one.`
      : result.failure.message;
    return { ...base, ok: false, action: plan.action, method, path, status: result.failure.status, timeMs: result.timeMs, summary, failure: result.failure, body: result.failure.fieldErrors };
  }
  const provider = result.body as Provider;
  const summary =
    plan.action === 'create'
      ? `Created provider "${name}" (pk ${provider?.pk}).`
      : `Updated provider "${name}" (pk ${plan.pk}): ${plan.changes.map((c) => c.key).join(', ')}.`;
  return { ...base, ok: true, action: plan.action, method, path, status: result.status, timeMs: result.timeMs, summary, body: provider };
}

/** Plans and sends in one go, for callers that do not ask the user in between (the CLI). */
export async function deployBody(api: AuthentikApi, body: ProviderBody, checkShape: ShapeCheck, signal?: AbortSignal): Promise<DeployOutcome> {
  const planned = await planDeploy(api, body, checkShape, signal);
  if (!planned.ok) {
    return { ok: false, action: 'none', name: String(body.name), baseUrl: api.baseUrl, status: planned.failure.status, timeMs: 0, summary: planned.failure.message, failure: planned.failure };
  }
  return runPlannedDeploy(api, planned.plan, signal);
}

/** The plan in words, for a confirmation dialog or `--dry-run`. Secrets are masked. */
export function describePlan(plan: DeployPlan, baseUrl: string): string {
  const name = String(plan.body.name);
  if (plan.action === 'create') {
    const fields = Object.keys(plan.body).join(', ');
    return `Create provider "${name}" on ${baseUrl} (POST) with ${fields}.`;
  }
  if (plan.changes.length === 0) return `Provider "${name}" (pk ${plan.pk}) on ${baseUrl} is up to date: nothing to change.`;
  return [`Update provider "${name}" (pk ${plan.pk}) on ${baseUrl} (PATCH):`, ...describeChanges(plan.changes)].join('\n');
}

/** The result as text: request line, status and time, summary, then the JSON body with the secret masked. */
export function renderOutcome(outcome: DeployOutcome): string {
  const lines: string[] = [];
  if (outcome.method && outcome.path) lines.push(`${outcome.method} ${outcome.baseUrl}${outcome.path}`);
  if (outcome.method) lines.push(`${statusLine(outcome.status)} · ${outcome.timeMs} ms`);
  lines.push(outcome.ok ? outcome.summary : `Deploy failed: ${outcome.summary}`);
  if (outcome.failure?.detail) lines.push(`Details: ${outcome.failure.detail}`);
  if (outcome.body !== undefined) lines.push('', JSON.stringify(maskSecrets(outcome.body), null, 2));
  return lines.join('\n') + '\n';
}
