import { Pair, Scalar, Schema, YAMLMap, YAMLSeq } from 'yaml';
import type { ParsedNode, ParseOptions } from 'yaml';
import { COLON, CR, DASH, HASH, isIndicator, isKeyPart, isKeyStart, LF, SPACE } from './characters';
import { gapProps } from './gaps';
import { emptyFlowCollection, OUTSIDE_SUBSET, plainScalar, stringScalar } from './nodes';

const PLUS = 0x2b;
const PIPE = 0x7c;
const DOUBLE_QUOTE = 0x22;
const SINGLE_QUOTE = 0x27;
const OPEN_BRACKET = 0x5b;
const OPEN_BRACE = 0x7b;
const QUESTION = 0x3f;

/** A value node and where the text after it starts (the line after it; blank and comment lines may follow). */
interface ScannedValue {
  node: ParsedNode;
  next: number;
  /** For an empty value, where its comment or line break starts: the composer gives it a share of what follows. */
  emptyAt?: number;
}

export interface ScannedMap {
  map: YAMLMap.Parsed;
  /** Where the last value's node ends (the map's range end). */
  end: number;
  /** Where the blank and comment lines after the last value start. */
  trailingFrom: number;
  /** The last value is empty: the composer then counts the lines after it as part of the pair, not of the document. */
  endsEmpty: boolean;
}

/**
 * Reads a top-level block mapping line by line and builds the nodes the yaml library would build,
 * for a strict subset of YAML: `key: value` lines whose values are one-line plain or quoted scalars,
 * `|` literal blocks, `[]`/`{}`, or block sequences of one-line scalars. Anything else throws
 * OUTSIDE_SUBSET so that the full parser reads the text.
 */
export class SubsetScanner {
  private readonly length: number;

  constructor(
    private readonly text: string,
    private readonly schema: Schema,
    private readonly options: ParseOptions,
  ) {
    this.length = text.length;
  }

  /** The mapping whose first key starts the line at `start`. */
  scanMap(start: number): ScannedMap {
    const { text, length } = this;
    const map = new YAMLMap<ParsedNode, ParsedNode | null>(this.schema) as YAMLMap.Parsed;
    let pos = start;
    let gapFrom = start;
    for (;;) {
      const afterColon = this.keyEnd(pos) + 1;
      const key = plainScalar(this.schema, this.options, text.slice(pos, afterColon - 1), [pos, afterColon - 1, afterColon - 1], '', true);
      if (gapFrom < pos) {
        const props = gapProps(text, gapFrom, pos);
        if (props.spaceBefore) key.spaceBefore = true;
        if (props.comment) key.commentBefore = props.comment;
      }
      const value = this.scanValue(afterColon);
      map.items.push(new Pair(key as ParsedNode, value.node));
      // Empty lines and column-0 comments may follow; then the next key, or the end of the text.
      let p = value.next;
      while (p < length && this.isGapLineAt(p)) p = this.nextLine(p);
      gapFrom = value.next;
      if (p >= length) {
        // With no key after it, an empty value takes every line after it.
        if (value.emptyAt !== undefined && value.emptyAt < length) this.giveToEmptyValue(value.node as Scalar.Parsed, value.emptyAt, length);
        const end = value.node.range[2];
        map.range = [start, end, end];
        return { map, end, trailingFrom: gapFrom, endsEmpty: value.emptyAt !== undefined };
      }
      if (!isKeyStart(text.charCodeAt(p))) throw OUTSIDE_SUBSET;
      // Before another key, an empty value takes the lines after it up to the second line break, which the next key gets.
      if (value.emptyAt !== undefined) {
        if (p > value.next) gapFrom = this.contentEnd(this.lineEnd(value.next));
        this.giveToEmptyValue(value.node as Scalar.Parsed, value.emptyAt, gapFrom);
      }
      pos = p;
    }
  }

  private giveToEmptyValue(node: Scalar.Parsed, from: number, to: number): void {
    const props = gapProps(this.text, from, to, false);
    if (props.spaceBefore) node.spaceBefore = true;
    if (props.comment) {
      node.comment = props.comment;
      node.range[2] = to;
    }
  }

  /** The offset of the colon after a simple key at `pos`, which must be followed by a space or the line end. */
  private keyEnd(pos: number): number {
    const { text } = this;
    let i = pos + 1;
    while (i < this.length && isKeyPart(text.charCodeAt(i))) i++;
    if (text.charCodeAt(i) !== COLON) throw OUTSIDE_SUBSET;
    const after = text.charCodeAt(i + 1);
    if (i + 1 < this.length && after !== SPACE && after !== LF && after !== CR) throw OUTSIDE_SUBSET;
    return i;
  }

