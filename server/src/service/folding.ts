import { isCollection, isScalar, Pair, ParsedNode } from 'yaml';
import { ParsedDocument } from './parsedDocument';

/** A foldable region in offsets: from a key to the end of its multi-line value. */
export interface OffsetFold {
  start: number;
  end: number;
}

export function foldingRanges(parsed: ParsedDocument): OffsetFold[] {
  const folds: OffsetFold[] = [];
  const stack: { pair: Pair<ParsedNode, ParsedNode | null> }[] = [];
  for (const item of parsed.root?.items ?? []) stack.push({ pair: item as Pair<ParsedNode, ParsedNode | null> });
  // Iterative: nesting can be deep in hostile files.
  while (stack.length) {
    const { pair } = stack.pop()!;
    const value = pair.value;
    const keyStart = pair.key?.range?.[0];
    if (keyStart === undefined || !value?.range) continue;
    // Any collection or scalar may span several lines (block, quoted or plain scalars folded over lines); the text decides.
    if (!isCollection(value) && !isScalar(value)) continue;
    const end = value.range[1];
    if (parsed.text.slice(keyStart, end).replace(/[\r\n]+$/, '').search(/[\r\n]/) >= 0) {
      folds.push({ start: keyStart, end: trimTrailingBreaks(parsed.text, keyStart, end) });
    }
    if (isCollection(value)) {
      for (const child of value.items) if (child && typeof child === 'object' && 'key' in child) stack.push({ pair: child as Pair<ParsedNode, ParsedNode | null> });
    }
  }
  return folds.sort((a, b) => a.start - b.start);
}

function trimTrailingBreaks(text: string, start: number, end: number): number {
  let e = end;
  while (e > start && (text[e - 1] === '\n' || text[e - 1] === '\r')) e--;
  return e;
}
