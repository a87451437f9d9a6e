import { isScalar, isSeq, Pair, ParsedNode } from 'yaml';
import { Profile } from '../../../common/profiles';
import { referenceOf } from '../schema/fields';
import { ParsedDocument } from './parsedDocument';
import { escapeMarkdown, markdownCode, oneLine } from './markdown';
import { referenceLabel, ReferenceObject, ReferenceSource, resolveReference } from './references';
import { keyText } from './yamlNodes';
import { documentTags, listsFromSource, resolveTag } from './portable';

export interface OffsetInlayHint {
  /** Where the hint is drawn: just after the UUID. */
  offset: number;
  /** Plain text, on one line. */
  label: string;
  /** Markdown, with the server's names escaped. */
  tooltip: string;
}

/**
 * Names the object each reference (a UUID, a provider's pk) refers to, when the reference source knows it;
 * after a `!ref` or `!Find`, the UUID it resolves to.
 */
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
      if (match?.status === 'found') hints.push({ offset: node.range[1], label: ` ${oneLine(referenceLabel(match.object))}`, tooltip: referenceTooltip(field.label, match.object) });
      else if (match?.status === 'other-kind') hints.push({ offset: node.range[1], label: ` ${oneLine(referenceLabel(match.object))}`, tooltip: referenceTooltip(match.object.kindName ?? 'property mapping', match.object) });
    }
  }
  hints.push(...tagHints(parsed, profile, references, start, end));
  return hints.sort((a, b) => a.offset - b.offset);
}

/** After a `!ref` or `!Find` that resolves on the connected server: the start of the UUID (or the pk) it stands for. */
function tagHints(parsed: ParsedDocument, profile: Profile, references: ReferenceSource, start: number, end: number): OffsetInlayHint[] {
  const lists = listsFromSource(references);
  const hints: OffsetInlayHint[] = [];
  for (const tag of documentTags(parsed, profile).tags) {
    if (tag.kind === 'env' || tag.end < start || tag.start > end) continue;
    const result = resolveTag(tag, lists, {});
    if (!result.ok || !result.object) continue;
    const pk = String(result.object.pk);
    const short = tag.reference.pk === 'integer' ? `pk ${pk}` : `${pk.slice(0, 8)}…`;
    const tooltip = `${referenceTooltip(tag.reference.label, result.object as ReferenceObject)}\n\n${tag.reference.pk === 'integer' ? 'pk' : 'UUID'} ${markdownCode(pk)} on the connected server`;
    hints.push({ offset: tag.end, label: ` → ${oneLine(short)}`, tooltip });
  }
  return hints;
}

/** What the object is, for the hint's tooltip: `**name** · authorization flow`, then its slug or scope name. */
function referenceTooltip(fieldLabel: string, object: ReferenceObject): string {
  const qualifier = object.slug !== undefined ? `slug ${markdownCode(String(object.slug))}` : object.scopeName !== undefined ? `scope ${markdownCode(String(object.scopeName))}` : '';
  return `**${escapeMarkdown(String(object.name))}** · ${fieldLabel}${qualifier ? `\n\n${qualifier}` : ''}`;
}
