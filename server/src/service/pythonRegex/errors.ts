import type { RegexAst, Span } from './ast';

/**
 * The exception `re.compile` raises. authentik catches only `re.error`: an OverflowError (a repeat
 * count of 2**32 - 1 or more) or a ValueError (conflicting global flags, a number of more than 4300
 * digits) escapes its handler.
 */
export type PythonException = 're.error' | 'OverflowError' | 'ValueError';

export type PythonRegexResult =
  | { ok: true; ast: RegexAst }
  | {
      ok: false;
      exception: PythonException;
      /** The exception's text without " at position N" (`err.msg` of an `re.error`). */
      message: string;
      /** `err.pos`: an index in code points, or null where Python gives none (compile-stage errors, OverflowError, ValueError). */
      offset: number | null;
      /** Where to show the error in the pattern (UTF-16 indices): from `offset`, or the construct at fault when there is none. */
      span: Span;
    }
  /** Python's answer cannot be known from here (see `reason`); the pattern is neither accepted nor refused. */
  | { ok: 'unknown'; reason: string; span: Span };

/** Thrown inside the parser for what Python raises; turned into a result at the API. */
export class PythonRaise extends Error {
  constructor(
    readonly exception: PythonException,
    message: string,
    /** Code-point index, or null. */
    readonly offset: number | null,
    /** UTF-16 span to show when offset is null. */
    readonly fallback?: Span,
  ) {
    super(message);
  }
}

/** Thrown inside the parser where the answer depends on something this checker does not know. */
export class Undecidable extends Error {
  constructor(
    readonly reason: string,
    /** Code-point index. */
    readonly offset: number,
  ) {
    super(reason);
  }
}
