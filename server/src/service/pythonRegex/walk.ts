import type { RegexNode } from './ast';

/** Calls `visit` on every node of the tree, parents before children, in pattern order. */
export function walkRegex(node: RegexNode, visit: (node: RegexNode, parents: readonly RegexNode[]) => void): void {
  const parents: RegexNode[] = [];
  const step = (current: RegexNode) => {
    visit(current, parents);
    parents.push(current);
    for (const child of children(current)) step(child);
    parents.pop();
  };
  step(node);
}

/** A node's sub-nodes in pattern order. */
export function children(node: RegexNode): readonly RegexNode[] {
  switch (node.type) {
    case 'group':
    case 'atomic':
    case 'lookaround':
    case 'repeat':
      return [node.body];
    case 'conditional':
      return node.no ? [node.yes, node.no] : [node.yes];
    case 'sequence':
      return node.items;
    case 'alternation':
      return node.branches;
    default:
      return [];
  }
}
