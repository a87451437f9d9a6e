import { literalValue, parsePythonRegex, PythonException, RegexAst, RegexNode, walkRegex } from '../pythonRegex';

/** What Python makes of one redirect URI entry read as a regular expression. */
export type EntryPattern =
  | { kind: 'invalid'; exception: PythonException; message: string; offset: number | null }
  /** Python's answer cannot be known here (see the checker's index): no regex finding either way. */
  | { kind: 'undecided' }
  /** A plain literal once its escapes are removed: it matches exactly `value`. */
  | { kind: 'literal'; value: string; ast: RegexAst }
  | { kind: 'regex'; ast: RegexAst };

export function readPattern(entry: string): EntryPattern {
  const result = parsePythonRegex(entry);
  if (result.ok === 'unknown') return { kind: 'undecided' };
  if (result.ok === false) return { kind: 'invalid', exception: result.exception, message: result.message, offset: result.offset };
  const value = literalValue(result.ast);
  return value !== undefined ? { kind: 'literal', value, ast: result.ast } : { kind: 'regex', ast: result.ast };
}

/** The exception as Python prints it: `missing ), unterminated subpattern at position 17`, `OverflowError: …`. */
export function pythonErrorText(pattern: Extract<EntryPattern, { kind: 'invalid' }>): string {
  if (pattern.exception !== 're.error') return `${pattern.exception}: ${pattern.message}`;
  return pattern.offset === null ? pattern.message : `${pattern.message} at position ${pattern.offset}`;
}

/** The part of a URL a top-level item of the pattern stands in. */
type Region = 'scheme' | 'authority' | 'path';

interface Placed {
  node: RegexNode;
  region: Region;
  /** Only zero-width assertions follow it in its branch. */
  last: boolean;
}

const SLASH = 0x2f;
const COLON = 0x3a;
const isChar = (node: RegexNode | undefined, code: number) => node?.type === 'char' && node.code === code;

/** The items of a branch with plain groups opened (`(app|api)` stays one item: it is an alternation). */
function flatItems(node: RegexNode): RegexNode[] {
  if (node.type === 'sequence') return node.items.flatMap(flatItems);
  if (node.type === 'group' && node.body.type !== 'alternation') return flatItems(node.body);
  return [node];
}

/** The literal character every match of `node` starts with, if there is one (`/` for `(/.*)?`). */
function firstChar(node: RegexNode): number | undefined {
  switch (node.type) {
    case 'char':
      return node.code;
    case 'group':
    case 'atomic':
    case 'repeat':
      return firstChar(node.body);
    case 'sequence': {
      const item = node.items.find((n) => n.type !== 'assertion');
      return item && firstChar(item);
    }
    case 'alternation': {
      const firsts = new Set(node.branches.map(firstChar));
      return firsts.size === 1 ? [...firsts][0] : undefined;
    }
    default:
      return undefined;
  }
}

/** Each top-level branch's items, with the part of the URL each stands in: `https:` `//` host, then path. */
function placedBranches(ast: RegexAst): Placed[][] {
  const branches = ast.body.type === 'alternation' ? ast.body.branches : [ast.body];
  return branches.map((branch) => {
    const items = flatItems(branch);
    const colon = items.findIndex((n) => isChar(n, COLON));
    const slash = items.findIndex((n) => isChar(n, SLASH));
    // Without a scheme (`app.example.com/cb`) the entry starts with its host.
    let region: Region = colon >= 0 && (slash < 0 || colon < slash) ? 'scheme' : 'authority';
    const placed: Placed[] = [];
    for (let i = 0; i < items.length; i++) {
      const node = items[i];
      const first = firstChar(node);
      if (region === 'authority' && (first === SLASH || first === 0x3f || first === 0x23)) region = 'path';
      placed.push({ node, region, last: false });
      if (region === 'scheme' && isChar(node, COLON)) {
        if (isChar(items[i + 1], SLASH) && isChar(items[i + 2], SLASH)) {
          placed.push({ node: items[i + 1], region, last: false }, { node: items[i + 2], region, last: false });
          i += 2;
          region = 'authority';
        } else {
          region = 'path';
        }
      }
    }
    for (let i = placed.length - 1; i >= 0; i--) {
      placed[i].last = true;
      if (placed[i].node.type !== 'assertion') break;
    }
    return placed;
  });
}

