import { isMap, isScalar, isSeq, Pair, ParsedNode } from 'yaml';
import { ParsedDocument } from './parsedDocument';
import { keyText } from './yamlNodes';

/** The top-level field under an offset, and whether the offset is on its key or inside its value. */
export interface FieldAtOffset {
  key: string;
  pair: Pair<ParsedNode, ParsedNode | null>;
  on: 'key' | 'value';
  /** The scalar under the offset (the value itself, or one list item). */
  scalar?: ParsedNode;
}

function contains(node: ParsedNode | null | undefined, offset: number): boolean {
  return !!node?.range && offset >= node.range[0] && offset <= node.range[1];
}

export function fieldAtOffset(parsed: ParsedDocument, offset: number): FieldAtOffset | undefined {
  const root = parsed.root;
  if (!root) return undefined;
  for (const item of root.items) {
    const pair = item as Pair<ParsedNode, ParsedNode | null>;
    const key = keyText(pair.key);
    if (contains(pair.key, offset)) return { key, pair, on: 'key' };
    const value = pair.value;
    if (!contains(value, offset)) continue;
    if (isScalar(value)) return { key, pair, on: 'value', scalar: value };
    if (isSeq(value)) {
      const scalar = (value.items as ParsedNode[]).find((n) => isScalar(n) && contains(n, offset));
      return { key, pair, on: 'value', scalar };
    }
    if (isMap(value)) return { key, pair, on: 'value' };
  }
  return undefined;
}
