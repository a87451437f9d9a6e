import { parseAllDocuments, Document, isCollection, isMap, isPair, Scalar, YAMLMap, YAMLError } from 'yaml';
import { fastParse } from './fastParse';

/** The YAML parse of one document version, shared by every feature of the language service. */
export interface ParsedDocument {
  readonly text: string;
  /** Every YAML document in the stream (a provider file should hold exactly one). */
  readonly documents: readonly Document.Parsed[];
  /** The first document's top-level mapping, when it is one. */
  readonly root: YAMLMap.Parsed | undefined;
  /** Syntax errors and warnings of all documents. */
  readonly errors: readonly YAMLError[];
  readonly warnings: readonly YAMLError[];
  /** Set when the text exceeds the size limit: nothing was parsed. */
  readonly tooLarge: boolean;
}

export interface ParseOptions {
  maxFileSize: number;
}

// uniqueKeys off: duplicate keys are reported by our own check, on the right key, with the first one as related info.
// logLevel error: the library must not print to the console (the CLI's stderr, the server's log); its warnings are in the result.
const YAML_OPTIONS = { uniqueKeys: false, prettyErrors: false, keepSourceTokens: false, logLevel: 'error' } as const;

export function parseText(text: string, options: ParseOptions): ParsedDocument {
  if (text.length > options.maxFileSize) {
    return { text, documents: [], root: undefined, errors: [], warnings: [], tooLarge: true };
  }
  return parseTextFast(text) ?? parseTextFully(text);
}

/**
 * Most provider files are a flat mapping that a line scanner reads several times faster than the
 * yaml library, into the same nodes. Undefined when the text is outside what the scanner reads.
 */
export function parseTextFast(text: string): ParsedDocument | undefined {
  const document = fastParse(text, YAML_OPTIONS);
  return document && { text, documents: [document], root: document.contents ?? undefined, errors: [], warnings: [], tooLarge: false };
}

/** The yaml library's own parse of the whole text (what the fast path must match; tests compare the two). */
export function parseTextFully(text: string): ParsedDocument {
  // A lone CR ends a line for the editor (and in YAML 1.2) but not for the yaml library; as LF it parses as shown, same offsets.
  const stream = parseAllDocuments(text.replace(/\r(?!\n)/g, '\n'), YAML_OPTIONS);
  const documents: Document.Parsed[] = 'empty' in stream ? [] : stream;
  const errors: YAMLError[] = 'empty' in stream ? [...stream.errors] : [];
  const warnings: YAMLError[] = 'empty' in stream ? [...stream.warnings] : [];
  for (const doc of documents) {
    errors.push(...doc.errors);
    warnings.push(...doc.warnings);
  }
  flattenCollectionKeys(text, documents);
  const first = documents[0];
  const root = first && isMap(first.contents) ? (first.contents as YAMLMap.Parsed) : undefined;
  return { text, documents, root, errors: dedupe(errors), warnings: dedupe(warnings), tooLarge: false };
}

/**
 * A list or mapping used as a key (`[a, b]: x`) becomes a plain key holding its source text. The yaml
 * library would re-serialise such keys on every use, in time exponential in how deeply they nest
 * (`{{{{...}}}}: x` froze validation), with a console warning; no provider field is spelled that way.
 */
function flattenCollectionKeys(text: string, documents: readonly Document.Parsed[]): void {
  const stack: unknown[] = documents.map((doc) => doc.contents);
  while (stack.length) {
    const node = stack.pop();
    if (!isCollection(node)) continue;
    for (const item of node.items) {
      if (!isPair(item)) {
        stack.push(item);
        continue;
      }
      if (isCollection(item.key) && item.key.range) {
        const [start, , end] = item.key.range;
        const source = text.slice(start, end).trimEnd();
        const key = new Scalar(source);
        key.range = [start, start + source.length, end];
        if (item.key.anchor) key.anchor = item.key.anchor;
        item.key = key;
      }
      stack.push(item.value);
    }
  }
}

/** The stream-level error list repeats document errors in some yaml versions; keep each once. */
function dedupe(list: YAMLError[]): YAMLError[] {
  const seen = new Set<string>();
  return list.filter((e) => {
    const id = `${e.pos[0]}:${e.pos[1]}:${e.code}:${e.message}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

/**
 * Keeps one parse per document version. Features ask for the parse of (uri, version) and get
 * the same object back until the version changes, so an edit is parsed exactly once.
 */
export class ParseCache {
  private static readonly capacity = 32;
  private readonly entries = new Map<string, { version: number; text: string; maxFileSize: number; parsed: ParsedDocument }>();

  get(uri: string, version: number, text: string, options: ParseOptions): ParsedDocument {
    const hit = this.entries.get(uri);
    if (hit && hit.version === version && hit.maxFileSize === options.maxFileSize && hit.text === text) {
      this.entries.delete(uri);
      this.entries.set(uri, hit);
      return hit.parsed;
    }
    const parsed = parseText(text, options);
    // Most recently used last; only the documents being worked on keep their tree (a parse takes about a millisecond).
    this.entries.delete(uri);
    this.entries.set(uri, { version, text, maxFileSize: options.maxFileSize, parsed });
    if (this.entries.size > ParseCache.capacity) this.entries.delete(this.entries.keys().next().value as string);
    return parsed;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }
}
