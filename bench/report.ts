import { CliMeasurements } from './cliBench';
import { LspMeasurements } from './lspBench';
import { SizeMeasurements } from './sizes';
import { TypingMeasurements } from './typingBench';

export type Unit = 'ms' | 'MiB' | 'KiB';

/** One line of the table: a figure for both tools, their ratio and, where there is one, the target for it. */
export interface Figure {
  id: string;
  label: string;
  unit: Unit;
  ours?: number;
  theirs?: number;
  /** Who "theirs" is on this line. */
  against?: string;
  ratio?: number;
  /** The ratio must be at most this. */
  target?: number;
  result?: 'PASS' | 'MISS';
  /** Shown instead of numbers (e.g. "not built"). */
  text?: string;
}

function figure(id: string, label: string, unit: Unit, ours: number | undefined, theirs: number | undefined, against: string, target?: number): Figure {
  const ratio = ours !== undefined && theirs !== undefined && theirs > 0 ? ours / theirs : undefined;
  const result = target === undefined || ratio === undefined ? undefined : ratio <= target ? 'PASS' : 'MISS';
  return { id, label, unit, ours, theirs, against, ratio, target, result };
}

/** Runs of at most this many files are CI-sized. */
const CI_FILES = 50;

const mib = (kb: number | undefined) => (kb === undefined ? undefined : kb / 1024);
const kib = (bytes: number | undefined) => (bytes === undefined ? undefined : bytes / 1024);

