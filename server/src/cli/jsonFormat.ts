import { jsonLine } from './escape';
import { diagnosticsOf, Formatter, RunEnd } from './formats';
import { FileReport } from './validateFiles';

const toPosix = (p: string) => p.split('\\').join('/');

/**
 * The diagnostics exactly as the editor shows them, with 0-based LSP ranges:
 * `{files: [{path, diagnostics: [...], notShown?}], summary: {files, errors, warnings, notShown?}}`,
 * one diagnostic per line. `notShown` appears only when a cap left findings out.
 */
export class JsonFormatter implements Formatter {
  private files = 0;

  begin(): string {
    return '{\n  "files": [';
  }

  file(report: FileReport): string {
    const diagnostics = diagnosticsOf(report).map((d) => `\n        ${jsonLine(d)}`);
    const notShown = report.notShown ? `,\n      "notShown": ${report.notShown}` : '';
    const { profile } = report;
    const profileLine = profile ? `\n      "profile": ${jsonLine({ id: profile.profile.id, release: profile.release, source: profile.source, reason: profile.reason })},` : '';
    const body = `\n    {\n      "path": ${jsonLine(toPosix(report.path))},${profileLine}\n      "diagnostics": [${diagnostics.join(',')}${diagnostics.length ? '\n      ' : ''}]${notShown}\n    }`;
    return (this.files++ ? ',' : '') + body;
  }

  end(run: RunEnd): string {
    const { notShown, ...counts } = run.summary;
    const summary = notShown ? { ...counts, notShown } : counts;
    return `${this.files ? '\n  ' : ''}],\n  "summary": ${jsonLine(summary)}\n}\n`;
  }
}
