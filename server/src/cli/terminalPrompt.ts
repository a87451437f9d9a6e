import * as readline from 'node:readline';

/** "y" or "yes" in any case; everything else, an empty answer included, is no. */
export function isYes(answer: string): boolean {
  return /^\s*y(es)?\s*$/i.test(answer);
}

/**
 * The question asked on the terminal, when the process has one for input and output (a deploy's plan
 * is on stdout, so the person sees what they confirm); undefined otherwise. End of input and Ctrl-C
 * answer no.
 */
export function terminalPrompt(input: NodeJS.ReadStream, output: NodeJS.WriteStream): { confirm(question: string): Promise<boolean> } | undefined {
  if (!input.isTTY || !output.isTTY) return undefined;
  return {
    confirm: (question) =>
      new Promise((resolve) => {
        const rl = readline.createInterface({ input, output });
        let answered = false;
        // Ctrl-C and the end of input leave the cursor after the question: end its line.
        const finish = (yes: boolean, endLine: boolean) => {
          if (answered) return;
          answered = true;
          rl.close();
          if (endLine) output.write('\n');
          resolve(yes);
        };
        rl.on('SIGINT', () => finish(false, true));
        rl.on('close', () => finish(false, true));
        rl.question(question, (answer) => finish(isYes(answer), false));
      }),
  };
}
