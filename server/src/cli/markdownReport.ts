import { diagnosticsOf, Formatter, formatAll, RunEnd, summaryLine } from './formats';
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
 * The summary comes first, so the tables wait for the end of the run; they never exceed the budget.
 */
export class MarkdownFormatter implements Formatter {
  private tables = '';
  private notShown = 0;

  constructor(private readonly budget = MARKDOWN_BUDGET) {}

  begin(): string {
    return '';
  }

  file(report: FileReport): string {
    const diagnostics = diagnosticsOf(report);
    if (diagnostics.length === 0) return '';
    const section = `\n#### ${markdownCode(report.path.split('\\').join('/'))}\n\n${HEADER}`;
    let rows = '';
    for (const d of diagnostics) {
      const row = `| ${d.severity} | ${d.range.start.line + 1} | ${markdownCode(d.code, true)} | ${markdownText(d.message)} |\n`;
      // The heading and summary take under 300 characters of the budget.
      if (this.notShown > 0 || 300 + this.tables.length + section.length + rows.length + row.length > this.budget) this.notShown++;
      else rows += row;
    }
    if (rows) this.tables += section + rows;
    return '';
  }

  end(run: RunEnd): string {
    let out = `### authentik OAuth2 providers\n\n${markdownText(summaryLine(run))}\n${this.tables}`;
    if (this.notShown > 0) out += `\n_${plural(this.notShown, 'more finding')} not shown, to keep this short: the annotations and the SARIF report have every one._\n`;
    return out;
  }
}

export function formatMarkdown(reports: readonly FileReport[], budget = MARKDOWN_BUDGET): string {
  return formatAll(new MarkdownFormatter(budget), reports);
}
