import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CliResult, JsonReport, runCli } from '../helpers/cli';
import { tempTree, validProvider } from './tempTree';

/** Every character a log viewer, a terminal or the Actions runner could treat as more than text, except LF. */
const DANGEROUS = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const CRAFTED_KEY = 'a\n::error file=README.md,line=1::pwned\n::add-mask::%0A';

/** File names a pull request can add; each file has one unknown key, so each gives a finding. */
const HOSTILE_NAMES = [
  'nl\n::error file=README.md,line=1::name.oauth2provider.yaml',
  'cr\r::warning::name.oauth2provider.yaml',
  'crlf\r\n::notice::name.oauth2provider.yaml',
  'ls\u2028::error::name.oauth2provider.yaml',
  'ansi\x1b[31mred\x1b[0m\u009b2J.oauth2provider.yaml',
  'bidi\u202eyaml.evil\u202c.oauth2provider.yaml',
  '::error file=README.md,line=1::lead.oauth2provider.yaml',
  '  ::warning::spaces.oauth2provider.yaml',
  '50%25,a:b.oauth2provider.yaml',
];

function hostileTree(): string {
  const files: Record<string, string> = {};
  for (const name of HOSTILE_NAMES) files[name] = `${validProvider('n')}extra: 1\n`;
  // A key and a value from the file: the crafted key, and a client_type the enum check quotes.
  files['key.oauth2provider.yaml'] = `${validProvider('k')}${JSON.stringify(CRAFTED_KEY)}: 1\nclient_type: "x\\r::error::value\\u2028::error::ls\\e[2J\\u0085::error::nel"\n`;
  const root = tempTree(files);
  // Messages on stderr about paths: a dangling link and a link that leads outside, both with a line break in the name.
  fs.symlinkSync('nowhere', path.join(root, 'dangling\n::error::link.oauth2provider.yaml'));
  fs.symlinkSync('/etc/hostname', path.join(root, 'outside\r\n::warning::link.oauth2provider.yaml'));
  return root;
}

const root = hostileTree();

/** The lines of an output, broken wherever any viewer would break them. */
const viewerLines = (text: string) => text.split(/\r\n|[\n\r\u2028\u2029\u0085]/);

function assertOneLinePerMessage(run: CliResult, format: string, stderrHasUsage = false): void {
  for (const [stream, text] of [['stdout', run.stdout], ['stderr', run.stderr]] as const) {
    const found = DANGEROUS.exec(text);
    assert.equal(found, null, `${format} ${stream} holds U+${found?.[0].charCodeAt(0).toString(16).padStart(4, '0')}:\n${text}`);
  }
  for (const line of stderrHasUsage ? [] : viewerLines(run.stderr).filter(Boolean)) assert.match(line, /^authentik-oauth2: /, `${format}: a stderr line that is not a message of the CLI`);
  for (const line of viewerLines(run.stderr)) assert.doesNotMatch(line, /^\s*::/, `${format}: a stderr line would run as a workflow command`);
  for (const line of format === 'github' ? [] : viewerLines(run.stdout)) assert.doesNotMatch(line, /^\s*::/, `${format}: a stdout line would run as a workflow command`);
}

/** The runner's decoding of a property value. */
const decodeProperty = (s: string) => s.replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');

