import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tempTree, validProvider } from '../cli/tempTree';
import { CliResult, runCli, validateJson } from '../helpers/cli';

const TOKEN = 'ghp_0123456789abcdefSECRETTOKEN';
const ENV_MARKER = 'environ-marker-6b1f2c';
const GIT_CONFIG = `[core]\n\tbare = false\n[remote "origin"]\n\turl = https://x-access-token:${TOKEN}@github.com/o/r\n[http "https://github.com/"]\n\textraheader = AUTHORIZATION: basic ${TOKEN}\n`;
const TYPO = validProvider('typo') + 'client_type: confidental\n';

const all = (run: CliResult) => run.stdout + run.stderr;

/**
 * A repository a pull request could send: a real provider, and links to the checkout's git config (with the
 * token actions/checkout leaves there), to files of the machine, to the root, and inside the tree.
 */
function hostileRepository(): string {
  const root = tempTree({
    '.git/config': GIT_CONFIG,
    'providers/app.oauth2provider.yaml': TYPO,
    'providers/nested/other.oauth2provider.yaml': validProvider('other'),
    'docs/notes.txt': `password = hunter2-${TOKEN}\n[section]\nkey = value\n`,
    'docs/creds.json': JSON.stringify({ type: 'service_account', private_key: `-----BEGIN PRIVATE KEY-----${TOKEN}` }),
    'docs/tagged.yaml': `!${TOKEN} x\n`,
  });
  const link = (target: string, name: string) => fs.symlinkSync(target, path.join(root, name));
  link('.git/config', 'git.oauth2provider.yaml');
  link('../.git', 'providers/gitdir');
  link('/etc/passwd', 'passwd.oauth2provider.yaml');
  link('/proc/self/environ', 'environ.oauth2provider.yaml');
  link('/', 'rootlink');
  link('..', 'providers/up'); // a loop back into the tree
  link('.', 'providers/nested/self');
  link('app.oauth2provider.yaml', 'providers/alias.oauth2provider.yaml'); // the same file by a second name
  link('nested', 'providers/linked-folder');
  link('docs/notes.txt', 'notes.oauth2provider.yaml');
  link('docs/creds.json', 'creds.oauth2provider.yaml');
  link('docs/tagged.yaml', 'tagged.oauth2provider.yaml');
  return root;
}

const root = hostileRepository();
const run = (args: string[], options: { cwd?: string } = {}) => runCli(args, { cwd: root, env: { ENV_MARKER }, timeoutMs: 20_000, ...options });

function assertNothingLeaked(result: CliResult): void {
  for (const secret of [TOKEN, 'hunter2', 'root:x:0', ENV_MARKER, 'AUTHORIZATION']) assert.ok(!all(result).includes(secret), `printed "${secret}":\n${all(result)}`);
}

const WARNINGS = [
  'authentik-oauth2: warning: environ.oauth2provider.yaml: a symbolic link that leads outside the folder searched: not followed',
  'authentik-oauth2: warning: git.oauth2provider.yaml: a symbolic link that leads into .git, which a search never enters: not followed',
  'authentik-oauth2: warning: passwd.oauth2provider.yaml: a symbolic link that leads outside the folder searched: not followed',
  'authentik-oauth2: warning: providers/gitdir: a symbolic link that leads into .git, which a search never enters: not followed',
  'authentik-oauth2: warning: rootlink: a symbolic link that leads outside the folder searched: not followed',
];

const NOT_A_PROVIDER = (why: string) => `not-a-mapping This does not look like an OAuth2 provider file: ${why}. It was not checked further, and its text is not shown.`;

