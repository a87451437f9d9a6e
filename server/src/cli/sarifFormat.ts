import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { FindingCode, FINDING_CODES } from '../service/findings';
import { jsonLine } from './escape';
import { diagnosticsOf, Formatter, ProfileTally, RunEnd } from './formats';
import { FileReport } from './validateFiles';

const SARIF_LEVEL = { error: 'error', warning: 'warning', information: 'note', hint: 'note' } as const;

/** A lone surrogate cannot be percent-encoded (it is no character): it becomes U+FFFD, as a UTF-8 decoder would make it. */
const wellFormed = (text: string) => text.replace(/[\ud800-\udfff]/gu, '\uFFFD');

/**
 * Where a file is, for code scanning. Inside the working directory (the repository root, `%SRCROOT%`):
 * a relative URI, each path segment percent-encoded, so `#`, `?`, `:`, `%`, `\` (a character of the name
 * on POSIX), spaces and non-ASCII stay part of the name instead of starting a fragment, a query, a
 * scheme or a folder. Outside it: an absolute `file:` URI, never a `../` under `%SRCROOT%`.
 */
export function artifactLocation(file: string, cwd: string): { uri: string; uriBaseId?: string } {
  const absolute = path.resolve(cwd, file);
  const relative = path.relative(cwd, absolute);
  if (relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) return { uri: pathToFileURL(wellFormed(absolute)).href };
  return { uri: relative.split(path.sep).map((segment) => encodeURIComponent(wellFormed(segment))).join('/'), uriBaseId: '%SRCROOT%' };
}

const INDENT = '\n      ';

/**
 * SARIF 2.1.0 for GitHub code scanning: one rule per finding code, results with 1-based regions, one
 * result per line; the run's invocation lists what was not checked and which caps left findings out.
 */
export class SarifFormatter implements Formatter {
  private results = 0;
  private readonly profiles = new ProfileTally();
  private readonly ruleIndex: Map<FindingCode, number>;
  private readonly ruleIds: FindingCode[];

  constructor(private readonly toolVersion: string, private readonly cwd: string) {
    this.ruleIds = Object.keys(FINDING_CODES) as FindingCode[];
    this.ruleIndex = new Map(this.ruleIds.map((id, i) => [id, i]));
  }

  begin(): string {
    const rules = this.ruleIds.map((id) => ({
      id,
      name: id.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase()),
      shortDescription: { text: FINDING_CODES[id].description },
      defaultConfiguration: { level: SARIF_LEVEL[FINDING_CODES[id].severity] },
    }));
    const tool = { driver: { name: 'authentik-oauth2', version: this.toolVersion, informationUri: 'https://goauthentik.io/docs/providers/oauth2/', rules } };
    return [
      '{',
      '  "$schema": "https://json.schemastore.org/sarif-2.1.0.json",',
      '  "version": "2.1.0",',
      '  "runs": [',
      '    {',
      `      "tool": ${JSON.stringify(tool, null, 2).split('\n').join(INDENT)},`,
      '      "columnKind": "utf16CodeUnits",',
      '      "results": [',
    ].join('\n');
  }

  file(report: FileReport): string {
    this.profiles.add(report);
    const artifact = artifactLocation(report.path, this.cwd);
    let out = '';
    for (const d of diagnosticsOf(report)) {
      const result = {
        ruleId: d.code,
        ruleIndex: this.ruleIndex.get(d.code),
        level: SARIF_LEVEL[d.severity],
        message: { text: d.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: artifact,
              region: {
                startLine: d.range.start.line + 1,
                startColumn: d.range.start.character + 1,
                endLine: d.range.end.line + 1,
                endColumn: Math.max(d.range.end.character + 1, d.range.end.line === d.range.start.line ? d.range.start.character + 2 : 1),
              },
            },
          },
        ],
      };
      out += `${this.results++ ? ',' : ''}${INDENT}  ${jsonLine(result)}`;
    }
    return out;
  }

  end(run: RunEnd): string {
    const notifications: object[] = run.notices.map((n) => ({
      level: n.level,
      message: { text: n.message },
      locations: [{ physicalLocation: { artifactLocation: artifactLocation(n.path, this.cwd) } }],
    }));
    if (run.summary.notShown > 0) {
      notifications.push({ level: 'warning', message: { text: `${run.summary.notShown} findings are not listed: the output lists ${run.capsNote ?? 'fewer'}. Errors: ${run.summary.errors}, warnings: ${run.summary.warnings}.` } });
    }
    const successful = !run.notices.some((n) => n.level === 'error');
    const listed = notifications.map((n) => `${INDENT}      ${jsonLine(n)}`).join(',');
    const invocation = `{ "executionSuccessful": ${successful}, "toolExecutionNotifications": [${listed}${listed ? `${INDENT}    ` : ''}] }`;
    // Which authentik release each group of files was checked for.
    const properties = `${INDENT}"properties": ${jsonLine({ authentikProfiles: this.profiles.list() })},`;
    return `${this.results ? INDENT : ''}],${properties}${INDENT}"invocations": [${INDENT}  ${invocation}${INDENT}]\n    }\n  ]\n}\n`;
  }
}
