import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../helpers/cli';

const TYPOS = 'test/fixtures/mistakes/typos.oauth2provider.yaml';
const ENUM_CLIENT_TYPE = '"confidental" is not a valid choice for "client_type". Did you mean "confidential"? Valid choices: confidential, public.';

describe('cli: text format', () => {
  it('prints path:line:col: severity code message, 1-based, for every file of a directory, then the summary', async () => {
    const { code, stdout, stderr } = await runCli(['validate', 'test/fixtures']);
    assert.equal(stderr, '');
    assert.equal(code, 1);
    assert.equal(
      stdout,
      [
        `test/fixtures/encodings/bom.oauth2provider.yaml:1:14: error invalid-enum ${ENUM_CLIENT_TYPE}`,
        'test/fixtures/encodings/crlf.oauth2provider.yaml:2:21: error invalid-uuid "not-a-uuid" is not a valid UUID (in "authorization_flow").',
        'test/fixtures/encodings/crlf.oauth2provider.yaml:4:11: error invalid-enum "user_mail" is not a valid choice for "sub_mode". Did you mean "user_email"? Valid choices: hashed_user_id, user_id, user_uuid, user_username, user_email, user_upn.',
        'test/fixtures/mistakes/missing-required.oauth2provider.yaml:1:1: error missing-required Missing required key "name": The provider\'s name, unique across all providers on the server.',
        'test/fixtures/mistakes/missing-required.oauth2provider.yaml:1:1: error missing-required Missing required key "authorization_flow": Flow used when authorizing this provider.',
        `${TYPOS}:1:1: warning redirect-uris-empty No redirect_uris: the server then adopts the first redirect URI any client sends (CVE-2024-52289). List the allowed URIs.`,
        `${TYPOS}:3:14: error invalid-enum ${ENUM_CLIENT_TYPE}`,
        `${TYPOS}:4:1: warning unknown-key Unknown key "redirect_uri": the server silently ignores it. Did you mean "redirect_uris"?`,
        'test/fixtures/warnings/public-app.oauth2provider.yaml:4:1: warning secret-on-public-client A public client cannot keep a secret: client_secret is not used for public clients. Remove it, or make the client confidential.',
        'test/fixtures/warnings/public-app.oauth2provider.yaml:4:16: information secret-in-file A literal client secret is kept in this file. Keep secrets out of the repository: omit client_secret and the server generates one, shown once in the deploy result.',
        'test/fixtures/warnings/wiki.oauth2provider.yaml:3:16: warning redirect-uri-unescaped Unescaped "." in "https://wiki.example.com/callback": the server matches each entry as a regular expression, so "." matches any character (app.example.com also matches appXexample.com). Write "https://wiki\\.example\\.com/callback".',
        'test/fixtures/warnings/wiki.oauth2provider.yaml:4:32: warning duration-ignored-part "minuts=5" is ignored by the server: "minuts" is not a unit (microseconds, milliseconds, seconds, minutes, hours, days, weeks). This duration means 1 hour.',
        '8 files checked: 6 errors, 5 warnings.',
        '',
      ].join('\n'),
    );
  });

  it('counts columns on CRLF lines without the carriage returns', async () => {
    const { stdout } = await runCli(['validate', 'test/fixtures/encodings/crlf.oauth2provider.yaml']);
    assert.match(stdout, /^test\/fixtures\/encodings\/crlf\.oauth2provider\.yaml:4:11: error invalid-enum /m);
  });

  it('counts columns on the first line without the byte order mark, as an editor shows it', async () => {
    const { stdout } = await runCli(['validate', 'test/fixtures/encodings/bom.oauth2provider.yaml']);
    assert.equal(stdout, `test/fixtures/encodings/bom.oauth2provider.yaml:1:14: error invalid-enum ${ENUM_CLIENT_TYPE}\n1 file checked: 1 error, 0 warnings.\n`);
  });

  it('prints only the summary for clean files', async () => {
    const { code, stdout } = await runCli(['validate', 'test/fixtures/clean']);
    assert.equal(code, 0);
    assert.equal(stdout, '2 files checked: 0 errors, 0 warnings.\n');
  });

  it('prints file paths as given on the command line', async () => {
    const { stdout } = await runCli(['validate', './test/fixtures/mistakes/../mistakes/typos.oauth2provider.yaml']);
    assert.match(stdout, /^\.\/test\/fixtures\/mistakes\/\.\.\/mistakes\/typos\.oauth2provider\.yaml:3:14: error invalid-enum /m);
    assert.match(stdout, /^1 file checked: 1 error, 2 warnings\.$/m);
  });
});
