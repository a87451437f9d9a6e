import type { Profile } from '../../../../common/profiles';
import type { ParsedDocument } from '../parsedDocument';
import { scanTags, TagScan } from './tagScan';

const memo = new WeakMap<ParsedDocument, { profile: Profile; scan: TagScan }>();

/** The tag scan of one parse against one profile, computed once: validation, completion, hover and deploy share it. */
export function documentTags(parsed: ParsedDocument, profile: Profile): TagScan {
  const cached = memo.get(parsed);
  if (cached && cached.profile === profile) return cached.scan;
  const scan = scanTags(parsed, profile);
  memo.set(parsed, { profile, scan });
  return scan;
}

/** Whether a finding lies on a tagged value (or a malformed tag): what the schema says of the value as written does not apply. */
export function coveredByTag(scan: TagScan, range: { start: number; end: number }): boolean {
  const inside = (r: { start: number; end: number }) => range.start >= r.start && range.end <= r.end;
  return scan.tags.some(inside) || scan.findings.some((f) => (f.code === 'tag-invalid' || f.code === 'tag-misplaced') && inside(f));
}
