import { diagnosticsOf, summarize } from './formats';
import { markdownCode, markdownText, plural } from './markdownText';
import { FileReport } from './validateFiles';

/**
 * Room for the tables: a pull request comment takes 65,536 characters, a job summary 1 MiB. Rows past
 * this are counted in a closing line instead (the annotations and SARIF still have them all).
 */
export const MARKDOWN_BUDGET = 60_000;

const HEADER = '| Severity | Line | Code | Message |\n| --- | ---: | --- | --- |\n';

/**
 * `validate --format markdown`: a heading and the summary line, then a table per file with findings
 * (severity, 1-based line, code, message). Everything taken from a file is escaped (see markdownText.ts).
 */
export function formatMarkdown(reports: readonly FileReport[], budget = MARKDOWN_BUDGET): string {
  const s = summarize(reports);
  let out = `### authentik OAuth2 providers\n\n${plural(s.files, 'file')} checked: ${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}.\n`;
  let notShown = 0;
  for (const report of reports) {
    const diagnostics = diagnosticsOf(report);
    if (diagnostics.length === 0) continue;
    const section = `\n#### ${markdownCode(report.path.split('\\').join('/'))}\n\n${HEADER}`;
    let rows = '';
    for (const d of diagnostics) {
      const row = `| ${d.severity} | ${d.range.start.line + 1} | ${markdownCode(d.code, true)} | ${markdownText(d.message)} |\n`;
      if (notShown > 0 || out.length + section.length + rows.length + row.length > budget) notShown++;
      else rows += row;
    }
    if (rows) out += section + rows;
  }
  if (notShown > 0) out += `\n_${plural(notShown, 'more finding')} not shown, to keep this short: the annotations and the SARIF report have every one._\n`;
  return out;
}