/** The scheme when the pattern spells it out (`https` in `https://…`), lower-cased as Python's urlparse gives it. */
export function literalScheme(ast: RegexAst): string | undefined {
  if (ast.body.type === 'alternation') return undefined;
  let scheme = '';
  for (const node of flatItems(ast.body)) {
    if (node.type === 'assertion') continue;
    if (node.type !== 'char') return undefined;
    if (node.code === COLON) return /^[a-z][a-z0-9+.-]*$/.test(scheme) ? scheme : undefined;
    scheme += String.fromCodePoint(node.code).toLowerCase();
  }
  return undefined;
}

/** A repeat of one literal character written with `?`, `+` or `*` right after it (`c?`, `1+`, `/*`). */
function quantifiedChar(node: RegexNode, pattern: string, quantifier: '?' | '+' | '*'): boolean {
  if (node.type !== 'repeat' || node.mode !== 'greedy' || node.body.type !== 'char') return false;
  return node.end === node.body.end + 1 && pattern[node.body.end] === quantifier;
}

export interface Pitfalls {
  /** UTF-16 offsets in the entry where a backslash makes a character literal: `.` in the scheme or host, `?` and `+` meant as URL characters. */
  escapes: number[];
  /** `*` after a literal character, written as a glob (`https://*.example.com`, `/cb/*`): the character it repeats, as written. */
  globStars: string[];
  /** `.*`, `.+`, `[^/]*` in the host, as written: they reach past it. */
  hostWildcards: string[];
}

/**
 * The mistakes that are surely not meant: characters that act as regex operators where the URL
 * character was written, and wildcards in the host. Deliberate constructs stay quiet: `https?`,
 * `(en|de)?`, a trailing `/?`, `.+` or `.*` in the path, classes such as `[a-z]+`.
 */
export function pitfallsOf(ast: RegexAst): Pitfalls {
  const { pattern } = ast;
  const found: Pitfalls = { escapes: [], globStars: [], hostWildcards: [] };
  for (const branch of placedBranches(ast)) {
    for (const { node, region, last } of branch) {
      if (region === 'path') {
        if (quantifiedChar(node, pattern, '?') && !last) found.escapes.push(node.end - 1);
        if (quantifiedChar(node, pattern, '+')) found.escapes.push(node.end - 1);
        continue;
      }
      if (region === 'scheme' && quantifiedChar(node, pattern, '+')) found.escapes.push(node.end - 1); // git+https
      walkRegex(node, (inner, parents) => {
        if (parents.some((p) => p.type === 'lookaround')) return;
        const parent = parents[parents.length - 1];
        if (inner.type === 'any' && parent?.type !== 'repeat') found.escapes.push(inner.start);
        if (region === 'authority' && inner.type === 'repeat' && (inner.max === null || inner.max > 1) && reachesPastHost(inner.body)) found.hostWildcards.push(pattern.slice(inner.start, inner.end));
      });
    }
  }
  walkRegex(ast.body, (node) => {
    if (quantifiedChar(node, pattern, '*') && node.type === 'repeat') found.globStars.push(pattern.slice(node.body.start, node.body.end));
  });
  found.escapes = [...new Set(found.escapes)].sort((a, b) => a - b);
  return found;
}

/** `.` or a negated class: a repeat of it can take `/`, `?` or `@` and so leave the host. */
function reachesPastHost(body: RegexNode): boolean {
  return body.type === 'any' || (body.type === 'set' && body.negated);
}

/** The entry with a backslash before each offset (UTF-16 offsets, so characters outside the BMP count right). */
export function insertEscapes(entry: string, offsets: readonly number[]): string {
  let out = '';
  let from = 0;
  for (const offset of offsets) {
    out += entry.slice(from, offset) + '\\';
    from = offset;
  }
  return out + entry.slice(from);
}
