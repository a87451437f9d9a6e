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
  Position,
  Range,
} from 'vscode-languageserver-types';
import { ProviderBody } from '../../../common/authentik/deploy';
import { AuthentikSettings, DEFAULT_SETTINGS } from '../../../common/settings';
import { quickFixes } from './codeActions';
import { complete } from './completion';
import { prepareBody } from './deployBody';
import { Finding, Severity } from './findings';
import { foldingRanges } from './folding';
import { hover } from './hover';
import { inlayHints } from './inlayHints';
import { ParseCache, ParsedDocument } from './parsedDocument';
import { ReferenceSource } from './references';
import { documentSymbols, OffsetSymbol } from './symbols';
import { validate } from './validation';
import { requestValidator } from './schemaValidation';
import { SERVER_ERROR_SOURCE, serverErrorFindings, serverErrorsStillApplying } from './serverErrors';

export const DIAGNOSTIC_SOURCE = 'authentik';

export interface LanguageServiceDeps {
  /** Where the UUID references of a file (by URI) are looked up; absent when offline or not configured. */
  references?: (uri: string) => ReferenceSource | undefined;
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** Converts a finding (offsets) into an LSP diagnostic (positions) for `document`. */
export function toDiagnostic(document: TextDocument, finding: Finding): Diagnostic {
  const diagnostic: Diagnostic = {
    range: { start: document.positionAt(finding.start), end: document.positionAt(finding.end) },
    severity: SEVERITY[finding.severity],
    code: finding.code,
    source: DIAGNOSTIC_SOURCE,
    message: finding.message,
  };
  if (finding.data) diagnostic.data = { code: finding.code, ...finding.data };
  if (finding.unnecessary) diagnostic.tags = [DiagnosticTag.Unnecessary];
  if (finding.related) {
    diagnostic.relatedInformation = finding.related.map((r) => ({
      location: { uri: document.uri, range: { start: document.positionAt(r.start), end: document.positionAt(r.end) } },
      message: r.message,
    }));
  }
  return diagnostic;
}

/**
 * The editor-independent language service. Every feature module works on the parsed document
 * in offsets; this facade parses once per document version and converts to LSP positions.
 */
export function getLanguageService(deps: LanguageServiceDeps = {}) {
  const cache = new ParseCache();
  const references = (document: TextDocument) => deps.references?.(document.uri);

  function parse(document: TextDocument, settings: AuthentikSettings = DEFAULT_SETTINGS): ParsedDocument {
    return cache.get(document.uri, document.version, document.getText(), { maxFileSize: settings.maxFileSize });
  }

  // Code actions are asked on every cursor move: they reuse the findings of the published diagnostics
  // as long as the parse, the settings object and the reference lists are the same.
  const validated = new WeakMap<ParsedDocument, { settings: AuthentikSettings; source: ReferenceSource | undefined; generation: number | undefined; findings: Finding[] }>();

  function findingsOf(document: TextDocument, parsed: ParsedDocument, settings: AuthentikSettings): Finding[] {
    const source = references(document);
    const hit = validated.get(parsed);
    if (hit && hit.settings === settings && hit.source === source && hit.generation === source?.generation) return hit.findings;
    const result = validate(parsed, { rules: settings.rules, maxFileSize: settings.maxFileSize, references: source });
    validated.set(parsed, { settings, source, generation: source?.generation, findings: result });
    return result;
  }

  function findings(document: TextDocument, settings: AuthentikSettings): Finding[] {
    return findingsOf(document, parse(document, settings), settings);
  }

  const rangeOf = (document: TextDocument) => (start: number, end: number): Range => ({
    start: document.positionAt(start),
    end: document.positionAt(end),
  });

  const toSymbol = (document: TextDocument, s: OffsetSymbol): DocumentSymbol => ({
    name: s.name,
    detail: s.detail,
    kind: s.kind,
    range: rangeOf(document)(s.start, s.end),
    selectionRange: rangeOf(document)(s.selectionStart, s.selectionEnd),
    children: s.children?.map((c) => toSymbol(document, c)),
  });

  return {
    parse,
    findings,

    validate(document: TextDocument, settings: AuthentikSettings = DEFAULT_SETTINGS): Diagnostic[] {
      return findings(document, settings).map((f) => toDiagnostic(document, f));
    },

    complete(document: TextDocument, position: Position, options: { snippetSupport: boolean }, settings: AuthentikSettings = DEFAULT_SETTINGS): CompletionList {
      const parsed = parse(document, settings);
      if (parsed.tooLarge) return { isIncomplete: false, items: [] };
      return complete(parsed, document.offsetAt(position), {
        references: references(document),
        snippetSupport: options.snippetSupport,
        toRange: rangeOf(document),
      });
    },

    hover(document: TextDocument, position: Position, settings: AuthentikSettings = DEFAULT_SETTINGS): Hover | null {
      const result = hover(parse(document, settings), document.offsetAt(position), references(document));
      if (!result) return null;
      return { contents: { kind: MarkupKind.Markdown, value: result.markdown }, range: rangeOf(document)(result.start, result.end) };
    },

    codeActions(document: TextDocument, range: Range, settings: AuthentikSettings = DEFAULT_SETTINGS): CodeAction[] {
      const parsed = parse(document, settings);
      const all = findingsOf(document, parsed, settings);
      return quickFixes(parsed, all, document.offsetAt(range.start), document.offsetAt(range.end)).map((fix) => ({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [toDiagnostic(document, fix.finding)],
        isPreferred: fix.preferred,
        edit: {
          changes: {
            [document.uri]: fix.edits.map((e) => ({ range: rangeOf(document)(e.start, e.end), newText: e.newText })),
          },
        },
      }));
    },

    documentSymbols(document: TextDocument, settings: AuthentikSettings = DEFAULT_SETTINGS): DocumentSymbol[] {
      return documentSymbols(parse(document, settings), references(document)).map((s) => toSymbol(document, s));
    },

    foldingRanges(document: TextDocument, settings: AuthentikSettings = DEFAULT_SETTINGS): FoldingRange[] {
      return foldingRanges(parse(document, settings))
        .map((f) => ({ startLine: document.positionAt(f.start).line, endLine: document.positionAt(f.end).line }))
        .filter((f) => f.endLine > f.startLine);
    },

    inlayHints(document: TextDocument, range: Range, settings: AuthentikSettings = DEFAULT_SETTINGS): InlayHint[] {
      if (!settings.inlayHints) return [];
      return inlayHints(parse(document, settings), references(document), document.offsetAt(range.start), document.offsetAt(range.end)).map((h) => ({
        position: document.positionAt(h.offset),
        label: h.label,
        tooltip: h.tooltip,
        paddingLeft: true,
      }));
    },

    /** What a deploy of the file sends: its request fields, or the errors that block it. */
    prepareDeploy(document: TextDocument, settings: AuthentikSettings = DEFAULT_SETTINGS): { ok: true; body: ProviderBody } | { ok: false; errors: Diagnostic[] } {
      const prepared = prepareBody(parse(document, settings), settings.rules, settings.maxFileSize);
      return prepared.ok ? prepared : { ok: false, errors: prepared.errors.map((f) => toDiagnostic(document, f)) };
    },

    /**
     * The messages of the server's 400 answer to a deploy, on the lines they are about. With the body
     * that was sent, only those that still apply to the document as it is now (it may have been edited).
     */
    placeServerErrors(document: TextDocument, fieldErrors: Record<string, unknown>, settings: AuthentikSettings = DEFAULT_SETTINGS, sent?: Record<string, unknown>): { diagnostics: Diagnostic[]; dropped: string[] } {
      const parsed = parse(document, settings);
      const applying = sent ? serverErrorsStillApplying(parsed, sent, fieldErrors) : { fieldErrors, dropped: [] };
      const diagnostics = serverErrorFindings(parsed, applying.fieldErrors).map((f) => ({ ...toDiagnostic(document, f), source: SERVER_ERROR_SOURCE }));
      return { diagnostics, dropped: applying.dropped };
    },

    /** Compiles the schema validator ahead of the first document. */
    warmUp(): void {
      requestValidator();
    },

    closeDocument(uri: string): void {
      cache.delete(uri);
    },
  };
}

export type LanguageService = ReturnType<typeof getLanguageService>;