  private scanValue(afterColon: number): ScannedValue {
    const { text } = this;
    let v = afterColon;
    while (text.charCodeAt(v) === SPACE) v++;
    const eol = this.lineEnd(afterColon);
    const contentEnd = this.contentEnd(eol);
    const next = eol < this.length ? eol + 1 : eol;
    if (v >= contentEnd) return this.emptyOrSequence(v, contentEnd, next);
    // `key: # note` is an empty value with a comment; a list below it would carry the comment differently.
    if (text.charCodeAt(v) === HASH) {
      if (next < this.length && this.isItemAt(next, this.indentAt(next))) throw OUTSIDE_SUBSET;
      return this.emptyOrSequence(v, v, next);
    }
    switch (text.charCodeAt(v)) {
      case PIPE:
        return this.literalBlock(v, contentEnd, eol);
      case OPEN_BRACKET:
      case OPEN_BRACE:
        return this.emptyFlow(v, contentEnd, next);
      default:
        return { node: this.oneLineScalar(v, contentEnd, next), next };
    }
  }

  /** `key:` with nothing after it: an empty value, or a block sequence starting on the next line. */
  private emptyOrSequence(at: number, emptyAt: number, next: number): ScannedValue {
    if (next < this.length) {
      const indent = this.indentAt(next);
      if (this.isItemAt(next, indent)) return this.sequence(next, indent);
      if (indent > 0) throw OUTSIDE_SUBSET; // a nested mapping, or a value continued on the next line
    }
    const node = plainScalar(this.schema, this.options, '', [at, at, at], '', false) as ParsedNode;
    return { node, next, emptyAt };
  }

  /** Items `- value` at the same indentation, one per line, nothing between them. */
  private sequence(first: number, indent: number): ScannedValue {
    const { text, length } = this;
    const seq = new YAMLSeq<ParsedNode>(this.schema) as YAMLSeq.Parsed;
    let p = first;
    for (;;) {
      let v = p + indent + 1;
      while (text.charCodeAt(v) === SPACE) v++;
      const eol = this.lineEnd(p);
      const contentEnd = this.contentEnd(eol);
      const next = eol < length ? eol + 1 : eol;
      if (v >= contentEnd) throw OUTSIDE_SUBSET; // an empty item
      const c = text.charCodeAt(v);
      if (c === PIPE || c === OPEN_BRACKET || c === OPEN_BRACE) throw OUTSIDE_SUBSET;
      seq.items.push(this.oneLineScalar(v, contentEnd, next));
      p = next;
      if (p < length && this.isItemAt(p, indent)) continue;
      // An item after blank or comment lines would still belong to this list: leave that to the parser.
      let q = p;
      while (q < length && this.isGapLineAt(q)) q = this.nextLine(q);
      if (q < length && this.isItemAt(q, indent)) throw OUTSIDE_SUBSET;
      const end = seq.items[seq.items.length - 1].range[2];
      seq.range = [first + indent, end, end];
      return { node: seq, next: p };
    }
  }

  /** `|`, `|-` or `|+` and the indented lines below it. */
  private literalBlock(at: number, headerEnd: number, headerEol: number): ScannedValue {
    const { text, length } = this;
    let h = at + 1;
    const chomp = text.charCodeAt(h);
    if (chomp === DASH || chomp === PLUS) h++;
    while (text.charCodeAt(h) === SPACE) h++;
    if (h !== headerEnd || headerEol >= length) throw OUTSIDE_SUBSET; // an indentation indicator, a comment, or no lines
    const first = headerEol + 1;
    const indent = this.indentAt(first);
    if (indent === 0) throw OUTSIDE_SUBSET; // empty, or starting with an empty line
    const lines: string[] = [];
    let emptyLines = 0;
    let lastContentEnd = first;
    let afterLastContent = first;
    let p = first;
    while (p < length) {
      const eol = this.lineEnd(p);
      const contentEnd = this.contentEnd(eol);
      if (contentEnd === p) {
        emptyLines++;
        p = eol < length ? eol + 1 : eol;
        continue;
      }
      if (text.charCodeAt(p) !== SPACE) break;
      const lineIndent = this.indentAt(p);
      if (p + lineIndent >= contentEnd || lineIndent < indent) throw OUTSIDE_SUBSET; // spaces only, or less indented
      for (; emptyLines > 0; emptyLines--) lines.push('');
      lines.push(text.slice(p + indent, contentEnd));
      lastContentEnd = contentEnd;
      p = afterLastContent = eol < length ? eol + 1 : eol;
    }
    let value = lines.join('\n');
    let end = afterLastContent;
    if (chomp === PLUS) {
      const breaks = (afterLastContent > lastContentEnd ? 1 : 0) + emptyLines;
      value += '\n'.repeat(Math.max(1, breaks));
      end = p;
    } else if (chomp !== DASH) {
      value += '\n';
    }
    return { node: stringScalar(value, [at, end, end], Scalar.BLOCK_LITERAL, '') as ParsedNode, next: end };
  }

