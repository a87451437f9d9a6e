import { parseArgs, ParseArgsConfig } from 'node:util';

/** What a command reads and writes: the process's streams, environment and directory, or a test's. */
export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/** No errors (and no more warnings than allowed); for deploy: done. */
export const EXIT_OK = 0;
/** Errors found, or the server answered and said no. */
export const EXIT_FINDINGS = 1;
/** A usage error, an unreadable path, or no usable answer from the server. */
export const EXIT_USAGE = 2;

const PROGRAM = 'authentik-oauth2';

/** `authentik-oauth2 <command>: message` on stderr; returns `code`. */
export function fail(io: CliIo, command: string, message: string, code = EXIT_USAGE): number {
  io.stderr.write(`${PROGRAM} ${command}: ${message}\n`);
  return code;
}

/** A command line that cannot be run: says why and where the usage is. */
export function usageError(io: CliIo, command: string, message: string): number {
  return fail(io, command, `${message}\nRun "${PROGRAM} --help" for usage.`);
}

type OptionsConfig = NonNullable<ParseArgsConfig['options']>;
type CommandLineConfig<O extends OptionsConfig> = { args: string[]; allowPositionals: true; strict: true; options: O };
export type CommandLine<O extends OptionsConfig> = ReturnType<typeof parseArgs<CommandLineConfig<O>>>;

/**
 * The options and paths of one command (node:util parseArgs, strict). A malformed command line
 * is reported as a usage error and gives undefined: the caller returns EXIT_USAGE.
 */
export function parseCommandLine<O extends OptionsConfig>(io: CliIo, command: string, argv: string[], options: O): CommandLine<O> | undefined {
  try {
    return parseArgs<CommandLineConfig<O>>({ args: argv, allowPositionals: true, strict: true, options });
  } catch (error) {
    usageError(io, command, (error as Error).message);
    return undefined;
  }
}
