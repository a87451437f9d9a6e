import { workflowData, workflowProperty } from './escape';
import { diagnosticsOf, Formatter, plural, RunEnd } from './formats';
import { FileReport } from './validateFiles';

const toPosix = (p: string) => p.split('\\').join('/');

/**
 * GitHub Actions workflow commands: each finding becomes an annotation on the pull request's diff.
 * Paths and messages are escaped by the workflow-command rules, so each command is one line.
 */
export class GithubFormatter implements Formatter {
  begin(): string {
    return '';
  }

  file(report: FileReport): string {
    const file = workflowProperty(toPosix(report.path));
    let out = '';
    for (const d of diagnosticsOf(report)) {
      const command = d.severity === 'error' ? 'error' : d.severity === 'warning' ? 'warning' : 'notice';
      const line = d.range.start.line + 1;
      const col = d.range.start.character + 1;
      const endLine = d.range.end.line + 1;
      // GitHub's endColumn is inclusive; LSP's end character is exclusive and 0-based, so they coincide.
      const endColumn = endLine === line ? Math.max(col, d.range.end.character) : d.range.end.character;
      const props = [`file=${file}`, `line=${line}`, `col=${col}`, `endLine=${endLine}`, `endColumn=${endColumn}`, `title=${workflowProperty(`authentik ${d.code}`)}`].join(',');
      out += `::${command} ${props}::${workflowData(d.message)}\n`;
    }
    if (report.notShown) out += `::warning file=${file},title=authentik findings not shown::${workflowData(`${plural(report.notShown, 'more finding')} in this file not shown.`)}\n`;
    return out;
  }

  /** Nothing for a clean run (no summary line to confuse the runner); a notice when caps left findings out. */
  end(run: RunEnd): string {
    if (run.summary.notShown === 0) return '';
    return `::warning title=authentik findings not shown::${workflowData(`${run.summary.notShown} findings not shown: the output lists ${run.capsNote ?? 'fewer'}. Errors: ${run.summary.errors}, warnings: ${run.summary.warnings}.`)}\n`;
  }
}
