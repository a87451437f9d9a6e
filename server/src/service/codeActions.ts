import { isMap, isScalar, Scalar } from 'yaml';
import { REQUIRED_KEYS } from '../schema/fields';
import { OffsetEdit } from './edits';
import { Finding } from './findings';
import { ParsedDocument } from './parsedDocument';
import { topIndent } from './cursor';
import { spellInScalar } from './scalarLocator';
import { keyText, lineEnd, lineStart, rangeOf, ParsedNode, Pair } from './yamlNodes';

export type { OffsetEdit } from './edits';

/** A quick fix for one finding, with edits in offsets (converted to positions at the edge). */
export interface Fix {
  title: string;
  finding: Finding;
  edits: OffsetEdit[];
  preferred?: boolean;
}

/**
 * At most this many fixes in one answer. A selection over a whole file of thousands of problems asks
 * for all of theirs at once; a menu that long helps no one, and the answer must stay quick.
 */
export const MAX_FIXES_PER_REQUEST = 200;

/**
 * Quick fixes for the findings that overlap [start, end], at most `limit`. Nothing here changes a file:
 * it only proposes edits. Time is linear in the findings: keys are looked up in an index of the parse.
 */
export function quickFixes(parsed: ParsedDocument, findings: readonly Finding[], start: number, end: number, limit = MAX_FIXES_PER_REQUEST): Fix[] {
  const fixes: Fix[] = [];
  const seen = new Set<string>();
  const pairs = pairIndex(parsed);
  for (const finding of findings) {
    if (finding.end < start || finding.start > end) continue;
    for (const fix of fixesFor(parsed, pairs, finding)) {
      // Several findings can share one fix (each missing key has its own diagnostic): offer it once.
      const id = fix.title + JSON.stringify(fix.edits);
      if (seen.has(id)) continue;
      seen.add(id);
      fixes.push(fix);
      if (fixes.length >= limit) return fixes;
    }
  }
  return fixes;
}

type TopPair = Pair<ParsedNode, ParsedNode | null>;

/** The top-level pairs by key (the last one wins, as in the JSON body) and by where their key starts: built once per parse. */
interface PairIndex {
  byKey: Map<string, TopPair>;
  byKeyStart: Map<number, TopPair>;
}

const pairIndexes = new WeakMap<ParsedDocument, PairIndex>();

