import { isScalar } from 'yaml';
import { Profile } from '../../../common/profiles';
import { fieldDocumentation } from '../schema/fieldDocs';
import { fieldOf, isDuration, READ_ONLY_KEYS } from '../schema/fields';
import { absentField, absentFieldMessage } from './fieldAvailability';
import { fieldAtOffset } from './nodeAtOffset';
import { ParsedDocument } from './parsedDocument';
import { findReference, objectNoun, referenceLabel, referencePk, ReferenceSource } from './references';
import { analyzeDuration, describeSeconds } from './rules/duration';

export interface HoverResult {
  markdown: string;
  start: number;
  end: number;
}

export function hover(parsed: ParsedDocument, offset: number, profile: Profile, references?: ReferenceSource, release = profile.releases.from): HoverResult | undefined {
  const at = fieldAtOffset(parsed, offset);
  if (!at) return undefined;
  const field = fieldOf(profile, at.key);
  const node = at.on === 'key' ? at.pair.key : at.scalar;
  const range = node?.range;
  if (!range) return undefined;
  const title = `**${at.key}**`;
  if (!field) {
    const absent = absentField(profile, release, at.key);
    const note = READ_ONLY_KEYS.has(at.key)
      ? 'Read-only response field: the server ignores it in a request.'
      : absent
        ? absentFieldMessage(at.key, release, absent)
        : 'Not a field of an OAuth2 provider: the server ignores it.';
    return { markdown: `${title}\n\n${note}`, start: range[0], end: range[1] };
  }
  const parts = [`${title} · ${fieldDocumentation(field)}`];
  if (at.on === 'value' && isScalar(node)) {
    const value = node.value;
    const reference = field.reference;
    const pk = reference ? referencePk(reference, value) : undefined;
    if (reference && pk !== undefined) {
      const object = findReference(references, reference.kind, pk);
      if (object) parts.unshift(`**${referenceLabel(object)}** · ${reference.label}${object.designation && object.designation !== reference.designation ? ` (designation: ${object.designation})` : ''}\n\n---`);
      else if (references?.list(reference.kind)) parts.unshift(`No ${objectNoun(reference)} with this ${reference.pk === 'integer' ? 'pk' : 'UUID'} on the server.\n\n---`);
    }
    if (isDuration(field) && typeof value === 'string') {
      const verdict = analyzeDuration(value);
      if (verdict.kind === 'accepted') parts.unshift(`\`${value}\` = **${describeSeconds(verdict.totalSeconds)}**\n\n---`);
    }
  }
  return { markdown: parts.join('\n\n'), start: range[0], end: range[1] };
}
