import { isScalar, isSeq, Pair, ParsedNode } from 'yaml';
import { Profile } from '../../../common/profiles';
import { referenceOf } from '../schema/fields';
import { ParsedDocument } from './parsedDocument';
import { referenceLabel, ReferenceSource, resolveReference } from './references';
import { keyText } from './yamlNodes';

export interface OffsetInlayHint {
  /** Where the hint is drawn: just after the UUID. */
  offset: number;
  label: string;
  tooltip: string;
}

/** Names the object each reference (a UUID, a provider's pk) refers to, when the reference source knows it. */
export function inlayHints(parsed: ParsedDocument, profile: Profile, references: ReferenceSource | undefined, start = 0, end = Infinity): OffsetInlayHint[] {
  if (!references || !parsed.root) return [];
  const hints: OffsetInlayHint[] = [];
  for (const item of parsed.root.items) {
    const pair = item as Pair<ParsedNode, ParsedNode | null>;
    const key = keyText(pair.key);
    const field = referenceOf(profile, key);
    if (!field || !pair.value) continue;
    const nodes = isSeq(pair.value) ? (pair.value.items as ParsedNode[]) : [pair.value];
    for (const node of nodes) {
      if (!isScalar(node) || (typeof node.value !== 'string' && typeof node.value !== 'number') || !node.range) continue;
      if (node.range[1] < start || node.range[0] > end) continue;
      const match = resolveReference(references, field, node.value);
      if (match?.status === 'found') hints.push({ offset: node.range[1], label: ` ${referenceLabel(match.object)}`, tooltip: `${field.label}: ${match.object.name}` });
      else if (match?.status === 'other-kind') hints.push({ offset: node.range[1], label: ` ${referenceLabel(match.object)}`, tooltip: `${match.object.kindName ?? 'property mapping'}: ${match.object.name}` });
    }
  }
  return hints;
}
