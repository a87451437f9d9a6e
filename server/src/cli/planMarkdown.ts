import type { SecretRedactor } from '../../../common/authentik/secrets';
import { planSectionMarkdown, resolvedMarkdown } from './deployPlanMarkdown';
import { toFileDiagnostic } from './formats';
import { markdownCode, markdownText } from './markdownText';
import { FilePlan, planAction } from './providerPlans';
import { countPlans, planSummary } from './planText';

const HEADER: Record<string, string> = { create: 'create', update: 'update', none: 'up to date' };

function errorLines(file: FilePlan, redactor: SecretRedactor): string[] {
  if (file.result.ok) return [];
  const { error } = file.result;
  if (error.stage === 'read') return [markdownText(error.message)];
  const rows = error.findings.map((f) => {
    const d = toFileDiagnostic(f, file.lines);
    return `| ${d.range.start.line + 1}:${d.range.start.character + 1} | ${markdownCode(`${d.severity} ${d.code}`, true)} | ${markdownText(redactor.text(d.message))} |`;
  });
  const table = rows.length ? ['| Line | Finding | Message |', '| --- | --- | --- |', ...rows, ''] : [];
  return [...table, markdownText(redactor.text(error.stage === 'server' ? error.failure.message : error.message))];
}

/**
 * `plan --format markdown`, for a pull request comment or a job summary: the totals first, then a
 * section per file. Everything from the files and the server is a code span or escaped text.
 */
export function formatPlanMarkdownReport(files: readonly FilePlan[], baseUrl: string, release: string | undefined, redactor: SecretRedactor): string {
  const on = `${markdownCode(baseUrl)}${release ? ` (authentik ${markdownCode(release)})` : ''}`;
  const lines = ['### authentik plan', '', `${markdownText(planSummary(countPlans(files)))} On ${on}; nothing was sent.`];
  for (const file of files) {
    const path = markdownCode(file.path.split('\\').join('/'));
    const after = [...new Set(file.pending?.values() ?? [])].map((p) => markdownCode(p.split('\\').join('/')));
    lines.push('', `#### ${path}: ${file.result.ok ? HEADER[planAction(file.result.plan)] : 'error'}${after.length ? `, after ${after.join(', ')}` : ''}`, '');
    if (file.result.ok) lines.push(...planSectionMarkdown(file.result.plan, baseUrl, file.path, redactor), ...resolvedMarkdown(file.result.resolved, redactor, file.pending));
    else lines.push(...errorLines(file, redactor));
  }
  return lines.join('\n') + '\n';
}
