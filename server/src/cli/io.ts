import { parseArgs, ParseArgsConfig } from 'node:util';
import { guardLine, visible } from './escape';

/** The byte stream under an output: the process's stdout or stderr, or a test's. */
export interface RawStream {
  write(text: string, callback?: (error?: Error | null) => void): boolean;
  once?(event: 'drain', listener: () => void): unknown;
  on?(event: 'error', listener: (error: Error) => void): unknown;
}

/** Why an output stopped taking text. */
export interface WriteFailure {
  /** EPIPE: the reader went away (`| head`), which is not an error of the run. */
  readerGone: boolean;
  message: string;
}

/**
 * One output stream of the CLI. Everything written passes, line by line, through the last guard of
 * escape.ts. A failed write (EPIPE, ENOSPC...) is recorded once, never thrown, and later writes are
 * dropped: the run ends with the exit code the caller picks for the failure.
 */
export class CliOutput {
  private pending = '';
  private drainWaiting: Promise<void> | undefined;
  private drained: (() => void) | undefined;
  failure: WriteFailure | undefined;

  private commands = false;

  constructor(private readonly stream: RawStream) {
    stream.on?.('error', (error) => this.fail(error));
  }

  /** From now on lines may start with `::`: the github format writes workflow commands on purpose (its data is escaped). */
  allowWorkflowCommands(): void {
    this.commands = true;
  }

  /** Writes the complete lines of `text`; a last partial line waits for more text or `end()`. */
  write(text: string): void {
    const joined = this.pending + text;
    const lastBreak = joined.lastIndexOf('\n');
    if (lastBreak < 0) {
      this.pending = joined;
      return;
    }
    this.pending = joined.slice(lastBreak + 1);
    this.send(joined.slice(0, lastBreak).split('\n').map((line) => guardLine(line, this.commands)).join('\n') + '\n');
  }

  /** Resolves once the stream can take more (after a full buffer drains, or at once), so large outputs stream. */
  ready(): Promise<void> {
    return this.drainWaiting ?? new Promise((resolve) => setImmediate(resolve));
  }

  /** Writes a last partial line and waits until everything was handed to the stream. */
  async end(): Promise<void> {
    if (this.pending) {
      this.send(guardLine(this.pending, this.commands));
      this.pending = '';
    }
    await this.ready();
    // A write's error arrives after the write (on the next tick): wait one more turn to see it.
    await new Promise((resolve) => setImmediate(resolve));
  }

  private send(text: string): void {
    if (this.failure) return;
    let accepted: boolean;
    try {
      accepted = this.stream.write(text, (error) => {
        if (error) this.fail(error);
      });
    } catch (error) {
      this.fail(error as Error);
      return;
    }
    if (!accepted && this.stream.once && !this.drainWaiting) {
      this.drainWaiting = new Promise((resolve) => {
        this.drained = () => {
          this.drainWaiting = this.drained = undefined;
          resolve();
        };
        this.stream.once!('drain', this.drained);
      });
    }
  }

  private fail(error: Error): void {
    if (this.failure) return;
    const code = (error as NodeJS.ErrnoException).code;
    this.failure = { readerGone: code === 'EPIPE' || code === 'ERR_STREAM_DESTROYED', message: describeWriteError(error) };
    // Nothing more will be written: a pending drain would never come, so whoever waits for it goes on now.
    this.drained?.();
  }
}

function describeWriteError(error: Error): string {
  switch ((error as NodeJS.ErrnoException).code) {
    case 'ENOSPC':
      return 'no space left on the device';
    case 'EDQUOT':
      return 'disk quota exceeded';
    case 'EFBIG':
      return 'the output file is too large for the file system';
    case 'EIO':
      return 'input/output error';
    default:
      return visible(error.message);
  }
}

/** A person at a terminal who can answer a question; a run without one (CI, a pipe) has none. */
export interface Prompt {
  /** Asks a yes/no question; anything but yes (end of input, Ctrl-C included) is no. */
  confirm(question: string): Promise<boolean>;
}

