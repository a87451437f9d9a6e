import { LineCounter } from 'yaml';
import { Finding, FindingCode, Severity } from '../service/findings';
import { countBySeverity, FileReport } from './validateFiles';

export type OutputFormat = 'text' | 'github' | 'sarif' | 'json' | 'markdown';
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['text', 'github', 'sarif', 'json', 'markdown'];

/** A 0-based line and character (UTF-16 code units), as LSP and the JSON output count them. */
export interface Position {
  line: number;
  character: number;
}

/** A finding with its range as the editor shows it: the only place the CLI turns offsets into positions. */
export interface FileDiagnostic {
  severity: Severity;
  code: FindingCode;
  message: string;
  range: { start: Position; end: Position };
}

function positionAt(lines: LineCounter, offset: number): Position {
  const { line, col } = lines.linePos(offset);
  return { line: Math.max(0, line - 1), character: Math.max(0, col - 1) };
}

export function toFileDiagnostic(finding: Finding, lines: LineCounter): FileDiagnostic {
  return {
    severity: finding.severity,
    code: finding.code,
    message: finding.message,
    range: { start: positionAt(lines, finding.start), end: positionAt(lines, finding.end) },
  };
}

export const diagnosticsOf = (report: FileReport): FileDiagnostic[] => report.findings.map((f) => toFileDiagnostic(f, report.lines));

export interface Summary {
  files: number;
  errors: number;
  warnings: number;
  /** Findings counted but left out of the output by a cap. */
  notShown: number;
}

/** Counts every finding, shown or not (a capped file's counts cover all of its findings). */
export function summarize(reports: readonly FileReport[]): Summary {
  const summary: Summary = { files: 0, errors: 0, warnings: 0, notShown: 0 };
  for (const report of reports) addToSummary(summary, report);
  return summary;
}

export function addToSummary(summary: Summary, report: FileReport): void {
  const counts = report.counts ?? countBySeverity(report.findings);
  summary.files++;
  summary.errors += counts.error;
  summary.warnings += counts.warning;
  summary.notShown += report.notShown ?? 0;
}

/** A path, a problem with it, and how bad: what the search and the reads say besides findings. */
export interface RunNotice {
  level: 'error' | 'warning';
  path: string;
  message: string;
}

/** What a formatter knows at the end of the run. */
export interface RunEnd {
  summary: Summary;
  /** Which caps left findings out, in words, when any did. */
  capsNote?: string;
  /** Paths not checked, links not followed, limits reached (also said on stderr). */
  notices: readonly RunNotice[];
}

/**
 * An output format, written as the run goes: `begin`, then `file` for each checked file in order,
 * then `end`. Each returns text to write (possibly empty), so no output is ever built as one string.
 */
export interface Formatter {
  begin(): string;
  file(report: FileReport): string;
  end(run: RunEnd): string;
}

export const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `N files checked: E errors, W warnings.`, with the findings a cap left out. */
export function summaryLine(run: RunEnd): string {
  const s = run.summary;
  const base = `${plural(s.files, 'file')} checked: ${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}`;
  return s.notShown > 0 ? `${base}; ${s.notShown} not shown: the output lists ${run.capsNote ?? 'fewer'}.` : `${base}.`;
}

/** All of a formatter's output for reports already in hand (tests, and deploy's few findings). */
export function formatAll(formatter: Formatter, reports: readonly FileReport[], notices: readonly RunNotice[] = []): string {
  return formatter.begin() + reports.map((r) => formatter.file(r)).join('') + formatter.end({ summary: summarize(reports), notices });
}

/** The profiles a run checked files against: one entry per release and reason, in the order first seen. */
export interface ProfileUse {
  /** The bundled profile's id (`2024.10.3`), or a server's. */
  profile: string;
  release: string;
  reason: string;
  files: number;
}

/** Counts, file by file as the output streams, which profiles a run used. */
export class ProfileTally {
  private readonly uses = new Map<string, ProfileUse>();

  add(report: FileReport): void {
    const { profile } = report;
    if (!profile) return;
    const id = `${profile.release}\0${profile.reason}`;
    const use = this.uses.get(id) ?? { profile: profile.profile.id, release: profile.release, reason: profile.reason, files: 0 };
    use.files++;
    this.uses.set(id, use);
  }

  list(): ProfileUse[] {
    return [...this.uses.values()];
  }

  /** `Checked for authentik 2026.5.0 (the newest known release).`, or one part per profile. */
  line(): string {
    const uses = this.list();
    if (uses.length === 0) return '';
    if (uses.length === 1) return `Checked for authentik ${uses[0].release} (${uses[0].reason}).\n`;
    return `Checked for ${uses.map((u) => `authentik ${u.release} (${u.reason}): ${plural(u.files, 'file')}`).join('; ')}.\n`;
  }
}
