import fc from 'fast-check';

/**
 * Provider-like YAML documents for the differential test: mostly inside the fast path's subset,
 * often just outside it (one odd line, character or indentation), so that both the scanner's
 * output and its decisions to hand a text to the full parser are exercised.
 */

/** Keys inside the subset, then keys that need the full parser. */
const KEYS = [
  'name', 'client_type', 'client_id', 'client_secret', 'redirect_uris', 'property_mappings', 'authorization_flow',
  'authentication_flow', 'invalidation_flow', 'signing_key', 'encryption_key', 'jwks_sources', 'access_code_validity',
  'access_token_validity', 'refresh_token_validity', 'include_claims_in_id_token', 'sub_mode', 'issuer_mode', 'pk',
  'meta_launch_url', 'client_typ', 'redirect-uris', 'a.b', 'a/b', 'x_1', '_x', '1', '12', '0x1F', '1e3', '0o7', '1_0',
  'true', 'False', 'null', 'NULL', 'Null', 'n', 'y', 'on', 'é', '<<', '~', 'a#b', 'a,b', 'a"b', "a'b", '😀', 'a[b]', 'x\\y',
];
const ODD_KEYS = ['key with space', 'k:', '-k', '"k"', "'k'", '[k]', '&a k', '? k', 'k\t', 'a #b', 'k :', '!k', '%k', '@k', '`k', '|k', '>k', '*k', ',k', '#k', '{k}'];

/** Values inside the subset (plain scalars of every core-schema type), then values that need the full parser. */
const WORDS = [
  'confidential', 'public', 'confidental', 'Grafana', 'hours=1', 'minutes=5;seconds=3', 'days=30', 'hours = 1', 'weeks=0',
  'hashed_user_id', 'per_provider', '8f3b0c7e-0000-4000-8000-000000000001', 'a1b2c3d4-0000-4000-8000-000000000002', 'not-a-uuid',
  'https://app.example.com/callback', 'https://app\\.example\\.com/cb', 'http://x', 'http://localhost:3000/cb', 'a#b', 'a:b',
  'x  y', '😀', 'é', 'true', 'True', 'TRUE', 'false', 'FALSE', 'yes', 'no', 'null', 'Null', 'NULL', '~', '0', '12', '+5', '007',
  '0o17', '0o8', '0x1f', '0xG', '1.5', '1.50', '1.', '.5', '1e5', '1E-3', '.inf', '+.INF', '.nan', '.NaN', '1_000', '12:30', 'n',
  'tru', 'nulls', 'f', 'T', 'x,y', 'a]', 'a}', 'a%', 'a!', 'a*', 'a&', 'a|', 'a>', 'a?', 'a-', 'a "q"', "a 'q'", 'C:\\dir',
];
const ODD_WORDS = ['a: b', 'foo:', 'a #b', '-3', '-.Inf', '%x', '@x', '`x', '!x', '&x', '*x', '?x', '-x', ':x', ',x', '>x', '|x', '[x', ']x', '{x', '}x'];

const CHARS = ['a', 'b', 'Z', '0', '9', ' ', ':', '#', '-', '.', '=', ';', '/', '\\', '"', "'", '%', '@', '`', '[', ']', '{', '}', ',', '*', '&', '!', '|', '>', '?', '~', '+', '😀', 'é'];
const ODD_CHARS = ['\u00a0', '\u2028', '\u0085', '\t', '\u0000', '\u007f', '\uFEFF', '\uD800', '\r'];

/** Every choice below has a clean pool (inside the subset, or nearly) and an odd one (mostly outside it). */
function pick(clean: readonly string[], odd: readonly string[], wild: boolean): fc.Arbitrary<string> {
  return wild ? fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...clean) }, { weight: 1, arbitrary: fc.constantFrom(...odd) }) : fc.constantFrom(...clean);
}

