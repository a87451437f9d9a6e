import { TextDocument } from 'vscode-languageserver-textdocument';
import { CodeAction, CompletionList, Diagnostic, DocumentSymbol, FoldingRange, Hover, InlayHint, Position, Range, TextEdit } from 'vscode-languageserver-types';
import { ProviderBody } from '../../../common/authentik/deploy';
import { newestProfile, Profile } from '../../../common/profiles';
import { AuthentikSettings, DEFAULT_SETTINGS } from '../../../common/settings';
import { defaultInvalidationFlow, quickFixes } from './codeActions';
import { complete } from './completion';
import { prepareBody } from './deployBody';
import { Finding } from './findings';
import { foldingRanges } from './folding';
import { hover } from './hover';
import { inlayHints } from './inlayHints';
import { toCodeAction, toCompletionList, toDiagnostic, toDocumentSymbol, toFoldingRanges, toHover, toInlayHint, toRewriteAction, toTextEdit } from './lspEdge';
import { referenceRewrites } from './referenceRewrites';
import { migrate, migrationTarget, MigrationTarget, versionLabel } from './migration';
import { ParseCache, ParsedDocument } from './parsedDocument';
import { profileContext, ResolvedProfile, resolveProfile } from './profileResolution';
import { ReferenceSource } from './references';
import { documentSymbols } from './symbols';
import { validate } from './validation';
import { requestValidator } from './schemaValidation';
import { SERVER_ERROR_SOURCE, serverErrorFindings, serverErrorsStillApplying } from './serverErrors';
import { describeResolved, documentTags, EnvironmentSource, listsFromSource } from './portable';

export { DIAGNOSTIC_SOURCE, toDiagnostic } from './lspEdge';

/** What a deploy resolves tags with: the target server's objects (its reference source) and the values of `!env` variables. */
export interface DeployInputs {
  references?: ReferenceSource;
  env?: EnvironmentSource;
}

export type DeployPreparation =
  /** `resolved`: each tag and what it became (`describeResolved`: never an `!env` value). */
  | { ok: true; body: ProviderBody; resolved: string[] }
  /** The file is not valid: nothing is resolved. */
  | { ok: false; errors: Diagnostic[] }
  /** Valid, but `!ref`/`!Find` tags that did not resolve (on their ranges), and `!env` variables given no value. */
  | { ok: false; unresolved: Diagnostic[]; missingVariables: string[] };

/** The codes of tags that did not resolve at deploy (prepareBody's resolution step; validation gives none of them there). */
const RESOLUTION_CODES: ReadonlySet<string> = new Set(['env-missing', 'reference-unresolved', 'reference-ambiguous']);

export interface LanguageServiceDeps {
  /** Where the UUID references of a file (by URI) are looked up; absent when offline or not configured. */
  references?: (uri: string) => ReferenceSource | undefined;
  /** The profile of the server a file (by URI) is deployed to, built from its own schema; absent when none is known. */
  serverProfile?: (uri: string) => Profile | undefined;
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

  // The profile of a document is resolved once per parse, setting and server profile.
  const resolved = new WeakMap<ParsedDocument, { settingVersion: string; serverProfile: Profile | undefined; result: ResolvedProfile }>();

  function profileOf(document: TextDocument, parsed: ParsedDocument, settings: AuthentikSettings): ResolvedProfile {
    const serverProfile = deps.serverProfile?.(document.uri);
    const hit = resolved.get(parsed);
    if (hit && hit.settingVersion === settings.serverVersion && hit.serverProfile === serverProfile) return hit.result;
    const result = resolveProfile(parsed, { settingVersion: settings.serverVersion, serverProfile });
    resolved.set(parsed, { settingVersion: settings.serverVersion, serverProfile, result });
    return result;
  }

  // Code actions are asked on every cursor move: they reuse the findings of the published diagnostics
  // as long as the parse, the settings object, the profile and the reference lists are the same.
  const validated = new WeakMap<ParsedDocument, { settings: AuthentikSettings; profile: ResolvedProfile; source: ReferenceSource | undefined; generation: number | undefined; findings: Finding[] }>();

  function findingsOf(document: TextDocument, parsed: ParsedDocument, settings: AuthentikSettings): Finding[] {
    const source = references(document);
    const profile = profileOf(document, parsed, settings);
    const hit = validated.get(parsed);
    if (hit && hit.settings === settings && hit.profile === profile && hit.source === source && hit.generation === source?.generation) return hit.findings;
    const result = validate(parsed, { rules: settings.rules, maxFileSize: settings.maxFileSize, references: source, ...profileContext(profile) });
    validated.set(parsed, { settings, profile, source, generation: source?.generation, findings: result });
    return result;
  }

  function findings(document: TextDocument, settings: AuthentikSettings): Finding[] {
    return findingsOf(document, parse(document, settings), settings);
  }

