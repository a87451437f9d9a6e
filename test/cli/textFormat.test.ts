import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../helpers/cli';

const TYPOS = 'test/fixtures/mistakes/typos.oauth2provider.yaml';
const MISSING_INVALIDATION_FLOW = 'Missing required key "invalidation_flow": Flow used ending the session from a provider.';
const ENUM_CLIENT_TYPE = '"confidental" is not a valid choice for "client_type". Did you mean "confidential"? Valid choices: confidential, public.';

describe('cli: text format', () => {
  it('prints path:line:col: severity code message, 1-based, for every file of a directory, then the summary', async () => {
    const { code, stdout, stderr } = await runCli(['validate', 'test/fixtures']);
    assert.equal(stderr, '');
    assert.equal(code, 1);
    assert.equal(
      stdout,
      [
        `test/fixtures/encodings/bom.oauth2provider.yaml:1:1: error missing-required ${MISSING_INVALIDATION_FLOW}`,
        `test/fixtures/encodings/bom.oauth2provider.yaml:1:14: error invalid-enum ${ENUM_CLIENT_TYPE}`,
        'test/fixtures/encodings/bom.oauth2provider.yaml:4:16: error wrong-type "redirect_uris" must be a list, not a string.',
        'test/fixtures/encodings/crlf.oauth2provider.yaml:3:21: error invalid-uuid "not-a-uuid" is not a valid UUID (in "authorization_flow").',
        'test/fixtures/encodings/crlf.oauth2provider.yaml:5:11: error invalid-enum "user_mail" is not a valid choice for "sub_mode". Did you mean "user_email"? Valid choices: hashed_user_id, user_id, user_uuid, user_username, user_email, user_upn.',
        'test/fixtures/mistakes/missing-required.oauth2provider.yaml:2:1: error missing-required Missing required key "name": The provider\'s name, unique across all providers on the server.',
        'test/fixtures/mistakes/missing-required.oauth2provider.yaml:2:1: error missing-required Missing required key "authorization_flow": Flow used when authorizing this provider.',
        `${TYPOS}:2:1: warning redirect-uris-empty No redirect_uris: the server then adopts the first redirect URI any client sends (CVE-2024-52289). List the allowed URIs.`,
        `${TYPOS}:4:14: error invalid-enum ${ENUM_CLIENT_TYPE}`,
        `${TYPOS}:5:1: warning unknown-key Unknown key "redirect_uri": the server silently ignores it. Did you mean "redirect_uris"?`,
        'test/fixtures/warnings/public-app.oauth2provider.yaml:5:1: warning secret-on-public-client A public client cannot keep a secret: client_secret is not used for public clients. Remove it, or make the client confidential.',
        'test/fixtures/warnings/public-app.oauth2provider.yaml:5:16: information secret-in-file A literal client secret is kept in this file. Keep secrets out of the repository: read it from the environment when deploying (client_secret: !env NAME), or omit client_secret and the server generates one, shown once in the deploy result.',
        'test/fixtures/warnings/wiki.oauth2provider.yaml:4:16: warning redirect-uri-unescaped Unescaped "." in "https://wiki.example.com/callback": the server matches each entry as a regular expression, so "." matches any character (app.example.com also matches appXexample.com). Write "https://wiki\\.example\\.com/callback".',
        'test/fixtures/warnings/wiki.oauth2provider.yaml:5:32: warning duration-ignored-part "minuts=5" is ignored by the server: "minuts" is not a unit (microseconds, milliseconds, seconds, minutes, hours, days, weeks). This duration means 1 hour.',
        // Every fixture but the one with a byte order mark and the one for the newest release names its release in a comment.
        'Checked for authentik 2024.8.4 (from the comment on line 1): 7 files; authentik 2026.5.0 (the newest known release): 2 files.',
        '9 files checked: 8 errors, 5 warnings.',
        '',
      ].join('\n'),
    );
  });

  it('counts columns on CRLF lines without the carriage returns', async () => {
    const { stdout } = await runCli(['validate', 'test/fixtures/encodings/crlf.oauth2provider.yaml']);
    assert.match(stdout, /^test\/fixtures\/encodings\/crlf\.oauth2provider\.yaml:5:11: error invalid-enum /m);
  });

  it('counts columns on the first line without the byte order mark, as an editor shows it', async () => {
    const { stdout } = await runCli(['validate', '--server-version', '2024.8.4', 'test/fixtures/encodings/bom.oauth2provider.yaml']);
    assert.equal(
      stdout,
      `test/fixtures/encodings/bom.oauth2provider.yaml:1:14: error invalid-enum ${ENUM_CLIENT_TYPE}\nChecked for authentik 2024.8.4 (from the setting authentik.serverVersion).\n1 file checked: 1 error, 0 warnings.\n`,
    );
  });

  it('checks a file without a version comment for the newest release, and says so', async () => {
    const { code, stdout } = await runCli(['validate', 'test/fixtures/encodings/bom.oauth2provider.yaml']);
    assert.equal(code, 1);
    assert.equal(
      stdout,
      [
        `test/fixtures/encodings/bom.oauth2provider.yaml:1:1: error missing-required ${MISSING_INVALIDATION_FLOW}`,
        `test/fixtures/encodings/bom.oauth2provider.yaml:1:14: error invalid-enum ${ENUM_CLIENT_TYPE}`,
        'test/fixtures/encodings/bom.oauth2provider.yaml:4:16: error wrong-type "redirect_uris" must be a list, not a string.',
        'Checked for authentik 2026.5.0 (the newest known release).',
        '1 file checked: 3 errors, 0 warnings.',
        '',
      ].join('\n'),
    );
  });

  it('--server-version applies to files without a comment; a file\'s comment still wins', async () => {
    const bom = 'test/fixtures/encodings/bom.oauth2provider.yaml';
    const { stdout } = await runCli(['validate', '--server-version', '2026.2', bom, 'test/fixtures/clean/grafana.oauth2provider.yaml']);
    assert.match(stdout, /^Checked for authentik 2026\.2\.2 \(from the setting authentik\.serverVersion\): 1 file; authentik 2024\.8\.4 \(from the comment on line 1\): 1 file\.$/m);
    assert.match(stdout, /bom\.oauth2provider\.yaml:1:1: error missing-required Missing required key "invalidation_flow"/);
  });

  it('refuses a --server-version that names no release, with the known versions', async () => {
    const { code, stdout, stderr } = await runCli(['validate', '--server-version', '2024.3', 'test/fixtures/clean']);
    assert.equal(code, 2);
    assert.equal(stdout, '');
    assert.match(stderr, /--server-version: "2024\.3" is not a known authentik release: write a release line such as 2026\.2 or a release such as 2024\.8\.4; the profiles know 2023\.5, .*, 2026\.5\./);
  });

  it('prints only the profile and the summary for clean files', async () => {
    const { code, stdout } = await runCli(['validate', 'test/fixtures/clean']);
    assert.equal(code, 0);
    assert.equal(stdout, 'Checked for authentik 2024.8.4 (from the comment on line 1).\n2 files checked: 0 errors, 0 warnings.\n');
  });

  it('prints file paths as given on the command line', async () => {
    const { stdout } = await runCli(['validate', './test/fixtures/mistakes/../mistakes/typos.oauth2provider.yaml']);
    assert.match(stdout, /^\.\/test\/fixtures\/mistakes\/\.\.\/mistakes\/typos\.oauth2provider\.yaml:4:14: error invalid-enum /m);
    assert.match(stdout, /^1 file checked: 1 error, 2 warnings\.$/m);
  });
});
