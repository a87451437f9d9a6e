import fc from 'fast-check';
import { bundledProfiles } from '../../common/profiles';
import { fieldsOf, isDuration, isReferenceList, isUuidReference, READ_ONLY_KEYS, RequestField } from '../../server/src/schema/fields';
import { FLOW_AUTHN, FLOW_EXPLICIT, KEY_PAIR, SCOPE_EMAIL, SCOPE_OPENID, SOURCE_JWKS } from '../helpers/service';

/**
 * Arbitraries for YAML-ish text: mostly well-formed provider files with hostile scalars, so the
 * language service gets past the parser into every rule, plus noise that breaks the YAML.
 */

/** Every field of any bundled profile, as the newest profile that has it describes it. */
const FIELDS: RequestField[] = [...new Map([...bundledProfiles].flatMap((p) => fieldsOf(p).list.map((f) => [f.key, f] as const))).values()];
const FIELD_KEYS = [...FIELDS.map((f) => f.key), ...READ_ONLY_KEYS];
const KNOWN_UUIDS = [FLOW_AUTHN, FLOW_EXPLICIT, KEY_PAIR, SCOPE_EMAIL, SCOPE_OPENID, SOURCE_JWKS];

/** Characters YAML gives a meaning to, unicode beyond the BMP, lone surrogates and control characters. */
const awkwardCharacter = fc.oneof(
  fc.constantFrom(':', '-', '#', '&', '*', '!', '|', '>', "'", '"', '%', '@', '`', '{', '}', '[', ']', ',', '?', '\\', '\t', ' ', '\u00a0', '\u2028', '\u0085', '\uFEFF', '\u0000', '\u001b', '\r'),
  fc.constantFrom('é', 'ß', '中', '😀', '👩‍👩‍👧', '\u0301', '\uD800', '\uDFFF'),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
);
const word = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_.-]{0,12}$/);
const awkwardText = fc.array(fc.oneof({ weight: 4, arbitrary: word }, { weight: 1, arbitrary: awkwardCharacter }), { maxLength: 6 }).map((parts) => parts.join(''));

const key = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...FIELD_KEYS) },
  { weight: 2, arbitrary: word },
  { weight: 1, arbitrary: fc.constantFrom('<<', '', '"name"', "'client_type'", '? name', 'name ', '!!str name', '&k name', '*k', 'NAME', 'redirect-uris') },
  { weight: 1, arbitrary: awkwardText.map((t) => JSON.stringify(t)) },
);

const durationText = fc
  .array(fc.tuple(fc.constantFrom('weeks', 'days', 'hours', 'minutes', 'seconds', 'milliseconds', 'microseconds', 'years', 'foo', ''), fc.constantFrom('1', '0', '-1', '0.5', '1e3', '1e400', 'nan', 'inf', '', 'x', '٣')), { minLength: 1, maxLength: 3 })
  .chain((parts) => fc.constantFrom(';', ',', '; ', ';;').map((separator) => parts.map(([unit, amount]) => `${unit}=${amount}`).join(separator)));

const redirectText = fc.oneof(
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc.constantFrom('https://app.example.com/cb', 'https://app\\.example\\.com/cb', 'http://10.0.0.1/*', 'https://*.example.com', '^https://a\\.b/.*$', '/relative', 'https://[::1]:8080/x', 'https://a.b/(unclosed', ''),
);

const plainScalar = fc.oneof(
  fc.constantFrom('true', 'false', 'True', 'yes', 'no', 'on', 'null', 'Null', '~', '0', '-1', '0x1F', '0o17', '1e3', '.inf', '-.inf', '.nan', '2024-01-01', '12:30:00', 'confidential', 'public', 'hashed_user_id', 'user_email', 'per_provider', 'global', 'implicit'),
  fc.constantFrom(...KNOWN_UUIDS),
  fc.uuid(),
  fc.integer().map(String),
  fc.double().map(String),
  durationText,
  redirectText,
  word,
);

const singleQuoted = awkwardText.map((t) => `'${t.replace(/'/g, "''")}'`);
const doubleQuoted = fc
  .array(fc.oneof(word, awkwardCharacter.filter((c) => c !== '"' && c !== '\\'), fc.constantFrom('\\n', '\\t', '\\"', '\\\\', '\\x41', '\\u263A', '\\U0001F600', '\\q', '\\x4', '\\uD800', '\\N', '\\_', '\\ ')), { maxLength: 6 })
  .map((parts) => `"${parts.join('')}"`);
const unbalancedQuote = fc.constantFrom('"open', "'open", '"a\\"', "'it''s", '"""', "''''");

