import { Finding, Severity } from '../service/findings';
import { FileReport } from './validateFiles';

/**
 * How many findings the output lists. One 1 MB file of unknown keys has tens of thousands, and every
 * format would grow to many MB (SARIF to 80 MB a file, and past what a string can hold). Findings past a
 * cap are still counted, in the summary and the exit code.
 */
export interface FindingCaps {
  perFile: number;
  perRun: number;
}

export const DEFAULT_FINDING_CAPS: FindingCaps = { perFile: 1_000, perRun: 10_000 };

const RANK: Record<Severity, number> = { error: 0, warning: 1, information: 2, hint: 3 };

/**
 * Keeps the findings of `report` that fit in `room` (what the file and the run have left), the most
 * severe first, shown in their order in the file; `notShown` counts the rest.
 */
export function capFindings(report: FileReport, room: number): FileReport {
  if (report.findings.length <= room) return report;
  const kept = new Set<Finding>(
    report.findings
      .map((f, index) => ({ f, index }))
      .sort((a, b) => RANK[a.f.severity] - RANK[b.f.severity] || a.index - b.index)
      .slice(0, Math.max(0, room))
      .map(({ f }) => f),
  );
  const findings = report.findings.filter((f) => kept.has(f));
  return { ...report, findings, notShown: (report.notShown ?? 0) + report.findings.length - findings.length };
}

/** Applies the caps file after file, in the order of the run. */
export class FindingBudget {
  private shownSoFar = 0;
  /** Whether a cap left something out, and which. */
  readonly reached = { perFile: false, perRun: false };

  constructor(readonly caps: FindingCaps) {}

  take(report: FileReport): FileReport {
    const runRoom = Math.max(0, this.caps.perRun - this.shownSoFar);
    const room = Math.min(this.caps.perFile, runRoom);
    const capped = capFindings(report, room);
    if (capped.findings.length < report.findings.length) {
      // The smaller room is the cap that left findings out.
      if (runRoom < this.caps.perFile) this.reached.perRun = true;
      else this.reached.perFile = true;
    }
    this.shownSoFar += capped.findings.length;
    return capped;
  }

  /** Words for the summary: which caps were reached and the options that raise them. */
  describe(): string | undefined {
    const parts: string[] = [];
    if (this.reached.perFile) parts.push(`at most ${this.caps.perFile} per file (--max-findings-per-file)`);
    if (this.reached.perRun) parts.push(`at most ${this.caps.perRun} in all (--max-findings)`);
    return parts.length ? parts.join(' and ') : undefined;
  }
}
