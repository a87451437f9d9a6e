import type { Profile, RequestField } from '../../../../common/profiles';
import { fieldOf } from '../../schema/fields';
import { Finding, finding } from '../findings';
import type { PathSegment } from '../yamlNodes';
import type { PortableTag } from './tagScan';

/**
 * The request field a value at `path` is read by: a top-level field, a list's item, a field of a
 * list entry (`redirect_uris[0].url`). Undefined for a key the profile does not have.
 */
export function fieldAtPath(profile: Profile, path: readonly PathSegment[]): RequestField | undefined {
  let field = typeof path[0] === 'string' ? fieldOf(profile, path[0]) : undefined;
  for (const segment of path.slice(1)) {
    if (!field) return undefined;
    field = typeof segment === 'number' ? field.item : field.fields?.find((f) => f.key === segment);
  }
  return field;
}

/**
 * `!env` gives one string. DRF reads a string for a text, choice, duration or UUID field as it is,
 * and for a boolean or an integer as the text of one (`true`, `4`), so those are accepted here and
 * checked at deploy; a list or an entry cannot be a string, and the server rejects one there.
 */
export function envTypeFindings(tags: readonly PortableTag[], profile: Profile): Finding[] {
  const findings: Finding[] = [];
  for (const tag of tags) {
    if (tag.kind !== 'env') continue;
    const field = fieldAtPath(profile, tag.path);
    if (!field || (field.type !== 'array' && field.type !== 'object')) continue;
    const where = tag.path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
    const message =
      field.type === 'array'
        ? `\`!env\` gives one string, and ${where} is a list: the server rejects a string there (Expected a list of items but got type "str").${field.item && field.item.type !== 'object' ? ' Put `!env` on an item instead.' : ''}`
        : `\`!env\` gives one string, and ${where} is an entry with fields of its own: the server rejects a string there (Invalid data. Expected a dictionary, but got str.).`;
    findings.push(finding('env-wrong-type', { message, start: tag.start, end: tag.end, data: { key: tag.field } }));
  }
  return findings;
}
