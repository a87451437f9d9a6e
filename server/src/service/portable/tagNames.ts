import type { ScalarTag, CollectionTag } from 'yaml';

/**
 * The YAML tags a provider file may carry besides YAML's own: `!ref <slug or name>`,
 * `!env NAME` and authentik blueprints' `!Find [model, [lookup, value], ...]`.
 */
export const REF_TAG = '!ref';
export const ENV_TAG = '!env';
export const FIND_TAG = '!Find';

export type PortableTagName = typeof REF_TAG | typeof ENV_TAG | typeof FIND_TAG;

export function isPortableTagName(tag: string | undefined): tag is PortableTagName {
  return tag === REF_TAG || tag === ENV_TAG || tag === FIND_TAG;
}

/** YAML's own tags (`!!str`, `!!int`, ...) as the parser spells them once resolved. */
export function isYamlCoreTag(tag: string): boolean {
  return tag.startsWith('tag:yaml.org,2002:');
}

/** A POSIX-style environment variable name: what every shell can `export`. */
export const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The tags for the yaml library's `customTags` parse and stringify option. Registered, they parse
 * without the library's "Unresolved tag" warning; the value stays as written (a string, or the
 * `!Find` list) and each node keeps its `tag`, which is what the tag scan reads.
 */
export const PORTABLE_CUSTOM_TAGS: readonly (ScalarTag | CollectionTag)[] = [
  { tag: REF_TAG, resolve: (source: string) => source },
  { tag: ENV_TAG, resolve: (source: string) => source },
  { tag: FIND_TAG, collection: 'seq', resolve: (node) => node } as CollectionTag,
];
