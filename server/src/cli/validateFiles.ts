import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Range } from 'vscode-languageserver-types';
import { Finding, Severity } from '../service/findings';
import { parseText } from '../service/parsedDocument';
import { ReferenceSource } from '../service/references';
import { validate, ValidationContext } from '../service/validation';
import { AuthentikSettings } from '../../../common/settings';
import { describeFsError } from './files';
import { readWithinLimit } from './readFile';

export interface FileDiagnostic {
  severity: Severity;
  code: string;
  message: string;
  range: Range;
}

export interface FileReport {
  path: string;
  diagnostics: FileDiagnostic[];
  /** Set when the file could not be read at all. */
  readError?: string;
}

const REPLACEMENT_CHARACTER = Buffer.from('\uFFFD', 'utf8');

const atFileStart = (): Range => ({ start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });

/** Reads and validates each file with the parser and checks of the language service, as the editor shows them. */
export function validateFiles(files: readonly string[], settings: AuthentikSettings, references?: ReferenceSource, cwd = process.cwd()): FileReport[] {
  const context: ValidationContext = { rules: settings.rules, maxFileSize: settings.maxFileSize, references };
  return files.map((file) => validateFile(file, context, cwd));
}

export function validateFile(file: string, context: ValidationContext, cwd: string): FileReport {
  let buffer: Buffer;
  try {
    // A relative path is resolved by the system itself when it is relative to the process's own directory.
    const read = readWithinLimit(cwd === process.cwd() ? file : path.resolve(cwd, file), context.maxFileSize);
    if (!Buffer.isBuffer(read)) {
      const message = `The file is ${read.tooLarge} bytes, over the limit of ${context.maxFileSize} (--max-file-size): it was not validated.`;
      return { path: file, diagnostics: [{ severity: 'error', code: 'file-too-large', message, range: atFileStart() }] };
    }
    buffer = read;
  } catch (error) {
    return { path: file, diagnostics: [], readError: describeFsError(error) };
  }
  // The whole file is searched (it is small by now): a NUL byte far down still makes it binary, not YAML.
  if (buffer.includes(0)) {
    return { path: file, diagnostics: [{ severity: 'error', code: 'binary-file', message: 'This is a binary file (it contains NUL bytes), not YAML.', range: atFileStart() }] };
  }
  // Editors hide a leading byte order mark, so positions are counted without it (else line 1 is off by one column).
  let text = buffer.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const findings = validate(parseText(text, { maxFileSize: context.maxFileSize }), context);
  const diagnostics = findings.length > 0 ? toFileDiagnostics(text, findings) : [];
  if (text.includes('\uFFFD') && !buffer.includes(REPLACEMENT_CHARACTER)) {
    diagnostics.unshift({ severity: 'error', code: 'invalid-utf8', message: 'The file is not valid UTF-8.', range: atFileStart() });
  }
  return { path: file, diagnostics };
}

/** Findings in offsets to diagnostics in lines and characters, as the language service converts them for the editor. */
function toFileDiagnostics(text: string, findings: readonly Finding[]): FileDiagnostic[] {
  const document = TextDocument.create('file:///', 'authentik-oauth2provider', 0, text);
  return findings.map((f) => ({
    severity: f.severity,
    code: f.code,
    message: f.message,
    range: { start: document.positionAt(f.start), end: document.positionAt(f.end) },
  }));
}
