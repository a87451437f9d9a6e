import { AuthentikApi, ApiFailure } from './apiClient';
import { DeployPlan, executeDeploy, planDeploy, PlanOptions, PROVIDERS_PATH, providerPath, ProviderBody, statusLine } from './deploy';
import { describeChanges } from './deployDiff';
import { SecretRedactor, SecretValue } from './secrets';

/**
 * What happened on a deploy, enough to render the result panel, the status bar and the CLI output.
 * Every text and value in it has been redacted: it can be shown, logged or serialised as it is.
 */
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
  /** The response body (or the 400's field messages), secrets masked. */
  body?: unknown;
  /** The client secret the server answered with, for an explicit "copy" only. */
  clientSecret?: SecretValue;
  failure?: ApiFailure;
}

/** Sends a planned deploy and describes the outcome. */
export async function runPlannedDeploy(api: AuthentikApi, plan: DeployPlan, signal?: AbortSignal): Promise<DeployOutcome> {
  const { redactor } = api;
  const name = redactor.text(String(plan.stored.name));
  const base = { name, baseUrl: api.baseUrl };
  if (plan.action === 'update' && plan.changes.length === 0) {
    return { ...base, ok: true, action: 'none', timeMs: 0, summary: `Provider "${name}" (pk ${plan.pk}) is already up to date; nothing was sent.`, body: redactor.value(plan.live) };
  }
  const method = plan.action === 'create' ? 'POST' : 'PATCH';
  const path = plan.action === 'create' ? PROVIDERS_PATH : providerPath(plan.pk);
  const result = await executeDeploy(api, plan, signal);
  if (!result.ok) {
    // Without a complete answer the write may still have happened; a later deploy finds it by name and updates it.
    const uncertain = result.failure.kind === 'transport' || result.failure.kind === 'malformed-json';
    const summary = uncertain
      ? `${result.failure.message} The server may still have applied it: deploying again looks the provider up by name, so it never creates a second one.`
      : result.failure.message;
    return { ...base, ok: false, action: plan.action, method, path, status: result.failure.status, timeMs: result.timeMs, summary, failure: result.failure, body: result.failure.fieldErrors };
  }
  const provider = result.body;
  const secret = provider.client_secret;
  const summary =
    plan.action === 'create'
      ? `Created provider "${name}" (pk ${provider.pk}).`
      : `Updated provider "${name}" (pk ${plan.pk}): ${plan.changes.map((c) => c.key).join(', ')}.`;
  return {
    ...base,
    ok: true,
    action: plan.action,
    method,
    path,
    status: result.status,
    timeMs: result.timeMs,
    summary: redactor.text(summary),
    body: redactor.value(provider),
    clientSecret: typeof secret === 'string' && secret !== '' ? new SecretValue(secret) : undefined,
  };
}

/** Plans and sends in one go, for callers that do not ask the user in between (the CLI). */
export async function deployBody(api: AuthentikApi, body: ProviderBody, options: PlanOptions): Promise<DeployOutcome> {
  const planned = await planDeploy(api, body, options);
  if (!planned.ok) return planFailureOutcome(api, body, planned.failure);
  return runPlannedDeploy(api, planned.plan, options.signal);
}

/** The outcome of a deploy that stopped while planning: nothing was sent. */
export function planFailureOutcome(api: AuthentikApi, body: ProviderBody, failure: ApiFailure): DeployOutcome {
  return { ok: false, action: 'none', name: api.redactor.text(String(body.name)), baseUrl: api.baseUrl, status: failure.status, timeMs: 0, summary: failure.message, failure };
}

/** The plan in words, for a confirmation dialog or `--dry-run`. Secrets are masked. */
export function describePlan(plan: DeployPlan, baseUrl: string, redactor: SecretRedactor): string {
  const name = String(plan.stored.name);
  if (plan.action === 'create') {
    const fields = Object.keys(plan.body).join(', ');
    return redactor.text(`Create provider "${name}" on ${baseUrl} (POST) with ${fields}.`);
  }
  if (plan.changes.length === 0) return redactor.text(`Provider "${name}" (pk ${plan.pk}) on ${baseUrl} is up to date: nothing to change.`);
  return [redactor.text(`Update provider "${name}" (pk ${plan.pk}) on ${baseUrl} (PATCH):`), ...describeChanges(plan.changes, redactor)].join('\n');
}

/** With no known secrets: it still masks secret-named keys and bearer credentials. */
const formRedactor = new SecretRedactor();

/** The result as text: request line, status and time, summary, then the JSON body with secrets masked. */
export function renderOutcome(outcome: DeployOutcome): string {
  const lines: string[] = [];
  if (outcome.method && outcome.path) lines.push(`${outcome.method} ${outcome.baseUrl}${outcome.path}`);
  if (outcome.method) lines.push(`${statusLine(outcome.status)} · ${outcome.timeMs} ms`);
  lines.push(outcome.ok ? outcome.summary : `Deploy failed: ${outcome.summary}`);
  if (outcome.failure?.detail) lines.push(`Details: ${outcome.failure.detail}`);
  if (outcome.body !== undefined) lines.push('', JSON.stringify(formRedactor.value(outcome.body, { byKey: outcome.ok }), null, 2));
  return formRedactor.text(lines.join('\n')) + '\n';
}
