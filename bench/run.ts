import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CliMeasurements, measureCli } from './cliBench';
import { LspMeasurements, measureServer, measureStarts } from './lspBench';
import { buildFigures, formatTable } from './report';
import { OURS, REPO, YAML_LS } from './servers';
import { measureSizes } from './sizes';
import { measureHoverWhileTyping, TypingMeasurements } from './typingBench';
import { DEFAULT_SETTINGS } from '../common/settings';

/**
 * `npm run bench`: our language server against yaml-language-server (same client, same documents)
 * and our CLI against ajv-cli (same files, same schema). Prints a table of ratios with targets and
 * writes bench/results.json. BENCH_QUICK=1 shrinks the counts for a smoke run.
 */
const QUICK = process.env.BENCH_QUICK === '1';
const COUNTS = QUICK
  ? { starts: 2, edits: 20, bigItems: 5000, completions: 20, openFiles: 50, openRepeats: 1 }
  : { starts: 7, edits: 200, bigItems: 5000, completions: 200, openFiles: 300, openRepeats: 3 };
const TYPING = QUICK ? { keystrokes: 10, intervalMs: 100 } : { keystrokes: 40, intervalMs: 100 };
const MIB = 1024 * 1024;
/** Our server with the size limit raised to 1 MiB, to show what a 1 MB file costs. */
const OURS_1MIB = { ...OURS, configuration: (item: { section?: string }) => (item.section === 'authentik' ? { maxFileSize: MIB } : null), pushedSettings: { authentik: { maxFileSize: MIB } } };
/** The CI-sized run (a target) is short, so it is repeated more often than the large ones (information only). */
const CLI_RUNS = QUICK
  ? [{ files: 50, runs: 3 }, { files: 1000, runs: 1 }]
  : [{ files: 50, runs: 9 }, { files: 1000, runs: 3 }, { files: 10_000, runs: 3 }];

const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);

