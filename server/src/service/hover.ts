import { isScalar } from 'yaml';
import { FieldInfo, FIELD_BY_KEY, READ_ONLY_KEYS } from '../schema/fields';
import { fieldAtOffset } from './nodeAtOffset';
import { ParsedDocument } from './parsedDocument';
import { findReference, REFERENCE_FIELDS, referenceLabel, ReferenceSource } from './references';
import { analyzeDuration, describeSeconds } from './rules/duration';

export interface HoverResult {
  markdown: string;
  start: number;
  end: number;
}

/** Markdown describing a field: type, allowed values, server default and the schema's description. */
export function fieldDocumentation(field: FieldInfo): string {
  const facts: string[] = [field.required ? '**required**' : 'optional'];
  if (field.isUuidList) facts.push('list of UUIDs');
  else if (field.isUuid) facts.push(field.nullable ? 'UUID or `null`' : 'UUID');
  else facts.push(field.isDuration ? 'duration string' : field.type);
  if (field.enumValues) facts.push(`one of ${field.enumValues.map((v) => `\`${v}\``).join(', ')}`);
  if (field.minLength) facts.push('non-empty');
  if (field.maxLength) facts.push(`at most ${field.maxLength} characters`);
  if (field.defaultValue !== undefined && field.defaultValue !== '') facts.push(`server default \`${String(field.defaultValue)}\``);
  const lines = [facts.join(' · ')];
  if (field.description) lines.push(field.description);
  if (field.isDuration) lines.push('Units: `microseconds`, `milliseconds`, `seconds`, `minutes`, `hours`, `days`, `weeks`, joined by `;` without spaces.');
  const reference = REFERENCE_FIELDS[field.key];
  if (reference) lines.push(`Refers to: ${reference.label}${field.isUuidList ? 's' : ''} on the server, by UUID.`);
  return lines.join('\n\n');
}

export function hover(parsed: ParsedDocument, offset: number, references?: ReferenceSource): HoverResult | undefined {
  const at = fieldAtOffset(parsed, offset);
  if (!at) return undefined;
  const field = FIELD_BY_KEY.get(at.key);
  const node = at.on === 'key' ? at.pair.key : at.scalar;
  const range = node?.range;
  if (!range) return undefined;
  const title = `**${at.key}**`;
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
      if (object) parts.unshift(`**${referenceLabel(object)}** · ${reference.label}${object.designation && object.designation !== reference.designation ? ` (designation: ${object.designation})` : ''}\n\n---`);
      else if (references?.list(reference.kind)) parts.unshift(`No ${reference.label} with this UUID on the server.\n\n---`);
    }
    if (field.isDuration && typeof value === 'string') {
      const verdict = analyzeDuration(value);
      if (verdict.kind === 'accepted') parts.unshift(`\`${value}\` = **${describeSeconds(verdict.totalSeconds)}**\n\n---`);
    }
  }
  return { markdown: parts.join('\n\n'), start: range[0], end: range[1] };
}