describe('limits: files outside the repository, and links inside it', { timeout: 120_000 }, () => {
  it('a directory search: links that leave the folder or lead into .git are reported unread; links inside are followed once', async () => {
    const started = Date.now();
    const { result, report } = await validateJson(['.'], { cwd: root, env: { ENV_MARKER } });
    assert.ok(Date.now() - started < 10_000, 'rootlink must not walk the machine');
    assertNothingLeaked(result);
    assert.deepEqual(result.stderr.trimEnd().split('\n').sort(), WARNINGS);
    assert.deepEqual(
      Object.fromEntries(report.files.map((f) => [f.path, f.diagnostics.map((d) => `${d.code} ${d.code === 'not-a-mapping' ? d.message : ''}`.trim())])),
      {
        'creds.oauth2provider.yaml': [NOT_A_PROVIDER('none of its top-level keys is a provider field (name, authorization_flow, client_type, ...)')],
        'notes.oauth2provider.yaml': [NOT_A_PROVIDER('its top level is a single value, not a mapping of provider fields')],
        'providers/app.oauth2provider.yaml': ['invalid-enum'],
        'providers/nested/other.oauth2provider.yaml': [],
        'tagged.oauth2provider.yaml': [NOT_A_PROVIDER('its top level is a single value, not a mapping of provider fields')],
      },
    );
    assert.equal(result.code, 1, 'warnings about links do not fail the run; the typo does');
  });

  it('a glob: the same rule, from the fixed part of the pattern', async () => {
    const { result, report } = await validateJson(['**/*.oauth2provider.yaml'], { cwd: root, env: { ENV_MARKER } });
    assertNothingLeaked(result);
    assert.deepEqual(result.stderr.trimEnd().split('\n').sort(), WARNINGS);
    assert.deepEqual(report.files.map((f) => f.path).sort(), ['creds.oauth2provider.yaml', 'notes.oauth2provider.yaml', 'providers/app.oauth2provider.yaml', 'providers/nested/other.oauth2provider.yaml', 'tagged.oauth2provider.yaml']);
    const fromProviders = await validateJson(['providers/**/*.oauth2provider.yaml'], { cwd: root });
    assert.deepEqual(fromProviders.report.files.map((f) => f.path), ['providers/app.oauth2provider.yaml', 'providers/nested/other.oauth2provider.yaml']);
  });

  it('the search starts in the folder given: a link from there to elsewhere in the repository is not followed', async () => {
    fs.symlinkSync('../../docs', path.join(root, 'providers/nested/docs-link'));
    fs.symlinkSync('../../tagged.oauth2provider.yaml', path.join(root, 'providers/nested/tagged.oauth2provider.yaml'));
    try {
      const result = await run(['validate', 'providers']);
      assert.equal(
        result.stderr,
        'authentik-oauth2: warning: providers/gitdir: a symbolic link that leads outside the folder searched (providers): not followed\n' +
          'authentik-oauth2: warning: providers/up: a symbolic link that leads outside the folder searched (providers): not followed\n' +
          'authentik-oauth2: warning: providers/nested/docs-link: a symbolic link that leads outside the folder searched (providers): not followed\n' +
          'authentik-oauth2: warning: providers/nested/tagged.oauth2provider.yaml: a symbolic link that leads outside the folder searched (providers): not followed\n',
      );
    } finally {
      fs.unlinkSync(path.join(root, 'providers/nested/docs-link'));
      fs.unlinkSync(path.join(root, 'providers/nested/tagged.oauth2provider.yaml'));
    }
  });

  it('files named on the command line (as a shell expands *): a link that leads out of the working directory is reported unread', async () => {
    const result = await run(['validate', 'git.oauth2provider.yaml', 'passwd.oauth2provider.yaml', 'environ.oauth2provider.yaml', 'providers/app.oauth2provider.yaml']);
    assertNothingLeaked(result);
    assert.equal(
      result.stderr,
      'authentik-oauth2: warning: git.oauth2provider.yaml: a symbolic link that leads into .git, which a search never enters: not followed\n' +
        'authentik-oauth2: warning: passwd.oauth2provider.yaml: a symbolic link that leads outside the working directory: not followed\n' +
        'authentik-oauth2: warning: environ.oauth2provider.yaml: a symbolic link that leads outside the working directory: not followed\n',
    );
    assert.match(result.stdout, /^providers\/app\.oauth2provider\.yaml:7:14: error invalid-enum /);
    const only = await run(['validate', 'passwd.oauth2provider.yaml']);
    assert.equal(only.code, 2, 'nothing checked at all is a failure, not a pass');
    assert.match(only.stderr, /no \*\.oauth2provider\.yaml files found/);
  });

  it('a folder or file named outside the working directory is the user\'s choice and is read', async () => {
    const result = await run(['validate', path.join(root, 'providers/nested')], { cwd: path.join(root, 'docs') });
    assert.equal(result.stderr, '');
    assert.equal(result.code, 0);
  });

  it('the text of a file that is not provider YAML is never quoted (before, the parser\'s and the checks\' messages showed keys, tags and lines)', async () => {
    const direct = await run(['validate', '--format', 'sarif', 'docs/notes.txt', 'docs/creds.json', 'docs/tagged.yaml', '.git/config']);
    assertNothingLeaked(direct);
    const messages = (JSON.parse(direct.stdout) as { runs: { results: { message: { text: string } }[] }[] }).runs[0].results.map((r) => r.message.text);
    assert.equal(messages.length, 4);
    for (const message of messages) assert.match(message, /^This does not look like an OAuth2 provider file: /);
  });
});