describe('cli: no output line is a workflow command or a terminal control, whatever the files hold', () => {
  let reference: JsonReport;

  it('json: one diagnostic per line, the data intact in the JSON values', async () => {
    const run = await runCli(['validate', '--format', 'json', '.'], { cwd: root });
    assertOneLinePerMessage(run, 'json');
    reference = JSON.parse(run.stdout) as JsonReport;
    assert.deepEqual(reference.files.map((f) => f.path).sort(), [...HOSTILE_NAMES, 'key.oauth2provider.yaml'].sort());
    const diagnosticLines = run.stdout.split('\n').filter((line) => line.includes('"severity"'));
    assert.equal(diagnosticLines.length, reference.files.flatMap((f) => f.diagnostics).length);
    const key = reference.files.find((f) => f.path === 'key.oauth2provider.yaml')!;
    assert.ok(key.diagnostics.some((d) => d.message.includes(`Unknown key "${CRAFTED_KEY}"`)), 'the key itself, unchanged, in the JSON value');
    assert.equal(run.code, 2, 'the dangling link is an unreadable path');
  });

  it('text: one line per finding and a summary; names and values spelled out; no line starts with ::', async () => {
    const run = await runCli(['validate', '.'], { cwd: root });
    assertOneLinePerMessage(run, 'text');
    const lines = run.stdout.trimEnd().split('\n');
    assert.equal(lines.length, reference.files.flatMap((f) => f.diagnostics).length + 2);
    for (const line of lines.slice(0, -2)) assert.match(line, /^\S.*:\d+:\d+: (error|warning|information|hint) [a-z0-9-]+ /, line);
    assert.equal(lines.at(-2), 'Checked for authentik 2026.5.0 (the newest known release).');
    assert.equal(lines.at(-1), '10 files checked: 1 error, 10 warnings.');
    assert.ok(lines.includes('key.oauth2provider.yaml:7:1: warning unknown-key Unknown key "a\\n::error file=README.md,line=1::pwned\\n::add-mask::%0A": the server silently ignores it.'), run.stdout);
    assert.ok(lines.some((l) => l.startsWith('key.oauth2provider.yaml:8:14: error invalid-enum "x\\r::error::value\\u2028::error::ls\\x1b[2J\\x85::error::nel" is not a valid choice')), run.stdout);
    assert.ok(lines.some((l) => l.startsWith('./::error file=README.md,line=1::lead.oauth2provider.yaml:7:1: warning unknown-key ')), 'a name that starts with :: gets ./');
    assert.ok(lines.some((l) => l.startsWith('nl\\n::error file=README.md,line=1::name.oauth2provider.yaml:7:1: ')));
    assert.ok(lines.some((l) => l.startsWith('ansi\\x1b[31mred\\x1b[0m\\x9b2J.oauth2provider.yaml:7:1: ')));
    assert.deepEqual(run.stderr.trimEnd().split('\n').sort(), [
      'authentik-oauth2: dangling\\n::error::link.oauth2provider.yaml: no such file or directory',
      'authentik-oauth2: warning: outside\\r\\n::warning::link.oauth2provider.yaml: a symbolic link that leads outside the folder searched: not followed',
    ]);
  });

  it('github: each line one workflow command of ours, each property escaped, the file the runner decodes a real one', async () => {
    const run = await runCli(['validate', '--format', 'github', '.'], { cwd: root });
    assertOneLinePerMessage(run, 'github');
    const lines = run.stdout.trimEnd().split('\n');
    assert.equal(lines.length, reference.files.flatMap((f) => f.diagnostics).length);
    const files = new Set<string>();
    for (const line of lines) {
      const match = /^::(error|warning|notice) file=([^:,]*),line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=authentik [a-z0-9-]+::(.*)$/.exec(line);
      assert.ok(match, line);
      files.add(decodeProperty(match[2]));
      assert.doesNotMatch(match[3], /[\r\n]/);
    }
    // What the runner decodes is the file's name, with only the characters it cannot carry (ESC, U+2028...) spelled out.
    assert.ok(files.has('nl\n::error file=README.md,line=1::name.oauth2provider.yaml'));
    assert.ok(files.has('cr\r::warning::name.oauth2provider.yaml'));
    assert.ok(files.has('50%25,a:b.oauth2provider.yaml'));
    assert.ok(files.has('ls\\u2028::error::name.oauth2provider.yaml'));
    assert.ok(lines.some((l) => l.includes('::Unknown key "a%0A::error file=README.md,line=1::pwned%0A::add-mask::%250A": the server silently ignores it.')));
  });

  it('sarif: valid JSON, one result per line', async () => {
    const run = await runCli(['validate', '--format', 'sarif', '.'], { cwd: root });
    assertOneLinePerMessage(run, 'sarif');
    const log = JSON.parse(run.stdout) as { runs: { results: { message: { text: string } }[] }[] };
    assert.equal(log.runs[0].results.length, reference.files.flatMap((f) => f.diagnostics).length);
    assert.equal(run.stdout.split('\n').filter((line) => line.includes('"ruleId"')).length, log.runs[0].results.length);
    assert.ok(log.runs[0].results.some((r) => r.message.text.includes(`Unknown key "${CRAFTED_KEY}"`)));
  });

  it('markdown: one table row per finding', async () => {
    const run = await runCli(['validate', '--format', 'markdown', '.'], { cwd: root });
    assertOneLinePerMessage(run, 'markdown');
    assert.equal(run.stdout.split('\n').filter((line) => /^\| (error|warning|information) \|/.test(line)).length, reference.files.flatMap((f) => f.diagnostics).length);
  });

  it('messages about the command line: an unknown command, format or rule, and a deploy of a missing file', async () => {
    const name = 'x\n::error::y\r\u2028\x1b[2J.oauth2provider.yaml';
    const runs = await Promise.all([
      runCli([name]),
      runCli(['validate', '--format', name, '.'], { cwd: root }),
      runCli(['validate', '--disable', name, '.'], { cwd: root }),
      runCli(['validate', `--${name}`, '.'], { cwd: root }),
      runCli(['deploy', name, '--url', 'https://auth.example.com'], { cwd: root, env: { AUTHENTIK_TOKEN: 'token' } }),
    ]);
    for (const run of runs) {
      assertOneLinePerMessage(run, 'command line', true);
      assert.equal(run.code, 2);
      assert.ok(run.stderr.includes('x\\n::error::y\\r\\u2028\\x1b[2J'), run.stderr);
    }
  });
});
