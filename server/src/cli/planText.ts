import { describePlan } from '../../../common/authentik/deployRun';
import type { SecretRedactor } from '../../../common/authentik/secrets';
import { describeResolved, ResolvedTag } from '../service/portable';
import { fieldLabel } from '../service/yamlNodes';
import { linePath, visible } from './escape';
import { FilePlan, planAction, PlanError } from './providerPlans';
import { formatFindingLines } from './textFormat';

/** One resolved tag in words: the tag and its object, an `!env` only as set; a provider another file creates, as such. */
export function describeTag(r: ResolvedTag, pending?: ReadonlyMap<ResolvedTag, string>): string {
  const creator = pending?.get(r);
  if (creator && r.tag.kind !== 'env') return `${describeResolved(r).split(' → ')[0]} → the provider ${creator} creates first`;
  return describeResolved(r);
}

/**
 * `  property_mappings[0] ← !ref email → Name (uuid)` per tag; an `!env` only as set, never its value.
 * (Not `client_secret: ...`: the redactor masks whatever follows a secret-named key and a colon.)
 */
export function resolvedLines(resolved: readonly ResolvedTag[], redactor: SecretRedactor, indent = '  ', pending?: ReadonlyMap<ResolvedTag, string>): string[] {
  return resolved.map((r) => `${indent}${visible(fieldLabel(r.tag.path))} ← ${visible(redactor.text(describeTag(r, pending)))}`);
}

/** `, after a.oauth2provider.yaml`: the files whose providers a file waits for. */
export function afterText(file: FilePlan): string {
  const paths = [...new Set(file.pending?.values() ?? [])];
  return paths.length ? `, after ${paths.join(', ')}` : '';
}

/** The findings of a file that has no plan, on its lines, then why in one line (indented under its header). */
export function planErrorText(file: FilePlan, error: PlanError, redactor: SecretRedactor): string {
  if (error.stage === 'read') return `  ${visible(error.message)}\n`;
  const lines = formatFindingLines({ path: file.path, findings: error.findings, lines: file.lines });
  const why = error.stage === 'file' ? error.message : visible(redactor.text(error.failure.message));
  return redactor.text(lines) + `  ${why}\n`;
}

const HEADER: Record<string, string> = { create: 'create', update: 'update', none: 'up to date' };

/** One file of a plan: `path: create|update|up to date|error`, then what happens (the same words as a single file's dry run) and the resolved tags. */
export function filePlanText(file: FilePlan, baseUrl: string, redactor: SecretRedactor): string {
  const path = linePath(file.path);
  if (!file.result.ok) return `${path}: error\n${planErrorText(file, file.result.error, redactor)}`;
  const { plan, resolved } = file.result;
  const body = describePlan(plan, baseUrl, redactor)
    .split('\n')
    .map((line) => `  ${visible(line)}`);
  const tags = resolved.length ? ['  Resolved:', ...resolvedLines(resolved, redactor, '    ', file.pending)] : [];
  return [`${path}: ${HEADER[planAction(plan)]}${visible(afterText(file))}`, ...body, ...tags].join('\n') + '\n';
}

export interface PlanCounts {
  create: number;
  update: number;
  none: number;
  error: number;
}

export function countPlans(files: readonly FilePlan[]): PlanCounts {
  const counts: PlanCounts = { create: 0, update: 0, none: 0, error: 0 };
  for (const file of files) counts[file.result.ok ? planAction(file.result.plan) : 'error']++;
  return counts;
}

export function planSummary(counts: PlanCounts): string {
  return `Plan: ${counts.create} to create, ${counts.update} to update, ${counts.none} up to date, ${counts.error} with errors.`;
}

/** The whole plan as text: each file, then the summary line. */
export function formatPlanText(files: readonly FilePlan[], baseUrl: string, release: string | undefined, redactor: SecretRedactor): string {
  const head = `Plan for ${baseUrl}${release ? ` (authentik ${visible(release)})` : ''}:\n\n`;
  return head + files.map((file) => filePlanText(file, baseUrl, redactor)).join('') + `\n${planSummary(countPlans(files))}\n`;
}
