import { TextDocument } from 'vscode-languageserver-textdocument';
import { CodeAction, CompletionList, Diagnostic, DocumentSymbol, FoldingRange, Hover, InlayHint, Position, Range } from 'vscode-languageserver-types';
import { ProviderBody } from '../../../common/authentik/deploy';
import { AuthentikSettings, DEFAULT_SETTINGS } from '../../../common/settings';
import { quickFixes } from './codeActions';
import { complete } from './completion';
import { prepareBody } from './deployBody';
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
import { SERVER_ERROR_SOURCE, serverErrorFindings, serverErrorsStillApplying } from './serverErrors';

export { DIAGNOSTIC_SOURCE, toDiagnostic } from './lspEdge';

export interface LanguageServiceDeps {
  /** Where the UUID references of a file (by URI) are looked up; absent when offline or not configured. */
  references?: (uri: string) => ReferenceSource | undefined;
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
        references: references(document),
        snippetSupport: options.snippetSupport,
        labelDetailsSupport: options.labelDetailsSupport ?? false,
      });
      return toCompletionList(document, proposals);
    },

    hover(document: TextDocument, position: Position, settings: AuthentikSettings = DEFAULT_SETTINGS): Hover | null {
      const result = hover(parse(document, settings), document.offsetAt(position), references(document));
      return result ? toHover(document, result) : null;
    },

    codeActions(document: TextDocument, range: Range, settings: AuthentikSettings = DEFAULT_SETTINGS): CodeAction[] {
      const parsed = parse(document, settings);
      const fixes = quickFixes(parsed, findingsOf(document, parsed, settings), document.offsetAt(range.start), document.offsetAt(range.end));
      return fixes.map((fix) => toCodeAction(document, fix));
    },

    documentSymbols(document: TextDocument, settings: AuthentikSettings = DEFAULT_SETTINGS): DocumentSymbol[] {
      return documentSymbols(parse(document, settings), references(document)).map((s) => toDocumentSymbol(document, s));
    },

    foldingRanges(document: TextDocument, settings: AuthentikSettings = DEFAULT_SETTINGS): FoldingRange[] {
      return toFoldingRanges(document, foldingRanges(parse(document, settings)));
    },

    inlayHints(document: TextDocument, range: Range, settings: AuthentikSettings = DEFAULT_SETTINGS): InlayHint[] {
      if (!settings.inlayHints) return [];
      return inlayHints(parse(document, settings), references(document), document.offsetAt(range.start), document.offsetAt(range.end)).map((h) => toInlayHint(document, h));
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
