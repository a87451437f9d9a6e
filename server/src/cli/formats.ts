import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LineCounter } from 'yaml';
import { Finding, FindingCode, FINDING_CODES, Severity } from '../service/findings';
import { FileReport } from './validateFiles';

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
}

export function summarize(reports: readonly FileReport[]): Summary {
  let errors = 0;
  let warnings = 0;
  for (const report of reports) {
    for (const d of report.findings) {
      if (d.severity === 'error') errors++;
      else if (d.severity === 'warning') warnings++;
    }
  }
  return { files: reports.length, errors, warnings };
}

const toPosix = (p: string) => p.split('\\').join('/');

/** `path:line:col: severity code message` per finding, 1-based, as editors and terminals link them. */
export function formatFindingLines(report: FileReport): string {
  return diagnosticsOf(report)
    .map((d) => `${report.path}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.severity} ${d.code} ${d.message}\n`)
    .join('');
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The profiles a run checked files against: one entry per release and reason, in the order first seen. */
export interface ProfileUse {
  /** The bundled profile's id (`2024.10.3`), or `server-<version>`. */
  profile: string;
  release: string;
  reason: string;
  files: number;
}

export function profilesUsed(reports: readonly FileReport[]): ProfileUse[] {
  const uses = new Map<string, ProfileUse>();
  for (const { profile } of reports) {
    if (!profile) continue;
    const id = `${profile.release}\0${profile.reason}`;
    const use = uses.get(id) ?? { profile: profile.profile.id, release: profile.release, reason: profile.reason, files: 0 };
    use.files++;
    uses.set(id, use);
  }
  return [...uses.values()];
}

/** `Checked for authentik 2026.5.0 (the newest known release).` */
function profileLine(reports: readonly FileReport[]): string {
  const uses = profilesUsed(reports);
  if (uses.length === 0) return '';
  if (uses.length === 1) return `Checked for authentik ${uses[0].release} (${uses[0].reason}).\n`;
  return `Checked for ${uses.map((u) => `authentik ${u.release} (${u.reason}): ${plural(u.files, 'file')}`).join('; ')}.\n`;
}

/** Every finding as a `path:line:col` line, then the profiles used and a summary line. */
export function formatText(reports: readonly FileReport[]): string {
  const s = summarize(reports);
  return reports.map(formatFindingLines).join('') + profileLine(reports) + `${plural(s.files, 'file')} checked: ${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}.\n`;
}

const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** GitHub Actions workflow commands: each finding becomes an annotation on the pull request's diff. */
export function formatGithub(reports: readonly FileReport[]): string {
  const lines: string[] = [];
  for (const report of reports) {
    for (const d of diagnosticsOf(report)) {
      const command = d.severity === 'error' ? 'error' : d.severity === 'warning' ? 'warning' : 'notice';
      const line = d.range.start.line + 1;
      const col = d.range.start.character + 1;
      const endLine = d.range.end.line + 1;
      // GitHub's endColumn is inclusive; LSP's end character is exclusive and 0-based, so they coincide.
      const endColumn = endLine === line ? Math.max(col, d.range.end.character) : d.range.end.character;
      const props = [
        `file=${escapeProperty(toPosix(report.path))}`,
        `line=${line}`,
        `col=${col}`,
        `endLine=${endLine}`,
        `endColumn=${endColumn}`,
        `title=${escapeProperty(`authentik ${d.code}`)}`,
      ].join(',');
      lines.push(`::${command} ${props}::${escapeData(d.message)}`);
    }
  }
  return lines.join('\n') + (lines.length ? '\n' : '');
}

/** The diagnostics exactly as the editor shows them, with 0-based LSP ranges. */
export function formatJson(reports: readonly FileReport[]): string {
  return (
    JSON.stringify(
      {
        files: reports.map((r) => ({
          path: toPosix(r.path),
          ...(r.profile ? { profile: { id: r.profile.profile.id, release: r.profile.release, source: r.profile.source, reason: r.profile.reason } } : {}),
          diagnostics: diagnosticsOf(r),
        })),
        summary: summarize(reports),
      },
      null,
      2,
    ) + '\n'
  );
}

/** Relative paths are given against the repository root, as code scanning expects; absolute ones as file URIs. */
function artifactLocation(file: string): { uri: string; uriBaseId?: string } {
  if (path.isAbsolute(file)) return { uri: pathToFileURL(file).href };
  return { uri: encodeURI(toPosix(path.normalize(file))), uriBaseId: '%SRCROOT%' };
}

const SARIF_LEVEL = { error: 'error', warning: 'warning', information: 'note', hint: 'note' } as const;

/** SARIF 2.1.0 for GitHub code scanning: one rule per diagnostic code, results with 1-based regions. */
export function formatSarif(reports: readonly FileReport[], toolVersion: string): string {
  const ruleIds = Object.keys(FINDING_CODES) as FindingCode[];
  const ruleIndex = new Map(ruleIds.map((id, i) => [id, i]));
  const rules = ruleIds.map((id) => ({
    id,
    name: id.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase()),
    shortDescription: { text: FINDING_CODES[id].description },
    defaultConfiguration: { level: SARIF_LEVEL[FINDING_CODES[id].severity] },
  }));
  const results = reports.flatMap((r) =>
    diagnosticsOf(r).map((d) => ({
      ruleId: d.code,
      ruleIndex: ruleIndex.get(d.code),
      level: SARIF_LEVEL[d.severity],
      message: { text: d.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: artifactLocation(r.path),
            region: {
              startLine: d.range.start.line + 1,
              startColumn: d.range.start.character + 1,
              endLine: d.range.end.line + 1,
              endColumn: Math.max(d.range.end.character + 1, d.range.end.line === d.range.start.line ? d.range.start.character + 2 : 1),
            },
          },
        },
      ],
    })),
  );
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'authentik-oauth2', version: toolVersion, informationUri: 'https://goauthentik.io/docs/providers/oauth2/', rules } },
        columnKind: 'utf16CodeUnits',
        // Which authentik release each group of files was checked for.
        properties: { authentikProfiles: profilesUsed(reports) },
        results,
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}
