import { TextDocument } from 'vscode-languageserver-textdocument';
import { CodeAction, CompletionList, Diagnostic, DocumentSymbol, FoldingRange, Hover, InlayHint, Position, Range } from 'vscode-languageserver-types';
import { AuthentikSettings, DEFAULT_SETTINGS } from '../settings';
import { quickFixes } from './codeActions';
import { complete } from './completion';
import { Finding } from './findings';
import { foldingRanges } from './folding';
import { hover } from './hover';
import { inlayHints } from './inlayHints';
import { toCodeAction, toCompletionList, toDiagnostic, toDocumentSymbol, toFoldingRanges, toHover, toInlayHint } from './lspEdge';
import { ParseCache, ParsedDocument } from './parsedDocument';
import { ReferenceSource } from './references';
import { documentSymbols } from './symbols';
import { validate } from './validation';
import { requestValidator } from './schemaValidation';

export { DIAGNOSTIC_SOURCE, toDiagnostic } from './lspEdge';

export interface LanguageServiceDeps {
  /** Where UUID references are looked up; absent when offline or not configured. */
  references?: () => ReferenceSource | undefined;
}

/** What the client says it can show, as far as completion cares. */
export interface CompletionOptions {
  snippetSupport: boolean;
  /** `completionItem.labelDetailsSupport`; default false, as LSP says for a client that does not say. */
  labelDetailsSupport?: boolean;
}

/**
 * The editor-independent language service. Every feature module works on the parsed document
 * in offsets; this facade parses once per document version, and lspEdge.ts converts to LSP positions.
 */
export function getLanguageService(deps: LanguageServiceDeps = {}) {
  const cache = new ParseCache();
  const references = () => deps.references?.();

  function parse(document: TextDocument, settings: AuthentikSettings = DEFAULT_SETTINGS): ParsedDocument {
    return cache.get(document.uri, document.version, document.getText(), { maxFileSize: settings.maxFileSize });
  }

  // Code actions are asked on every cursor move: they reuse the findings of the published diagnostics
  // as long as the parse, the settings object and the reference lists are the same.
  const validated = new WeakMap<ParsedDocument, { settings: AuthentikSettings; source: ReferenceSource | undefined; generation: number | undefined; findings: Finding[] }>();

  function findingsOf(parsed: ParsedDocument, settings: AuthentikSettings): Finding[] {
    const source = references();
    const hit = validated.get(parsed);
    if (hit && hit.settings === settings && hit.source === source && hit.generation === source?.generation) return hit.findings;
    const result = validate(parsed, { rules: settings.rules, maxFileSize: settings.maxFileSize, references: source });
    validated.set(parsed, { settings, source, generation: source?.generation, findings: result });
    return result;
  }

  function findings(document: TextDocument, settings: AuthentikSettings): Finding[] {
    return findingsOf(parse(document, settings), settings);
  }

  return {
    parse,
    findings,

    validate(document: TextDocument, settings: AuthentikSettings = DEFAULT_SETTINGS): Diagnostic[] {
      return findings(document, settings).map((f) => toDiagnostic(document, f));
    },

    complete(document: TextDocument, position: Position, options: CompletionOptions, settings: AuthentikSettings = DEFAULT_SETTINGS): CompletionList {
      const parsed = parse(document, settings);
      if (parsed.tooLarge) return { isIncomplete: false, items: [] };
      const proposals = complete(parsed, document.offsetAt(position), {
        references: references(),
        snippetSupport: options.snippetSupport,
        labelDetailsSupport: options.labelDetailsSupport ?? false,
      });
      return toCompletionList(document, proposals);
    },

    hover(document: TextDocument, position: Position, settings: AuthentikSettings = DEFAULT_SETTINGS): Hover | null {
      const result = hover(parse(document, settings), document.offsetAt(position), references());
      return result ? toHover(document, result) : null;
    },

    codeActions(document: TextDocument, range: Range, settings: AuthentikSettings = DEFAULT_SETTINGS): CodeAction[] {
      const parsed = parse(document, settings);
      const fixes = quickFixes(parsed, findingsOf(parsed, settings), document.offsetAt(range.start), document.offsetAt(range.end));
      return fixes.map((fix) => toCodeAction(document, fix));
    },

    documentSymbols(document: TextDocument, settings: AuthentikSettings = DEFAULT_SETTINGS): DocumentSymbol[] {
      return documentSymbols(parse(document, settings), references()).map((s) => toDocumentSymbol(document, s));
    },

    foldingRanges(document: TextDocument, settings: AuthentikSettings = DEFAULT_SETTINGS): FoldingRange[] {
      return toFoldingRanges(document, foldingRanges(parse(document, settings)));
    },

    inlayHints(document: TextDocument, range: Range, settings: AuthentikSettings = DEFAULT_SETTINGS): InlayHint[] {
      if (!settings.inlayHints) return [];
      return inlayHints(parse(document, settings), references(), document.offsetAt(range.start), document.offsetAt(range.end)).map((h) => toInlayHint(document, h));
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
