import { isScalar, isSeq, Pair, ParsedNode } from 'yaml';
import { Profile } from '../../../common/profiles';
import { referenceOf } from '../schema/fields';
import { ParsedDocument } from './parsedDocument';
import { findReference, referenceLabel, referencePk, ReferenceSource } from './references';
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
      if (!isScalar(node) || !node.range) continue;
      const pk = referencePk(field, node.value);
      if (pk === undefined || node.range[1] < start || node.range[0] > end) continue;
      const object = findReference(references, field.kind, pk);
      if (object) hints.push({ offset: node.range[1], label: ` ${referenceLabel(object)}`, tooltip: `${field.label}: ${object.name}` });
    }
  }
  return hints;
}
