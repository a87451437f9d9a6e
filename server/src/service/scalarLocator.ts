import { Scalar } from 'yaml';

/**
 * Finds where a piece of a scalar's value stands in the source text, so a diagnostic can point at
 * one part of a string (one redirect URI, one duration part) instead of the whole value.
 * Falls back to the whole scalar when the source spells the piece differently (escapes).
 */
export class ScalarLocator {
  private readonly source: string;
  private readonly start: number;
  private readonly end: number;
  /** Offset in `source` where the verbatim value starts, when the source spells the value exactly. */
  private readonly verbatimAt: number | undefined;
  private searchFrom = 0;

  constructor(text: string, private readonly scalar: Scalar) {
    const range = scalar.range ?? [0, 0, 0];
    this.start = range[0];
    this.end = range[1];
    this.source = text.slice(this.start, this.end);
    const value = String(scalar.value ?? '');
    if (this.source === value) this.verbatimAt = 0;
    else if (/^["']/.test(this.source) && this.source.slice(1, -1) === value) this.verbatimAt = 1;
  }

  /** Offsets of value[from, to) in the document, or the scalar's own range when it cannot be found. */
  locate(value: string, from: number, to: number): [number, number] {
    if (this.verbatimAt !== undefined) return [this.start + this.verbatimAt + from, this.start + this.verbatimAt + to];
    const piece = value.slice(from, to);
    // Look for the piece as the quoting style spells it (`\\` for `\` in double quotes) before the piece itself.
    for (const spelled of new Set([spellInScalar(this.scalar.type, piece), piece])) {
      const found = spelled ? this.source.indexOf(spelled, this.searchFrom) : -1;
      if (found >= 0) {
        this.searchFrom = found + spelled.length;
        return [this.start + found, this.start + found + spelled.length];
      }
    }
    return [this.start, this.end];
  }

  get scalarType(): string | undefined {
    return this.scalar.type;
  }
}

/** How `text` is written inside a scalar of the given quoting style, when written without optional escapes. */
export function spellInScalar(type: string | undefined, text: string): string {
  if (type === 'QUOTE_DOUBLE') return JSON.stringify(text).slice(1, -1);
  if (type === 'QUOTE_SINGLE') return text.replace(/'/g, "''");
  return text;
}