function pairIndex(parsed: ParsedDocument): PairIndex {
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

function fixesFor(parsed: ParsedDocument, pairs: PairIndex, finding: Finding): Fix[] {
  const { text } = parsed;
  const data = finding.data ?? {};
  const key = typeof data.key === 'string' ? data.key : undefined;
  const suggestion = typeof data.suggestion === 'string' ? data.suggestion : undefined;
  const pair = key !== undefined ? pairs.byKey.get(key) : undefined;
  const replaceFinding = (title: string, newText: string, preferred = true): Fix => ({
    title,
    finding,
    edits: [{ start: finding.start, end: finding.end, newText }],
    preferred,
  });
  switch (finding.code) {
    case 'invalid-enum':
      return suggestion ? [replaceFinding(`Change to "${suggestion}"`, suggestion)] : [];
    case 'unknown-key': {
      const fixes: Fix[] = [];
      // Renaming onto a key the file already has would only make a duplicate.
      if (suggestion && !pairs.byKey.has(suggestion)) fixes.push(replaceFinding(`Rename to "${suggestion}"`, suggestion));
      const removal = removePairAt(parsed, pairs, finding.start);
      if (removal) fixes.push({ title: `Remove "${key}"`, finding, edits: [removal] });
      return fixes;
    }
    case 'read-only-key':
    case 'duplicate-key':
    case 'secret-on-public-client': {
      const removal = removePairAt(parsed, pairs, finding.code === 'secret-on-public-client' && pair ? rangeOf(pair.key)![0] : finding.start);
      return removal ? [{ title: `Remove "${key}"`, finding, edits: [removal], preferred: finding.code !== 'secret-on-public-client' }] : [];
    }
    case 'missing-required':
      return addMissingKeys(parsed, pairs, finding);
    case 'wrong-type':
      return suggestion !== undefined ? [replaceFinding(`Quote as the string ${JSON.stringify(suggestion)}`, JSON.stringify(suggestion))] : [];
    case 'not-nullable':
      // `~` or `null` where a string is wanted may be the text meant; removing the key or giving a value may be too.
      return suggestion !== undefined ? [replaceFinding(`Quote as the string ${JSON.stringify(suggestion)}`, JSON.stringify(suggestion), false)] : [];
    case 'duration-ignored-part': {
      const node = pair?.value;
      if (!suggestion || !isScalar(node) || !node.range) return [];
      return [{ title: `Change to "${suggestion}"`, finding, edits: [{ start: node.range[0], end: node.range[1], newText: scalarText(node, suggestion) }], preferred: true }];
    }
    case 'redirect-uri-unescaped':
    case 'redirect-uri-insecure': {
      const node = pair?.value;
      if (!suggestion || !isScalar(node)) return [];
      // Only when the finding covers exactly the entry as written (not a fallback to the whole value).
      const written = text.slice(finding.start, finding.end);
      if (typeof data.entry !== 'string' || written !== spellInScalar(node.type, data.entry)) return [];
      const newText = spellInScalar(node.type, suggestion);
      const title = finding.code === 'redirect-uri-insecure' ? 'Use https' : 'Escape the regular-expression characters';
      return [replaceFinding(title, newText)];
    }
    case 'reference-not-found':
    case 'reference-wrong-kind': {
      const choices = Array.isArray(data.choices) ? (data.choices as { pk: string; label: string }[]) : [];
      return choices.map((choice, i) => replaceFinding(`Use ${choice.label}`, choice.pk, i === 0 && choices.length === 1));
    }
    default:
      return [];
  }
}

/** A replacement scalar in the same quoting style as the original, where that is safe. */
function scalarText(node: Scalar, value: string): string {
  if (node.type === 'PLAIN' && /^[\w=;.-]+$/.test(value)) return value;
  if (node.type === 'QUOTE_SINGLE') return `'${value.replace(/'/g, "''")}'`;
  return JSON.stringify(value);
}

/** Deletes the whole lines of the block-mapping pair whose key starts at `keyStart`. */
function removePairAt(parsed: ParsedDocument, pairs: PairIndex, keyStart: number): OffsetEdit | undefined {
  const { text, root } = parsed;
  if (!root || root.flow) return undefined;
  const pair = pairs.byKeyStart.get(keyStart);
  if (!pair) return undefined;
  const start = lineStart(text, keyStart);
  if (text.slice(start, keyStart).replace(/^\uFEFF/, '').trim() !== '') return undefined;
  const valueEnd = Math.max(rangeOf(pair.key)![1], pair.value?.range?.[1] ?? 0);
  let end = lineEnd(text, Math.max(keyStart, valueEnd - 1));
  if (valueEnd > 0 && (text[valueEnd - 1] === '\n' || text[valueEnd - 1] === '\r')) end = valueEnd;
  else if (text[end] === '\r' && text[end + 1] === '\n') end += 2;
  else if (text[end] === '\n' || text[end] === '\r') end += 1;
  return { start, end, newText: '' };
}

function addMissingKeys(parsed: ParsedDocument, pairs: PairIndex, finding: Finding): Fix[] {
  const { text, root } = parsed;
  const missing = new Set<string>();
  // One fix adds every missing required key, in schema order, however many diagnostics there are.
  for (const key of REQUIRED_KEYS) if (key === finding.data?.key || !root || !pairs.byKey.has(key)) missing.add(key);
  if (typeof finding.data?.key === 'string') missing.add(finding.data.key);
  if (root && (root.flow || !isMap(root))) return [];
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const indent = ' '.repeat(topIndent(parsed));
  const lines = [...missing].map((k) => `${indent}${k}: `);
  let at: number;
  let newText: string;
  if (root) {
    const last = root.items[root.items.length - 1];
    const endOfLast = Math.max(rangeOf(last?.key)?.[1] ?? root.range[0], (last?.value as ParsedNode | null)?.range?.[1] ?? 0);
    if (endOfLast > 0 && (text[endOfLast - 1] === '\n' || text[endOfLast - 1] === '\r')) {
      at = endOfLast;
      newText = lines.join(eol) + eol;
    } else {
      at = lineEnd(text, endOfLast);
      newText = eol + lines.join(eol);
    }
  } else {
    const first = parsed.documents[0];
    if (first?.contents) return [];
    at = text.length;
    newText = (at > 0 && !/[\r\n]$/.test(text) ? eol : '') + lines.join(eol) + eol;
  }
  const keys = [...missing];
  return [{ title: `Add missing required key${keys.length > 1 ? 's' : ''} ${keys.join(', ')}`, finding, edits: [{ start: at, end: at, newText }], preferred: true }];
}