/** What a command reads and writes: the process's streams, environment and directory, or a test's. */
export interface CliIo {
  stdout: CliOutput;
  stderr: CliOutput;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Present only when stdin and stdout are a terminal. */
  prompt?: Prompt;
}

/** Guarded outputs over raw streams. */
export function cliIo(streams: { stdout: RawStream; stderr: RawStream; env: NodeJS.ProcessEnv; cwd: string; prompt?: Prompt }): CliIo {
  const io: CliIo = { stdout: new CliOutput(streams.stdout), stderr: new CliOutput(streams.stderr), env: streams.env, cwd: streams.cwd };
  if (streams.prompt) io.prompt = streams.prompt;
  return io;
}

/** No errors (and no more warnings than allowed); for deploy: done. */
export const EXIT_OK = 0;
/** Errors found, or the server answered and said no. */
export const EXIT_FINDINGS = 1;
/** A usage error, an unreadable path, or no usable answer from the server. */
export const EXIT_USAGE = 2;

const PROGRAM = 'authentik-oauth2';

/**
 * `authentik-oauth2 <command>: message` on stderr; returns `code`. Data in `message` (paths, values,
 * server text) must already be escaped with escape.ts, so that it cannot add a line.
 */
export function fail(io: CliIo, command: string, message: string, code = EXIT_USAGE): number {
  io.stderr.write(`${PROGRAM} ${command}: ${message}\n`);
  return code;
}

/** A command line that cannot be run: says why and where the usage is. */
export function usageError(io: CliIo, command: string, message: string): number {
  return fail(io, command, `${message}\nRun "${PROGRAM} --help" for usage.`);
}

/**
 * The exit code once stdout is done: a reader that went away (`| head`) changes nothing; any other
 * failed write (a full disk) is said in one line and makes the run fail with 2.
 */
export async function finishOutput(io: CliIo, code: number): Promise<number> {
  await io.stdout.end();
  await io.stderr.end();
  const failure = io.stdout.failure;
  if (!failure || failure.readerGone) return code;
  io.stderr.write(`${PROGRAM}: could not write the output: ${failure.message}\n`);
  await io.stderr.end();
  return EXIT_USAGE;
}

type OptionsConfig = NonNullable<ParseArgsConfig['options']>;
type CommandLineConfig<O extends OptionsConfig> = { args: string[]; allowPositionals: true; strict: true; options: O };
export type CommandLine<O extends OptionsConfig> = ReturnType<typeof parseArgs<CommandLineConfig<O>>>;

/**
 * The options and paths of one command (node:util parseArgs). A malformed command line is reported as a
 * usage error and gives undefined: the caller returns EXIT_USAGE. The checks are made here rather than by
 * parseArgs' strict mode, so that a name from the command line (a shell's `*` can expand to a file name
 * that looks like an option) is shown escaped, inside a message of one line.
 */
export function parseCommandLine<O extends OptionsConfig>(io: CliIo, command: string, argv: string[], options: O): CommandLine<O> | undefined {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, strict: false, tokens: true, options });
  } catch (error) {
    usageError(io, command, visible((error as Error).message));
    return undefined;
  }
  for (const token of parsed.tokens ?? []) {
    if (token.kind !== 'option') continue;
    const option = Object.hasOwn(options, token.name) ? options[token.name] : undefined;
    const name = `"${visible(token.rawName)}"`;
    const problem = !option
      ? `unknown option ${name}`
      : option.type === 'string' && token.value === undefined
        ? `option ${name} needs a value`
        : option.type === 'boolean' && token.value !== undefined
          ? `option ${name} takes no value`
          : undefined;
    if (problem) {
      usageError(io, command, problem);
      return undefined;
    }
  }
  return { values: parsed.values, positionals: parsed.positionals } as CommandLine<O>;
}
