import type { RegexAst, RegexNode } from './ast';
import { children } from './walk';

/** Python's cap on widths (`MAXWIDTH`) and on how far back a lookbehind may look (`MAXCODE`). */
export const MAXWIDTH = 1n << 64n;
export const MAXCODE = (1n << 32n) - 1n;

export type Width = readonly [low: bigint, high: bigint];

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
