import { parseAllDocuments, Document, isCollection, isMap, isPair, LineCounter, Scalar, YAMLMap, YAMLError } from 'yaml';
import { PORTABLE_CUSTOM_TAGS } from './portable/tagNames';

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
  /** Where each line starts, filled by the parser: turns offsets into lines and columns (at an edge). */
  readonly lineCounter: LineCounter;
}

export interface ParseOptions {
  /** In bytes of UTF-8, as the file is stored. */
  maxFileSize: number;
}

// uniqueKeys off: duplicate keys are reported by our own check, on the right key, with the first one as related info.
// logLevel error: the library must not print to the console (the CLI's stderr, the server's log); its warnings are in the result.
// customTags: `!ref`, `!env` and `!Find` parse as written, their node keeping the tag (see portable/).
const YAML_OPTIONS = { uniqueKeys: false, prettyErrors: false, keepSourceTokens: false, logLevel: 'error' as const, customTags: [...PORTABLE_CUSTOM_TAGS] };

/** The text's size as stored in a file (UTF-8), which is what `maxFileSize` limits. */
export function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** The yaml library's parse of the whole text: every document, with one line table. */
export function parseText(text: string, options: ParseOptions): ParsedDocument {
  const lineCounter = new LineCounter();
  if (byteLength(text) > options.maxFileSize) {
    lineCounter.addNewLine(0);
    return { text, documents: [], root: undefined, errors: [], warnings: [], tooLarge: true, lineCounter };
  }
  // A lone CR ends a line for the editor (and in YAML 1.2) but not for the yaml library; as LF it parses as shown, same offsets.
  const stream = parseAllDocuments(text.replace(/\r(?!\n)/g, '\n'), { ...YAML_OPTIONS, lineCounter });
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
  return { text, documents, root, errors: dedupe(errors), warnings: dedupe(warnings), tooLarge: false, lineCounter };
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
