import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../helpers/cli';
import { tempTree } from './tempTree';

describe('cli: github format', () => {
  it('prints one workflow command per finding, errors as ::error and warnings as ::warning, with 1-based positions', async () => {
    const { code, stdout } = await runCli(['validate', '--format', 'github', 'test/fixtures/mistakes']);
    assert.equal(code, 1);
    const missing = 'file=test/fixtures/mistakes/missing-required.oauth2provider.yaml,line=2,col=1,endLine=2,endColumn=19,title=authentik missing-required';
    const typos = 'file=test/fixtures/mistakes/typos.oauth2provider.yaml';
    assert.equal(
      stdout,
      [
        `::error ${missing}::Missing required key "name": The provider's name, unique across all providers on the server.`,
        `::error ${missing}::Missing required key "authorization_flow": Flow used when authorizing this provider.`,
        `::warning ${typos},line=2,col=1,endLine=2,endColumn=13,title=authentik redirect-uris-empty::No redirect_uris: the server then adopts the first redirect URI any client sends (CVE-2024-52289). List the allowed URIs.`,
        `::error ${typos},line=4,col=14,endLine=4,endColumn=24,title=authentik invalid-enum::"confidental" is not a valid choice for "client_type". Did you mean "confidential"? Valid choices: confidential, public.`,
        `::warning ${typos},line=5,col=1,endLine=5,endColumn=12,title=authentik unknown-key::Unknown key "redirect_uri": the server silently ignores it. Did you mean "redirect_uris"?`,
        '',
      ].join('\n'),
    );
  });

  it('prints information findings as ::notice', async () => {
    const { code, stdout } = await runCli(['validate', '--format', 'github', 'test/fixtures/warnings/public-app.oauth2provider.yaml']);
    assert.equal(code, 0);
    const lines = stdout.trimEnd().split('\n');
    assert.deepEqual(
      lines.map((line) => line.slice(0, line.indexOf('::', 2))),
      [
        '::warning file=test/fixtures/warnings/public-app.oauth2provider.yaml,line=5,col=1,endLine=5,endColumn=13,title=authentik secret-on-public-client',
        '::notice file=test/fixtures/warnings/public-app.oauth2provider.yaml,line=5,col=16,endLine=5,endColumn=32,title=authentik secret-in-file',
      ],
    );
    assert.ok(!stdout.includes('not-a-real-secret'), 'the secret itself must never be printed');
  });

  it('prints nothing at all for clean files (no summary line to confuse the runner)', async () => {
    const { code, stdout } = await runCli(['validate', '--format', 'github', 'test/fixtures/clean']);
    assert.equal(code, 0);
    assert.equal(stdout, '');
  });

  describe('escaping', () => {
    // A file name with "," ":" "%" and a key with "%", CR, LF, "," and ":" in it.
    const root = tempTree({
      'odd,name:1%.oauth2provider.yaml': 'name: Odd\nauthorization_flow: 8f3b0c7e-6a44-4b1e-9a5e-1f2d3c4b5a60\nredirect_uris: https://odd\\.example\\.com/cb\n"50%\\r\\nof, keys:": 1\n',
    });

    it('escapes % CR LF in the message and also , : in properties', async () => {
      const { stdout } = await runCli(['validate', '--format', 'github', '--server-version', '2024.8.4', '.'], { cwd: root });
      assert.equal(
        stdout,
        '::warning file=odd%2Cname%3A1%25.oauth2provider.yaml,line=4,col=1,endLine=4,endColumn=18,title=authentik unknown-key::' +
          'Unknown key "50%25%0D%0Aof, keys:": the server silently ignores it.\n',
      );
    });
  });
});
