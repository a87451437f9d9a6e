import type { Profile, ReferenceField } from '../../../common/profiles';
import { fieldDocumentation } from '../schema/fieldDocs';
import { fieldOf } from '../schema/fields';
import { escapeMarkdown, markdownCode } from './markdown';
import { ParsedDocument } from './parsedDocument';
import { candidatesText, closestRefTexts, documentTags, fieldAtPath, listsFromSource, PortableTag, resolveTag } from './portable';
import { KIND_NOUNS } from './portable/objects';
import { candidatesFor, objectNoun, ReferenceObject, ReferenceSource } from './references';

/** The hover of a `!ref`, `!Find` or `!env` value: Markdown and the tag's range. */
export interface TagHover {
  markdown: string;
  start: number;
  end: number;
}

/** The tag under the offset, if any: the innermost (a tag cannot hold another). */
export function tagAtOffset(parsed: ParsedDocument, profile: Profile, offset: number): PortableTag | undefined {
  return documentTags(parsed, profile).tags.find((t) => offset >= t.start && offset <= t.end);
}

/**
 * What a tag stands for: for `!ref`/`!Find`, the object it resolves to on the connected server, or
 * why it does not (nothing matches, and the closest; several match; the objects are not known, so it
 * is resolved when deploying). For `!env`, that the value is read when deploying and never shown.
 * The server's names are data: escaped, or in code spans.
 */
export function tagHover(parsed: ParsedDocument, offset: number, profile: Profile, references: ReferenceSource | undefined): TagHover | undefined {
  const tag = tagAtOffset(parsed, profile, offset);
  if (!tag) return undefined;
  const parts = tag.kind === 'env' ? envParts(tag.name, profile, tag) : referenceParts(tag, references);
  const field = fieldOf(profile, tag.field);
  if (field) parts.push('---', `**${escapeMarkdown(tag.field)}** · ${fieldDocumentation(field)}`);
  return { markdown: parts.join('\n\n'), start: tag.start, end: tag.end };
}

function envParts(name: string, profile: Profile, tag: PortableTag): string[] {
  const parts = [
    `**!env ${escapeMarkdown(name)}** · environment variable`,
    `Read from the environment when deploying: the CLI's process environment, or the editor's (when it is not set there, the editor asks for it). The value is never written to the file, shown or logged.`,
  ];
  const field = fieldAtPath(profile, tag.path);
  if (field?.type === 'boolean') parts.push('The server reads the text as a boolean: `true`/`false`, `yes`/`no`, `on`/`off` or `1`/`0`; anything else is rejected (Must be a valid boolean.).');
  if (field?.type === 'integer') parts.push('The server reads the text as a whole number.');
  return parts;
}

function referenceParts(tag: Exclude<PortableTag, { kind: 'env' }>, references: ReferenceSource | undefined): string[] {
  const reference = tag.reference;
  const lists = listsFromSource(references);
  const result = resolveTag(tag, lists, {});
  const noun = objectNoun(reference);
  if (result.ok) {
    // The live list's object, with what the field checks (designation, private key).
    const object = (references?.list(reference.kind)?.objects.find((o) => o.pk === result.object?.pk) ?? result.object) as ReferenceObject;
    const lines = [`**${escapeMarkdown(String(object.name))}** · ${noun}${objectNote(reference, object)}`];
    const facts = [
      object.slug !== undefined ? `slug ${markdownCode(String(object.slug))}` : '',
      object.scopeName !== undefined ? `scope ${markdownCode(String(object.scopeName))}` : '',
      `${reference.pk === 'integer' ? 'pk' : 'UUID'} ${markdownCode(String(object.pk))}`,
    ].filter(Boolean);
    lines.push(`${facts.join(' · ')} on the connected server${result.matchedBy ? ` (matched by ${result.matchedBy})` : ''}. Each server resolves it when deploying.`);
    return lines;
  }
  if (result.reason === 'unknown') {
    return [`**Resolved when deploying** · ${noun}`, `The server's ${KIND_NOUNS[reference.kind].many} are not known now (no server connected, or it cannot be reached): the server the file is deployed to resolves it.`];
  }
  if (result.reason === 'ambiguous') {
    const matches = result.candidates.map((o) => `${escapeMarkdown(String(o.name))} ${markdownCode(String(o.pk))}`);
    return [`**Matches ${result.candidates.length} ${KIND_NOUNS[reference.kind].many}** · a deploy stops here`, matches.join(' · ')];
  }
  const written = tag.kind === 'ref' ? tag.text : (tag.conditions[0]?.value ?? '');
  const list = lists[reference.kind] ?? [];
  const candidates = closestRefTexts(reference, written, candidatesFor(reference, { objects: list }), lists);
  const shown = candidates.texts.map((t) => markdownCode(t)).join(' · ');
  const choices =
    candidates.total === 0
      ? candidatesText(reference, candidates)
      : `${candidates.total > candidates.texts.length ? `Closest of the server's ${candidates.total}:` : 'On the server:'} ${shown}`;
  return [`**Not found on the connected server** · ${noun}`, escapeMarkdown(result.message), choices];
}

function objectNote(reference: ReferenceField, object: ReferenceObject): string {
  if (reference.designation && object.designation && object.designation !== reference.designation) return ` (designation: ${escapeMarkdown(String(object.designation))})`;
  if (reference.needsPrivateKey && object.privateKeyAvailable === false) return ' (no private key)';
  return '';
}
