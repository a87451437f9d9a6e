import { fullmatchSafely, RegexAst, RegexNode, walkRegex } from '../pythonRegex';

/**
 * Whether a redirect URI pattern accepts URLs on a host nobody configured, decided by trying it
 * (with the checker's linear-time matcher, never a backtracking engine) against URLs on a reserved
 * host. The URLs are built from the pattern itself: a sample of what it matches with the host
 * replaced, moved behind `?`, `#`, `/` or `@`, and each open-ended repeat filled with the
 * attacker's host, so that `https://.*\.example\.com/cb` is tried with
 * `https://evil.invalid/.example.com/cb`.
 */

/** A host under a reserved top-level domain: it can never be a real client's. */
export const ATTACKER_HOST = 'evil.invalid';

/** How many matches one validation run may try in all, so a file of thousands of patterns stays fast. */
export interface ProbeBudget {
  remaining: number;
}

export const PROBES_PER_RUN = 2000;
/** Most probes for one pattern. */
const PROBES_PER_PATTERN = 60;

// A redirect URI pattern needs a few hundred states and a few thousand steps per probe.
const MATCH_BUDGET = { maxStates: 1500, maxSteps: 15_000 };
const MAX_SAMPLE_LENGTH = 2000;
/** Longer patterns are not probed: no real redirect URI is this long, and the work grows with it. */
const MAX_PATTERN_LENGTH = 4096;
const MAX_FILLED_REPEATS = 12;
const MAX_UNKNOWN = 2;

/** What an open-ended repeat is filled with: the attacker's host, then what leaves the host part. */
const FILLINGS = [ATTACKER_HOST, `${ATTACKER_HOST}/`, `${ATTACKER_HOST}?`, `${ATTACKER_HOST}#`, `${ATTACKER_HOST}\\`, `.${ATTACKER_HOST}`, `.${ATTACKER_HOST}/`, `@${ATTACKER_HOST}/`];
/** What can stand between the attacker's host and the rest of a sample URL. */
const SEPARATORS = ['/', '/?', '?', '#', '\\', '/#', '/?x='];

/** A URL on the attacker's host that the pattern matches, or undefined when none of the probes does (or the budget is spent). */
export function catchAllExample(ast: RegexAst, budget: ProbeBudget): string | undefined {
  if (ast.pattern.length > MAX_PATTERN_LENGTH) return undefined;
  let unknown = 0;
  let tried = 0;
  for (const probe of probesFor(ast)) {
    if (budget.remaining <= 0 || ++tried > PROBES_PER_PATTERN) return undefined;
    budget.remaining--;
    const verdict = fullmatchSafely(ast, probe, MATCH_BUDGET);
    if (verdict === true) return probe;
    // The matcher cannot follow this pattern (lookarounds, backreferences, too many states): the next probe fares no better.
    if (verdict === 'unknown' && ++unknown >= MAX_UNKNOWN) return undefined;
  }
  return undefined;
}

/** Whether a browser sent to `url` would reach the attacker's host (WHATWG URL parsing, as the browser follows the redirect). */
export function onAttackerHost(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return false;
  return parsed.hostname === ATTACKER_HOST || parsed.hostname.endsWith(`.${ATTACKER_HOST}`);
}

/** The probes, each once, built as they are asked for (most patterns are decided by the first few). */
function* probesFor(ast: RegexAst): Generator<string> {
  const tried = new Set<string>();
  const fresh = (probe: string) => {
    if (tried.has(probe)) return false;
    tried.add(probe);
    return onAttackerHost(probe);
  };
  for (const probe of [`https://${ATTACKER_HOST}/`, `https://${ATTACKER_HOST}`, `http://${ATTACKER_HOST}/`]) if (fresh(probe)) yield probe;
  const sampler = new Sampler(ast);
  for (const variant of VARIANTS) {
    const sample = sampler.sample(ast.body, variant);
    if (sample !== undefined) for (const probe of probesAround(sample)) if (fresh(probe)) yield probe;
  }
  const openRepeats: { node: RegexNode; within: Set<RegexNode> }[] = [];
  walkRegex(ast.body, (node, parents) => {
    if (node.type === 'repeat' && (node.max === null || node.max >= 16) && openRepeats.length < MAX_FILLED_REPEATS) openRepeats.push({ node, within: new Set(parents) });
  });
  for (const { node, within } of openRepeats) {
    for (const text of FILLINGS) {
      const sample = sampler.sample(ast.body, { ...VARIANTS[0], fill: { node, text, within } });
      if (sample !== undefined && fresh(sample)) yield sample;
    }
  }
}

