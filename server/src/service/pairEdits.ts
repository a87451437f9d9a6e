import { OffsetEdit } from './edits';
import { ParsedDocument } from './parsedDocument';
import { keyText, lineEnd, lineStart, rangeOf, ParsedNode, Pair } from './yamlNodes';

type TopPair = Pair<ParsedNode, ParsedNode | null>;

/** The top-level pairs by key (the last one wins, as in the JSON body) and by where their key starts. */
export interface PairIndex {
  byKey: Map<string, TopPair>;
  byKeyStart: Map<number, TopPair>;
}

const pairIndexes = new WeakMap<ParsedDocument, PairIndex>();

/** Built once per parse, so that fixes over a whole file look keys up in constant time. */
export function pairIndex(parsed: ParsedDocument): PairIndex {
  let index = pairIndexes.get(parsed);
  if (!index) {
    index = { byKey: new Map(), byKeyStart: new Map() };
    for (const item of parsed.root?.items ?? []) {
      const pair = item as TopPair;
      index.byKey.set(keyText(pair.key), pair);
      const keyStart = rangeOf(pair.key)?.[0];
      if (keyStart !== undefined && !index.byKeyStart.has(keyStart)) index.byKeyStart.set(keyStart, pair);
    }
    pairIndexes.set(parsed, index);
  }
  return index;
}

/** Deletes the whole lines of the block-mapping pair whose key starts at `keyStart`, or undefined when it does not own its lines. */
export function removePairAt(parsed: ParsedDocument, keyStart: number): OffsetEdit | undefined {
  const { text, root } = parsed;
  if (!root || root.flow) return undefined;
  const pair = pairIndex(parsed).byKeyStart.get(keyStart);
  if (!pair) return undefined;
  // A byte order mark before the first key stays (the version comment goes after it).
  const start = lineStart(text, keyStart) === 0 && text.charCodeAt(0) === 0xfeff ? 1 : lineStart(text, keyStart);
  if (text.slice(start, keyStart).trim() !== '') return undefined;
  const valueEnd = Math.max(rangeOf(pair.key)![1], pair.value?.range?.[1] ?? 0);
  let end = lineEnd(text, Math.max(keyStart, valueEnd - 1));
  if (valueEnd > 0 && (text[valueEnd - 1] === '\n' || text[valueEnd - 1] === '\r')) end = valueEnd;
  else if (text[end] === '\r' && text[end + 1] === '\n') end += 2;
  else if (text[end] === '\n' || text[end] === '\r') end += 1;
  return { start, end, newText: '' };
}

/** The text with the edits applied (edits must not overlap). */
export function applyEdits(text: string, edits: readonly OffsetEdit[]): string {
  let out = text;
  for (const edit of [...edits].sort((a, b) => b.start - a.start || b.end - a.end)) {
    out = out.slice(0, edit.start) + edit.newText + out.slice(edit.end);
  }
  return out;
}
