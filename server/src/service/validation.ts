import { Profile } from '../../../common/profiles';
import type { DrfFieldRules } from '../../../common/profiles/drfFieldRules';
import { RuleSettings } from '../../../common/settings';
import { documentValue, isRecord } from './documentValue';
import { Finding, finding } from './findings';
import { byteLength, ParsedDocument } from './parsedDocument';
import { ReferenceSource } from './references';
import { RULES } from './rules';
import { taggedReferenceFindings } from './rules/references';
import { nullCharacterFindings, schemaFindings } from './schemaValidation';
import { structureFindings, unreadableRegion } from './structure';
import { urlFindings } from './urlFields';
import { lineEnd, trimRangeEnd } from './yamlNodes';
import { coveredByTag, documentTags, envTypeFindings, listsFromSource, referenceTagFindings } from './portable';

export interface ValidationContext {
  rules: RuleSettings;
  /** In bytes (UTF-8). */
  maxFileSize: number;
  references?: ReferenceSource;
  /** What the file is checked against: the release it is for (see resolveProfile). */
  profile: Profile;
  /** The release the file is checked for, as messages name it (`2024.8.4`); default: the profile's first release. */
  release?: string;
  /** Findings of choosing the profile (an unknown version in the comment), listed with the rest. */
  profileFindings?: readonly Finding[];
  /** How the server's DRF reads values; by default the reading of the profile's first release. */
  drf?: DrfFieldRules;
}

/** A file over the size limit, which was not validated; `limitName` says where the limit is set. */
export function tooLargeFinding(bytes: number, limit: number, limitName: string): Finding {
  return finding('file-too-large', { message: `The file is ${bytes} bytes, over the limit of ${limit} (${limitName}): it was not validated.`, start: 0, end: 0 });
}

/** Every finding for one parsed document, sorted by position. Pure: same input, same output. */
export function validate(parsed: ParsedDocument, context: ValidationContext): Finding[] {
  if (parsed.tooLarge) return [tooLargeFinding(byteLength(parsed.text), context.maxFileSize, 'setting authentik.maxFileSize')];
  const findings = [...(context.profileFindings ?? []), ...structureFindings(parsed)];
  const json = documentValue(parsed);
  if (!json.ok) {
    findings.push(json.finding);
  } else if (isRecord(json.value) || parsed.root || parsed.documents[0]?.contents == null) {
    const value = isRecord(json.value) ? json.value : {};
    // While the YAML is broken, a key that seems absent may sit on the broken line; with a merge key (refused) it
    // may come from the merge: skip findings about absence.
    const broken = parsed.errors.length > 0 || findings.some((f) => f.code === 'merge-key');
    const absence = (f: Finding) => !broken || (f.code !== 'missing-required' && f.code !== 'redirect-uris-empty');
    // A `!ref`, `!env` or `!Find` value is checked as a tag (present, of the field's type), not as the text it holds.
    const tags = documentTags(parsed, context.profile);
    const checked = (f: Finding) => absence(f) && !coveredByTag(tags, f);
    findings.push(...schemaFindings(parsed.text, parsed.root, value, context.profile, context.drf).filter(checked));
    findings.push(...nullCharacterFindings(parsed.root, value).filter(checked));
    findings.push(...urlFindings(parsed.root, context.profile).filter(checked));
    if (parsed.root) {
      const release = context.release ?? context.profile.releases.from;
      const input = { text: parsed.text, root: parsed.root, value, references: context.references, profile: context.profile, release };
      for (const rule of RULES) if (context.rules[rule.id]) findings.push(...rule.check(input).filter(checked));
    }
    findings.push(...tags.findings, ...envTypeFindings(tags.tags, context.profile));
    // The lists are asked for only when a tag names an object: most files have none.
    if (tags.tags.some((t) => t.kind !== 'env')) findings.push(...referenceTagFindings(tags.tags, listsFromSource(context.references)));
    // What a tag resolves to is checked like a UUID written there (designation, private key).
    if (context.rules.references) findings.push(...taggedReferenceFindings(tags.tags, context.references));
  }
  // Where the parser ran out of stack, the ends of the half-read nodes change from run to run: a finding that starts
  // in that part ends with its first line, so the same text always gives the same findings.
  const unread = unreadableRegion(parsed);
  const halfRead = (f: Finding) => unread && f.data?.yamlCode !== 'RESOURCE_EXHAUSTION' && f.start >= unread.start && f.start < unread.end;
  for (const f of findings) if (halfRead(f)) f.end = lineEnd(parsed.text, f.start);
  // A diagnostic ends where its node's text ends, not on the next line; no offset falls between a CR and its LF
  // (editors put such an offset before the CR, and every output must show the same line and column).
  const { text } = parsed;
  const beforeBreak = (offset: number) => (offset > 0 && text[offset - 1] === '\r' && text[offset] === '\n' ? offset - 1 : offset);
  for (const f of findings) {
    f.start = beforeBreak(f.start);
    f.end = Math.max(f.start, beforeBreak(trimRangeEnd(text, f.start, f.end)));
    for (const r of f.related ?? []) [r.start, r.end] = [beforeBreak(r.start), beforeBreak(r.end)];
  }
  return withoutRepeats(findings).sort((a, b) => a.start - b.start || a.end - b.end);
}

/** A rule and the schema can find the same thing (a list entry's blank url): say it once. */
function withoutRepeats(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const id = `${f.code}\u0000${f.start}\u0000${f.end}\u0000${f.message}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}