/** URLs on the attacker's host around a sample of what the pattern matches. */
function probesAround(sample: string): string[] {
  const parts = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#\\]*)([\s\S]*)$/.exec(sample);
  if (!parts) return SEPARATORS.map((separator) => `https://${ATTACKER_HOST}${separator}${sample}`);
  const [, scheme, host, rest] = parts;
  return [
    `${scheme}://${ATTACKER_HOST}${rest}`,
    ...SEPARATORS.map((separator) => `${scheme}://${ATTACKER_HOST}${separator}${host}${rest}`),
    `${scheme}://${host}@${ATTACKER_HOST}${rest}`,
    `${scheme}://${host}.${ATTACKER_HOST}${rest}`,
  ];
}

interface Variant {
  /** Which branch of an alternation to take. */
  branch: 'first' | 'last';
  /** How often to take a repeat that may be empty: never, or once. */
  optional: 0 | 1;
  /** A repeat that produces this text instead; `within` holds the nodes around it (to pick its branch). */
  fill?: { node: RegexNode; text: string; within: ReadonlySet<RegexNode> };
}

const VARIANTS: readonly Variant[] = [
  { branch: 'first', optional: 0 },
  { branch: 'first', optional: 1 },
  { branch: 'last', optional: 0 },
  { branch: 'last', optional: 1 },
];

/** One string built from the tree: not necessarily a match (the matcher decides), only a plausible one. */
class Sampler {
  private readonly classSamples = new Map<RegexNode, string | undefined>();

  constructor(private readonly ast: RegexAst) {}

  sample(node: RegexNode, variant: Variant): string | undefined {
    const build = (current: RegexNode): string | undefined => {
      if (variant.fill && current === variant.fill.node) return variant.fill.text;
      let out: string | undefined;
      switch (current.type) {
        case 'char':
          out = String.fromCodePoint(current.code);
          break;
        case 'any':
          out = '.';
          break;
        case 'set':
          out = this.classSample(current);
          break;
        case 'group':
        case 'atomic':
          out = build(current.body);
          break;
        case 'conditional':
          out = build(current.yes);
          break;
        case 'repeat': {
          const count = current.min > 0 ? current.min : Math.min(variant.optional, current.max ?? 1);
          const one = count > 0 ? build(current.body) : '';
          out = one === undefined || one.length * count > MAX_SAMPLE_LENGTH ? undefined : one.repeat(count);
          break;
        }
        case 'sequence': {
          out = '';
          for (const item of current.items) {
            const part = build(item);
            if (part === undefined) return undefined;
            out += part;
            if (out.length > MAX_SAMPLE_LENGTH) return undefined;
          }
          break;
        }
        case 'alternation': {
          const within = variant.fill?.within;
          const holding = within ? current.branches.find((b) => within.has(b) || b === variant.fill!.node) : undefined;
          out = build(holding ?? (variant.branch === 'first' ? current.branches[0] : current.branches[current.branches.length - 1]));
          break;
        }
        default:
          out = ''; // assertions, lookarounds and backreferences add nothing here
      }
      return out;
    };
    return build(node);
  }

  /** A character the class takes, preferring ones a host or path would hold. */
  private classSample(node: Extract<RegexNode, { type: 'set' }>): string | undefined {
    if (this.classSamples.has(node)) return this.classSamples.get(node);
    const alone: RegexAst = { ...this.ast, body: node };
    const first = node.items[0];
    const candidates = ['a', '0', '-', '.', '_', 'x', '/', 'A'];
    if (!node.negated && first?.kind === 'char') candidates.unshift(String.fromCodePoint(first.code));
    if (!node.negated && first?.kind === 'range') candidates.unshift(String.fromCodePoint(first.from));
    const found = candidates.find((c) => fullmatchSafely(alone, c, MATCH_BUDGET) === true);
    this.classSamples.set(node, found);
    return found;
  }
}
