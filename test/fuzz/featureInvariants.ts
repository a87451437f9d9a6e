import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CompletionItem, Diagnostic, DocumentSymbol, Position, Range, TextEdit } from 'vscode-languageserver-types';
import { FINDING_CODES } from '../../server/src/service/findings';
import { getLanguageService, LanguageService } from '../../server/src/service/languageService';
import { AuthentikSettings } from '../../common/settings';
import { defaultReferences } from '../helpers/references';

/** Where a case asks for completion and hover, and which ranges it asks code actions and inlay hints for. */
export interface Probes {
  /** Raw offsets (taken modulo the text length + 1), so any number is usable. */
  offsets: readonly number[];
  ranges: readonly (readonly [number, number])[];
  /** Positions that may lie past the end of a line or of the document, as a confused client could send. */
  strayPositions: readonly Position[];
  snippetSupport: boolean;
}

export const NO_PROBES: Probes = { offsets: [], ranges: [], strayPositions: [], snippetSupport: true };

/** Everything a client could get from the service for one document. */
interface FeatureResults {
  diagnostics: Diagnostic[];
  completions: { position: Position; items: CompletionItem[] }[];
  hovers: unknown[];
  codeActions: unknown[];
  symbols: DocumentSymbol[];
  folds: unknown[];
  inlayHints: unknown[];
}

const URI = 'file:///fuzz/case.oauth2provider.yaml';

/** A service as the editor builds it, with references known, so inlay hints and reference checks run. */
function freshService(): LanguageService {
  const references = defaultReferences();
  return getLanguageService({ references: () => references });
}

/** The length of a line without its line break, as an editor counts characters. */
function lineLength(document: TextDocument, line: number): number {
  const start = document.offsetAt({ line, character: 0 });
  const end = line + 1 < document.lineCount ? document.offsetAt({ line: line + 1, character: 0 }) : document.getText().length;
  return document.getText().slice(start, end).replace(/(\r\n|\r|\n)$/, '').length;
}

function assertPositionInside(document: TextDocument, position: Position, what: string): void {
  assert.ok(Number.isInteger(position.line) && Number.isInteger(position.character), `${what}: non-integer position ${JSON.stringify(position)}`);
  assert.ok(position.line >= 0 && position.line < document.lineCount, `${what}: line ${position.line} outside 0..${document.lineCount - 1}`);
  const length = lineLength(document, position.line);
  assert.ok(position.character >= 0 && position.character <= length, `${what}: character ${position.character} outside line ${position.line} of length ${length}`);
}

const before = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.character <= b.character);

function assertRangeInside(document: TextDocument, range: Range, what: string): void {
  assertPositionInside(document, range.start, `${what} start`);
  assertPositionInside(document, range.end, `${what} end`);
  assert.ok(before(range.start, range.end), `${what}: start ${JSON.stringify(range.start)} after end ${JSON.stringify(range.end)}`);
}

const contains = (outer: Range, inner: Range) => before(outer.start, inner.start) && before(inner.end, outer.end);

function checkDiagnostics(document: TextDocument, diagnostics: Diagnostic[]): void {
  diagnostics.forEach((d, i) => {
    assertRangeInside(document, d.range, `diagnostic ${d.code}`);
    assert.ok(typeof d.code === 'string' && d.code in FINDING_CODES, `unknown diagnostic code ${JSON.stringify(d.code)}`);
    assert.ok(d.message.length > 0, `diagnostic ${d.code} has no message`);
    for (const related of d.relatedInformation ?? []) assertRangeInside(document, related.location.range, `related information of ${d.code}`);
    if (i > 0) {
      const previous = diagnostics[i - 1];
      const ordered = document.offsetAt(previous.range.start) < document.offsetAt(d.range.start) ||
        (document.offsetAt(previous.range.start) === document.offsetAt(d.range.start) && document.offsetAt(previous.range.end) <= document.offsetAt(d.range.end));
      assert.ok(ordered, `diagnostics out of order: ${previous.code} at ${JSON.stringify(previous.range)} before ${d.code} at ${JSON.stringify(d.range)}`);
    }
  });
}

function checkCompletion(document: TextDocument, requested: Position, items: CompletionItem[]): void {
  // The service clamps the requested position; clients check the edit against the clamped one.
  const position = document.positionAt(document.offsetAt(requested));
  for (const item of items) {
    const edit = item.textEdit;
    if (edit && 'range' in edit) {
      assertRangeInside(document, edit.range, `completion "${item.label}"`);
      // VS Code drops an item whose edit spans lines or does not touch the cursor.
      assert.equal(edit.range.start.line, edit.range.end.line, `completion "${item.label}" edits more than one line`);
      assert.ok(contains(edit.range, { start: position, end: position }), `completion "${item.label}" range ${JSON.stringify(edit.range)} misses the cursor ${JSON.stringify(position)}`);
    } else if (edit) {
      assertRangeInside(document, edit.insert, `completion "${item.label}" insert`);
      assertRangeInside(document, edit.replace, `completion "${item.label}" replace`);
    }
    for (const extra of item.additionalTextEdits ?? []) assertRangeInside(document, extra.range, `completion "${item.label}" additional edit`);
  }
}

