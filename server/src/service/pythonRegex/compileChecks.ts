import { FLAG, NodeOfType, RegexAst, RegexNode } from './ast';
import { PythonRaise } from './errors';
import { children } from './walk';

/** Python's bound on widths (`MAXWIDTH`) and on a lookbehind's length in code units (`MAXCODE`). */
const MAXWIDTH = 1n << 64n;
const MAXCODE = (1n << 32n) - 1n;

type Width = readonly [low: bigint, high: bigint];

function clamp([low, high]: Width): Width {
  return [low < MAXWIDTH ? low : MAXWIDTH, high < MAXWIDTH ? high : MAXWIDTH];
}

/** The shortest and longest text a node can match, as Python's `getwidth()` computes it. */
export class WidthCalculator {
  private readonly memo = new Map<RegexNode, Width>();
  private readonly groups = new Map<number, RegexNode>();

  constructor(ast: RegexAst) {
    collectGroups(ast.body, this.groups);
  }

  width(node: RegexNode): Width {
    let known = this.memo.get(node);
    if (!known) {
      known = clamp(this.compute(node));
      this.memo.set(node, known);
    }
    return known;
  }

  private compute(node: RegexNode): Width {
    switch (node.type) {
      case 'char':
      case 'any':
      case 'set':
        return [1n, 1n];
      case 'assertion':
      case 'lookaround':
        return [0n, 0n];
      case 'group':
      case 'atomic':
        return this.width(node.body);
      case 'backref': {
        const group = this.groups.get(node.group);
        return group ? this.width(group) : [0n, 0n];
      }
      case 'conditional': {
        const [yesLow, yesHigh] = this.width(node.yes);
        if (!node.no) return [0n, yesHigh];
        const [noLow, noHigh] = this.width(node.no);
        return [yesLow < noLow ? yesLow : noLow, yesHigh > noHigh ? yesHigh : noHigh];
      }
      case 'repeat': {
        const [low, high] = this.width(node.body);
        // An unbounded repeat of something that can match text is as wide as it gets.
        const top = node.max === null ? (high > 0n ? MAXWIDTH : 0n) : high * BigInt(node.max);
        return [low * BigInt(node.min), top];
      }
      case 'sequence': {
        let low = 0n;
        let high = 0n;
        for (const item of node.items) {
          const [itemLow, itemHigh] = this.width(item);
          low += itemLow;
          high += itemHigh;
        }
        return [low, high];
      }
      case 'alternation': {
        let low = MAXWIDTH;
        let high = 0n;
        for (const branch of node.branches) {
          const [branchLow, branchHigh] = this.width(branch);
          if (branchLow < low) low = branchLow;
          if (branchHigh > high) high = branchHigh;
        }
        return [low, high];
      }
    }
  }
}

function collectGroups(node: RegexNode, into: Map<number, RegexNode>): void {
  if (node.type === 'group' && node.index !== null) into.set(node.index, node.body);
  for (const child of children(node)) collectGroups(child, into);
}

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
