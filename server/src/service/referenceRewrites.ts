import { isScalar, isSeq, Pair, ParsedNode } from 'yaml';
import { Profile } from '../../../common/profiles';
import { referenceOf } from '../schema/fields';
import { OffsetEdit } from './edits';
import { Finding } from './findings';
import { ParsedDocument } from './parsedDocument';
import { documentTags, listsFromSource, refScalar, refTextFor, resolveTag } from './portable';
import { findReference, ReferenceSource } from './references';
import { keyText } from './yamlNodes';

/** A change of how a value is written that keeps what it means, not tied to a finding. */
export interface Rewrite {
  title: string;
  edits: OffsetEdit[];
}

/**
 * For the reference value that holds [start, end], when the connected server knows it: a UUID (or a provider's
 * pk) as `!ref <slug or name>`, when that text resolves back to exactly this object there; and a
 * `!ref` or `!Find` that resolves, as the UUID it stands for. Nothing without a reference source, nor
 * on a value with a reference finding.
 */
export function referenceRewrites(
  parsed: ParsedDocument,
  findings: readonly Finding[],
  start: number,
  end: number,
  profile: Profile,
  references: ReferenceSource | undefined,
): Rewrite[] {
  if (!references || !parsed.root) return [];
  const lists = listsFromSource(references);
  const rewrites: Rewrite[] = [];
  // A reference the server finds fault with (another designation, no private key) gets its fixes, not a rewrite.
  const faulted = findings.filter((f) => f.code.startsWith('reference-'));
  // Only for the value the cursor (or a selection inside it) is on: a selection of the whole file is no request to rewrite every reference.
  const overlaps = (range: readonly number[]) => start >= range[0] && end <= range[1] && !faulted.some((f) => f.start < range[1] && f.end > range[0]);
  for (const item of parsed.root.items) {
    const pair = item as Pair<ParsedNode, ParsedNode | null>;
    const field = referenceOf(profile, keyText(pair.key));
    if (!field || !pair.value) continue;
    const nodes = isSeq(pair.value) ? (pair.value.items as ParsedNode[]) : [pair.value];
    const inFlow = isSeq(pair.value) && pair.value.flow === true;
    for (const node of nodes) {
      if (!isScalar(node) || node.tag || !node.range || !overlaps(node.range)) continue;
      if (typeof node.value !== 'string' && typeof node.value !== 'number') continue;
      const object = findReference(references, field.kind, node.value);
      const text = object ? refTextFor(field, object, lists, { scopeName: true }) : undefined;
      if (text === undefined) continue;
      rewrites.push({ title: `Use !ref ${text}`, edits: [{ start: node.range[0], end: node.range[1], newText: `!ref ${refScalar(text, inFlow)}` }] });
    }
  }
  const seen = new Set<number>();
  for (const tag of documentTags(parsed, profile).tags) {
    if (tag.kind === 'env' || !overlaps([tag.start, tag.end]) || seen.has(tag.start)) continue;
    // An alias uses the same tag again; an anchor or a comment between the tag and its value would be lost.
    seen.add(tag.start);
    if (/[&#]/.test(parsed.text.slice(tag.start, tag.valueStart))) continue;
    const result = resolveTag(tag, lists, {});
    if (!result.ok) continue;
    const idName = tag.reference.pk === 'integer' ? 'pk' : 'UUID';
    rewrites.push({ title: `Use the ${idName} ${String(result.value)}`, edits: [{ start: tag.start, end: tag.end, newText: String(result.value) }] });
  }
  return rewrites;
}
