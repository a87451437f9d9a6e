import { isScalar } from 'yaml';
import { fieldDocumentation } from '../schema/fieldDocs';
import { FIELD_BY_KEY, READ_ONLY_KEYS } from '../schema/fields';
import { escapeMarkdown, markdownCode } from './markdown';
import { fieldAtOffset } from './nodeAtOffset';
import { ParsedDocument } from './parsedDocument';
import { findReference, REFERENCE_FIELDS, referenceLabel, ReferenceSource } from './references';
import { analyzeDuration, describeSeconds } from './rules/duration';

export interface HoverResult {
  markdown: string;
  start: number;
  end: number;
}

export function hover(parsed: ParsedDocument, offset: number, references?: ReferenceSource): HoverResult | undefined {
  const at = fieldAtOffset(parsed, offset);
  if (!at) return undefined;
  const field = FIELD_BY_KEY.get(at.key);
  const node = at.on === 'key' ? at.pair.key : at.scalar;
  const range = node?.range;
  if (!range) return undefined;
  const title = `**${escapeMarkdown(at.key)}**`;
  if (!field) {
    const note = READ_ONLY_KEYS.has(at.key)
      ? 'Read-only response field: the server ignores it in a request.'
      : 'Not a field of an OAuth2 provider: the server ignores it.';
    return { markdown: `${title}\n\n${note}`, start: range[0], end: range[1] };
  }
  const parts = [`${title} · ${fieldDocumentation(field)}`];
  if (at.on === 'value' && isScalar(node)) {
    const value = node.value;
    const reference = REFERENCE_FIELDS[at.key];
    if (reference && typeof value === 'string') {
      const object = findReference(references, reference.kind, value);
      if (object) {
        const designation = object.designation && object.designation !== reference.designation ? ` (designation: ${escapeMarkdown(String(object.designation))})` : '';
        parts.unshift(`**${escapeMarkdown(referenceLabel(object))}** · ${reference.label}${designation}\n\n---`);
      } else if (references?.list(reference.kind)) parts.unshift(`No ${reference.label} with this UUID on the server.\n\n---`);
    }
    if (field.isDuration && typeof value === 'string') {
      const verdict = analyzeDuration(value);
      if (verdict.kind === 'accepted') parts.unshift(`${markdownCode(value)} = **${describeSeconds(verdict.totalSeconds)}**\n\n---`);
    }
  }
  return { markdown: parts.join('\n\n'), start: range[0], end: range[1] };
}