  return {
    parse,
    findings,

    /** The profile a document is checked against, and why (for the status bar). */
    profile(document: TextDocument, settings: AuthentikSettings = DEFAULT_SETTINGS): ResolvedProfile {
      return profileOf(document, parse(document, settings), settings);
    },

    validate(document: TextDocument, settings: AuthentikSettings = DEFAULT_SETTINGS): Diagnostic[] {
      return findings(document, settings).map((f) => toDiagnostic(document, f));
    },

    complete(document: TextDocument, position: Position, options: CompletionOptions, settings: AuthentikSettings = DEFAULT_SETTINGS): CompletionList {
      const parsed = parse(document, settings);
      if (parsed.tooLarge) return { isIncomplete: false, items: [] };
      const proposals = complete(parsed, document.offsetAt(position), {
        profile: profileOf(document, parsed, settings).profile,
        references: references(document),
        snippetSupport: options.snippetSupport,
        labelDetailsSupport: options.labelDetailsSupport ?? false,
      });
      return toCompletionList(document, proposals);
    },

    hover(document: TextDocument, position: Position, settings: AuthentikSettings = DEFAULT_SETTINGS): Hover | null {
      const parsed = parse(document, settings);
      const resolved = profileOf(document, parsed, settings);
      const result = hover(parsed, document.offsetAt(position), resolved.profile, references(document), resolved.release);
      return result ? toHover(document, result) : null;
    },

    codeActions(document: TextDocument, range: Range, settings: AuthentikSettings = DEFAULT_SETTINGS): CodeAction[] {
      const parsed = parse(document, settings);
      const context = { profile: profileOf(document, parsed, settings).profile, references: references(document) };
      const [start, end] = [document.offsetAt(range.start), document.offsetAt(range.end)];
      const findings = findingsOf(document, parsed, settings);
      const fixes = quickFixes(parsed, findings, start, end, context);
      const rewrites = referenceRewrites(parsed, findings, start, end, context.profile, context.references);
      return [...fixes.map((fix) => toCodeAction(document, fix)), ...rewrites.map((rewrite) => toRewriteAction(document, rewrite))];
    },

    documentSymbols(document: TextDocument, settings: AuthentikSettings = DEFAULT_SETTINGS): DocumentSymbol[] {
      const parsed = parse(document, settings);
      return documentSymbols(parsed, profileOf(document, parsed, settings).profile, references(document)).map((s) => toDocumentSymbol(document, s));
    },

    foldingRanges(document: TextDocument, settings: AuthentikSettings = DEFAULT_SETTINGS): FoldingRange[] {
      return toFoldingRanges(document, foldingRanges(parse(document, settings)));
    },

    inlayHints(document: TextDocument, range: Range, settings: AuthentikSettings = DEFAULT_SETTINGS): InlayHint[] {
      if (!settings.inlayHints) return [];
      const parsed = parse(document, settings);
      return inlayHints(parsed, profileOf(document, parsed, settings).profile, references(document), document.offsetAt(range.start), document.offsetAt(range.end)).map((h) => toInlayHint(document, h));
    },

    /**
     * What a deploy of the file sends: its request fields, or the errors that block it. `target`: the
     * profile of the server it goes to, which decides the shape instead of the file's own.
     */
    prepareDeploy(document: TextDocument, settings: AuthentikSettings = DEFAULT_SETTINGS, target?: Profile, portable: DeployInputs = {}): DeployPreparation {
      const parsed = parse(document, settings);
      // A server's profile is named after the release it runs.
      const profile = target ? { profile: target, release: target.releases.from, findings: [] } : profileOf(document, parsed, settings);
      const env = portable.env ?? {};
      const prepared = prepareBody(
        parsed,
        { rules: settings.rules, maxFileSize: settings.maxFileSize, profile: profile.profile, release: profile.release, profileFindings: profile.findings },
        { lists: listsFromSource(portable.references), env },
      );
      if (prepared.ok) return { ok: true, body: prepared.body, resolved: prepared.resolved.map(describeResolved) };
      const unresolved = prepared.errors.filter((f) => RESOLUTION_CODES.has(f.code));
      // Validation errors come first and alone: resolving is only tried on a valid file.
      if (unresolved.length === 0) return { ok: false, errors: prepared.errors.map((f) => toDiagnostic(document, f)) };
      const references = unresolved.filter((f) => f.code !== 'env-missing');
      const given = (name: string) => Object.prototype.hasOwnProperty.call(env, name) && env[name] !== undefined;
      const missing = [...new Set(documentTags(parsed, profile.profile).tags.flatMap((t) => (t.kind === 'env' && !given(t.name) ? [t.name] : [])))];
      return { ok: false, unresolved: references.map((f) => toDiagnostic(document, f)), missingVariables: missing };
    },

    /** Whether the file has `!ref` or `!Find` tags, which a deploy resolves against the server's lists (fetched first when old). */
    hasReferenceTags(document: TextDocument, settings: AuthentikSettings = DEFAULT_SETTINGS, target?: Profile): boolean {
      const parsed = parse(document, settings);
      const profile = target ?? profileOf(document, parsed, settings).profile;
      return documentTags(parsed, profile).tags.some((t) => t.kind !== 'env');
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

    /**
     * The edits that rewrite the file for another release (`version`; absent: the active profile's),
     * or why it cannot be. Nothing is changed here: the client applies the edits when the user asks.
     */
    convertFormat(document: TextDocument, version: string | undefined, settings: AuthentikSettings = DEFAULT_SETTINGS): { ok: true; version: string; edits: TextEdit[]; changes: string[] } | { ok: false; reason: string } {
      const parsed = parse(document, settings);
      let target: MigrationTarget;
      if (version === undefined || version.trim() === '') {
        const active = profileOf(document, parsed, settings).profile;
        target = { profile: active, version: versionLabel(active) };
      } else {
        const named = migrationTarget(version);
        if ('error' in named) return { ok: false, reason: named.error };
        target = named;
      }
      const result = migrate(parsed, target, { invalidationFlow: defaultInvalidationFlow({ profile: target.profile, references: references(document) }) });
      if (!result.ok) return { ok: false, reason: `It cannot be converted to authentik ${target.version}: ${result.reason}` };
      return { ok: true, version: target.version, edits: result.edits.map((e) => toTextEdit(document, e)), changes: result.changes };
    },

    /** Compiles the newest profile's validator ahead of the first document (what a file without a comment uses). */
    warmUp(): void {
      requestValidator(newestProfile());
    },

    closeDocument(uri: string): void {
      cache.delete(uri);
    },
  };
}

export type LanguageService = ReturnType<typeof getLanguageService>;
