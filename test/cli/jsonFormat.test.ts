import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { getLanguageService } from '../../server/src/service/languageService';
import { DEFAULT_SETTINGS } from '../../common/settings';
import { JsonDiagnostic, REPO_ROOT, validateJson } from '../helpers/cli';

const SEVERITY_NAMES: Record<DiagnosticSeverity, JsonDiagnostic['severity']> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'information',
  [DiagnosticSeverity.Hint]: 'hint',
};

/** What the editor shows for a file: the language service on its text (without a byte order mark, which editors hide). */
function editorDiagnostics(relativePath: string): JsonDiagnostic[] {
  const text = fs.readFileSync(path.join(REPO_ROOT, relativePath), 'utf8').replace(/^\uFEFF/, '');
  const document = TextDocument.create(`file:///${relativePath}`, 'authentik-oauth2provider', 1, text);
  return getLanguageService()
    .validate(document, DEFAULT_SETTINGS)
    .map((d) => ({ severity: SEVERITY_NAMES[d.severity ?? DiagnosticSeverity.Error], code: String(d.code), message: d.message, range: d.range }));
}

describe('cli: json format', () => {
  it('has exactly the shape {files: [{path, profile, diagnostics: [{severity, code, message, range}]}], summary: {files, errors, warnings}}', async () => {
    const { result, report } = await validateJson(['test/fixtures/mistakes/typos.oauth2provider.yaml']);
    assert.equal(result.code, 1);
    assert.deepEqual(report, {
      files: [
        {
          path: 'test/fixtures/mistakes/typos.oauth2provider.yaml',
          profile: { id: '2023.5.0', release: '2024.8.4', source: 'comment', reason: 'from the comment on line 1' },
          diagnostics: [
            {
              severity: 'warning',
              code: 'redirect-uris-empty',
              message: 'No redirect_uris: the server then adopts the first redirect URI any client sends (CVE-2024-52289). List the allowed URIs.',
              range: { start: { line: 1, character: 0 }, end: { line: 1, character: 13 } },
            },
            {
              severity: 'error',
              code: 'invalid-enum',
              message: '"confidental" is not a valid choice for "client_type". Did you mean "confidential"? Valid choices: confidential, public.',
              range: { start: { line: 3, character: 13 }, end: { line: 3, character: 24 } },
            },
            {
              severity: 'warning',
              code: 'unknown-key',
              message: 'Unknown key "redirect_uri": the server silently ignores it. Did you mean "redirect_uris"?',
              range: { start: { line: 4, character: 0 }, end: { line: 4, character: 12 } },
            },
          ],
        },
      ],
      summary: { files: 1, errors: 1, warnings: 2 },
    });
  });

  it('gives for every fixture exactly the diagnostics the language service gives the editor', async () => {
    const { report } = await validateJson(['test/fixtures']);
    assert.deepEqual(report.files.map((f) => f.path), [
      'test/fixtures/clean/grafana.oauth2provider.yaml',
      'test/fixtures/clean/nested/deeper/gitea.oauth2provider.yml',
      'test/fixtures/encodings/bom.oauth2provider.yaml',
      'test/fixtures/encodings/crlf.oauth2provider.yaml',
      'test/fixtures/mistakes/missing-required.oauth2provider.yaml',
      'test/fixtures/mistakes/typos.oauth2provider.yaml',
      'test/fixtures/versions/outline.oauth2provider.yaml',
      'test/fixtures/warnings/public-app.oauth2provider.yaml',
      'test/fixtures/warnings/wiki.oauth2provider.yaml',
    ]);
    for (const file of report.files) assert.deepEqual(file.diagnostics, editorDiagnostics(file.path), file.path);
    // The files with a byte order mark and for 2026 have no version comment: the newest profile adds two errors to the first.
    assert.deepEqual(report.summary, { files: 9, errors: 8, warnings: 5 });
    assert.deepEqual(
      report.files.map((f) => f.profile?.id),
      ['2023.5.0', '2023.5.0', '2026.5.0', '2023.5.0', '2023.5.0', '2023.5.0', '2026.5.0', '2023.5.0', '2023.5.0'],
    );
  });

  it('counts errors and warnings but not information in the summary', async () => {
    const { result, report } = await validateJson(['test/fixtures/warnings/public-app.oauth2provider.yaml']);
    assert.equal(result.code, 0);
    assert.deepEqual(report.files[0].diagnostics.map((d) => d.severity), ['warning', 'information']);
    assert.deepEqual(report.summary, { files: 1, errors: 0, warnings: 1 });
  });
});
