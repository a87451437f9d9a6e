import { linePath, visible } from './escape';
import { diagnosticsOf, Formatter, plural, ProfileTally, RunEnd, summaryLine } from './formats';
import { FileReport } from './validateFiles';

/** `path:line:col: severity code message` per finding, 1-based, as editors and terminals link them; one line each, whatever the path and message hold. */
export function formatFindingLines(report: FileReport): string {
  const file = linePath(report.path);
  let out = '';
  for (const d of diagnosticsOf(report)) out += `${file}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.severity} ${d.code} ${visible(d.message)}\n`;
  if (report.notShown) out += `${file}: ${plural(report.notShown, 'more finding')} not shown.\n`;
  return out;
}

/** Every finding as a `path:line:col` line, then the releases checked for and a summary line. */
export class TextFormatter implements Formatter {
  private readonly profiles = new ProfileTally();

  begin(): string {
    return '';
  }

  file(report: FileReport): string {
    this.profiles.add(report);
    return formatFindingLines(report);
  }

  end(run: RunEnd): string {
    return `${visible(this.profiles.line().trimEnd())}${this.profiles.list().length ? '\n' : ''}${summaryLine(run)}\n`;
  }
}
