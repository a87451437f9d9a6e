import { DeployPlan, describeValue, PROVIDERS_PATH } from '../../../common/authentik/deploy';
import { markdownCode, plural } from './markdownText';

/** A value as the plain-text plan shows it (client secret masked), in a code span; a field that is absent in words. */
function cell(key: string, value: unknown): string {
  return value === undefined ? '_not set_' : markdownCode(describeValue(key, value), true);
}

/**
 * `deploy --dry-run --format markdown`: what a deploy would do, for a job summary or a pull request
 * comment. Create lists every field sent; update lists each changed field, live value then the file's.
 * Names, URLs and values are code spans, so nothing from the file or the server becomes markup.
 */
export function formatPlanMarkdown(plan: DeployPlan, baseUrl: string, file: string): string {
  const name = markdownCode(String(plan.body.name));
  const from = `from ${markdownCode(file.split('\\').join('/'))}`;
  const lines = ['### authentik deploy plan', '', '_Dry run: nothing was sent._', ''];
  if (plan.action === 'create') {
    const keys = Object.keys(plan.body);
    lines.push(`**Create** provider ${name} on ${markdownCode(baseUrl)} (${markdownCode(`POST ${PROVIDERS_PATH}`)}) ${from}, with ${plural(keys.length, 'field')}:`, '');
    lines.push('| Field | Value |', '| --- | --- |', ...keys.map((key) => `| ${markdownCode(key, true)} | ${cell(key, plan.body[key])} |`));
  } else if (plan.changes.length === 0) {
    lines.push(`Provider ${name} (pk ${plan.pk}) on ${markdownCode(baseUrl)} is up to date with ${markdownCode(file.split('\\').join('/'))}: nothing to change.`);
  } else {
    const request = markdownCode(`PATCH ${PROVIDERS_PATH}${plan.pk}/`);
    lines.push(`**Update** provider ${name} (pk ${plan.pk}) on ${markdownCode(baseUrl)} (${request}) ${from}, ${plural(plan.changes.length, 'field')} to change:`, '');
    lines.push('| Field | Now | After the deploy |', '| --- | --- | --- |', ...plan.changes.map((c) => `| ${markdownCode(c.key, true)} | ${cell(c.key, c.from)} | ${cell(c.key, c.to)} |`));
  }
  return lines.join('\n') + '\n';
}
