import type { ReferenceField } from '../../../../common/profiles';
import { FindLookup, listText } from './findModels';
import { describeObject, EnvironmentSource, KIND_NOUNS, PortableLists, PortableObject } from './objects';
import type { EnvTag, FindCondition, FindTag, PortableTag, RefTag } from './tagScan';

/** What a `!ref` or `!Find` was matched by. */
export type MatchedBy = 'slug' | 'name' | 'managed id' | 'scope name' | 'pk';

export type TagResolution =
  | {
      ok: true;
      /** What the request sends: the UUID, or a provider's integer pk; for `!env`, the variable's value. */
      value: string | number;
      /** The object found (references only). */
      object?: PortableObject;
      matchedBy?: MatchedBy;
    }
  | {
      ok: false;
      /** `unknown`: the server's objects of that kind are not known (offline, not fetched). */
      reason: 'not-found' | 'ambiguous' | 'unknown' | 'env-missing';
      message: string;
      /** For `ambiguous`: every object that matched. */
      candidates: PortableObject[];
    };

export function resolveTag(tag: PortableTag, lists: PortableLists, env: EnvironmentSource): TagResolution {
  if (tag.kind === 'env') return resolveEnv(tag, env);
  if (tag.kind === 'ref') return resolveRef(tag, lists);
  return resolveFind(tag, lists);
}

/** A missing variable names itself; the value is never part of a message. */
export function resolveEnv(tag: Pick<EnvTag, 'name'>, env: EnvironmentSource): TagResolution {
  const value = Object.prototype.hasOwnProperty.call(env, tag.name) ? env[tag.name] : undefined;
  if (value === undefined) {
    return { ok: false, reason: 'env-missing', message: `The environment variable ${tag.name} is not set.`, candidates: [] };
  }
  return { ok: true, value };
}

/**
 * `!ref`: flows and OAuth sources by slug; key pairs and providers by name; property mappings by
 * name, then by managed id, then by scope name (which only counts when one mapping has it).
 */
export function resolveRef(tag: Pick<RefTag, 'reference' | 'text'>, lists: PortableLists): TagResolution {
  const { reference, text } = tag;
  const list = lists[reference.kind];
  if (!list) return unknownList(reference, `"${text}"`);
  const nouns = KIND_NOUNS[reference.kind];
  const steps: [MatchedBy, (o: PortableObject) => boolean][] =
    reference.kind === 'flow' || reference.kind === 'oauthSource'
      ? [['slug', (o) => o.slug === text]]
      : reference.kind === 'scopeMapping'
        ? [
            ['name', (o) => o.name === text],
            ['managed id', (o) => o.managed === text],
            ['scope name', (o) => o.scopeName === text],
          ]
        : [['name', (o) => o.name === text]];
  for (const [matchedBy, test] of steps) {
    const matches = list.filter(test);
    if (matches.length === 1) return found(reference, matches[0], matchedBy);
    if (matches.length > 1) return ambiguous(`"${text}" matches ${matches.length} ${nouns.many}`, matches);
  }
  const by = listText(steps.map(([matchedBy]) => matchedBy)).replace(/ and /, ' or ');
  return notFound(`No ${nounOf(reference)} on the server has the ${by} "${text}".`);
}

/** `!Find`: every condition must hold, as in authentik; more than one match is an error here. */
export function resolveFind(tag: Pick<FindTag, 'reference' | 'conditions'>, lists: PortableLists): TagResolution {
  const { reference, conditions } = tag;
  const what = conditionsText(conditions);
  const list = lists[reference.kind];
  if (!list) return unknownList(reference, `the one with ${what}`);
  const matches = list.filter((object) => conditions.every((c) => matchesLookup(object, c.lookup, c.value)));
  if (matches.length === 1) return found(reference, matches[0], conditions.length === 1 ? lookupName(conditions[0].lookup) : undefined);
  if (matches.length > 1) return ambiguous(`${capitalize(what)} matches ${matches.length} ${KIND_NOUNS[reference.kind].many}`, matches);
  return notFound(`No ${nounOf(reference)} on the server has ${what}.`);
}

function matchesLookup(object: PortableObject, lookup: FindLookup, value: string): boolean {
  if (lookup === 'slug') return object.slug === value;
  if (lookup === 'name') return object.name === value;
  if (lookup === 'managed') return object.managed === value;
  // Django compares UUIDs as UUIDs: letter case does not matter.
  return object.pk.toLowerCase() === value.toLowerCase();
}

function lookupName(lookup: FindLookup): MatchedBy {
  return lookup === 'managed' ? 'managed id' : lookup;
}

function conditionsText(conditions: readonly FindCondition[]): string {
  return listText(conditions.map((c) => `${c.lookup} "${c.value}"`));
}

function found(reference: ReferenceField, object: PortableObject, matchedBy?: MatchedBy): TagResolution {
  const value = reference.pk === 'integer' ? Number(object.pk) : object.pk;
  return matchedBy ? { ok: true, value, object, matchedBy } : { ok: true, value, object };
}

function ambiguous(prefix: string, matches: PortableObject[]): TagResolution {
  return { ok: false, reason: 'ambiguous', message: `${prefix}: ${matches.map(describeObject).join(', ')}.`, candidates: matches };
}

function notFound(message: string): TagResolution {
  return { ok: false, reason: 'not-found', message, candidates: [] };
}

function unknownList(reference: ReferenceField, what: string): TagResolution {
  return {
    ok: false,
    reason: 'unknown',
    message: `The server's ${KIND_NOUNS[reference.kind].many} are not known, so ${what} cannot be resolved.`,
    candidates: [],
  };
}

function nounOf(reference: ReferenceField): string {
  return reference.kind === 'flow' ? reference.label : KIND_NOUNS[reference.kind].one;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
