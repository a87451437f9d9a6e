import * as fs from 'node:fs';
import * as path from 'node:path';
import { LineCounter } from 'yaml';
import { Finding, finding } from '../service/findings';
import { parseText } from '../service/parsedDocument';
import { ProfileChoice, profileContext, ResolvedProfile, resolveProfile } from '../service/profileResolution';
import { ReferenceSource } from '../service/references';
import { tooLargeFinding, validate, ValidationContext } from '../service/validation';
import { AuthentikSettings } from '../../../common/settings';
import { describeFsError } from './files';

/** One checked file: its findings in offsets, and the line table that turns them into positions (in the formatter). */
export interface FileReport {
  path: string;
  findings: Finding[];
  lines: LineCounter;
  /** The profile the file was checked against, and why; absent when it was not read or parsed. */
  profile?: ResolvedProfile;
  /** Set when the file could not be read at all. */
  readError?: string;
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

const atStart = (file: string, ...findings: Finding[]): FileReport => ({ path: file, findings, lines: firstLineOnly() });

/** Reads and validates each file with the parser and checks of the language service, as the editor shows them. */
export function validateFiles(files: readonly string[], settings: AuthentikSettings, references?: ReferenceSource, cwd = process.cwd(), choice: ProfileChoice = { settingVersion: settings.serverVersion }): FileReport[] {
  const context: RunContext = { rules: settings.rules, maxFileSize: settings.maxFileSize, references, choice };
  return files.map((file) => validateFile(file, context, cwd));
}

export function validateFile(file: string, context: RunContext, cwd: string): FileReport {
  let buffer: Buffer;
  try {
    const read = readWithinLimit(path.resolve(cwd, file), context.maxFileSize);
    if (typeof read === 'number') return atStart(file, tooLargeFinding(read, context.maxFileSize, '--max-file-size'));
    buffer = read;
  } catch (error) {
    return { path: file, findings: [], lines: firstLineOnly(), readError: describeFsError(error) };
  }
  // The whole file is searched (it is small by now): a NUL byte far down still makes it binary, not YAML.
  if (buffer.includes(0)) {
    return atStart(file, finding('binary-file', { message: 'This is a binary file (it contains NUL bytes), not YAML.', start: 0, end: 0 }));
  }
  // Editors hide a leading byte order mark, so positions are counted without it (else line 1 is off by one column).
  let text = buffer.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const parsed = parseText(text, { maxFileSize: context.maxFileSize });
  const profile = resolveProfile(parsed, context.choice);
  const findings = validate(parsed, { ...context, ...profileContext(profile) });
  if (text.includes('\uFFFD') && !buffer.includes(REPLACEMENT_CHARACTER)) {
    findings.unshift(finding('invalid-utf8', { message: 'The file is not valid UTF-8.', start: 0, end: 0 }));
  }
  return { path: file, findings, lines: parsed.lineCounter, profile };
}

/**
 * The bytes of a file, or its size when that is over `limit`: a file over the limit is not read at
 * all (one of several hundred MiB would end the whole run; no string is that long).
 */
function readWithinLimit(file: string, limit: number): Buffer | number {
  const fd = fs.openSync(file, 'r');
  try {
    const { size } = fs.fstatSync(fd);
    return size > limit ? size : fs.readFileSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
