import { OffsetEdit } from './edits';
import { ParsedDocument } from './parsedDocument';
import { lineEnd, lineStart, rangeOf, ParsedNode, Pair } from './yamlNodes';

/** Deletes the whole lines of the block-mapping pair whose key starts at `keyStart`, or undefined when it does not own its lines. */
export function removePairAt(parsed: ParsedDocument, keyStart: number): OffsetEdit | undefined {
  const { text, root } = parsed;
  if (!root || root.flow) return undefined;
  const pair = root.items.find((p) => rangeOf(p.key)?.[0] === keyStart) as Pair<ParsedNode, ParsedNode | null> | undefined;
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
