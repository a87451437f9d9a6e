import assert from 'node:assert/strict';
import { quickFixes } from '../../server/src/service/codeActions';
import { complete } from '../../server/src/service/completion';
import { foldingRanges } from '../../server/src/service/folding';
import { hover } from '../../server/src/service/hover';
import { inlayHints } from '../../server/src/service/inlayHints';
import { ParsedDocument, parseTextFast, parseTextFully } from '../../server/src/service/parsedDocument';
import { documentSymbols } from '../../server/src/service/symbols';
import { validate } from '../../server/src/service/validation';
import { DEFAULT_SETTINGS } from '../../common/settings';
import { defaultReferences } from '../helpers/references';

const references = defaultReferences();
const context = { rules: DEFAULT_SETTINGS.rules, maxFileSize: DEFAULT_SETTINGS.maxFileSize, references };
const toRange = (start: number, end: number) => ({ start: { line: 0, character: start }, end: { line: 0, character: end } });

/** How often each parser read a text, so a test can show that both outcomes were exercised. */
export class Tally {
  fast = 0;
  bail = 0;

  add(outcome: 'fast' | 'bail'): void {
    this[outcome]++;
  }

  toString(): string {
    return `${this.fast} fast, ${this.bail} handed to the full parser`;
  }
}

/**
 * Parses `text` with the fast path and with the yaml library. When the fast path takes the text,
 * the documents must be equal node for node (ranges, types, comments, every property), and every
 * feature must answer the same: findings, outline, folds, inlay hints, quick fixes, hover at every
 * offset, completion at the offsets an editor asks at.
 */
export function compareParsers(text: string): 'fast' | 'bail' {
  const fast = parseTextFast(text);
  if (!fast) return 'bail';
  const full = parseTextFully(text);
  const show = () => JSON.stringify(text);
  assert.deepEqual(full.errors, [], `the fast path took a text the yaml library rejects: ${show()}`);
  assert.deepEqual(full.warnings, [], `the fast path took a text the yaml library warns about: ${show()}`);
  assert.equal(full.documents.length, 1, `the fast path took a text of ${full.documents.length} documents: ${show()}`);
  assert.deepStrictEqual(fast.documents[0], full.documents[0], `documents differ for ${show()}`);
  assert.equal(fast.root, fast.documents[0].contents);
  assertSameFeatures(fast, full);
  return 'fast';
}

function assertSameFeatures(fast: ParsedDocument, full: ParsedDocument): void {
  const { text } = fast;
  const same = (a: unknown, b: unknown, what: string) => assert.deepStrictEqual(a, b, `${what} differ for ${JSON.stringify(text)}`);
  const fastFindings = validate(fast, context);
  const fullFindings = validate(full, context);
  same(fastFindings, fullFindings, 'findings');
  same(documentSymbols(fast, references), documentSymbols(full, references), 'symbols');
  same(foldingRanges(fast), foldingRanges(full), 'folding ranges');
  same(inlayHints(fast, references), inlayHints(full, references), 'inlay hints');
  same(quickFixes(fast, fastFindings, 0, text.length), quickFixes(full, fullFindings, 0, text.length), 'quick fixes for the whole text');
  for (const f of fastFindings) same(quickFixes(fast, fastFindings, f.start, f.end), quickFixes(full, fullFindings, f.start, f.end), `quick fixes for ${f.code}`);
  for (let offset = 0; offset <= text.length; offset++) same(hover(fast, offset, references), hover(full, offset, references), `hovers at ${offset}`);
  for (const offset of completionOffsets(text)) {
    const options = { references, snippetSupport: true, toRange };
    same(complete(fast, offset, options), complete(full, offset, options), `completions at ${offset}`);
  }
}

/** Line starts and ends, and after each `: ` and `- `: where an editor asks for completion. */
function completionOffsets(text: string): number[] {
  const offsets = new Set<number>([0, text.length]);
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\n') offsets.add(i).add(i + 1);
    if ((text[i] === ':' || text[i] === '-') && text[i + 1] === ' ') offsets.add(i + 2);
  }
  return [...offsets];
}
