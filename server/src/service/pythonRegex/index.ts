/**
 * Python regular expressions, as authentik's server reads redirect URIs, checked without Python
 * and without ever running a pattern with a backtracking engine.
 *
 * - `parsePythonRegex(pattern, { python })` does what `re.compile(pattern)` does, by parsing only,
 *   following CPython's parser and compiler checks (Python 3.12 by default; `'3.11'` differs only
 *   in how `(?(name)…)` reads a name that is not ASCII digits). The result is one of
 *   - `{ ok: true, ast }`;
 *   - `{ ok: false, exception, message, offset, span }`: `exception` is `'re.error'`, or
 *     `'OverflowError'` / `'ValueError'`, which escape a handler for `re.error`; `message` is
 *     Python's text (`err.msg`, e.g. `bad escape \q`, `missing ), unterminated subpattern`);
 *     `offset` is `err.pos` in code points, null where Python gives none (look-behind width,
 *     OverflowError, ValueError); `span` is where to show it, in UTF-16 indices;
 *   - `{ ok: 'unknown', reason, span }` where the answer needs data this module does not carry:
 *     a `\N{…}` name other than a Latin-1 character's, or groups nested more than MAX_NESTING deep.
 * - `literalValue(ast)`: the one string a plain literal pattern matches (`https://app\.example\.com/cb`
 *   gives `https://app.example.com/cb`), else undefined.
 * - `fullmatchSafely(ast, input)`: whether `re.fullmatch` would match, as true, false or 'unknown',
 *   in time bounded by a budget (a Thompson automaton, no backtracking).
 * - `pythonWhitespaceSplit(text)`: `str.split()` with Python's whitespace, with each part's offsets.
 * - `walkRegex(node, visit)` and `children(node)` to inspect the tree (`ast.ts` describes it).
 *
 * Not covered: bytes patterns and the LOCALE flag (which only bytes patterns accept); the
 * warnings Python prints (FutureWarning for `[[`, `--`, `&&`…), which do not stop a compile.
 * Character properties of non-ASCII characters (identifiers in group names, `repr` in messages,
 * `unknown flag` versus `missing …`) come from the JavaScript engine's Unicode data, corrected for
 * the identifier characters Unicode 15.1 added; a character assigned after Unicode 15.0 (Python
 * 3.12's data) is still judged by the newer data. Limits are those of 64-bit CPython (MAXREPEAT
 * 2**32 - 1, MAXGROUPS 2**30 - 1), as authentik's images run.
 */
export { parsePythonRegex } from './check';
export type { ParseOptions } from './check';
export type { PythonRegexResult, PythonException } from './errors';
export { MAX_NESTING } from './parser';
export type { PythonVersion } from './parser';
export { literalValue } from './literal';
export { fullmatchSafely } from './fullmatch';
export type { MatchBudget } from './fullmatch';
export { pythonWhitespaceSplit } from './whitespaceSplit';
export type { SplitPart } from './whitespaceSplit';
export { walkRegex, children } from './walk';
export { FLAG, MAXREPEAT } from './ast';
export type { RegexAst, RegexNode, ClassItem, Category, AssertionKind, RepeatMode, Span } from './ast';