function arbitraries(wild: boolean) {
  const chars = wild ? [...CHARS, ...ODD_CHARS] : CHARS;
  const word = fc.oneof(
    { weight: 4, arbitrary: pick(WORDS, ODD_WORDS, wild) },
    { weight: 1, arbitrary: fc.array(fc.constantFrom(...chars), { minLength: 1, maxLength: 8 }).map((c) => c.join('')) },
  );
  /** Text after a one-line value: nothing, spaces, or a comment. */
  const lineTail = pick(['', '', '', '  ', ' # note', '   #', ' #x: y', ' # \'q\' "q"'], ['# glued', '\t# tab', ' \t'], wild);
  const oneLine = fc.oneof(
    { weight: 5, arbitrary: word },
    { weight: 2, arbitrary: word.map((w) => `"${w.replace(/"/g, wild ? '"' : '')}"`) },
    { weight: 2, arbitrary: word.map((w) => `'${w.replace(/'/g, "''")}'`) },
    { weight: 1, arbitrary: pick(["'it''s'", "''", '""', '"#"', "' # '"], ['"a\\"b"', '"a\\nb"', '"unclosed', "'unclosed", '"a" b', "'a'x", '"a"#c'], wild) },
  );
  const blockLine = fc.oneof(
    { weight: 6, arbitrary: fc.tuple(fc.constantFrom(2, 2, 2, 4), word).map(([indent, w]) => ' '.repeat(indent) + w) },
    { weight: 2, arbitrary: fc.constant('') },
    { weight: 1, arbitrary: pick(['  # not a comment', '      deeper', '  - not a list', '  key: text'], ['   ', 'column0', '\t tab', ' x', '  '], wild) },
  );
  const block = fc.record({
    header: pick(['|', '|', '|-', '|+', '|  ', '|- '], ['|2', '>', '>-', '| # c', '|-+', '|#'], wild),
    lines: fc.array(blockLine, { minLength: wild ? 0 : 1, maxLength: 5 }).map((lines) => (wild || lines[0] !== '' ? lines : ['  x', ...lines])),
  });
  const sequence = fc.record({
    indent: fc.constantFrom(0, 2, 2, 4, ...(wild ? [1] : [])),
    items: fc.array(oneLine, { minLength: 1, maxLength: 4 }),
    tails: fc.array(lineTail, { minLength: 4, maxLength: 4 }),
    between: wild ? fc.option(fc.constantFrom('', '# c', '  # c', '  - ', '    - nested', '  x: y', '  -x'), { freq: 4 }) : fc.constant(null),
  });
  const value: fc.Arbitrary<Value> = fc.oneof(
    { weight: 8, arbitrary: fc.record({ kind: fc.constant('line' as const), text: oneLine, tail: lineTail }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('empty' as const), spaces: pick(['', '', '  ', ' # c', '   #'], ['#c', ' \t# c'], wild) }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('block' as const), block }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('seq' as const), seq: sequence, spaces: fc.constantFrom('', '', ' ') }) },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('odd' as const),
        text: pick(['[]', '{}', '[]  ', '{}  '], ['[ ]', '[] # c', '[a, b]', '{a: 1}', '&x v', '*x', '!!str 1', '> folded', 'multi\n  line', 'a\n\n  b', '- x'], wild),
      }),
    },
  );
  /** Lines between pairs, before the first one and after the last one. */
  const gapLine = pick(['', '', '# comment', '#', '# a: b', '#  spaced ', '#😀'], ['  # indented', '   ', '---', '...', '%YAML 1.2', ' ', '\t'], wild);
  const gap = fc.array(gapLine, { maxLength: 3 });
  const pair = fc.record({
    key: pick(KEYS, ODD_KEYS, wild),
    value,
    gap,
    keyIndent: wild ? fc.constantFrom(0, 0, 0, 0, 0, 0, 0, 0, 0, 1) : fc.constant(0),
  });
  return fc.record({
    bom: fc.constantFrom(false, false, false, false, false, true),
    prelude: gap,
    pairs: fc.array(pair, { minLength: 1, maxLength: 8 }),
    trailing: gap,
    newline: fc.constantFrom('lf' as const, 'lf' as const, 'crlf' as const, 'mixed' as const),
    mixedBreaks: fc.array(fc.boolean(), { minLength: 64, maxLength: 64 }),
    finalNewline: fc.boolean(),
  });
}

interface Block {
  header: string;
  lines: string[];
}

interface Sequence {
  indent: number;
  items: string[];
  tails: string[];
  /** Lines put between two items, if any. */
  between: string | null;
}

type Value =
  | { kind: 'line'; text: string; tail: string }
  | { kind: 'empty'; spaces: string }
  | { kind: 'block'; block: Block }
  | { kind: 'seq'; seq: Sequence; spaces: string }
  | { kind: 'odd'; text: string };

function valueLines(v: Value): string[] {
  switch (v.kind) {
    case 'line':
      return [` ${v.text}${v.tail}`];
    case 'empty':
      return [v.spaces];
    case 'odd':
      return [` ${v.text}`];
    case 'block':
      return [` ${v.block.header}`, ...v.block.lines];
    case 'seq': {
      const pad = ' '.repeat(v.seq.indent);
      const items = v.seq.items.map((item, i) => `${pad}- ${item}${v.seq.tails[i] ?? ''}`);
      if (v.seq.between !== null && items.length > 1) items.splice(1, 0, v.seq.between);
      return [v.spaces, ...items];
    }
  }
}

export interface DocumentShape {
  bom: boolean;
  prelude: string[];
  pairs: { key: string; value: Value; gap: string[]; keyIndent: number }[];
  trailing: string[];
  /** Line break per line: LF, CRLF, or each line its own. */
  newline: 'lf' | 'crlf' | 'mixed';
  mixedBreaks: boolean[];
  finalNewline: boolean;
}

export function render(shape: DocumentShape): string {
  const lines: string[] = [...shape.prelude];
  for (const p of shape.pairs) {
    lines.push(...p.gap);
    const [first, ...rest] = valueLines(p.value);
    lines.push(`${' '.repeat(p.keyIndent)}${p.key}:${first}`, ...rest);
  }
  lines.push(...shape.trailing);
  const joined = lines
    .flatMap((l) => l.split('\n'))
    .map((line, i, all) => {
      if (i === all.length - 1 && !shape.finalNewline) return line;
      const crlf = shape.newline === 'crlf' || (shape.newline === 'mixed' && shape.mixedBreaks[i % 64]);
      return line + (crlf ? '\r\n' : '\n');
    })
    .join('');
  return (shape.bom ? '\uFEFF' : '') + joined;
}

/** Documents built from the clean pools: the fast path should take most of them. */
export const subsetDocument: fc.Arbitrary<string> = arbitraries(false).map(render);

/** Documents with odd keys, values, characters and lines mixed in: mostly for the full parser. */
export const nearSubsetDocument: fc.Arbitrary<string> = arbitraries(true).map(render);
