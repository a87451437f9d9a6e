import { isScalar, Scalar, Schema, YAMLMap, YAMLSeq } from 'yaml';
import type { ParseOptions, ScalarTag } from 'yaml';

/** Thrown inside the scanner when the text leaves the subset; `fastParse` catches it and the full parser takes over. */
class OutsideSubset {}
export const OUTSIDE_SUBSET = new OutsideSubset();

type Range = [number, number, number];

/**
 * First characters with which a core-schema tag (null, bool, int, float) can match a plain scalar:
 * any other plain scalar is a string, so the tag regexes need not run (test/fastparse checks this).
 */
export function mayResolveToNonString(value: string): boolean {
  if (value === '') return true;
  const c = value.charCodeAt(0);
  return (
    (c >= 0x30 && c <= 0x39) || // digits
    c === 0x2b || // +
    c === 0x2d || // -
    c === 0x2e || // .
    c === 0x7e || // ~
    c === 0x6e || c === 0x4e || // n N
    c === 0x74 || c === 0x54 || // t T
    c === 0x66 || c === 0x46 // f F
  );
}

const failResolution = (): never => {
  throw OUTSIDE_SUBSET;
};

/** One regex matching whatever any of the schema's default scalar tags matches: most candidates are strings after all. */
let anyTag: { tags: Schema['tags']; test: RegExp } | undefined;

function anyTagTest(schema: Schema): RegExp {
  const { tags } = schema;
  if (!anyTag || anyTag.tags.length !== tags.length || anyTag.tags.some((tag, i) => tag !== tags[i])) {
    const sources = tags.filter((tag) => !tag.collection && tag.default && tag.test).map((tag) => `(?:${tag.test!.source})`);
    const flags = new Set(tags.map((tag) => tag.test?.flags ?? ''));
    // Tags with flags of their own are tested one by one (the core schema has none).
    anyTag = { tags: tags.slice(), test: flags.size === 1 && flags.has('') ? new RegExp(sources.join('|')) : /[^]/ };
  }
  return anyTag.test;
}

/** A plain scalar typed by the document's own schema, as the yaml library's composer types it. */
export function plainScalar(schema: Schema, options: ParseOptions, source: string, range: Range, comment: string, atKey: boolean): Scalar {
  let scalar: Scalar | undefined;
  let format: string | undefined;
  if (mayResolveToNonString(source) && anyTagTest(schema).test(source)) {
    for (const tag of schema.tags) {
      if (tag.collection || !(tag.default === true || (atKey && tag.default === 'key')) || !tag.test?.test(source)) continue;
      const resolved = (tag as ScalarTag).resolve(source, failResolution, options);
      scalar = isScalar(resolved) ? resolved : new Scalar(resolved);
      format = tag.format;
      break;
    }
  }
  scalar ??= new Scalar(source);
  return finishScalar(scalar, range, source, Scalar.PLAIN, comment, format);
}

/** A quoted or block scalar: always a string (the composer gives such scalars the string tag). */
export function stringScalar(value: string, range: Range, type: Scalar.Type, comment: string): Scalar {
  return finishScalar(new Scalar(value), range, value, type, comment, undefined);
}

function finishScalar(scalar: Scalar, range: Range, source: string, type: Scalar.Type, comment: string, format: string | undefined): Scalar {
  scalar.range = range;
  scalar.source = source;
  scalar.type = type;
  if (format) scalar.format = format;
  if (comment) scalar.comment = comment;
  return scalar;
}

/** `[]` or `{}`: an empty flow collection. */
export function emptyFlowCollection(schema: Schema, kind: 'seq' | 'map', range: Range): YAMLSeq | YAMLMap {
  const collection = kind === 'seq' ? new YAMLSeq(schema) : new YAMLMap(schema);
  collection.flow = true;
  collection.range = range;
  return collection;
}
