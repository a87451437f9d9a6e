import * as fs from 'node:fs';
import { isSeq, LineCounter } from 'yaml';
import { Finding, finding, Severity } from '../service/findings';
import { parseText, ParsedDocument } from '../service/parsedDocument';
import { ProfileChoice, profileContext, ResolvedProfile, resolveProfile } from '../service/profileResolution';
import { tooLargeFinding, validate, ValidationContext } from '../service/validation';
import { keyText } from '../service/yamlNodes';
import { bundledProfiles } from '../../../common/profiles';
import { fieldsOf, READ_ONLY_KEYS } from '../schema/fields';
import { describeFsError, FoundFile } from './files';

/** One checked file: its findings in offsets, and the line table that turns them into positions (in the formatter). */
export interface FileReport {
  path: string;
  /** The findings to show (all of them, unless a cap of findingCaps.ts left some out). */
  findings: Finding[];
  lines: LineCounter;
  /** The profile the file was checked against, and why; absent when it was not read or parsed. */
  profile?: ResolvedProfile;
  /** Set when the file could not be read at all. */
  readError?: string;
  /** Every finding by severity, shown or not; absent: count `findings`. */
  counts?: Record<Severity, number>;
  /** Findings left out by a cap. */
  notShown?: number;
  /** Bytes read from the file. */
  bytes?: number;
}

/** What every file of a run is checked with; the profile is chosen per file (its comment first). */
export type RunContext = Omit<ValidationContext, 'profile' | 'release' | 'profileFindings'> & { choice: ProfileChoice };

const REPLACEMENT_CHARACTER = Buffer.from('\uFFFD', 'utf8');

/** A line table for a file that was not parsed: its findings are all at the start. */
function firstLineOnly(): LineCounter {
  const lines = new LineCounter();
  lines.addNewLine(0);
  return lines;
}

export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}

const report = (file: string, findings: Finding[], lines: LineCounter, bytes: number): FileReport => ({
  path: file,
  findings,
  lines,
  counts: countBySeverity(findings),
  notShown: 0,
  bytes,
});

/** Reads and validates one file with the parser and checks of the language service, as the editor shows them. */
export function validateFile(file: FoundFile, context: RunContext): FileReport {
  let buffer: Buffer;
  try {
    const read = readWithinLimit(file.real, context.maxFileSize);
    if (typeof read === 'number') return report(file.path, [tooLargeFinding(read, context.maxFileSize, '--max-file-size')], firstLineOnly(), 0);
    buffer = read;
  } catch (error) {
    return { path: file.path, findings: [], lines: firstLineOnly(), readError: describeFsError(error), bytes: 0 };
  }
  // The whole file is searched (it is small by now): a NUL byte far down still makes it binary, not YAML.
  if (buffer.includes(0)) {
    return report(file.path, [finding('binary-file', { message: 'This is a binary file (it contains NUL bytes), not YAML.', start: 0, end: 0 })], firstLineOnly(), buffer.length);
  }
  // Editors hide a leading byte order mark, so positions are counted without it (else line 1 is off by one column).
  let text = buffer.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const parsed = parseText(text, { maxFileSize: context.maxFileSize });
  const notProvider = whyNotProvider(parsed);
  if (notProvider) {
    return report(file.path, [finding('not-a-mapping', { message: `This does not look like an OAuth2 provider file: ${notProvider}. It was not checked further, and its text is not shown.`, start: 0, end: 0 })], firstLineOnly(), buffer.length);
  }
  const profile = resolveProfile(parsed, context.choice);
  const findings = validate(parsed, { ...context, ...profileContext(profile) });
  if (text.includes('\uFFFD') && !buffer.includes(REPLACEMENT_CHARACTER)) {
    findings.unshift(finding('invalid-utf8', { message: 'The file is not valid UTF-8.', start: 0, end: 0 }));
  }
  return { ...report(file.path, findings, parsed.lineCounter, buffer.length), profile };
}

/**
 * Why a file's text is not provider YAML, or undefined when it is (or is empty). The findings about
 * other text would quote it (a key, a value, the parser's messages) into a public CI log: a link to a
 * configuration or credentials file must not turn into a printout of it. So such a file gets one
 * finding in words of its own, and no other.
 */
function whyNotProvider(parsed: ParsedDocument): string | undefined {
  const contents = parsed.documents[0]?.contents;
  if (contents == null || (parsed.root && parsed.root.items.length === 0)) return undefined;
  if (!parsed.root) return parsed.errors.length > 0 ? 'it is not valid YAML' : `its top level is ${isSeq(contents) ? 'a list' : 'a single value'}, not a mapping of provider fields`;
  const known = parsed.root.items.some((pair) => {
    const key = keyText(pair.key);
    return bundledProfiles.some((profile) => fieldsOf(profile).byKey.has(key)) || READ_ONLY_KEYS.has(key);
  });
  return known ? undefined : 'none of its top-level keys is a provider field (name, authorization_flow, client_type, ...)';
}

/**
 * The bytes of a file, or its size when that is over `limit`: a file over the limit is not read at all
 * (one of several hundred MiB would end the whole run; no string is that long). At most `limit + 1`
 * bytes are read, whatever the size says (files in /proc say 0). Opened without blocking and without
 * following a link: a file swapped for a pipe or a link after the search gives an error, not a hang.
 */
export function readWithinLimit(file: string, limit: number): Buffer | number {
  const fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK | fs.constants.O_NOFOLLOW);
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) throw Object.assign(new Error('not a regular file (a pipe, socket or device): skipped'), { code: 'ENOTREG' });
    if (stat.size > limit) return stat.size;
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(64 * 1024, limit + 1 - total));
      const read = fs.readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) break;
      chunks.push(chunk.subarray(0, read));
      total += read;
      if (total > limit) return total;
    }
    return Buffer.concat(chunks, total);
  } finally {
    fs.closeSync(fd);
  }
}
