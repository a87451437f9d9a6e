import { isScalar } from 'yaml';
import { Profile } from '../../../common/profiles';
import { fieldDocumentation } from '../schema/fieldDocs';
import { fieldOf, isDuration, READ_ONLY_KEYS } from '../schema/fields';
import { absentField, absentFieldMessage } from './fieldAvailability';
import { escapeMarkdown, markdownCode } from './markdown';
import { fieldAtOffset } from './nodeAtOffset';
import { ParsedDocument } from './parsedDocument';
import { objectNoun, referenceLabel, ReferenceSource, resolveReference } from './references';
import { pythonStrip } from './drf/pythonValues';
import { analyzeDuration, describeSeconds } from './rules/duration';
import { tagHover } from './tagHover';

export interface HoverResult {
  markdown: string;
  start: number;
  end: number;
}

export function hover(parsed: ParsedDocument, offset: number, profile: Profile, references?: ReferenceSource, release = profile.releases.from): HoverResult | undefined {
  // A `!ref`, `!Find` or `!env` value says what it stands for, not what its text is.
  const tagged = tagHover(parsed, offset, profile, references);
  if (tagged) return tagged;
  const at = fieldAtOffset(parsed, offset);
  if (!at) return undefined;
  const field = fieldOf(profile, at.key);
  const node = at.on === 'key' ? at.pair.key : at.scalar;
  const range = node?.range;
  if (!range) return undefined;
  const title = `**${escapeMarkdown(at.key)}**`;
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
    const match = reference ? resolveReference(references, reference, value) : undefined;
    if (reference && match) {
      const { status } = match;
      if (status === 'found') {
        const { object } = match;
        const note = object.designation && object.designation !== reference.designation ? ` (designation: ${escapeMarkdown(String(object.designation))})` : reference.needsPrivateKey && object.privateKeyAvailable === false ? ' (no private key)' : '';
        // The object's own kind: the field's label may say what it lacks ("... with a private key").
        parts.unshift(`**${escapeMarkdown(referenceLabel(match.object))}** · ${objectNoun(reference)}${note}\n\n---`);
      } else if (status === 'other-kind') {
        parts.unshift(`**${escapeMarkdown(referenceLabel(match.object))}** · ${escapeMarkdown(String(match.object.kindName ?? 'property mapping'))} (no effect here: not a ${reference.label})\n\n---`);
      } else {
        parts.unshift(`No ${reference.lookup ? 'property mapping' : objectNoun(reference)} with this ${reference.pk === 'integer' ? 'pk' : 'UUID'} on the server.\n\n---`);
      }
    }
    if (isDuration(field) && typeof value === 'string') {
      const stored = pythonStrip(value).text;
      const verdict = analyzeDuration(stored);
      if (verdict.kind === 'accepted') parts.unshift(`${markdownCode(stored)} = **${describeSeconds(verdict.totalSeconds)}**\n\n---`);
    }
  }
  return { markdown: parts.join('\n\n'), start: range[0], end: range[1] };
}
