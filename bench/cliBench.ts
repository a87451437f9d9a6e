import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { cliFile, cliFileError, cliFileKind } from './documents';
import { BENCH_RELEASE, REPO, SCHEMA_PATH } from './servers';
import { median } from './stats';

const MAX_RSS_PRELOAD = path.join(__dirname, 'maxRss.cjs');
const OUR_CLI = path.join(REPO, 'dist', 'cli.js');
const AJV_CLI = path.join(REPO, 'node_modules', 'ajv-cli', 'dist', 'index.js');

export interface CliRun {
  wallMs: number;
  maxRssKb: number;
}

export interface CliMeasurements {
  files: number;
  invalid: number;
  runs: number;
  ours: CliRun;
  theirs: CliRun;
  /** How many files each tool called invalid: both must equal `invalid`. */
  oursFlagged: number;
  theirsFlagged: number;
  /** Our findings, and how many of them carry the line and column of the mistake (ajv-cli reports a JSON path only). */
  oursFindings: number;
  oursPlaced: number;
}

/** Writes `count` provider files (one in eight with each kind of error) into a fresh folder. */
function generate(dir: string, count: number): number {
  fs.mkdirSync(dir, { recursive: true });
  let invalid = 0;
  for (let i = 0; i < count; i++) {
    fs.writeFileSync(path.join(dir, `p${String(i).padStart(5, '0')}.oauth2provider.yaml`), cliFile(i));
    if (cliFileKind(i) !== 'valid') invalid++;
  }
  return invalid;
}

interface Invocation {
  args: string[];
  expectedExit: number;
}

/** Our CLI and ajv-cli on the same files with the same schema; both collect all errors and check formats. */
function invocations(dir: string): { ours: Invocation; theirs: Invocation } {
  return {
    ours: { args: [OUR_CLI, 'validate', '--format', 'json', '--server-version', BENCH_RELEASE, dir], expectedExit: 1 },
    theirs: {
      args: [AJV_CLI, 'validate', '-s', SCHEMA_PATH, '-d', path.join(dir, '*.oauth2provider.yaml'), '-c', 'ajv-formats', '--all-errors', '--spec=draft7', '--errors=json'],
      expectedExit: 1,
    },
  };
}

/** Runs one Node process to completion, output to files; wall time from spawn to exit, peak RSS from the preload. */
async function timeRun(invocation: Invocation, outDir: string, tag: string): Promise<CliRun & { stdout: string; stderr: string }> {
  const stdoutFile = path.join(outDir, `${tag}.stdout`);
  const stderrFile = path.join(outDir, `${tag}.stderr`);
  const rssFile = path.join(outDir, `${tag}.maxrss`);
  const stdout = fs.openSync(stdoutFile, 'w');
  const stderr = fs.openSync(stderrFile, 'w');
  const env = { ...process.env, NODE_OPTIONS: `--require "${MAX_RSS_PRELOAD}"`, BENCH_MAXRSS_FILE: rssFile };
  const started = performance.now();
  const child = spawn(process.execPath, invocation.args, { cwd: REPO, env, stdio: ['ignore', stdout, stderr] });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (exitCode) => resolve(exitCode));
  });
  const wallMs = performance.now() - started;
  fs.closeSync(stdout);
  fs.closeSync(stderr);
  const out = fs.readFileSync(stdoutFile, 'utf8');
  const err = fs.readFileSync(stderrFile, 'utf8');
  if (code !== invocation.expectedExit) throw new Error(`${tag}: exit ${code}, expected ${invocation.expectedExit}\n${err.slice(0, 2000)}`);
  return { wallMs, maxRssKb: Number(fs.readFileSync(rssFile, 'utf8')), stdout: out, stderr: err };
}

interface OurReport {
  files: { path: string; diagnostics: { severity: string; code: string; range: { start: { line: number; character: number } } }[] }[];
}

function oursFlagged(report: OurReport): number {
  return report.files.filter((f) => f.diagnostics.some((d) => d.severity === 'error')).length;
}

/** Every finding, and those on the line and column where the generated mistake is (file pNNNNN is generated file NNNNN). */
function oursPlacement(report: OurReport): { findings: number; placed: number } {
  let findings = 0;
  let placed = 0;
  for (const file of report.files) {
    const expected = cliFileError(Number(/p(\d+)\.oauth2provider\.yaml$/.exec(file.path)?.[1]));
    for (const d of file.diagnostics) {
      findings++;
      const { line, character } = d.range.start;
      if (expected && d.code === expected.code && line === expected.line && character === expected.character) placed++;
    }
  }
  return { findings, placed };
}

function theirsFlagged(stdout: string, stderr: string): number {
  return `${stdout}\n${stderr}`.split('\n').filter((line) => / invalid$/.test(line)).length;
}

/** Times both CLIs `runs` times each (alternating) on `count` generated files. */
export async function measureCli(workDir: string, count: number, runs: number, log: (line: string) => void): Promise<CliMeasurements> {
  const dir = path.join(workDir, `cli-${count}`);
  const invalid = generate(dir, count);
  const outDir = path.join(workDir, `cli-${count}-out`);
  fs.mkdirSync(outDir, { recursive: true });
  const { ours, theirs } = invocations(dir);
  const oursRuns: CliRun[] = [];
  const theirRuns: CliRun[] = [];
  let flagged = { ours: 0, theirs: 0 };
  let placement = { findings: 0, placed: 0 };
  log(`CLI on ${count} files: ${runs} runs of each`);
  for (let i = 0; i < runs; i++) {
    const a = await timeRun(ours, outDir, `ours-${i}`);
    const b = await timeRun(theirs, outDir, `ajv-${i}`);
    oursRuns.push(a);
    theirRuns.push(b);
    const report = JSON.parse(a.stdout) as OurReport;
    flagged = { ours: oursFlagged(report), theirs: theirsFlagged(b.stdout, b.stderr) };
    placement = oursPlacement(report);
  }
  const summary = (list: CliRun[]): CliRun => ({ wallMs: median(list.map((r) => r.wallMs)), maxRssKb: median(list.map((r) => r.maxRssKb)) });
  return {
    files: count,
    invalid,
    runs,
    ours: summary(oursRuns),
    theirs: summary(theirRuns),
    oursFlagged: flagged.ours,
    theirsFlagged: flagged.theirs,
    oursFindings: placement.findings,
    oursPlaced: placement.placed,
  };
}