export function buildFigures(
  ours: LspMeasurements,
  yamlLs: LspMeasurements,
  counts: { starts: number; edits: number; bigItems: number; completions: number; openFiles: number; openRepeats: number },
  cli: CliMeasurements[],
  sizes: SizeMeasurements,
  productionStartMs: number,
  typing: { atLimit: TypingMeasurements; oneMib: TypingMeasurements },
): Figure[] {
  const ls = 'yaml-language-server';
  const figures: Figure[] = [
    figure('start', `1. (info) start to initialize result (median of ${counts.starts})`, 'ms', ours.startMs, yamlLs.startMs, ls),
    figure('start-production', '   (info) start, production bundle', 'ms', productionStartMs, yamlLs.startMs, ls),
    figure('first-diagnostics', '2. (info) first diagnostics, 20-line file (fresh server)', 'ms', ours.firstDiagnosticsMs, yamlLs.firstDiagnosticsMs, ls),
    figure('edit-small-p50', `3. edit to diagnostics p50, 20-line (${counts.edits} edits)`, 'ms', ours.small.p50, yamlLs.small.p50, ls, 0.1),
    figure('edit-small-p95', '   edit to diagnostics p95, 20-line', 'ms', ours.small.p95, yamlLs.small.p95, ls),
    figure('edit-big-p50', `4. edit to diagnostics p50, ${counts.bigItems}-item (${counts.edits} edits)`, 'ms', ours.big.p50, yamlLs.big.p50, ls, 0.25),
    figure('edit-big-p95', `   edit to diagnostics p95, ${counts.bigItems}-item`, 'ms', ours.big.p95, yamlLs.big.p95, ls),
    figure('completion-p50', `5. completion at "client_type: " p50 (${counts.completions})`, 'ms', ours.completion.p50, yamlLs.completion.p50, ls, 1.0),
    figure('completion-p95', '   completion p95', 'ms', ours.completion.p95, yamlLs.completion.p95, ls),
    figure('open-many-time', `6. ${counts.openFiles} files opened: all diagnosed (median of ${counts.openRepeats})`, 'ms', ours.openMany.allDiagnosedMs, yamlLs.openMany.allDiagnosedMs, ls, 0.5),
    figure('open-many-rss', `   ${counts.openFiles} files opened: server RSS`, 'MiB', mib(ours.openMany.rssKb), mib(yamlLs.openMany.rssKb), ls, 0.6),
    figure('idle-rss', '   (info) server RSS after start, 1 file open', 'MiB', mib(ours.idleRssKb), mib(yamlLs.idleRssKb), ls),
  ];
  for (const run of cli) {
    const n = run.files.toLocaleString('en-US');
    // A CI job checks a repository's few dozen files: that run is the target; large batches are information.
    const ci = run.files <= CI_FILES;
    const label = ci ? `7. CLI ${n} files (CI-sized): wall time (median of ${run.runs})` : `   (info) CLI ${n} files: wall time (median of ${run.runs})`;
    figures.push(figure(`cli-${run.files}-wall`, label, 'ms', run.ours.wallMs, run.theirs.wallMs, 'ajv-cli', ci ? 1.0 : undefined));
    figures.push(figure(`cli-${run.files}-rss`, `   (info) CLI ${n} files: peak RSS`, 'MiB', mib(run.ours.maxRssKb), mib(run.theirs.maxRssKb), 'ajv-cli'));
  }
  const vsix: Figure =
    sizes.vsixBytes === undefined
      ? { id: 'vsix', label: '8. authentik-oauth2.vsix', unit: 'KiB', text: 'not built' }
      : figure('vsix', '8. authentik-oauth2.vsix', 'KiB', kib(sizes.vsixBytes), undefined, '');
  figures.push(
    vsix,
    figure('extension-bundle', '   dist/extension.js (production build)', 'KiB', kib(sizes.production.extension), undefined, ''),
    figure('server-bundle', '   dist/server.js (production build)', 'KiB', kib(sizes.production.server), undefined, ''),
  );
  const kb = (bytes: number) => `${Math.round(bytes / 1024)} KiB`;
  const { atLimit, oneMib } = typing;
  figures.push(
    figure('typing-limit-p50', `9. (info) hover while typing p50, ${kb(atLimit.bytes)} file at the default limit`, 'ms', atLimit.p50, undefined, ''),
    figure('typing-limit-p95', `   (info) hover while typing p95, ${kb(atLimit.bytes)} (max ${Math.round(atLimit.max)} ms)`, 'ms', atLimit.p95, undefined, ''),
    figure('typing-limit-diagnostics', `   (info) last keystroke to diagnostics, ${kb(atLimit.bytes)}`, 'ms', atLimit.lastKeystrokeToDiagnosticsMs, undefined, ''),
    figure('typing-1mib-p50', `   (info) hover while typing p50, ${kb(oneMib.bytes)} file (limit raised to 1 MiB)`, 'ms', oneMib.p50, undefined, ''),
    figure('typing-1mib-p95', `   (info) hover while typing p95, ${kb(oneMib.bytes)} (max ${Math.round(oneMib.max)} ms)`, 'ms', oneMib.p95, undefined, ''),
    figure('typing-1mib-diagnostics', `   (info) last keystroke to diagnostics, ${kb(oneMib.bytes)}`, 'ms', oneMib.lastKeystrokeToDiagnosticsMs, undefined, ''),
  );
  return figures;
}

function formatNumber(value: number | undefined, unit: Unit): string {
  if (value === undefined || Number.isNaN(value)) return '—';
  const digits = unit === 'ms' && value < 10 ? 2 : 1;
  return `${value.toFixed(digits)} ${unit}`;
}

/** A plain-text table, one row per figure, aligned for a terminal. */
export function formatTable(figures: Figure[]): string {
  const header = ['figure', 'ours', 'theirs', 'vs', 'ours/theirs', 'target', 'result'];
  const rows = figures.map((f) => [
    f.label,
    f.text ?? formatNumber(f.ours, f.unit),
    f.theirs === undefined ? '' : formatNumber(f.theirs, f.unit),
    f.theirs === undefined ? '' : (f.against ?? ''),
    f.ratio === undefined ? '' : f.ratio.toFixed(3),
    f.target === undefined ? '' : `≤ ${f.target}`,
    f.result ?? '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