describe('limits: how far a search goes', { timeout: 60_000 }, () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 5; i++) files[`f${i}.oauth2provider.yaml`] = validProvider(`p${i}`);
  files[`${Array.from({ length: 6 }, (_, i) => `d${i}`).join('/')}/deep.oauth2provider.yaml`] = validProvider('deep');
  const tree = tempTree(files);

  it('--max-files: stops with a message naming the first file left out, exit 2', async () => {
    const result = await runCli(['validate', '--max-files', '3', '.'], { cwd: tree });
    assert.equal(result.stderr, 'authentik-oauth2: f3.oauth2provider.yaml: stopped at 3 files (--max-files): this file and the rest were not checked\n');
    assert.equal(result.stdout, 'Checked for authentik 2026.5.0 (the newest known release).\n3 files checked: 0 errors, 0 warnings.\n');
    assert.equal(result.code, 2);
  });

  it('--max-depth: deeper folders are not searched, said once, exit 2', async () => {
    const result = await runCli(['validate', '--max-depth', '3', '.'], { cwd: tree });
    assert.equal(result.stderr, 'authentik-oauth2: d0/d1/d2/d3: more than 3 folder levels deep (--max-depth): not searched\n');
    assert.equal(result.stdout, 'Checked for authentik 2026.5.0 (the newest known release).\n5 files checked: 0 errors, 0 warnings.\n');
    assert.equal(result.code, 2);
    assert.equal((await runCli(['validate', '--max-depth', '6', '.'], { cwd: tree })).code, 0);
  });

  it('the default depth limit holds: a folder 40 levels deep is not searched', async () => {
    const deep = tempTree({ [`${Array.from({ length: 40 }, () => 'd').join('/')}/x.oauth2provider.yaml`]: validProvider('x'), 'ok.oauth2provider.yaml': validProvider('ok') });
    const result = await runCli(['validate', '.'], { cwd: deep });
    assert.match(result.stderr, /^authentik-oauth2: (d\/){32}d: more than 32 folder levels deep \(--max-depth\): not searched\n$/);
    assert.equal(result.code, 2);
  });

  it('--max-bytes: stops reading once that much was read, says how many files were left, exit 2', async () => {
    const size = fs.statSync(path.join(tree, 'f0.oauth2provider.yaml')).size;
    const result = await runCli(['validate', '--max-bytes', String(size * 2), '.'], { cwd: tree });
    assert.equal(result.stderr, `authentik-oauth2: f2.oauth2provider.yaml: stopped after reading ${size * 2} bytes (--max-bytes): this file and 3 more were not checked\n`);
    assert.equal(result.stdout, 'Checked for authentik 2026.5.0 (the newest known release).\n2 files checked: 0 errors, 0 warnings.\n');
    assert.equal(result.code, 2);
  });

  it('a glob without ** walks only as deep as its folders, and never reports that as a limit', async () => {
    const result = await runCli(['validate', 'd0/*/*.oauth2provider.yaml', '*.oauth2provider.yaml'], { cwd: tree });
    assert.equal(result.stderr, 'authentik-oauth2: d0/*/*.oauth2provider.yaml: no file matches this pattern\n');
    assert.equal(result.stdout, 'Checked for authentik 2026.5.0 (the newest known release).\n5 files checked: 0 errors, 0 warnings.\n');
  });
});
