import { isMap, isScalar, isSeq, Pair, ParsedNode } from 'yaml';
import { SymbolKind } from 'vscode-languageserver-types';
import { Profile } from '../../../common/profiles';
import { referenceOf } from '../schema/fields';
import { ParsedDocument } from './parsedDocument';
import { findReference, referenceLabel, ReferenceSource } from './references';
import { keyText } from './yamlNodes';

/** An outline entry in offsets. */
export interface OffsetSymbol {
  name: string;
  detail?: string;
  kind: SymbolKind;
  start: number;
  end: number;
  selectionStart: number;
  selectionEnd: number;
  children?: OffsetSymbol[];
}

const SECRET_KEYS = new Set(['client_secret']);

function kindOf(node: ParsedNode | null): SymbolKind {
  if (isMap(node)) return SymbolKind.Object;
  if (isSeq(node)) return SymbolKind.Array;
  if (isScalar(node)) {
    if (typeof node.value === 'boolean') return SymbolKind.Boolean;
    if (typeof node.value === 'number') return SymbolKind.Number;
    if (node.value === null) return SymbolKind.Null;
  }
  return SymbolKind.String;
}

function summary(key: string, node: ParsedNode | null): string | undefined {
  if (SECRET_KEYS.has(key)) return '••••••';
  if (isScalar(node)) {
    const text = String(node.value);
    const firstLine = text.split(/\r?\n/).find((l) => l.trim()) ?? text;
    return firstLine.length > 60 ? firstLine.slice(0, 57) + '...' : firstLine;
  }
  if (isSeq(node)) return `${node.items.length} item${node.items.length === 1 ? '' : 's'}`;
  return undefined;
}

/** A block value's node ends after its last line break; a symbol ends with its text (LSP: no trailing whitespace). */
function textEnd(text: string, start: number, end: number): number {
  while (end > start && /\s/.test(text[end - 1])) end--;
  return end;
}

/** The outline: one symbol per top-level key, list items as children (named after their reference when known). */
export function documentSymbols(parsed: ParsedDocument, profile: Profile, references?: ReferenceSource): OffsetSymbol[] {
  const root = parsed.root;
  if (!root) return [];
  const symbols: OffsetSymbol[] = [];
  for (const item of root.items) {
    const pair = item as Pair<ParsedNode, ParsedNode | null>;
    const keyRange = pair.key?.range;
    if (!keyRange) continue;
    const key = keyText(pair.key);
    const value = pair.value;
    const end = textEnd(parsed.text, keyRange[1], Math.max(keyRange[1], value?.range?.[1] ?? 0));
    const symbol: OffsetSymbol = {
      name: key || '(empty key)',
      detail: summary(key, value),
      kind: kindOf(value),
      start: keyRange[0],
      end,
      selectionStart: keyRange[0],
      selectionEnd: keyRange[1],
    };
    if (isSeq(value)) {
      const reference = referenceOf(profile, key);
      symbol.children = (value.items as ParsedNode[])
        .filter((n) => n?.range)
        .map((n) => {
          const text = isScalar(n) ? String(n.value) : '';
          // Kept inside the list's symbol: a block scalar item's node ends after its line break, an empty item after the dash's space.
          const itemStart = Math.min(n.range![0], end);
          const itemEnd = Math.max(itemStart, Math.min(textEnd(parsed.text, n.range![0], n.range![1]), end));
          const object = reference ? findReference(references, reference.kind, text) : undefined;
          return {
            name: object ? referenceLabel(object) : text || '(item)',
            detail: object ? text : undefined,
            kind: kindOf(n),
            start: itemStart,
            end: itemEnd,
            selectionStart: itemStart,
            selectionEnd: itemEnd,
          };
        });
    }
    symbols.push(symbol);
  }
  return symbols;
}
