import { Profile } from '../../../common/profiles';
import { RuleSettings } from '../../../common/settings';
import { documentValue, isRecord } from './documentValue';
import { Finding, finding } from './findings';
import { byteLength, ParsedDocument } from './parsedDocument';
import { ReferenceSource } from './references';
import { RULES } from './rules';
import { nullCharacterFindings, schemaFindings } from './schemaValidation';
import { structureFindings } from './structure';
import { urlFindings } from './urlFields';
import { trimRangeEnd } from './yamlNodes';

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
    // While the YAML is broken, a key that seems absent may sit on the broken line: skip findings about absence.
    const broken = parsed.errors.length > 0;
    const absence = (f: Finding) => !broken || (f.code !== 'missing-required' && f.code !== 'redirect-uris-empty');
    findings.push(...schemaFindings(parsed.text, parsed.root, value, context.profile).filter(absence));
    findings.push(...nullCharacterFindings(parsed.root, value));
    findings.push(...urlFindings(parsed.root, context.profile));
    if (parsed.root) {
      const release = context.release ?? context.profile.releases.from;
      const input = { text: parsed.text, root: parsed.root, value, references: context.references, profile: context.profile, release };
      for (const rule of RULES) if (context.rules[rule.id]) findings.push(...rule.check(input).filter(absence));
    }
  }
  // A diagnostic ends where its node's text ends, not on the next line; no offset falls between a CR and its LF
  // (editors put such an offset before the CR, and every output must show the same line and column).
  const { text } = parsed;
  const beforeBreak = (offset: number) => (offset > 0 && text[offset - 1] === '\r' && text[offset] === '\n' ? offset - 1 : offset);
  for (const f of findings) {
    f.start = beforeBreak(f.start);
    f.end = Math.max(f.start, beforeBreak(trimRangeEnd(text, f.start, f.end)));
    for (const r of f.related ?? []) [r.start, r.end] = [beforeBreak(r.start), beforeBreak(r.end)];
  }
  return findings.sort((a, b) => a.start - b.start || a.end - b.end);
}
