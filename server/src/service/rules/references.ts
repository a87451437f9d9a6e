import { isScalar, isSeq } from 'yaml';
import { ReferenceField } from '../../../../common/profiles';
import { Finding, finding } from '../findings';
import { candidatesFor, objectNoun, ReferenceObject, referenceLabel, referencePk } from '../references';
import { findPair, rangeOf, ParsedNode } from '../yamlNodes';
import { Rule } from './rule';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The pk a node names, when it is well-formed for the field (malformed ones are the schema's to report). */
function pkOf(field: ReferenceField, node: ParsedNode): string | undefined {
  const pk = isScalar(node) ? referencePk(field, node.value) : undefined;
  return pk !== undefined && (field.pk === 'integer' || UUID.test(pk)) ? pk : undefined;
}

/** Why an existing object does not fit the field, or undefined when it does. */
function misfit(key: string, field: ReferenceField, object: ReferenceObject): string | undefined {
  if (field.designation && object.designation && object.designation !== field.designation) {
    return `"${referenceLabel(object)}" is an ${object.designation} flow; ${key} expects an ${field.designation} flow.`;
  }
  if (field.needsPrivateKey && object.privateKey === false) {
    return `"${referenceLabel(object)}" has no private key: the server accepts it as ${key}, but then every token request fails. Use a key pair with a private key.`;
  }
  return undefined;
}

/** References to nothing on the server, to a flow of the wrong designation, to a key pair without the key. Needs a reference source. */
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
        const pk = pkOf(field, node);
        const range = pk === undefined ? undefined : rangeOf(node);
        if (pk === undefined || !range) continue;
        const object = list.objects.find((o) => o.pk.toLowerCase() === pk.toLowerCase());
        const choices = candidatesFor(field, list);
        const data = { key, kind: field.kind, choices: choices.slice(0, 10).map((o) => ({ pk: o.pk, label: referenceLabel(o) })) };
        if (!object) {
          const named = field.pk === 'integer' ? `pk ${pk}` : `UUID ${pk}`;
          findings.push(finding('reference-not-found', {
            message: `No ${objectNoun(field)} with ${named} exists on the server${list.stale ? ' (as last seen; the server is unreachable)' : ''}.`,
            start: range[0],
            end: range[1],
            data,
          }));
          continue;
        }
        const why = misfit(key, field, object);
        if (why) findings.push(finding('reference-wrong-kind', { message: why, start: range[0], end: range[1], data }));
      }
    }
    return findings;
  },
};