  private emptyFlow(at: number, contentEnd: number, next: number): ScannedValue {
    const { text } = this;
    const open = text.charCodeAt(at);
    if (text.charCodeAt(at + 1) !== (open === OPEN_BRACKET ? 0x5d : 0x7d)) throw OUTSIDE_SUBSET;
    let i = at + 2;
    while (i < contentEnd && text.charCodeAt(i) === SPACE) i++;
    if (i !== contentEnd) throw OUTSIDE_SUBSET;
    const node = emptyFlowCollection(this.schema, open === OPEN_BRACKET ? 'seq' : 'map', [at, at + 2, next]) as ParsedNode;
    return { node, next };
  }

  /** A plain, single- or double-quoted scalar that ends on its line, with an optional comment after it. */
  private oneLineScalar(at: number, contentEnd: number, next: number): ParsedNode {
    const { text } = this;
    const c = text.charCodeAt(at);
    if (c === DOUBLE_QUOTE) {
      const close = text.indexOf('"', at + 1);
      if (close === -1 || close >= contentEnd) throw OUTSIDE_SUBSET;
      const value = text.slice(at + 1, close);
      if (value.includes('\\')) throw OUTSIDE_SUBSET;
      return stringScalar(value, [at, close + 1, next], Scalar.QUOTE_DOUBLE, this.commentAfter(close + 1, contentEnd)) as ParsedNode;
    }
    if (c === SINGLE_QUOTE) {
      let close = text.indexOf("'", at + 1);
      while (close !== -1 && close < contentEnd && text.charCodeAt(close + 1) === SINGLE_QUOTE) close = text.indexOf("'", close + 2);
      if (close === -1 || close >= contentEnd) throw OUTSIDE_SUBSET;
      const raw = text.slice(at + 1, close);
      const value = raw.includes("''") ? raw.replace(/''/g, "'") : raw;
      return stringScalar(value, [at, close + 1, next], Scalar.QUOTE_SINGLE, this.commentAfter(close + 1, contentEnd)) as ParsedNode;
    }
    // `-`, `?` and `:` start a plain scalar when a non-space follows (`-1`, `:x`); other indicators never do.
    const plainIndicator = (c === DASH || c === QUESTION || c === COLON) && at + 1 < contentEnd && text.charCodeAt(at + 1) !== SPACE;
    if (isIndicator(c) && !plainIndicator) throw OUTSIDE_SUBSET;
    let end = at;
    let i = at;
    for (; i < contentEnd; i++) {
      const ch = text.charCodeAt(i);
      if (ch === SPACE) {
        if (text.charCodeAt(i + 1) === HASH) break;
        continue;
      }
      // `a: b: c` is a nested mapping (an error here); `http://x` is a plain scalar.
      if (ch === COLON && (i + 1 >= contentEnd || text.charCodeAt(i + 1) === SPACE)) throw OUTSIDE_SUBSET;
      end = i + 1;
    }
    const comment = i < contentEnd ? text.slice(i + 2, contentEnd) || ' ' : '';
    return plainScalar(this.schema, this.options, text.slice(at, end), [at, end, next], comment, false) as ParsedNode;
  }

  /** The comment after a quoted scalar: spaces, then `# ...` or nothing. */
  private commentAfter(from: number, contentEnd: number): string {
    const { text } = this;
    let i = from;
    while (i < contentEnd && text.charCodeAt(i) === SPACE) i++;
    if (i === contentEnd) return '';
    if (text.charCodeAt(i) !== HASH || i === from) throw OUTSIDE_SUBSET;
    return text.slice(i + 1, contentEnd) || ' ';
  }

  private isItemAt(p: number, indent: number): boolean {
    const { text } = this;
    for (let k = 0; k < indent; k++) if (text.charCodeAt(p + k) !== SPACE) return false;
    return text.charCodeAt(p + indent) === DASH && text.charCodeAt(p + indent + 1) === SPACE;
  }

  /** An empty line or a comment starting in column 0. */
  private isGapLineAt(p: number): boolean {
    const c = this.text.charCodeAt(p);
    return c === LF || c === CR || c === HASH;
  }

  private indentAt(p: number): number {
    let i = p;
    while (this.text.charCodeAt(i) === SPACE) i++;
    return i - p;
  }

  private lineEnd(p: number): number {
    const eol = this.text.indexOf('\n', p);
    return eol === -1 ? this.length : eol;
  }

  /** The end of a line's text, before its CRLF or LF (a lone CR never reaches the scanner). */
  private contentEnd(eol: number): number {
    return this.text.charCodeAt(eol - 1) === CR ? eol - 1 : eol;
  }

  private nextLine(p: number): number {
    const eol = this.lineEnd(p);
    return eol < this.length ? eol + 1 : eol;
  }
}