/** A scalar as it may appear after `key: `. */
const inlineScalar: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: plainScalar },
  { weight: 2, arbitrary: singleQuoted },
  { weight: 2, arbitrary: doubleQuoted },
  { weight: 1, arbitrary: unbalancedQuote },
  { weight: 1, arbitrary: awkwardText },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('&a ', '&b ', '!!str ', '!!int ', '!!binary ', '!custom ', '!<tag:x> ', '&a !!str '), plainScalar).map(([prop, s]) => prop + s) },
  { weight: 1, arbitrary: fc.constantFrom('*a', '*b', '*missing', '* a', '&', '*') },
);

/** Flow collections, nested a few levels, sometimes left unclosed. */
const flowCollection: fc.Arbitrary<string> = fc.letrec<{ flow: string }>((tie) => ({
  flow: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    inlineScalar,
    fc.array(tie('flow'), { maxLength: 4 }).chain((items) => fc.constantFrom(`[${items.join(', ')}]`, `[${items.join(',')}`, `[${items.join(', ')},]`)),
    fc.array(fc.tuple(key, tie('flow')), { maxLength: 3 }).chain((pairs) => {
      const body = pairs.map(([k, v]) => `${k}: ${v}`).join(', ');
      return fc.constantFrom(`{${body}}`, `{ ${body}`, `{${body}, }`);
    }),
  ),
})).flow;

const comment = fc.oneof({ weight: 6, arbitrary: fc.constant('') }, { weight: 2, arbitrary: awkwardText.map((t) => ` # ${t}`) }, { weight: 1, arbitrary: fc.constant('#no-space') });

/** A block scalar header and body lines (bodies are indented by the renderer). */
const blockScalar = fc.tuple(
  fc.constantFrom('|', '|-', '|+', '>', '>-', '>+', '|2', '>1-', '|9', '|0', '|-+'),
  fc.array(fc.oneof(redirectText, awkwardText, fc.constant('')), { maxLength: 4 }),
  fc.integer({ min: -1, max: 3 }),
);

/** A value that fits (or nearly fits) a field's type, so the authentik rules get to run. */
function fieldValue(key: string): fc.Arbitrary<Tree> {
  const field = FIELDS.find((f) => f.key === key);
  const scalar = (a: fc.Arbitrary<string>) => a.map((text): Tree => ({ kind: 'scalar', text }));
  const uuid = fc.oneof(fc.constantFrom(...KNOWN_UUIDS), fc.uuid(), fc.constantFrom('not-a-uuid', '8f3b0c7e-6a44-4b1e-9a5e-1f2d3c4b5a6', 'null', '~', ''));
  if (key === 'redirect_uris') {
    return fc.oneof(
      scalar(redirectText),
      fc.tuple(fc.constantFrom('|', '|-', '>', '|+'), fc.array(fc.oneof(redirectText, fc.constant('')), { maxLength: 4 })).map(([header, lines]): Tree => ({ kind: 'block', header, lines, extraIndent: 0 })),
      fc.array(redirectText, { maxLength: 3 }).map((urls): Tree => ({ kind: 'seq', items: urls.map((text) => ({ kind: 'scalar', text })) })),
    );
  }
  if (field && isReferenceList(field)) return fc.oneof(fc.array(uuid, { maxLength: 4 }).map((ids): Tree => ({ kind: 'seq', items: ids.map((text) => ({ kind: 'scalar', text })) })), scalar(uuid), scalar(fc.constant('[]')));
  if (field && isUuidReference(field)) return scalar(uuid);
  if (field && isDuration(field)) return scalar(fc.oneof(durationText, fc.constantFrom('hours=1', 'minutes=1', 'days=30', '', '1h', 'hours=1;minutes=-61')));
  if (field?.enumValues) return scalar(fc.oneof(fc.constantFrom(...field.enumValues), fc.constantFrom('confidental', 'Public', 'user-email', 'perprovider', '')));
  if (field?.type === 'boolean') return scalar(fc.constantFrom('true', 'false', 'yes', 'no', '"true"', '1', ''));
  if (key === 'client_secret') return scalar(fc.constantFrom('s3cr3t-value-not-real', '', '${SECRET}', "'quoted'"));
  return scalar(fc.oneof(word, inlineScalar, fc.string({ maxLength: 300 }).map((t) => JSON.stringify(t))));
}

const providerEntry = fc.constantFrom(...FIELD_KEYS).chain((k) =>
  fc.record({ key: fc.constant(k), value: fieldValue(k), comment }),
);

