import { AssertionKind, NodeOfType, RegexAst, RegexNode } from './ast';
import { CharTest, charTest, combineFlags } from './charTests';
import { WidthCalculator } from './width';

/**
 * A Thompson automaton for a pattern, built for inputs of at most `inputLength` code points.
 *
 * For a whole-input match, greedy and lazy repeats accept the same strings, so only the language
 * matters. Bounded repeats are unrolled, their counts first cut to what such an input can use:
 * of `n` characters at most `n` iterations consume any, and an iteration that consumes none can
 * be dropped (its zero-width checks hold where the next one starts), so `{m,M}` needs at most
 * `max(m, n)` iterations; a body that always matches empty needs no mandatory ones, and a body
 * that always consumes cannot repeat more than `n` times.
 */
export type State =
  /** `cost`: how many class items the test may look at, counted against the step budget. */
  | { kind: 'char'; test: CharTest; cost: number; next: number }
  | { kind: 'split'; next: number[] }
  | { kind: 'assert'; assertion: AssertionKind; flags: number; next: number }
  | { kind: 'match' };

export interface Automaton {
  states: State[];
  start: number;
}

/** Raised for what an automaton cannot express (backreferences, lookarounds, atomic and possessive matching) or when it would be too large. */
export class NotRegular extends Error {}

export function buildAutomaton(ast: RegexAst, inputLength: number, maxStates: number): Automaton {
  return new Builder(ast, inputLength, maxStates).build();
}

class Builder {
  private readonly states: State[] = [];
  private readonly widths: WidthCalculator;

  constructor(
    private readonly ast: RegexAst,
    private readonly inputLength: number,
    private readonly maxStates: number,
  ) {
    this.widths = new WidthCalculator(ast);
  }

  build(): Automaton {
    const accept = this.add({ kind: 'match' });
    return { states: this.states, start: this.node(this.ast.body, this.ast.flags, accept) };
  }

  private add(state: State): number {
    if (this.states.length >= this.maxStates) throw new NotRegular(`more than ${this.maxStates} states`);
    this.states.push(state);
    return this.states.length - 1;
  }

  /** The entry state of `node`, which continues to `next` once the node has matched. */
  private node(node: RegexNode, flags: number, next: number): number {
    switch (node.type) {
      case 'char':
      case 'any':
      case 'set':
        return this.add({ kind: 'char', test: charTest(node, flags), cost: node.type === 'set' ? Math.max(1, node.items.length) : 1, next });
      case 'assertion':
        return this.add({ kind: 'assert', assertion: node.kind, flags, next });
      case 'group':
        return this.node(node.body, combineFlags(flags, node.addFlags, node.removeFlags), next);
      case 'sequence': {
        let entry = next;
        for (let i = node.items.length - 1; i >= 0; i--) entry = this.node(node.items[i], flags, entry);
        return entry;
      }
      case 'alternation':
        return this.add({ kind: 'split', next: node.branches.map((branch) => this.node(branch, flags, next)) });
      case 'repeat':
        return this.repeat(node, flags, next);
      default:
        throw new NotRegular(node.type);
    }
  }

  private repeat(node: NodeOfType<'repeat'>, flags: number, next: number): number {
    if (node.mode === 'possessive') throw new NotRegular('possessive repeat');
    const [shortest] = this.widths.width(node.body);
    const n = this.inputLength;
    // See the notes on Automaton for why these cuts keep the answer.
    if (shortest > 0n && node.min > n) return this.add({ kind: 'split', next: [] });
    const min = alwaysMatchesEmpty(node.body) ? 0 : node.min;
    let entry: number;
    if (node.max === null) {
      const loop = this.add({ kind: 'split', next: [] });
      const body = this.node(node.body, flags, loop);
      (this.states[loop] as { next: number[] }).next = [body, next];
      entry = loop;
    } else {
      const max = Math.min(node.max, Math.max(min, n));
      entry = next;
      for (let i = min; i < max; i++) entry = this.add({ kind: 'split', next: [this.node(node.body, flags, entry), next] });
    }
    for (let i = 0; i < min; i++) entry = this.node(node.body, flags, entry);
    return entry;
  }
}

/** Whether a node matches the empty string wherever it stands (no assertion involved). */
function alwaysMatchesEmpty(node: RegexNode): boolean {
  switch (node.type) {
    case 'group':
      return alwaysMatchesEmpty(node.body);
    case 'repeat':
      return node.min === 0 || alwaysMatchesEmpty(node.body);
    case 'sequence':
      return node.items.every(alwaysMatchesEmpty);
    case 'alternation':
      return node.branches.some(alwaysMatchesEmpty);
    default:
      return false;
  }
}
