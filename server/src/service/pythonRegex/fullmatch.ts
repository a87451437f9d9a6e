import type { RegexAst } from './ast';
import { assertionHolds } from './charTests';
import { Automaton, buildAutomaton, NotRegular, State } from './nfa';

export interface MatchBudget {
  /** Most automaton states to build (repeats are unrolled). Default 20,000. */
  maxStates?: number;
  /** Most state visits while reading the input. Default 2,000,000. */
  maxSteps?: number;
}

/**
 * Whether Python's `re.fullmatch(pattern, input)` would match, found without backtracking: the
 * pattern becomes a Thompson automaton and every path is followed at once, one input character
 * at a time, so the work is bounded by states × characters and by the budget.
 *
 * 'unknown' when the pattern uses what an automaton cannot express (backreferences, lookarounds,
 * conditionals, atomic groups, possessive repeats), when the budget runs out, or when the answer
 * depends on Unicode case or category data for a non-ASCII character.
 */
export function fullmatchSafely(ast: RegexAst, input: string, budget: MatchBudget = {}): boolean | 'unknown' {
  const text = Array.from(input, (char) => char.codePointAt(0)!);
  let automaton: Automaton;
  try {
    automaton = buildAutomaton(ast, text.length, budget.maxStates ?? 20_000);
  } catch (error) {
    if (error instanceof NotRegular) return 'unknown';
    throw error;
  }
  return simulate(automaton, text, budget.maxSteps ?? 2_000_000);
}

function simulate({ states, start }: Automaton, text: readonly number[], maxSteps: number): boolean | 'unknown' {
  // The generation a state was last reached in, so each state is taken once per position.
  const seen = new Int32Array(states.length).fill(-1);
  let current: number[] = [];
  let following: number[] = [];
  let steps = 0;
  let unsure = false;
  let matched = false;
  const stack: number[] = [];

  /** Adds `entry` and every state reachable from it without reading, at `position`, to `into`. */
  const close = (entry: number, position: number, into: number[]): boolean => {
    stack.push(entry);
    while (stack.length > 0) {
      const index = stack.pop()!;
      if (++steps > maxSteps) return false;
      if (seen[index] === position) continue;
      seen[index] = position;
      const state = states[index];
      if (state.kind === 'char') into.push(index);
      else if (state.kind === 'match') {
        if (position === text.length) matched = true;
      } else if (state.kind === 'split') {
        for (let i = state.next.length - 1; i >= 0; i--) stack.push(state.next[i]);
      } else {
        const holds = assertionHolds(state.assertion, state.flags, text, position);
        if (holds === null) unsure = true;
        else if (holds) stack.push(state.next);
      }
    }
    return true;
  };

  if (!close(start, 0, current)) return 'unknown';
  for (let position = 0; position < text.length && current.length > 0; position++) {
    const code = text[position];
    following.length = 0;
    for (const index of current) {
      const state = states[index] as Extract<State, { kind: 'char' }>;
      steps += state.cost;
      if (steps > maxSteps) return 'unknown';
      const verdict = state.test(code);
      if (verdict === null) unsure = true;
      else if (verdict && !close(state.next, position + 1, following)) return 'unknown';
    }
    [current, following] = [following, current];
  }
  // A sure path to the end is a match whatever the unsure ones would have done.
  if (matched) return true;
  return unsure ? 'unknown' : false;
}
