import { isScalar, isSeq } from 'yaml';
import { Finding, finding } from '../findings';
import { candidatesFor, objectNoun, referenceLabel } from '../references';
import { findPair, rangeOf, ParsedNode } from '../yamlNodes';
import { Rule } from './rule';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** UUIDs that refer to nothing on the server, or to a flow of the wrong designation. Needs a reference source. */
export const referencesRule: Rule = {
  id: 'references',
  check({ root, references, profile }) {
    if (!references) return [];
    const findings: Finding[] = [];
    for (const [key, field] of Object.entries(profile.references)) {
      const list = references.list(field.kind);
      if (!list) continue;
      const pair = findPair(root, key);
      if (!pair?.value) continue;
      const nodes: ParsedNode[] = isSeq(pair.value) ? (pair.value.items as ParsedNode[]) : [pair.value];
      for (const node of nodes) {
        if (!isScalar(node) || typeof node.value !== 'string' || !UUID.test(node.value)) continue;
        const range = rangeOf(node);
        if (!range) continue;
        const pk = node.value.toLowerCase();
        const object = list.objects.find((o) => o.pk.toLowerCase() === pk);
        const choices = candidatesFor(field, list);
        const data = { key, kind: field.kind, choices: choices.slice(0, 10).map((o) => ({ pk: o.pk, label: referenceLabel(o) })) };
        if (!object) {
          findings.push(finding('reference-not-found', {
            message: `No ${objectNoun(field)} with UUID ${node.value} exists on the server${list.stale ? ' (as last seen; the server is unreachable)' : ''}.`,
            start: range[0],
            end: range[1],
            data,
          }));
        } else if (field.designation && object.designation && object.designation !== field.designation) {
          findings.push(finding('reference-wrong-kind', {
            message: `"${referenceLabel(object)}" is an ${object.designation} flow; ${key} expects an ${field.designation} flow.`,
            start: range[0],
            end: range[1],
            data,
          }));
        }
      }
    }
    return findings;
  },
};
