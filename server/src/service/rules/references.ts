import { isScalar, isSeq } from 'yaml';
import { Finding, finding } from '../findings';
import { listsFromSource, refTextFor, resolveTag } from '../portable';
import type { PortableTag } from '../portable';
import { candidatesFor, objectNoun, ReferenceField, referenceLabel, ReferenceObject, ReferenceSource, resolveReference } from '../references';
import { findPair, rangeOf, ParsedNode } from '../yamlNodes';
import { Rule } from './rule';

const article = (noun: string) => (/^[aeiou]/i.test(noun) ? `an ${noun}` : `a ${noun}`);

/**
 * References that refer to nothing on the server, or to an object that is accepted but does not work:
 * a flow of the wrong designation, a signing key pair without a private key, a property mapping
 * that is no scope mapping. UUIDs are compared in the form the server reads them. Needs a
 * reference source.
 */
export const referencesRule: Rule = {
  id: 'references',
  check({ root, references, profile }) {
    if (!references) return [];
    const findings: Finding[] = [];
    for (const [key, field] of Object.entries(profile.references)) {
      const pair = findPair(root, key);
      if (!pair?.value) continue;
      const nodes: ParsedNode[] = isSeq(pair.value) ? (pair.value.items as ParsedNode[]) : [pair.value];
      for (const node of nodes) {
        // Malformed values are schema findings; only what the server reads as a UUID (or a provider's integer pk) is looked up.
        if (!isScalar(node) || (typeof node.value !== 'string' && typeof node.value !== 'number')) continue;
        const range = rangeOf(node);
        if (range) findings.push(...referenceValueFindings(key, field, node.value, { start: range[0], end: range[1] }, references, (o) => ({ pk: o.pk, label: referenceLabel(o) })));
      }
    }
    return findings;
  },
};

/**
 * The same checks on what each `!ref` and `!Find` resolves to: a flow of another designation, a key
 * pair without a private key. Tags that do not resolve are the tag findings' (referenceTagFindings).
 * A fix offers the choices in the `!ref` form where one names exactly that object.
 */
export function taggedReferenceFindings(tags: readonly PortableTag[], references: ReferenceSource | undefined): Finding[] {
  if (!references) return [];
  const lists = listsFromSource(references);
  const findings: Finding[] = [];
  for (const tag of tags) {
    if (tag.kind === 'env') continue;
    const resolved = resolveTag(tag, lists, {});
    if (!resolved.ok) continue;
    const asChoice = (o: ReferenceObject) => {
      const text = refTextFor(tag.reference, o, lists);
      return text === undefined ? { pk: o.pk, label: referenceLabel(o) } : { pk: o.pk, label: `!ref ${text}`, text: `!ref ${text}` };
    };
    findings.push(...referenceValueFindings(tag.field, tag.reference, resolved.value, { start: tag.start, end: tag.end }, references, asChoice));
  }
  return findings;
}

type Choice = { pk: string; label: string; text?: string };

/** What is wrong with one reference value (a UUID, a provider's pk) on the server; nothing when it is fine or not looked up. */
function referenceValueFindings(
  key: string,
  field: ReferenceField,
  value: string | number,
  range: { start: number; end: number },
  references: ReferenceSource,
  choiceOf: (o: ReferenceObject) => Choice,
): Finding[] {
  const match = resolveReference(references, field, value);
  if (!match) return [];
  const choices = candidatesFor(field, match.list);
  const data = { key, kind: field.kind, choices: choices.slice(0, 10).map(choiceOf) };
  const at = { ...range, data };
  const stale = match.list.stale ? ' (as last seen; the server is unreachable)' : '';
  if (match.status === 'missing') {
    const what = field.lookup ? 'property mapping' : objectNoun(field);
    const named = field.pk === 'integer' ? `pk ${String(value)}` : `UUID ${String(value)}`;
    return [finding('reference-not-found', { ...at, message: `No ${what} with ${named} exists on the server${stale}.` })];
  }
  const { object } = match;
  if (match.status === 'other-kind') {
    // The server stores it, but an OAuth2 provider only evaluates its scope mappings (ScopeMapping.objects.filter(provider=...)).
    return [
      finding('reference-wrong-kind', {
        ...at,
        message: `"${referenceLabel(object)}" is ${article(object.kindName ?? 'property mapping of another kind')}, not a ${field.label}: the server accepts it, but an OAuth2 provider only uses scope mappings, so it has no effect.`,
        unnecessary: true,
      }),
    ];
  }
  if (field.designation && object.designation && object.designation !== field.designation) {
    return [finding('reference-wrong-kind', { ...at, message: `"${referenceLabel(object)}" is an ${object.designation} flow; ${key} expects an ${field.designation} flow.` })];
  }
  if (field.needsPrivateKey && object.privateKeyAvailable === false) {
    return [
      finding('reference-without-private-key', {
        ...at,
        message: `"${referenceLabel(object)}" has no private key: the server accepts it as ${key}, but then fails every token request and its OpenID configuration (Invalid private key type). Choose a key pair with a private key, or remove ${key} to sign with the client secret (HS256).`,
      }),
    ];
  }
  return [];
}
