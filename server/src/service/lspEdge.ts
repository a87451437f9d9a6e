import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CodeAction,
  CodeActionKind,
  CompletionList,
  Diagnostic,
  DiagnosticSeverity,
  DiagnosticTag,
  DocumentSymbol,
  FoldingRange,
  Hover,
  InlayHint,
  MarkupKind,
  Range,
  TextEdit,
} from 'vscode-languageserver-types';
import { MOVE_SECRET_COMMAND, MoveSecretArguments } from '../../../common/moveSecret';
import { Fix } from './codeActions';
import { Proposals } from './completion';
import { OffsetEdit } from './edits';
import { Finding, Severity } from './findings';
import { OffsetFold } from './folding';
import { HoverResult } from './hover';
import { OffsetInlayHint } from './inlayHints';
import { Rewrite } from './referenceRewrites';
import { OffsetSymbol } from './symbols';

/**
 * The language service's one edge: every feature works in offsets into the text, and only here do
 * offsets become LSP positions, with the document's own line table.
 */

export const DIAGNOSTIC_SOURCE = 'authentik';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

function toRange(document: TextDocument, start: number, end: number): Range {
  return { start: document.positionAt(start), end: document.positionAt(end) };
}

export function toTextEdit(document: TextDocument, edit: OffsetEdit): TextEdit {
  return { range: toRange(document, edit.start, edit.end), newText: edit.newText };
}

/** A finding as an LSP diagnostic for `document`. */
export function toDiagnostic(document: TextDocument, finding: Finding): Diagnostic {
  const diagnostic: Diagnostic = {
    range: toRange(document, finding.start, finding.end),
    severity: SEVERITY[finding.severity],
    code: finding.code,
    source: DIAGNOSTIC_SOURCE,
    message: finding.message,
  };
  if (finding.data) diagnostic.data = { code: finding.code, ...finding.data };
  if (finding.unnecessary) diagnostic.tags = [DiagnosticTag.Unnecessary];
  if (finding.related) {
    diagnostic.relatedInformation = finding.related.map((r) => ({ location: { uri: document.uri, range: toRange(document, r.start, r.end) }, message: r.message }));
  }
  return diagnostic;
}

export function toCompletionList(document: TextDocument, proposals: Proposals): CompletionList {
  return { isIncomplete: proposals.isIncomplete, items: proposals.items.map(({ edit, ...item }) => ({ ...item, textEdit: toTextEdit(document, edit) })) };
}

export function toHover(document: TextDocument, result: HoverResult): Hover {
  return { contents: { kind: MarkupKind.Markdown, value: result.markdown }, range: toRange(document, result.start, result.end) };
}

export function toCodeAction(document: TextDocument, fix: Fix): CodeAction {
  const action: CodeAction = { title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [toDiagnostic(document, fix.finding)], isPreferred: fix.preferred };
  if (fix.moveSecret) {
    // The editor copies the value from its own buffer: the secret is never part of a message.
    const { start, end, valueStart, valueEnd, variable } = fix.moveSecret;
    const args: MoveSecretArguments = { uri: document.uri, version: document.version, range: toRange(document, start, end), valueRange: toRange(document, valueStart, valueEnd), variable };
    action.command = { title: fix.title, command: MOVE_SECRET_COMMAND, arguments: [args] };
  } else {
    action.edit = { changes: { [document.uri]: fix.edits.map((e) => toTextEdit(document, e)) } };
  }
  return action;
}

export function toRewriteAction(document: TextDocument, rewrite: Rewrite): CodeAction {
  return { title: rewrite.title, kind: CodeActionKind.RefactorRewrite, edit: { changes: { [document.uri]: rewrite.edits.map((e) => toTextEdit(document, e)) } } };
}

export function toDocumentSymbol(document: TextDocument, symbol: OffsetSymbol): DocumentSymbol {
  return {
    name: symbol.name,
    detail: symbol.detail,
    kind: symbol.kind,
    range: toRange(document, symbol.start, symbol.end),
    selectionRange: toRange(document, symbol.selectionStart, symbol.selectionEnd),
    children: symbol.children?.map((c) => toDocumentSymbol(document, c)),
  };
}

/** Only folds that span lines: LSP folds whole lines. */
export function toFoldingRanges(document: TextDocument, folds: readonly OffsetFold[]): FoldingRange[] {
  return folds.map((f) => ({ startLine: document.positionAt(f.start).line, endLine: document.positionAt(f.end).line })).filter((f) => f.endLine > f.startLine);
}

export function toInlayHint(document: TextDocument, hint: OffsetInlayHint): InlayHint {
  return { position: document.positionAt(hint.offset), label: hint.label, tooltip: { kind: MarkupKind.Markdown, value: hint.tooltip }, paddingLeft: true };
}