async function main(): Promise<void> {
  const started = Date.now();
  const staleness = checkBuild();
  if (staleness) log(`warning: ${staleness}`);
  const loadBefore = os.loadavg()[0];
  if (loadBefore > os.cpus().length) log(`warning: load average ${loadBefore.toFixed(1)} on ${os.cpus().length} cores; other work skews the figures`);

  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'authentik-bench-'));
  try {
    const ours = await measureServer(OURS, mkdir(workDir, 'lsp-ours'), COUNTS, log);
    const yamlLs = await measureServer(YAML_LS, mkdir(workDir, 'lsp-yaml-ls'), COUNTS, log);
    const typing: { atLimit: TypingMeasurements; oneMib: TypingMeasurements } = {
      atLimit: await logged(`ours: hover while typing, file at the default limit (${DEFAULT_SETTINGS.maxFileSize} bytes)`, () => measureHoverWhileTyping(OURS, mkdir(workDir, 'typing'), DEFAULT_SETTINGS.maxFileSize, TYPING)),
      oneMib: await logged('ours: hover while typing, 1 MiB file (limit raised)', () => measureHoverWhileTyping(OURS_1MIB, mkdir(workDir, 'typing'), MIB, TYPING)),
    };
    const cli: CliMeasurements[] = [];
    for (const { files, runs } of CLI_RUNS) cli.push(await measureCli(workDir, files, runs, log));
    log('production build for bundle sizes');
    const sizes = measureSizes(workDir);
    log(`production bundle: ${COUNTS.starts} starts`);
    const production = { ...OURS, command: { ...OURS.command, args: [sizes.production.serverPath, '--stdio'] } };
    const productionStart = await measureStarts(production, mkdir(workDir, 'lsp-production'), COUNTS.starts);

    const figures = buildFigures(ours, yamlLs, COUNTS, cli, sizes, productionStart.startMs, typing);
    const checks = correctnessChecks(ours, yamlLs, cli, typing);
    const notes = [
      ...ours.notes.map((n) => `ours: ${n}`),
      ...yamlLs.notes.map((n) => `yaml-language-server: ${n}`),
      `typo as reported by ours: ${ours.small.typoMessage}`,
      `typo as reported by yaml-language-server: ${yamlLs.small.typoMessage}`,
      'yaml-language-server waits a fixed 200 ms (validationDelayMs) after each change before validating; its edit and open figures include that wait, as a user sees it.',
      `load average (1 min) ${loadBefore.toFixed(1)} before, ${os.loadavg()[0].toFixed(1)} after, on ${os.cpus().length} cores.`,
      ...(staleness ? [staleness] : []),
      `dist/ benchmarked here is a ${sizes.current.build} build (extension.js ${sizes.current.extension ?? '?'} B, server.js ${sizes.current.server ?? '?'} B).`,
    ];

    const targets = figures.filter((f) => f.result);
    const met = targets.filter((f) => f.result === 'PASS').length;
    process.stdout.write(`\n${formatTable(figures)}\n\ntargets: ${met} of ${targets.length} met${met < targets.length ? ` (missed: ${targets.filter((f) => f.result === 'MISS').map((f) => f.id).join(', ')})` : ''}\n\n`);
    for (const check of checks) process.stdout.write(`check: ${check}\n`);
    for (const note of notes) process.stdout.write(`note: ${note}\n`);
    const results = {
      date: new Date().toISOString(),
      quick: QUICK,
      durationSeconds: Math.round((Date.now() - started) / 1000),
      machine: { node: process.version, platform: `${os.platform()} ${os.release()}`, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model },
      loadAverage: { before: loadBefore, after: os.loadavg()[0] },
      counts: { ...COUNTS, cli: CLI_RUNS, typing: TYPING },
      figures,
      checks,
      notes,
      raw: { ours, yamlLs, productionStart, cli, sizes, typing },
    };
    const out = path.join(REPO, 'bench', 'results.json');
    fs.writeFileSync(out, JSON.stringify(results, null, 2) + '\n');
    process.stdout.write(`\nwrote ${path.relative(REPO, out)} in ${results.durationSeconds} s\n`);
    const failed = checks.filter((c) => c.startsWith('FAIL'));
    if (failed.length) process.exitCode = 1;
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

/** The benchmark runs dist/ as built (it does not rebuild, so it never rewrites files other runs may be using). */
function checkBuild(): string | undefined {
  for (const bundle of ['server.js', 'cli.js']) {
    if (!fs.existsSync(path.join(REPO, 'dist', bundle))) throw new Error(`dist/${bundle} is missing: run "npm run build" first`);
  }
  const built = fs.statSync(path.join(REPO, 'dist', 'server.js')).mtimeMs;
  const newer = newestSource(path.join(REPO, 'server', 'src'));
  return newer > built ? 'server/src has changed since dist/ was built; run "npm run build" to benchmark the current code' : undefined;
}

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

async function logged<T>(what: string, run: () => Promise<T>): Promise<T> {
  log(what);
  return run();
}

function mkdir(parent: string, name: string): string {
  const dir = path.join(parent, name);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** The figures only mean something if both tools gave the right answers; say so for each. */
function correctnessChecks(ours: LspMeasurements, yamlLs: LspMeasurements, cli: CliMeasurements[], typing: Record<string, TypingMeasurements>): string[] {
  const checks: string[] = [];
  const verdict = (ok: boolean, text: string) => checks.push(`${ok ? 'ok' : 'FAIL'}: ${text}`);
  for (const [name, m] of [
    ['ours', ours],
    ['yaml-language-server', yamlLs],
  ] as const) {
    verdict(m.small.unexpected === 0, `${name} showed the typo on every typo edit and nothing on every valid edit, 20-line file (${m.small.unexpected} unexpected publications)`);
    verdict(m.big.unexpected === 0, `${name} same on the ${COUNTS.bigItems}-item file (${m.big.unexpected} unexpected publications)`);
    verdict(m.openMany.wrongFiles === 0, `${name} diagnosed all ${COUNTS.openFiles} opened files correctly (${m.openMany.wrongFiles} wrong)`);
    verdict(['confidential', 'public'].every((l) => m.completion.labels.includes(l)), `${name} completion offers ${m.completion.labels.join(', ')}`);
  }
  for (const m of Object.values(typing)) {
    verdict(m.wrongHovers === 0 && m.hovers > 0, `ours answered ${m.hovers} hovers while typing in a ${m.bytes}-byte file, ${m.wrongHovers} on the wrong key`);
  }
  for (const run of cli) {
    verdict(
      run.oursFlagged === run.invalid && run.theirsFlagged === run.invalid,
      `CLI ${run.files} files: ${run.invalid} invalid; ours flagged ${run.oursFlagged}, ajv-cli flagged ${run.theirsFlagged}`,
    );
    verdict(
      run.oursFindings === run.invalid && run.oursPlaced === run.oursFindings,
      `CLI ${run.files} files: ours gave ${run.oursFindings} findings, ${run.oursPlaced} with the line and column of the mistake (ajv-cli gives a JSON path, no position)`,
    );
  }
  return checks;
}

main().catch((error) => {
  process.stderr.write(`bench failed: ${(error as Error)?.stack ?? String(error)}\n`);
  process.exitCode = 1;
});
