import { Document, YAMLMap } from 'yaml';
import type { ParseOptions, DocumentOptions, SchemaOptions } from 'yaml';
import { HASH, hasLoneCarriageReturn, hasUnsupportedCharacter, isKeyStart, LF, CR } from './characters';
import { preludeComment, trailingComment } from './gaps';
import { OUTSIDE_SUBSET } from './nodes';
import { SubsetScanner } from './scanner';

export type YamlOptions = ParseOptions & DocumentOptions & SchemaOptions;

/**
 * The stream-level directives a document starts from, as the composer keeps them: a plain YAML 1.2
 * stream without %YAML or %TAG lines. Handing out documents from it does not change it.
 */
let streamDirectives: Document['directives'] | undefined;

/** The options a document is created with: the parse options and those directives, merged once per options object. */
const documentOptions = new WeakMap<YamlOptions, YamlOptions>();

function optionsFor(options: YamlOptions): YamlOptions {
  let merged = documentOptions.get(options);
  if (!merged) {
    streamDirectives ??= new Document().directives;
    merged = { _directives: streamDirectives, ...options };
    documentOptions.set(options, merged);
  }
  return merged;
}

/**
 * The common shape of provider files, read without the yaml library's general parser: a flat
 * mapping of one-line values, literal blocks and lists (see SubsetScanner). Returns the very
 * Document `parseAllDocuments(text, options)[0]` would return, or undefined when the text is
 * outside that subset and the full parser must read it. test/fastparse compares the two.
 */
export function fastParse(text: string, options: YamlOptions): Document.Parsed<YAMLMap.Parsed> | undefined {
  const length = text.length;
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (hasUnsupportedCharacter(text, start) || hasLoneCarriageReturn(text)) return undefined;
  // Empty lines and column-0 comments before the first key.
  let first = start;
  for (;;) {
    const c = text.charCodeAt(first);
    if (c !== LF && c !== CR && c !== HASH) break;
    const eol = text.indexOf('\n', first);
    if (eol === -1) return undefined;
    first = eol + 1;
  }
  if (first >= length || !isKeyStart(text.charCodeAt(first))) return undefined;

  const document = new Document(undefined, optionsFor(options)) as Document.Parsed<YAMLMap.Parsed>;
  let scanned;
  try {
    scanned = new SubsetScanner(text, document.schema, document.options).scanMap(first);
  } catch (error) {
    if (error === OUTSIDE_SUBSET) return undefined;
    throw error;
  }
  const { map, end, trailingFrom, endsEmpty } = scanned;
  document.contents = map;
  const trailing = trailingFrom < length && !endsEmpty ? trailingComment(text, trailingFrom, length) : '';
  if (trailing) document.comment = trailing;
  document.range = [first, end, endsEmpty ? end : length];
  if (first > start) {
    // A comment right above the first key belongs to the key; one set apart by an empty line, to the document.
    const { comment, afterEmptyLine } = preludeComment(text, start, first);
    if (comment && afterEmptyLine) document.commentBefore = comment;
    else if (comment) map.items[0].key.commentBefore = comment;
  }
  return document;
}