type Tree =
  | { kind: 'scalar'; text: string }
  | { kind: 'block'; header: string; lines: string[]; extraIndent: number }
  | { kind: 'map'; entries: { key: string; value: Tree; comment: string }[] }
  | { kind: 'seq'; items: Tree[] };

const tree: fc.Arbitrary<Tree> = fc.letrec<{ node: Tree; map: Tree }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.oneof(inlineScalar, flowCollection, fc.constant('')).map((text): Tree => ({ kind: 'scalar', text })),
    blockScalar.map(([header, lines, extraIndent]): Tree => ({ kind: 'block', header, lines, extraIndent })),
    tie('map'),
    fc.array(tie('node'), { maxLength: 4 }).map((items): Tree => ({ kind: 'seq', items })),
  ),
  map: fc.array(fc.record({ key, value: tie('node'), comment }), { maxLength: 6 }).map((entries): Tree => ({ kind: 'map', entries })),
})).map;

/** Renders a tree as block YAML lines with `step` spaces per level. */
function render(node: Tree, indent: number, step: number): string[] {
  const pad = ' '.repeat(indent);
  if (node.kind === 'map') {
    return node.entries.flatMap(({ key: k, value, comment: c }) => {
      if (value.kind === 'scalar') return [`${pad}${k}: ${value.text}${c}`];
      if (value.kind === 'block') return [`${pad}${k}: ${value.header}${c}`, ...value.lines.map((l) => ' '.repeat(Math.max(0, indent + step + value.extraIndent)) + l)];
      const nested = render(value, value.kind === 'seq' && step % 2 === 0 ? indent : indent + step, step);
      return [`${pad}${k}:${c}`, ...nested];
    });
  }
  if (node.kind === 'seq') {
    return node.items.flatMap((item) => {
      if (item.kind === 'scalar') return [`${pad}- ${item.text}`];
      const inner = render(item, indent + 2, step);
      if (inner.length === 0) return [`${pad}-`];
      // Compact form: the first line of the item shares the dash's line.
      return [`${pad}- ${inner[0].slice(indent + 2)}`, ...inner.slice(1)];
    });
  }
  if (node.kind === 'block') return [`${pad}${node.header}`, ...node.lines.map((l) => pad + '  ' + l)];
  return [pad + node.text];
}

/** A provider body: mostly real fields with fitting values, sometimes a stray entry. */
const providerTree: fc.Arbitrary<Tree> = fc
  .array(fc.oneof({ weight: 5, arbitrary: providerEntry }, { weight: 1, arbitrary: fc.record({ key, value: tree, comment }) }), { maxLength: 12 })
  .map((entries): Tree => ({ kind: 'map', entries }));

/** Damage done to rendered text: a tab, a stray line break, a BOM, a document marker, ... */
const noise = fc.record({
  at: fc.nat(),
  text: fc.constantFrom('\t', '\r', '\r\n', '\n', '\uFEFF', '---\n', '...\n', '%YAML 1.2\n', '? ', ': ', '- ', ' ', '\\', '"', "'", '#', '&a ', '*a'),
});

/** A whole YAML-ish document: a provider-like mapping with hostile details, then some noise. */
export const yamlDocument: fc.Arbitrary<string> = fc
  .record({
    body: fc.oneof({ weight: 3, arbitrary: providerTree }, { weight: 1, arbitrary: tree }),
    step: fc.integer({ min: 1, max: 4 }),
    lineBreaks: fc.oneof(
      { weight: 6, arbitrary: fc.constant(['\n']) },
      { weight: 2, arbitrary: fc.constant(['\r\n']) },
      { weight: 1, arbitrary: fc.array(fc.constantFrom('\n', '\r\n', '\r'), { minLength: 2, maxLength: 4 }) },
    ),
    bom: fc.boolean(),
    header: fc.constantFrom('', '', '---\n', '%YAML 1.2\n---\n', '# comment\n', '--- !!map\n', '%TAG ! tag:x,2024:\n---\n'),
    trailer: fc.constantFrom('', '', '\n', '...\n', '---\n', '---\nname: second\n', '\n\n\n'),
    noise: fc.oneof({ weight: 2, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: fc.array(noise, { minLength: 1, maxLength: 3 }) }),
  })
  .map(({ body, step, lineBreaks, bom, header, trailer, noise: damage }) => {
    const lines = render(body, 0, step);
    let text = (bom ? '\uFEFF' : '') + header + lines.map((l, i) => l + lineBreaks[i % lineBreaks.length]).join('') + trailer;
    for (const { at, text: inserted } of damage) {
      const offset = at % (text.length + 1);
      text = text.slice(0, offset) + inserted + text.slice(offset);
    }
    return text;
  });
