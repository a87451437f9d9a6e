import { checkCompileStage } from './compileChecks';
import { PythonRaise, PythonRegexResult, Undecidable } from './errors';
import { parsePattern, PythonVersion } from './parser';
import { PatternReader, utf16Offset } from './reader';

export interface ParseOptions {
  /** Python's rules to follow; authentik runs 3.12 (the default). */
  python?: PythonVersion;
}

/**
 * What `re.compile(pattern)` does in Python, decided by parsing only: the tree when it compiles,
 * else the exception with Python's message and position.
 */
export function parsePythonRegex(pattern: string, options: ParseOptions = {}): PythonRegexResult {
  try {
    const reader = new PatternReader(pattern);
    const ast = parsePattern(reader, options.python ?? '3.12');
    checkCompileStage(ast);
    return { ok: true, ast };
  } catch (error) {
    const at = (offset: number) => ({ start: utf16Offset(pattern, offset), end: utf16Offset(pattern, offset + 1) });
    if (error instanceof PythonRaise) {
      const span = error.offset !== null ? at(error.offset) : error.fallback ? { start: error.fallback.start, end: error.fallback.end } : { start: 0, end: pattern.length };
      return { ok: false, exception: error.exception, message: error.message, offset: error.offset, span };
    }
    if (error instanceof Undecidable) return { ok: 'unknown', reason: error.reason, span: at(error.offset) };
    throw error;
  }
}
