import { isScalar, isSeq, Pair, ParsedNode } from 'yaml';
import { ParsedDocument } from './parsedDocument';
import { escapeMarkdown, markdownCode, oneLine } from './markdown';
import { findReference, REFERENCE_FIELDS, referenceLabel, ReferenceObject, ReferenceSource } from './references';
import { keyText } from './yamlNodes';

export interface OffsetInlayHint {
  /** Where the hint is drawn: just after the UUID. */
  offset: number;
  /** Plain text, on one line. */
  label: string;
  /** Markdown, with the server's names escaped. */
  tooltip: string;
}

/** Names the object each UUID refers to, when the reference source knows it. */
export function inlayHints(parsed: ParsedDocument, references: ReferenceSource | undefined, start = 0, end = Infinity): OffsetInlayHint[] {
  if (!references || !parsed.root) return [];
  const hints: OffsetInlayHint[] = [];
  for (const item of parsed.root.items) {
    const pair = item as Pair<ParsedNode, ParsedNode | null>;
    const field = REFERENCE_FIELDS[keyText(pair.key)];
    if (!field || !pair.value) continue;
    const nodes = isSeq(pair.value) ? (pair.value.items as ParsedNode[]) : [pair.value];
    for (const node of nodes) {
      if (!isScalar(node) || typeof node.value !== 'string' || !node.range) continue;
      if (node.range[1] < start || node.range[0] > end) continue;
      const object = findReference(references, field.kind, node.value);
      if (object) hints.push({ offset: node.range[1], label: ` ${oneLine(referenceLabel(object))}`, tooltip: referenceTooltip(field.label, object) });
    }
  }
  return hints;
}

/** What the object is, for the hint's tooltip: `**name** · authorization flow`, then its slug or scope name. */
function referenceTooltip(fieldLabel: string, object: ReferenceObject): string {
  const qualifier = object.slug !== undefined ? `slug ${markdownCode(String(object.slug))}` : object.scopeName !== undefined ? `scope ${markdownCode(String(object.scopeName))}` : '';
  return `**${escapeMarkdown(String(object.name))}** · ${fieldLabel}${qualifier ? `\n\n${qualifier}` : ''}`;
}
