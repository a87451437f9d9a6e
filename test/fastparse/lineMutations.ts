import fc from 'fast-check';

/** Line-level edits, the way files go wrong by hand: a line doubled, lost, shifted, split or given a neighbour. */
type LineMutation =
  | { op: 'delete' | 'duplicate' | 'indent' | 'dedent' | 'trailingSpace'; line: number }
  | { op: 'insert'; line: number; text: string }
  | { op: 'swap'; line: number; other: number }
  | { op: 'insertChar'; at: number; text: string };

const INSERTED_LINES = ['', '# comment', '  # indented comment', '   ', 'extra: value', '  - item', '- item', 'k:', '  nested: 1', '---', '...', '\t', 'key: "q"', 'key: |', '  text'];
const INSERTED_CHARS = [' ', '\t', '\n', '\r\n', '\r', ':', '-', '- ', '#', ' #', '"', "'", '&a', '*a', '!', '[', ']', '{', '}', '|', '>', '\uFEFF', '\u0000', '😀', '\\', '%', '@', '`', ',', '?'];

const lineMutation: fc.Arbitrary<LineMutation> = fc.oneof(
  fc.record({ op: fc.constantFrom('delete' as const, 'duplicate' as const, 'indent' as const, 'dedent' as const, 'trailingSpace' as const), line: fc.nat() }),
  fc.record({ op: fc.constant('insert' as const), line: fc.nat(), text: fc.constantFrom(...INSERTED_LINES) }),
  fc.record({ op: fc.constant('swap' as const), line: fc.nat(), other: fc.nat() }),
  fc.record({ op: fc.constant('insertChar' as const), at: fc.nat(), text: fc.constantFrom(...INSERTED_CHARS) }),
);

function apply(text: string, m: LineMutation): string {
  if (m.op === 'insertChar') {
    const at = m.at % (text.length + 1);
    return text.slice(0, at) + m.text + text.slice(at);
  }
  // Lines keep their own break (LF or CRLF), so a mutated CRLF file stays CRLF.
  const lines = text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
  if (lines.length === 0) return m.op === 'insert' ? m.text + '\n' : text;
  const i = m.line % lines.length;
  const eol = lines[i].endsWith('\r\n') ? '\r\n' : '\n';
  switch (m.op) {
    case 'delete':
      lines.splice(i, 1);
      break;
    case 'duplicate':
      lines.splice(i, 0, lines[i].endsWith('\n') ? lines[i] : lines[i] + eol);
      break;
    case 'indent':
      lines[i] = ' '.repeat(1 + (m.line % 2)) + lines[i];
      break;
    case 'dedent':
      lines[i] = lines[i].replace(/^ {1,2}/, '');
      break;
    case 'trailingSpace':
      lines[i] = lines[i].replace(/(\r?\n)?$/, (end) => '  ' + end);
      break;
    case 'insert':
      lines.splice(i, 0, m.text + eol);
      break;
    case 'swap': {
      const j = m.other % lines.length;
      const withBreak = (l: string) => (l.endsWith('\n') ? l : l + eol);
      [lines[i], lines[j]] = [withBreak(lines[j]), withBreak(lines[i])];
      break;
    }
  }
  return lines.join('');
}

/** One of `seeds` with one to four line edits. */
export function mutated(seeds: readonly string[]): fc.Arbitrary<string> {
  return fc.tuple(fc.constantFrom(...seeds), fc.array(lineMutation, { minLength: 1, maxLength: 4 })).map(([seed, edits]) => edits.reduce(apply, seed));
}
