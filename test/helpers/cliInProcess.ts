import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cliIo, finishOutput, Prompt } from '../../server/src/cli/io';
import { runCli } from '../../server/src/cli/main';
import type { CliResult } from './cli';

/** A person at the terminal who answers each question with the next of `answers` and remembers what was asked. */
export class ScriptedPrompt implements Prompt {
  readonly asked: string[] = [];
  constructor(private readonly answers: boolean[]) {}
  async confirm(question: string): Promise<boolean> {
    this.asked.push(question);
    const answer = this.answers.shift();
    if (answer === undefined) throw new Error(`unexpected question: ${question}`);
    return answer;
  }
}

let cacheHome: string | undefined;

/**
 * Runs the CLI in this process, as `node dist/cli.js` would, with a terminal (`prompt`) or without
 * one. The server's schema is cached in a directory of the test run.
 */
export async function runCliInProcess(args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; prompt?: Prompt }): Promise<CliResult> {
  cacheHome ??= fs.mkdtempSync(path.join(os.tmpdir(), 'authentik-cli-cache-'));
  let stdout = '';
  let stderr = '';
  const sink = (append: (text: string) => void) => ({
    write(text: string, callback?: (error?: Error | null) => void) {
      append(text);
      callback?.();
      return true;
    },
  });
  const io = cliIo({
    stdout: sink((t) => (stdout += t)),
    stderr: sink((t) => (stderr += t)),
    env: { XDG_CACHE_HOME: cacheHome, ...options.env },
    cwd: options.cwd,
    ...(options.prompt ? { prompt: options.prompt } : {}),
  });
  const code = await finishOutput(io, await runCli(args, io));
  return { code, stdout, stderr };
}
