import { isScalar, isSeq } from 'yaml';
import { Finding, finding } from '../findings';
import { candidatesFor, objectNoun, referenceLabel, resolveReference } from '../references';
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
        const match = resolveReference(references, field, node.value);
        const range = rangeOf(node);
        if (!match || !range) continue;
        const choices = candidatesFor(field, match.list);
        const data = { key, kind: field.kind, choices: choices.slice(0, 10).map((o) => ({ pk: o.pk, label: referenceLabel(o) })) };
        const at = { start: range[0], end: range[1], data };
        const stale = match.list.stale ? ' (as last seen; the server is unreachable)' : '';
        if (match.status === 'missing') {
          const what = field.lookup ? 'property mapping' : objectNoun(field);
          const named = field.pk === 'integer' ? `pk ${String(node.value)}` : `UUID ${String(node.value)}`;
          findings.push(finding('reference-not-found', { ...at, message: `No ${what} with ${named} exists on the server${stale}.` }));
          continue;
        }
        const { object } = match;
        if (match.status === 'other-kind') {
          // The server stores it, but an OAuth2 provider only evaluates its scope mappings (ScopeMapping.objects.filter(provider=...)).
          findings.push(finding('reference-wrong-kind', {
            ...at,
            message: `"${referenceLabel(object)}" is ${article(object.kindName ?? 'property mapping of another kind')}, not a ${field.label}: the server accepts it, but an OAuth2 provider only uses scope mappings, so it has no effect.`,
            unnecessary: true,
          }));
        } else if (field.designation && object.designation && object.designation !== field.designation) {
          findings.push(finding('reference-wrong-kind', {
            ...at,
            message: `"${referenceLabel(object)}" is an ${object.designation} flow; ${key} expects an ${field.designation} flow.`,
          }));
        } else if (field.needsPrivateKey && object.privateKeyAvailable === false) {
          findings.push(finding('reference-without-private-key', {
            ...at,
            message: `"${referenceLabel(object)}" has no private key: the server accepts it as ${key}, but then fails every token request and its OpenID configuration (Invalid private key type). Choose a key pair with a private key, or remove ${key} to sign with the client secret (HS256).`,
          }));
        }
      }
    }
    return findings;
  },
};
