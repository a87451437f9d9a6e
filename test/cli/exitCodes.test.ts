import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PACKAGE_VERSION, runCli, validateJson } from '../helpers/cli';

const GRAFANA = 'test/fixtures/clean/grafana.oauth2provider.yaml';
const TYPOS = 'test/fixtures/mistakes/typos.oauth2provider.yaml';
const WIKI = 'test/fixtures/warnings/wiki.oauth2provider.yaml';

describe('cli: exit codes', () => {
  it('0 when there are warnings but no errors', async () => {
    const { code, stdout } = await runCli(['validate', 'test/fixtures/clean', 'test/fixtures/warnings']);
    assert.equal(code, 0);
    assert.match(stdout, /^4 files checked: 0 errors, 3 warnings\.$/m);
  });

  it('1 when a file has an error', async () => {
    assert.equal((await runCli(['validate', GRAFANA, TYPOS])).code, 1);
  });

  it('--max-warnings fails on more warnings than allowed, not on as many', async () => {
    assert.equal((await runCli(['validate', '--max-warnings', '0', WIKI])).code, 1);
    assert.equal((await runCli(['validate', '--max-warnings', '1', WIKI])).code, 1);
    assert.equal((await runCli(['validate', '--max-warnings', '2', WIKI])).code, 0);
    assert.equal((await runCli(['validate', '--max-warnings=0', GRAFANA])).code, 0);
  });

  it('2 for a missing path, after checking and reporting the other files', async () => {
    const { code, stdout, stderr } = await runCli(['validate', TYPOS, 'test/fixtures/no-such.oauth2provider.yaml', GRAFANA]);
    assert.equal(code, 2);
    assert.equal(stderr, 'authentik-oauth2: test/fixtures/no-such.oauth2provider.yaml: no such file or directory\n');
    assert.match(stdout, /^test\/fixtures\/mistakes\/typos\.oauth2provider\.yaml:4:14: error invalid-enum /m);
    assert.match(stdout, /^2 files checked: 1 error, 2 warnings\.$/m);
  });

  it('2 for a glob that matches nothing', async () => {
    const { code, stderr } = await runCli(['validate', 'test/fixtures/**/*.nothing.yaml', GRAFANA]);
    assert.equal(code, 2);
    assert.equal(stderr, 'authentik-oauth2: test/fixtures/**/*.nothing.yaml: no file matches this pattern\n');
  });
});

describe('cli: usage errors exit with 2 and say why on stderr', () => {
  const usage = async (args: string[], message: RegExp) => {
    const { code, stdout, stderr } = await runCli(args);
    assert.equal(code, 2, args.join(' '));
    assert.equal(stdout, '', 'nothing on stdout for a usage error');
    assert.match(stderr, message);
  };

  it('an unknown --format', () => usage(['validate', '--format', 'xml', GRAFANA], /^authentik-oauth2 validate: unknown format "xml" \(use text, github, sarif, json, markdown\)\n/));
  it('an unknown option', () => usage(['validate', '--fix', GRAFANA], /^authentik-oauth2 validate: .*'--fix'/));
  it('an unknown --disable rule', () =>
    usage(['validate', '--disable', 'redirectUri', GRAFANA], /^authentik-oauth2 validate: unknown rule "redirectUri" \(rules: durations, redirectUris, clientSecret, unknownKeys, readOnlyKeys, references\)\n/));
  it('a --max-warnings that is not a whole number', () => usage(['validate', '--max-warnings', 'many', GRAFANA], /--max-warnings takes a whole number/));
  it('a negative --max-warnings', () => usage(['validate', '--max-warnings=-1', GRAFANA], /--max-warnings takes a whole number/));
  it('an unknown command', () => usage(['lint', GRAFANA], /^authentik-oauth2: unknown command "lint"\n/));
});

describe('cli: --disable', () => {
  it('--disable redirectUris removes the redirect URI warnings and keeps the others', async () => {
    const before = await validateJson([WIKI]);
    assert.deepEqual(before.report.files[0].diagnostics.map((d) => d.code), ['redirect-uri-unescaped', 'duration-ignored-part']);
    const after = await validateJson(['--disable', 'redirectUris', WIKI]);
    assert.deepEqual(after.report.files[0].diagnostics.map((d) => d.code), ['duration-ignored-part']);
    assert.deepEqual(after.report.summary, { files: 1, errors: 0, warnings: 1 });
  });

  it('can be repeated', async () => {
    const { result, report } = await validateJson(['--disable', 'redirectUris', '--disable', 'durations', WIKI, '--max-warnings', '0']);
    assert.deepEqual(report.files[0].diagnostics, []);
    assert.equal(result.code, 0);
  });
});

describe('cli: --help and --version', () => {
  it('--help prints the usage on stdout and exits 0', async () => {
    const { code, stdout, stderr } = await runCli(['--help']);
    assert.equal(code, 0);
    assert.equal(stderr, '');
    assert.match(stdout, /^Usage: authentik-oauth2 <command> \[options\]\n/);
    for (const option of ['--format text|github|sarif|json', '--max-warnings N', '--disable RULE', '--max-file-size BYTES']) assert.ok(stdout.includes(option), option);
  });

  it('validate --help prints the usage too, instead of calling --help an unknown option', async () => {
    const { code, stdout, stderr } = await runCli(['validate', '--help']);
    assert.equal(code, 0);
    assert.equal(stderr, '');
    assert.match(stdout, /^Usage: authentik-oauth2 <command> \[options\]\n/);
  });

  it('no command at all prints the usage and exits 2', async () => {
    const { code, stdout } = await runCli([]);
    assert.equal(code, 2);
    assert.match(stdout, /^Usage: authentik-oauth2/);
  });

  it('--version prints the package version', async () => {
    assert.deepEqual(await runCli(['--version']), { code: 0, stdout: `${PACKAGE_VERSION}\n`, stderr: '' });
  });
});
