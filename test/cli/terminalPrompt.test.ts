import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { isYes, terminalPrompt } from '../../server/src/cli/terminalPrompt';

/** A stream that says it is a terminal. */
function tty(): PassThrough & { isTTY: boolean } {
  return Object.assign(new PassThrough(), { isTTY: true });
}

describe('the terminal prompt of deploy', () => {
  it('only y or yes (any case, surrounding spaces) is yes', () => {
    for (const answer of ['y', 'Y', 'yes', 'YES', ' yes ']) assert.equal(isYes(answer), true, answer);
    for (const answer of ['', 'n', 'no', 'yep', 'ye', 'y es', 'sure']) assert.equal(isYes(answer), false, answer);
  });

  it('there is none unless both input and output are a terminal', () => {
    const notTty = new PassThrough();
    assert.equal(terminalPrompt(notTty as unknown as NodeJS.ReadStream, tty() as unknown as NodeJS.WriteStream), undefined);
    assert.equal(terminalPrompt(tty() as unknown as NodeJS.ReadStream, notTty as unknown as NodeJS.WriteStream), undefined);
    assert.ok(terminalPrompt(tty() as unknown as NodeJS.ReadStream, tty() as unknown as NodeJS.WriteStream));
  });

  it('asks on the output and reads the answer; the end of input is no', async () => {
    const input = tty();
    const output = tty();
    let shown = '';
    output.on('data', (chunk: Buffer) => (shown += chunk.toString()));
    const prompt = terminalPrompt(input as unknown as NodeJS.ReadStream, output as unknown as NodeJS.WriteStream)!;
    const yes = prompt.confirm('Apply? [y/N] ');
    input.write('yes\n');
    assert.equal(await yes, true);
    assert.ok(shown.includes('Apply? [y/N] '), shown);
    const no = prompt.confirm('Again? [y/N] ');
    input.end();
    assert.equal(await no, false);
  });
});
