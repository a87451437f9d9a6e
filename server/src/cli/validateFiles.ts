import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Range } from 'vscode-languageserver-types';
import { getLanguageService } from '../service/languageService';
import { Severity } from '../service/findings';
import { AuthentikSettings } from '../settings';
import { describeFsError } from './files';
import { ReferenceSource } from '../service/references';

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

const SEVERITY_NAMES: Severity[] = ['error', 'error', 'warning', 'information', 'hint'];

/** Reads and validates each file with the same language service the editor uses. */
export function validateFiles(files: readonly string[], settings: AuthentikSettings, references?: ReferenceSource, cwd = process.cwd()): FileReport[] {
  const service = getLanguageService({ references: () => references });
  return files.map((file) => {
    const absolute = path.resolve(cwd, file);
    let buffer: Buffer;
    try {
      // A file over the limit is not even read: one of several hundred MiB would end the whole run (no string is that long).
      const size = fs.statSync(absolute).size;
      if (size > settings.maxFileSize) {
        const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
        const message = `The file is ${size} bytes, over the limit of ${settings.maxFileSize} (--max-file-size): it was not validated.`;
        return { path: file, diagnostics: [{ severity: 'error', code: 'file-too-large', message, range }] };
      }
      buffer = fs.readFileSync(absolute);
    } catch (error) {
      return { path: file, diagnostics: [], readError: describeFsError(error) };
    }
    // The whole file is searched (it is small by now): a NUL byte far down still makes it binary, not YAML.
    if (buffer.includes(0)) {
      const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
      return { path: file, diagnostics: [{ severity: 'error', code: 'binary-file', message: 'This is a binary file (it contains NUL bytes), not YAML.', range }] };
    }
    // Editors hide a leading byte order mark, so positions are counted without it (else line 1 is off by one column).
    const text = buffer.toString('utf8').replace(/^\uFEFF/, '');
    const uri = pathToFileURL(absolute).toString();
    const document = TextDocument.create(uri, 'authentik-oauth2provider', 0, text);
    const diagnostics = service.validate(document, settings).map((d) => ({
      severity: SEVERITY_NAMES[d.severity ?? 1],
      code: String(d.code),
      message: d.message,
      range: d.range,
    }));
    if (text.includes('\uFFFD') && !buffer.includes(Buffer.from('\uFFFD', 'utf8'))) {
      diagnostics.unshift({ severity: 'error', code: 'invalid-utf8', message: 'The file is not valid UTF-8.', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } });
    }
    service.closeDocument(uri);
    return { path: file, diagnostics };
  });
}
