import { stringify } from 'yaml';
import type { ReferenceField } from '../../../../common/profiles';
import { listText } from './findModels';
import { KIND_NOUNS, PortableLists, PortableObject } from './objects';
import { resolveRef } from './resolve';

/**
 * The texts a `!ref` could name an object by, the most portable first (a managed id is the same on
 * every server). `scopeName`: a scope mapping's scope name too, which only counts while it is unique.
 */
export function refNamesOf(reference: Pick<ReferenceField, 'kind'>, object: PortableObject, options: { scopeName?: boolean } = {}): string[] {
  if (reference.kind === 'flow' || reference.kind === 'oauthSource') return object.slug ? [object.slug] : [];
  if (reference.kind === 'scopeMapping') {
    const texts = [object.managed ?? undefined, object.name, options.scopeName ? object.scopeName : undefined];
    return [...new Set(texts.filter((t): t is string => !!t))];
  }
  return object.name ? [object.name] : [];
}

/** The first of `texts` that, written after `!ref`, resolves to exactly this object on the server. */
function resolvingBack(reference: ReferenceField, object: PortableObject, texts: readonly string[], lists: PortableLists): string | undefined {
  return texts.find((text) => {
    const back = resolveRef({ reference, text }, lists);
    return back.ok && back.object?.pk === object.pk;
  });
}

/**
 * The text to write after `!ref` for this object: a slug or name (for a scope mapping its managed id
 * first) that resolves back to exactly this object, or undefined when none does (two objects share it).
 */
export function refTextFor(reference: ReferenceField, object: PortableObject, lists: PortableLists, options: { scopeName?: boolean } = {}): string | undefined {
  return resolvingBack(reference, object, refNamesOf(reference, object, options), lists);
}

/** At most this many candidates are named in a message. */
export const MAX_NAMED_CANDIDATES = 5;

export interface RefCandidates {
  /** The closest texts first, at most MAX_NAMED_CANDIDATES. */
  texts: string[];
  /** How many objects there were to choose from. */
  total: number;
}

/**
 * The objects among `choices` whose `!ref` text comes closest to `text`: those it is a prefix or a
 * part of first, then by edit distance (letter case aside), each by the text that resolves back to it.
 */
export function closestRefTexts(reference: ReferenceField, text: string, choices: readonly PortableObject[], lists: PortableLists): RefCandidates {
  const wanted = text.toLowerCase();
  const scored: { text: string; score: number }[] = [];
  for (const object of choices) {
    const names = refNamesOf(reference, object, { scopeName: true });
    const ranked = names
      .map((name) => ({ name, score: closeness(wanted, name.toLowerCase()) }))
      .sort((a, b) => a.score - b.score);
    // The closest text that names only this object; else whatever names it at all.
    const best = resolvingBack(reference, object, ranked.map((r) => r.name), lists) ?? names[0];
    if (best === undefined) continue;
    scored.push({ text: best, score: ranked.find((r) => r.name === best)?.score ?? Infinity });
  }
  scored.sort((a, b) => a.score - b.score || a.text.localeCompare(b.text));
  return { texts: scored.slice(0, MAX_NAMED_CANDIDATES).map((s) => s.text), total: scored.length };
}

/** How the candidates read at the end of a message: all of them when few, else the closest and how many there are. */
export function candidatesText(reference: ReferenceField, candidates: RefCandidates): string {
  const one = reference.kind === 'flow' ? reference.label : KIND_NOUNS[reference.kind].one;
  const many = reference.kind === 'flow' ? `${reference.label}s` : KIND_NOUNS[reference.kind].many;
  const named = listText(candidates.texts.map((t) => JSON.stringify(t)));
  if (candidates.total === 0) return `The server has no ${many}.`;
  if (candidates.total <= candidates.texts.length) return candidates.total === 1 ? `The server's only ${one}: ${named}.` : `The server's ${many}: ${named}.`;
  return `Closest of the server's ${candidates.total} ${many}: ${named}.`;
}

/** 0 for a prefix, 1 for a part, else 2 + the edit distance: lower is closer. */
function closeness(wanted: string, name: string): number {
  if (name.startsWith(wanted)) return 0;
  if (wanted.length > 0 && name.includes(wanted)) return 1;
  return 2 + editDistance(wanted, name);
}

/** Levenshtein distance, one row at a time; long names are cut, a message needs no more precision. */
function editDistance(a: string, b: string): number {
  const x = a.slice(0, 200);
  const y = b.slice(0, 200);
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[y.length];
}

/**
 * A slug or name as a YAML scalar after `!ref`: plain when it reads back as itself, else
 * double-quoted. `inFlow`: inside `[...]` or `{...}`, where a comma or bracket also ends a plain scalar.
 */
export function refScalar(text: string, inFlow = false): string {
  const plain = stringify(text, { lineWidth: 0 }).replace(/\n$/, '');
  return plain.includes('\n') || (inFlow && /[,[\]{}]/.test(plain)) ? JSON.stringify(text) : plain;
}
