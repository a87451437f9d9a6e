import { FLAG, RegexAst, RegexNode } from './ast';

/**
 * The one string a pattern matches when it is a plain literal: only literal characters, escaped
 * ones (`\.`, `\/`, `\x41`) and one-character classes (`[.]`), with no case folding. Undefined
 * for anything else, anchors included.
 */
export function literalValue(ast: RegexAst): string | undefined {
  if (ast.flags & FLAG.ignoreCase) return undefined;
  const items = ast.body.type === 'sequence' ? ast.body.items : [ast.body];
  let out = '';
  for (const item of items) {
    const code = literalCode(item);
    if (code === undefined) return undefined;
    out += String.fromCodePoint(code);
  }
  return out;
}

function literalCode(node: RegexNode): number | undefined {
  if (node.type === 'char') return node.code;
  if (node.type === 'set' && !node.negated && node.items.length > 0) {
    // `[..]` repeats the one character; Python keeps it once.
    const first = node.items[0];
    if (first.kind !== 'char') return undefined;
    return node.items.every((item) => item.kind === 'char' && item.code === first.code) ? first.code : undefined;
  }
  return undefined;
}
