import { FLAG, NodeOfType, RegexAst, RegexNode } from './ast';
import { PythonRaise } from './errors';
import { children } from './walk';
import { MAXCODE, WidthCalculator } from './width';

const REPEAT_OPCODE = { greedy: 'MAX_REPEAT', lazy: 'MIN_REPEAT', possessive: 'POSSESSIVE_REPEAT' } as const;

/**
 * What Python's compiler refuses after a successful parse, in the order it meets them: a
 * lookbehind that is not of fixed width or longer than MAXCODE, and any repeat under the global
 * TEMPLATE flag `(?t)`. These errors carry no position in Python.
 */
export function checkCompileStage(ast: RegexAst): void {
  const widths = new WidthCalculator(ast);
  const template = (ast.flags & FLAG.template) !== 0;
  const visit = (node: RegexNode): void => {
    if (node.type === 'lookaround' && node.behind) checkLookbehind(node, widths);
    if (node.type === 'repeat' && template) {
      throw new PythonRaise('re.error', `internal: unsupported template operator ${REPEAT_OPCODE[node.mode]}`, null, node);
    }
    for (const child of children(node)) visit(child);
  };
  visit(ast.body);
}

function checkLookbehind(node: NodeOfType<'lookaround'>, widths: WidthCalculator): void {
  const [low, high] = widths.width(node.body);
  if (low > MAXCODE) throw new PythonRaise('re.error', 'looks too much behind', null, node);
  if (low !== high) throw new PythonRaise('re.error', 'look-behind requires fixed-width pattern', null, node);
}
