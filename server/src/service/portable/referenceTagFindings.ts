import { Finding, finding } from '../findings';
import { candidatesFor, ReferenceSource } from '../references';
import { describeObject, KIND_NOUNS, PortableLists } from './objects';
import { candidatesText, closestRefTexts } from './refNames';
import { resolveTag } from './resolve';
import type { PortableTag } from './tagScan';
import type { ReferenceKind } from '../../../../common/profiles';

const KINDS = Object.keys(KIND_NOUNS) as ReferenceKind[];

/** The lists a reference source knows now, for resolution; a kind it does not know stays out. */
export function listsFromSource(source: ReferenceSource | undefined): PortableLists {
  const lists: PortableLists = {};
  if (!source) return lists;
  for (const kind of KINDS) {
    // The source's own kind type may not name every kind yet (OAuth2 providers); it answers undefined for those.
    const list = source.list(kind as Parameters<ReferenceSource['list']>[0]);
    if (list) lists[kind] = list.objects;
  }
  return lists;
}

/**
 * What the editor says about each `!ref` and `!Find` against the server's lists as known now: an
 * error when it matches nothing (the message names the closest objects it may take) or several (the
 * message lists them), information when the
 * objects of its kind are not known (offline: it is resolved at deploy). `!env` is not looked at:
 * the editor does not read the environment a deploy will run in.
 */
export function referenceTagFindings(tags: readonly PortableTag[], lists: PortableLists): Finding[] {
  const findings: Finding[] = [];
  for (const tag of tags) {
    if (tag.kind === 'env') continue;
    const result = resolveTag(tag, lists, {});
    if (result.ok) continue;
    const range = { start: tag.start, end: tag.end };
    if (result.reason === 'unknown') {
      const many = KIND_NOUNS[tag.reference.kind].many;
      findings.push(finding('reference-deferred', { message: `Resolved when deploying: the server's ${many} are not known now.`, ...range, data: { key: tag.field } }));
    } else if (result.reason === 'ambiguous') {
      // Only the id tells them apart on this server: the fixes write it.
      const choices = result.candidates.slice(0, 10).map((c) => ({ label: describeObject(c), text: c.pk }));
      findings.push(finding('reference-ambiguous', { message: result.message, ...range, data: { key: tag.field, candidates: result.candidates.map((c) => c.pk), choices } }));
    } else {
      // The objects the field may take (a flow of its designation, a key pair with a private key), closest first.
      const list = lists[tag.reference.kind] ?? [];
      const written = tag.kind === 'ref' ? tag.text : (tag.conditions[0]?.value ?? '');
      const candidates = closestRefTexts(tag.reference, written, candidatesFor(tag.reference, { objects: list }), lists);
      const choices = candidates.texts.map((text) => ({ label: `!ref ${text}`, text: `!ref ${text}` }));
      findings.push(
        finding('reference-unresolved', { message: `${result.message} ${candidatesText(tag.reference, candidates)}`, ...range, data: { key: tag.field, choices } }),
      );
    }
  }
  return findings;
}
