import { TextDocument } from 'vscode-languageserver-textdocument';
import { Diagnostic, Position, Range } from 'vscode-languageserver-types';
import { CompletionOptions, getLanguageService } from '../../server/src/service/languageService';
import { ReferenceSource } from '../../server/src/service/references';
import { AuthentikSettings } from '../../common/settings';
import { noRules } from './settings';

export const CURSOR = '$0';

let version = 0;

/** A document from inline YAML; `$0` marks the cursor and is removed. */
export function documentWithCursor(textWithCursor: string, uri = 'file:///work/test.oauth2provider.yaml'): { document: TextDocument; position: Position; offset: number } {
  const offset = textWithCursor.indexOf(CURSOR);
  const text = offset >= 0 ? textWithCursor.slice(0, offset) + textWithCursor.slice(offset + CURSOR.length) : textWithCursor;
  const document = TextDocument.create(uri, 'authentik-oauth2provider', ++version, text);
  return { document, position: document.positionAt(Math.max(0, offset)), offset };
}

/**
 * The language service with `settings` for every request that does not pass its own: by default
 * every authentik rule off (test/helpers/settings.ts), so a test sees only what it turned on.
 */
export function service(references?: ReferenceSource, settings: AuthentikSettings = noRules()) {
  const ls = getLanguageService({ references: () => references });
  return {
    parse: (document: TextDocument, s = settings) => ls.parse(document, s),
    validate: (document: TextDocument, s = settings) => ls.validate(document, s),
    complete: (document: TextDocument, position: Position, options: CompletionOptions, s = settings) => ls.complete(document, position, options, s),
    hover: (document: TextDocument, position: Position, s = settings) => ls.hover(document, position, s),
    codeActions: (document: TextDocument, range: Range, s = settings) => ls.codeActions(document, range, s),
    documentSymbols: (document: TextDocument, s = settings) => ls.documentSymbols(document, s),
    foldingRanges: (document: TextDocument, s = settings) => ls.foldingRanges(document, s),
    inlayHints: (document: TextDocument, range: Range, s = settings) => ls.inlayHints(document, range, s),
  };
}

export type TestService = ReturnType<typeof service>;

export function diagnose(text: string, options: { settings?: AuthentikSettings; references?: ReferenceSource } = {}): { document: TextDocument; diagnostics: Diagnostic[] } {
  const { document } = documentWithCursor(text);
  return { document, diagnostics: service(options.references).validate(document, options.settings ?? noRules()) };
}

/** The text a range covers, to assert that a diagnostic sits on the right key or value. */
export function textAt(document: TextDocument, range: Range): string {
  return document.getText(range);
}

/** A compact view of diagnostics: `code@line:char-line:char "covered text"`. */
export function summarize(document: TextDocument, diagnostics: Diagnostic[]): string[] {
  return diagnostics.map(
    (d) =>
      `${d.code}@${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${JSON.stringify(textAt(document, d.range))}`,
  );
}

export function byCode(diagnostics: Diagnostic[], code: string): Diagnostic[] {
  return diagnostics.filter((d) => d.code === code);
}

/** Applies LSP text edits (as a client would) and returns the new text. */
export function applyEdits(document: TextDocument, edits: { range: Range; newText: string }[]): string {
  return TextDocument.applyEdits(document, edits);
}

export const FLOW_EXPLICIT = '8f3b0c7e-6a44-4b1e-9a5e-1f2d3c4b5a60';
export const FLOW_IMPLICIT = '8f3b0c7e-6a44-4b1e-9a5e-1f2d3c4b5a61';
export const FLOW_AUTHN = '8f3b0c7e-6a44-4b1e-9a5e-1f2d3c4b5a62';
export const KEY_PAIR = '5d7a3a7e-0c1b-4a43-8a3c-2b9a1e0f4c10';
/** A key pair with a certificate only (no private key). */
export const KEY_PAIR_NO_KEY = '5d7a3a7e-0c1b-4a43-8a3c-2b9a1e0f4c11';
/** A property mapping that is no scope mapping. */
export const MAPPING_SAML = 'a1b2c3d4-0000-4000-8000-0000000000f1';
export const SCOPE_OPENID = 'a1b2c3d4-0000-4000-8000-000000000001';
export const SCOPE_EMAIL = 'a1b2c3d4-0000-4000-8000-000000000002';
export const SOURCE_JWKS = 'c0ffee00-1111-4222-8333-444455556666';

/** A valid provider body. */
export const VALID = `name: Grafana
authorization_flow: ${FLOW_EXPLICIT}
client_type: confidential
redirect_uris: |
  https://grafana\\.example\\.com/login/generic_oauth
property_mappings:
  - ${SCOPE_OPENID}
  - ${SCOPE_EMAIL}
access_token_validity: hours=1
`;
