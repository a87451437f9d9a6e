import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { documentWithCursor, service, summarize, VALID } from '../helpers/service';
import { SettingsBuilder } from '../helpers/settings';
import { tempTree, validProvider } from '../cli/tempTree';
import { DEFAULT_SETTINGS } from '../../common/settings';
import { validateJson } from '../helpers/cli';
import { withinMs } from './timing';

/** VALID followed by a comment, padded to exactly `length` bytes (all ASCII, so as many characters). */
function paddedTo(length: number): string {
  const text = VALID + '# ';
  return text + 'x'.repeat(length - text.length - 1) + '\n';
}

/** VALID followed by a comment of `count` "é": two bytes each in UTF-8, one character each in the editor. */
function withAccents(count: number): string {
  return VALID + '# ' + 'é'.repeat(count) + '\n';
}

function everyAnswerIsEmpty(document: TextDocument): void {
  const s = service();
  const middle = document.positionAt(document.getText().length / 2);
  const whole = { start: document.positionAt(0), end: document.positionAt(document.getText().length) };
  assert.equal(s.parse(document).tooLarge, true);
  assert.equal(s.parse(document).documents.length, 0, 'a file over the limit is not parsed');
  assert.deepEqual(s.complete(document, middle, { snippetSupport: true }).items, []);
  assert.equal(s.hover(document, middle), null);
  assert.deepEqual(s.documentSymbols(document), []);
  assert.deepEqual(s.foldingRanges(document), []);
  assert.deepEqual(s.inlayHints(document, whole), []);
}

describe('limits: maxFileSize (editor)', () => {
  it('is 256 KiB by default', () => {
    assert.equal(DEFAULT_SETTINGS.maxFileSize, 256 * 1024);
  });

  it('validates a file of exactly 256 KiB as usual', () => {
    const { document } = documentWithCursor(paddedTo(256 * 1024));
    assert.deepEqual(service().validate(document), []);
  });

  it('reports one file-too-large error, at the start, for one byte more, and parses nothing', () => {
    const { document } = documentWithCursor(paddedTo(256 * 1024 + 1));
    const diagnostics = service().validate(document);
    assert.deepEqual(summarize(document, diagnostics), ['file-too-large@0:0-0:0 ""']);
    assert.equal(
      diagnostics[0].message,
      'The file is 262145 bytes, over the limit of 262144 (setting authentik.maxFileSize): it was not validated.',
    );
    everyAnswerIsEmpty(document);
  });

  it('answers at once on a 50 MiB file (no parse, no freeze)', () => {
    const { document } = documentWithCursor(paddedTo(50 * 1024 * 1024));
    const diagnostics = withinMs(1_000, 'validating 50 MiB', () => service().validate(document));
    assert.deepEqual(diagnostics.map((d) => d.code), ['file-too-large']);
    withinMs(1_000, 'every other feature on 50 MiB', () => everyAnswerIsEmpty(document));
  });

  it('follows the setting: 2048 bytes allowed, 2049 not', () => {
    const settings = new SettingsBuilder().withMaxFileSize(2048).build();
    assert.deepEqual(service().validate(documentWithCursor(paddedTo(2048)).document, settings), []);
    const diagnostics = service().validate(documentWithCursor(paddedTo(2049)).document, settings);
    assert.deepEqual(diagnostics.map((d) => d.code), ['file-too-large']);
    assert.match(diagnostics[0].message, /^The file is 2049 bytes, over the limit of 2048 /);
  });

  it('counts bytes as the file stores them (UTF-8), not characters', () => {
    const settings = new SettingsBuilder().withMaxFileSize(2048).build();
    const text = withAccents(1000);
    assert.ok(text.length < 2048, `${text.length} characters`);
    const diagnostics = service().validate(documentWithCursor(text).document, settings);
    assert.deepEqual(diagnostics.map((d) => d.message), [`The file is ${Buffer.byteLength(text)} bytes, over the limit of 2048 (setting authentik.maxFileSize): it was not validated.`]);
  });
});

describe('limits: --max-file-size (CLI)', () => {
  it('reports the larger file without reading it and still checks the others', async () => {
    const root = tempTree({
      'a-small.oauth2provider.yaml': validProvider('small'),
      'b-large.oauth2provider.yaml': paddedTo(5000),
      'c-typo.oauth2provider.yaml': validProvider('typo') + 'client_type: confidental\n',
    });
    const { result: run, report, codesByFile } = await validateJson(['--max-file-size', '4096', '.'], { cwd: root });
    assert.deepEqual(codesByFile, {
      'a-small.oauth2provider.yaml': [],
      'b-large.oauth2provider.yaml': ['file-too-large'],
      'c-typo.oauth2provider.yaml': ['invalid-enum'],
    });
    const large = report.files[1].diagnostics[0];
    assert.equal(large.message, 'The file is 5000 bytes, over the limit of 4096 (--max-file-size): it was not validated.');
    assert.deepEqual(large.range.start, { line: 0, character: 0 });
    assert.equal(run.code, 1, 'errors found: exit 1');
  });

  it('counts the same bytes as the editor: a file of 1,000 "é" is over a limit of 2048', async () => {
    const text = withAccents(1000);
    const root = tempTree({ 'accents.oauth2provider.yaml': text });
    const { result: run, report } = await validateJson(['--max-file-size', '2048', '.'], { cwd: root });
    assert.deepEqual(report.files[0].diagnostics.map((d) => d.message), [`The file is ${Buffer.byteLength(text)} bytes, over the limit of 2048 (--max-file-size): it was not validated.`]);
    assert.equal(run.code, 1);
  });

  it('skips a 600 MiB file with an error instead of running out of memory, and checks the next file', async () => {
    // Sparse: takes no disk space. Reading it whole would need a string longer than V8 allows.
    const root = tempTree({ 'a-huge.oauth2provider.yaml': 'name: huge\n', 'b-ok.oauth2provider.yaml': validProvider('ok') });
    const fs = await import('node:fs');
    fs.truncateSync(`${root}/a-huge.oauth2provider.yaml`, 600 * 1024 * 1024);
    const { result: run, codesByFile, report } = await validateJson(['.'], { cwd: root, timeoutMs: 20_000 });
    assert.deepEqual(codesByFile, { 'a-huge.oauth2provider.yaml': ['file-too-large'], 'b-ok.oauth2provider.yaml': [] });
    assert.match(report.files[0].diagnostics[0].message, /^The file is 629145600 bytes, over the limit of 262144/);
    assert.equal(run.stderr, '');
    assert.equal(run.code, 1);
  });
});
