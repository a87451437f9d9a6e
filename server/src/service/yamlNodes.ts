import { isMap, isScalar, isSeq, isPair, isAlias, Node, Pair, Scalar, YAMLMap, YAMLSeq, ParsedNode } from 'yaml';

export type PathSegment = string | number;

/** The text of a mapping key, as the JSON body would spell it. */
export function keyText(key: unknown): string {
  if (isScalar(key)) return String(key.value);
  if (key === null || key === undefined) return '';
  return String(key);
}

/**
 * Whether a mapping key is `<<`: a merge key the yaml library resolved (under `%YAML 1.1`, or tagged
 * `!!merge`), or a plain `<<`, which YAML 1.2 reads as an ordinary key but other YAML readers merge.
 */
export function isMergeKey(key: unknown): boolean {
  if (!isScalar(key)) return false;
  if (typeof key.value === 'symbol') return key.value.description === '<<';
  return key.value === '<<' && (key.type === undefined || key.type === 'PLAIN');
}

/** Whether the yaml library merges the values under this key into its mapping. */
export function isResolvedMergeKey(key: unknown): boolean {
  return isScalar(key) && typeof key.value === 'symbol' && key.value.description === '<<';
}

export function findPair(map: YAMLMap, key: string): Pair<ParsedNode, ParsedNode | null> | undefined {
  // The last occurrence wins, as when the document is converted to JSON.
  for (let i = map.items.length - 1; i >= 0; i--) {
    const pair = map.items[i] as Pair<ParsedNode, ParsedNode | null>;
    if (keyText(pair.key) === key) return pair;
  }
  return undefined;
}

export function rangeOf(node: unknown): [number, number] | undefined {
  const r = (node as Node | undefined)?.range;
  return r ? [r[0], r[1]] : undefined;
}

/** What a JSON path points at: the value node and, for mapping members, the pair holding it. */
export interface PathTarget {
  node: ParsedNode | null;
  pair?: Pair<ParsedNode, ParsedNode | null>;
  parent: ParsedNode;
}

export function resolvePath(root: ParsedNode, path: readonly PathSegment[]): PathTarget | undefined {
  let current: ParsedNode | null = root;
  let target: PathTarget | undefined;
  for (const segment of path) {
    if (!current) return undefined;
    if (isMap(current)) {
      const pair = findPair(current, String(segment));
      if (!pair) return undefined;
      target = { node: pair.value, pair, parent: current };
      current = pair.value;
    } else if (isSeq(current)) {
      const item: ParsedNode | null = (current as YAMLSeq<ParsedNode>).items[Number(segment)] ?? null;
      if (!item) return undefined;
      target = { node: item, parent: current };
      current = item;
    } else {
      return undefined;
    }
  }
  return target;
}

/** Decodes an ajv/JSON-pointer instance path such as `/property_mappings/0`. */
export function parsePointer(pointer: string): string[] {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The end offset of the line holding `offset` (before its line break). */
export function lineEnd(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  return i;
}

export function lineStart(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return i;
}

/** The range a diagnostic about a value should cover: the value itself, or the key when there is no value text. */
export function valueRange(target: PathTarget): [number, number] {
  const value = rangeOf(target.node);
  if (value && value[1] > value[0]) return value;
  const key = target.pair ? rangeOf(target.pair.key) : undefined;
  return key ?? value ?? [0, 0];
}

/** A field name for messages: `client_id`, or `property_mappings[2]` for a list item. */
export function fieldLabel(path: readonly PathSegment[]): string {
  return path.map((s, i) => (i > 0 && /^\d+$/.test(String(s)) ? `[${s}]` : (i > 0 ? '.' : '') + s)).join('');
}

export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'number') return 'a number';
  if (typeof value === 'boolean') return 'a boolean';
  return 'a ' + typeof value;
}

export { isMap, isScalar, isSeq, isPair, isAlias };
export type { Scalar, YAMLMap, YAMLSeq, Pair, ParsedNode };

/** Moves a range's end back over trailing white space and line breaks (block values include them). */
export function trimRangeEnd(text: string, start: number, end: number): number {
  let e = end;
  while (e > start && /\s/.test(text[e - 1])) e--;
  return e;
}
