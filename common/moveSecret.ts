/**
 * The editor command behind "Move to an environment variable", shared by the language server (which
 * offers it as a code action) and the extension (which runs it). The action carries these arguments,
 * never the secret: the extension reads the value from its own buffer. No LSP import here: the
 * extension host bundle stays free of the protocol libraries.
 */
export const MOVE_SECRET_COMMAND = 'authentik.moveSecretToEnvironment';

export interface LinePosition {
  line: number;
  character: number;
}

export interface LineRange {
  start: LinePosition;
  end: LinePosition;
}

export interface MoveSecretArguments {
  uri: string;
  /** The document version the action was made for: after an edit the ranges may hold something else. */
  version: number;
  /** The whole value, quotes included: replaced by `!env <variable>`. */
  range: LineRange;
  /** The secret as written, without quotes: what goes to the clipboard. */
  valueRange: LineRange;
  variable: string;
}

/** An environment variable name as `!env` takes it. */
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,254}$/;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isPosition = (value: unknown): boolean => isObject(value) && Number.isSafeInteger(value.line) && Number.isSafeInteger(value.character);
const isRange = (value: unknown): boolean => isObject(value) && isPosition(value.start) && isPosition(value.end);

/** What is wrong with the command's arguments (they come from a code action any server could send), or undefined. */
export function checkMoveSecretArguments(value: unknown): string | undefined {
  if (!isObject(value)) return 'the arguments are not an object';
  if (typeof value.uri !== 'string') return 'uri must be a string';
  if (!Number.isSafeInteger(value.version)) return 'version must be an integer';
  if (!isRange(value.range)) return 'range must be a range';
  if (!isRange(value.valueRange)) return 'valueRange must be a range';
  if (typeof value.variable !== 'string' || !VARIABLE_NAME.test(value.variable)) return 'variable must be an environment variable name';
  return undefined;
}
