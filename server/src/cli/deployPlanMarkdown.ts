import { DeployPlan, PROVIDERS_PATH, providerPath } from '../../../common/authentik/deploy';
import { describeValue } from '../../../common/authentik/deployDiff';
import type { SecretRedactor } from '../../../common/authentik/secrets';
import { ResolvedTag } from '../service/portable';
import { describeTag } from './planText';
import { fieldLabel } from '../service/yamlNodes';
import { markdownCode, plural } from './markdownText';

/** A value as the plain-text plan shows it (secrets masked), in a code span; a field that is absent in words. */
function cell(key: string, value: unknown, redactor: SecretRedactor): string {
  return value === undefined ? '_not set_' : markdownCode(describeValue(key, value, redactor), true);
}

const shownPath = (file: string) => markdownCode(file.split('\\').join('/'));

/**
 * What a deploy would do with one file, in Markdown lines: create lists every field sent; update lists
 * each changed field, live value then the file's. Names, URLs and values are code spans, so nothing
 * from the file or the server becomes markup.
 */
export function planSectionMarkdown(plan: DeployPlan, baseUrl: string, file: string, redactor: SecretRedactor): string[] {
  const name = markdownCode(redactor.text(String(plan.stored.name)));
  const from = `from ${shownPath(file)}`;
  const lines: string[] = [];
  if (plan.action === 'create') {
    const keys = Object.keys(plan.body);
    lines.push(`**Create** provider ${name} on ${markdownCode(baseUrl)} (${markdownCode(`POST ${PROVIDERS_PATH}`)}) ${from}, with ${plural(keys.length, 'field')}:`, '');
    lines.push('| Field | Value |', '| --- | --- |', ...keys.map((key) => `| ${markdownCode(key, true)} | ${cell(key, plan.stored[key], redactor)} |`));
  } else if (plan.changes.length === 0) {
    lines.push(`Provider ${name} (pk ${plan.pk}) on ${markdownCode(baseUrl)} is up to date with ${shownPath(file)}: nothing to change.`);
  } else {
    const request = markdownCode(`PATCH ${providerPath(plan.pk)}`);
    lines.push(`**Update** provider ${name} (pk ${plan.pk}) on ${markdownCode(baseUrl)} (${request}) ${from}, ${plural(plan.changes.length, 'field')} to change:`, '');
    lines.push('| Field | Now | After the deploy |', '| --- | --- | --- |', ...plan.changes.map((c) => `| ${markdownCode(c.key, true)} | ${cell(c.key, c.from, redactor)} | ${cell(c.key, c.to, redactor)} |`));
  }
  return lines;
}

/** The tags of a file and what each resolved to (an `!env` only as set), as a table; no lines when there are none. */
export function resolvedMarkdown(resolved: readonly ResolvedTag[], redactor: SecretRedactor, pending?: ReadonlyMap<ResolvedTag, string>): string[] {
  if (resolved.length === 0) return [];
  const rows = resolved.map((r) => `| ${markdownCode(fieldLabel(r.tag.path), true)} | ${markdownCode(redactor.text(describeTag(r, pending)), true)} |`);
  return ['', 'Resolved on the server and from the environment:', '', '| Field | Tag → value |', '| --- | --- |', ...rows];
}

/** `deploy --dry-run --format markdown`: what a deploy would do, for a job summary or a pull request comment. */
export function formatPlanMarkdown(plan: DeployPlan, baseUrl: string, file: string, redactor: SecretRedactor, resolved: readonly ResolvedTag[] = []): string {
  const lines = ['### authentik deploy plan', '', '_Dry run: nothing was sent._', '', ...planSectionMarkdown(plan, baseUrl, file, redactor), ...resolvedMarkdown(resolved, redactor)];
  return lines.join('\n') + '\n';
}
