import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { guardLine, jsonLine, linePath, startsCommand, visible, workflowData, workflowProperty } from '../../server/src/cli/escape';
import { CliOutput } from '../../server/src/cli/io';

/** Every character a log viewer, a terminal or the Actions runner could treat as more than text. */
const DANGEROUS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/** Strings rich in what an attacker would put in a file name or a YAML value. */
const hostile = fc.string({
  unit: fc.oneof(
    fc.constantFrom('\n', '\r', '\r\n', '\u2028', '\u2029', '\x1b', '\x1b[31m', '\u009b', '\u0085', '\u202e', '\t', '\0', '%', '%0A', ':', '::', ',', '\\', ' '),
    fc.constantFrom('::error::x', '::add-mask::', '::stop-commands::t'),
    fc.string({ unit: 'grapheme', maxLength: 3 }),
  ),
  maxLength: 30,
});

/** What the runner does to a command's message and properties (the inverse of the workflow-command escapes). */
const decodeData = (s: string) => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
const decodeProperty = (s: string) => decodeData(s.replace(/%3A/g, ':').replace(/%2C/g, ','));

describe('cli: escaping for CI logs', () => {
  it('visible() leaves no character that breaks a line or drives a terminal, and spells out each one', () => {
    fc.assert(fc.property(hostile, (s) => !DANGEROUS.test(visible(s))));
    assert.equal(visible('a\nb\rc\u2028d\x1b[31me\t\u009b\u202e'), 'a\\nb\\rc\\u2028d\\x1b[31me\\t\\x9b\\u202e');
    assert.equal(visible('plain text: "ok", 100% \\. é 🎉'), 'plain text: "ok", 100% \\. é 🎉', 'ordinary text is unchanged');
  });

  it('linePath() never lets a path start a workflow command, and keeps it the same file', () => {
    fc.assert(fc.property(hostile, (s) => !startsCommand(linePath(s)) && !DANGEROUS.test(linePath(s))));
    assert.equal(linePath('::error::x.oauth2provider.yaml'), './::error::x.oauth2provider.yaml');
    assert.equal(linePath(' ::x'), './ ::x');
    assert.equal(linePath('dir/::x'), 'dir/::x');
  });

  it('workflowData() and workflowProperty() follow the workflow-command rules and give back the text as the runner decodes it', () => {
    assert.equal(workflowData('50%\r\nof: a, b'), '50%25%0D%0Aof: a, b');
    assert.equal(workflowProperty('50%\r\nof: a, b'), '50%25%0D%0Aof%3A a%2C b');
    fc.assert(
      fc.property(hostile, (s) => {
        const data = workflowData(s);
        const property = workflowProperty(s);
        // One line each; a property holds no `:` or `,` that would end it.
        if (DANGEROUS.test(data) || DANGEROUS.test(property) || /[:,]/.test(property)) return false;
        // What the runner shows: the text itself, with only the characters it cannot carry spelled out.
        const shown = s.replace(/[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => visible(c));
        return decodeData(data) === shown && decodeProperty(property) === shown;
      }),
    );
  });

  it('jsonLine() is the same JSON value, on one line, with no raw separator or C1 control', () => {
    fc.assert(
      fc.property(hostile, (s) => {
        const line = jsonLine({ s });
        return !DANGEROUS.test(line) && (JSON.parse(line) as { s: string }).s === s;
      }),
    );
  });

  it('the last guard turns a line that would run as a command into text, and leaves the github format its commands', () => {
    assert.equal(guardLine('  ::error::x', false), '  \\u003a:error::x');
    assert.equal(guardLine('::error::x', true), '::error::x');
    assert.equal(guardLine('a\rb\u2028c', true), 'a\\u000db\\u2028c');
    fc.assert(fc.property(hostile, (s) => !DANGEROUS.test(guardLine(s, false)) && !startsCommand(guardLine(s, false))));
  });

  it('an output stream checks whole lines, also when a line comes in pieces', async () => {
    const written: string[] = [];
    const output = new CliOutput({ write: (text: string) => written.push(text) > 0 });
    output.write('ok\n ');
    output.write(':');
    output.write(':error::split\nlast without newline');
    await output.end();
    assert.equal(written.join(''), 'ok\n \\u003a:error::split\nlast without newline');
  });
});