/** Applies one code action's edits: they must lie inside the document and must not overlap. */
function checkEdits(document: TextDocument, edits: TextEdit[], title: string): string {
  for (const edit of edits) assertRangeInside(document, edit.range, `code action "${title}" edit`);
  const spans = edits.map((e) => [document.offsetAt(e.range.start), document.offsetAt(e.range.end)]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  for (let i = 1; i < spans.length; i++) {
    assert.ok(spans[i][0] >= spans[i - 1][1], `code action "${title}" has overlapping edits ${JSON.stringify(spans)}`);
  }
  const result = TextDocument.applyEdits(document, edits);
  assert.equal(typeof result, 'string');
  return result;
}

function checkSymbols(document: TextDocument, symbols: DocumentSymbol[], parent?: DocumentSymbol): void {
  for (const symbol of symbols) {
    assertRangeInside(document, symbol.range, `symbol "${symbol.name}"`);
    assertRangeInside(document, symbol.selectionRange, `symbol "${symbol.name}" selection`);
    // VS Code rejects a symbol whose selection range is not inside its range.
    assert.ok(contains(symbol.range, symbol.selectionRange), `symbol "${symbol.name}" selection ${JSON.stringify(symbol.selectionRange)} outside ${JSON.stringify(symbol.range)}`);
    assert.ok(symbol.name.length > 0, 'a symbol without a name');
    if (parent) assert.ok(contains(parent.range, symbol.range), `symbol "${symbol.name}" outside its parent "${parent.name}"`);
    checkSymbols(document, symbol.children ?? [], symbol);
  }
}

function rangeFromOffsets(document: TextDocument, a: number, b: number): Range {
  const size = document.getText().length + 1;
  const [start, end] = [a % size, b % size].sort((x, y) => x - y);
  return { start: document.positionAt(start), end: document.positionAt(end) };
}

/** Runs every feature once on a fresh service, checking each result's shape as it comes. */
function runFeatures(text: string, probes: Probes, settings: AuthentikSettings | undefined): { results: FeatureResults; validationMs: number } {
  const service = freshService();
  const document = TextDocument.create(URI, 'authentik-oauth2provider', 1, text);
  const started = performance.now();
  const diagnostics = service.validate(document, settings);
  const validationMs = performance.now() - started;
  checkDiagnostics(document, diagnostics);

  const size = text.length + 1;
  const positions = [...probes.offsets.map((o) => document.positionAt(o % size)), ...probes.strayPositions];
  const completions = positions.map((position) => {
    const list = service.complete(document, position, { snippetSupport: probes.snippetSupport }, settings);
    checkCompletion(document, position, list.items);
    return { position, items: list.items };
  });
  const hovers = positions.map((position) => {
    const hover = service.hover(document, position, settings);
    if (hover?.range) assertRangeInside(document, hover.range, 'hover');
    return hover;
  });

  // Code actions as an editor asks for them: over each diagnostic, and over arbitrary selections.
  const actionRanges = [...diagnostics.map((d) => d.range), ...probes.ranges.map(([a, b]) => rangeFromOffsets(document, a, b))];
  const codeActions = actionRanges.map((range) => {
    const actions = service.codeActions(document, range, settings);
    for (const action of actions) {
      for (const d of action.diagnostics ?? []) assertRangeInside(document, d.range, `diagnostic of code action "${action.title}"`);
      const changes = action.edit?.changes ?? {};
      assert.deepEqual(Object.keys(changes).filter((uri) => uri !== URI), [], `code action "${action.title}" edits another file`);
      checkEdits(document, changes[URI] ?? [], action.title);
    }
    return actions;
  });

  const symbols = service.documentSymbols(document, settings);
  checkSymbols(document, symbols);

  const folds = service.foldingRanges(document, settings);
  for (const fold of folds) {
    assert.ok(fold.startLine >= 0 && fold.startLine < fold.endLine && fold.endLine < document.lineCount, `folding range ${JSON.stringify(fold)} outside 0..${document.lineCount - 1}`);
  }

  const hintRanges = [{ start: { line: 0, character: 0 }, end: document.positionAt(text.length) }, ...probes.ranges.map(([a, b]) => rangeFromOffsets(document, a, b))];
  const inlayHints = hintRanges.map((range) => {
    const hints = service.inlayHints(document, range, settings);
    for (const hint of hints) assertPositionInside(document, hint.position, `inlay hint ${JSON.stringify(hint.label)}`);
    return hints;
  });

  return { results: { diagnostics, completions, hovers, codeActions, symbols, folds, inlayHints }, validationMs };
}

/**
 * Checks every invariant for one document: no feature throws, every range lies inside the text,
 * code actions apply cleanly, and a second fresh service gives exactly the same answers.
 * Returns how long validating took (parse included), in milliseconds.
 */
export function checkDocument(text: string, probes: Probes = NO_PROBES, settings?: AuthentikSettings): number {
  const first = runFeatures(text, probes, settings);
  const second = runFeatures(text, probes, settings);
  assert.equal(JSON.stringify(second.results), JSON.stringify(first.results), 'two fresh services answered differently');
  // The faster of the two: a garbage-collection pause in one run says nothing about the input.
  return Math.min(first.validationMs, second.validationMs);
}
