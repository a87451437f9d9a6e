import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { bundledProfiles } from '../../common/profiles';
import { migrate, migrationTarget, MigrationOptions, versionLabel } from '../../server/src/service/migration';
import { applyEdits } from '../../server/src/service/pairEdits';
import { parseText } from '../../server/src/service/parsedDocument';

const FLOW = '3f8c9d2e-1b4a-4c6d-9e8f-0a1b2c3d4e5f';
const INVALIDATION = '7d6c5b4a-3f2e-4d1c-8b0a-9f8e7d6c5b04';

function run(text: string, version: string, options: MigrationOptions = {}) {
  const target = migrationTarget(version);
  assert.ok(!('error' in target), 'error' in target ? target.error : '');
  return migrate(parseText(text, { maxFileSize: 1 << 20 }), target, options);
}

/** The migrated text; migrating it again must change nothing. */
function migrated(text: string, version: string, options: MigrationOptions = {}): string {
  const result = run(text, version, options);
  assert.ok(result.ok, result.ok ? '' : result.reason);
  const out = applyEdits(text, result.edits);
  const again = run(out, version, options);
  assert.ok(again.ok && again.edits.length === 0, `migrating twice changed the text again: ${JSON.stringify(again)}`);
  return out;
}

function refused(text: string, version: string): string {
  const result = run(text, version);
  assert.ok(!result.ok, 'expected the migration to be refused');
  return result.reason;
}

const OLD = `# Grafana, signing in through authentik
name: Grafana  # shown on the consent page
authorization_flow: ${FLOW}
redirect_uris: |  # the callbacks
  https://grafana\\.example\\.com/login/generic_oauth
  https://.*\\.example\\.com/cb
jwks_sources: []
client_type: confidential
`;

describe('migration to the list form', () => {
  it('converts the string, renames jwks_sources, adds invalidation_flow and the comment, keeping comments and key order', () => {
    assert.equal(migrated(OLD, '2026.5', { invalidationFlow: INVALIDATION }), `# authentik-version: 2026.5
# Grafana, signing in through authentik
name: Grafana  # shown on the consent page
authorization_flow: ${FLOW}
invalidation_flow: ${INVALIDATION}
redirect_uris: # the callbacks
  - matching_mode: strict
    url: https://grafana.example.com/login/generic_oauth
  - matching_mode: regex
    url: https://.*\\.example\\.com/cb
jwt_federation_sources: []
client_type: confidential
`);
  });

  it('without a server, adds a blank invalidation_flow with a note, which stays an error until filled', () => {
    const out = migrated(`name: a\nauthorization_flow: ${FLOW}\nredirect_uris: https://a.example.com/cb\n`, '2024.10.3');
    assert.equal(out, `# authentik-version: 2024.10.3\nname: a\nauthorization_flow: ${FLOW}\ninvalidation_flow: ""  # TODO: the UUID of an invalidation flow (default-provider-invalidation-flow)\nredirect_uris:\n  - matching_mode: strict\n    url: https://a.example.com/cb\n`);
  });

  it('splits on any Python whitespace, reads exactly * as any URI, and keeps a trailing comment', () => {
    assert.equal(
      migrated('redirect_uris: "https://a\\\\.b/cb\\u00a0https://c/cb"  # two\n', '2026.5'),
      '# authentik-version: 2026.5\nredirect_uris:\n  - matching_mode: strict\n    url: https://a.b/cb\n  - matching_mode: strict\n    url: https://c/cb  # two\n' +
        'invalidation_flow: ""  # TODO: the UUID of an invalidation flow (default-provider-invalidation-flow)\n',
    );
    assert.equal(
      migrated('name: a\nredirect_uris: "*"\n', '2026.5'),
      '# authentik-version: 2026.5\nname: a\nredirect_uris:\n  - matching_mode: regex\n    url: .*\ninvalidation_flow: ""  # TODO: the UUID of an invalidation flow (default-provider-invalidation-flow)\n',
    );
  });

  it('reads an entry whose only regex characters are unescaped dots as the exact URL it names', () => {
    assert.equal(
      migrated('redirect_uris: https://app.example.com/cb?a=1\n', '2024.8.5'),
      '# authentik-version: 2024.8.5\nredirect_uris:\n  - matching_mode: regex\n    url: https://app.example.com/cb?a=1\n',
    );
    assert.equal(
      migrated('redirect_uris: https://app.example.com/cb https://x\\.example\\.com/\n', '2024.8.5'),
      '# authentik-version: 2024.8.5\nredirect_uris:\n  - matching_mode: strict\n    url: https://app.example.com/cb\n  - matching_mode: strict\n    url: https://x.example.com/\n',
    );
  });

  it('makes every entry strict as written when one is not a valid Python regex, as the server compared them', () => {
    const out = migrated('redirect_uris: https://a\\.b/cb https://c/(cb\n', '2024.8.5');
    assert.equal(out, '# authentik-version: 2024.8.5\nredirect_uris:\n  - matching_mode: strict\n    url: https://a\\.b/cb\n  - matching_mode: strict\n    url: https://c/(cb\n');
  });

  it('quotes a URL that plain YAML would read otherwise, and turns an empty string into []', () => {
    assert.equal(
      migrated('redirect_uris: "[a-z]+://x/cb"\n', '2024.8.5'),
      '# authentik-version: 2024.8.5\nredirect_uris:\n  - matching_mode: regex\n    url: "[a-z]+://x/cb"\n',
    );
    assert.equal(migrated('redirect_uris: ""\n', '2024.8.5'), '# authentik-version: 2024.8.5\nredirect_uris: []\n');
  });

  it('keeps the comments between the key and a value on a later line', () => {
    assert.equal(
      migrated('redirect_uris: # the callbacks\n  # production first\n  https://a\\.example\\.com/cb\nname: a\n', '2024.8.5'),
      '# authentik-version: 2024.8.5\nredirect_uris: # the callbacks\n  # production first\n  - matching_mode: strict\n    url: https://a.example.com/cb\nname: a\n',
    );
  });

  it('keeps CRLF line ends and replaces an existing version comment in place', () => {
    const out = migrated('# a provider\r\n# authentik-version: 2024.8.4\r\nredirect_uris: https://a/cb\r\n', '2024.8.6');
    assert.equal(out, '# a provider\r\n# authentik-version: 2024.8.6\r\nredirect_uris:\r\n  - matching_mode: strict\r\n    url: https://a/cb\r\n');
  });

  it('leaves a comment that already names a release of the target profile', () => {
    const text = `# authentik-version: 2025.12\nname: a\nauthorization_flow: ${FLOW}\ninvalidation_flow: ${INVALIDATION}\nredirect_uris: []\n`;
    const result = run(text, '2026.2');
    assert.ok(result.ok);
    assert.deepEqual(result.edits, []);
  });

  it('leaves a comment naming the release of a server\'s own profile', () => {
    const newest = bundledProfiles[bundledProfiles.length - 1];
    const server = { ...newest, id: 'server-2026.5.0', releases: { from: '2026.5.0', through: '2026.5.0' } };
    assert.equal(versionLabel(server), '2026.5.0');
    const text = `# authentik-version: 2026.5.0\nname: a\nauthorization_flow: ${FLOW}\ninvalidation_flow: ${INVALIDATION}\nredirect_uris: []\n`;
    const result = migrate(parseText(text, { maxFileSize: 1 << 20 }), { profile: server, version: versionLabel(server) });
    assert.ok(result.ok);
    assert.deepEqual(result.edits, []);
  });
});

describe('migration to the string form', () => {
  it('writes strict entries as escaped literals and regex entries as they are, one per line; drops invalidation_flow', () => {
    const text = `# authentik-version: 2026.5
name: Grafana
authorization_flow: ${FLOW}
invalidation_flow: ${INVALIDATION}  # the default
redirect_uris:
  # the login callback
  - matching_mode: strict
    url: https://grafana.example.com/login?x=(1)
  - matching_mode: regex  # any subdomain
    url: https://.*\\.example\\.com/cb
    redirect_uri_type: authorization
jwt_federation_sources: []
`;
    assert.equal(migrated(text, '2024.8.4'), `# authentik-version: 2024.8.4
name: Grafana
authorization_flow: ${FLOW}
# the default
# the login callback
# any subdomain
redirect_uris: |-
  https://grafana\\.example\\.com/login\\?x=\\(1\\)
  https://.*\\.example\\.com/cb
jwks_sources: []
`);
  });

  it('keeps a byte order mark when the first key is the invalidation_flow it drops', () => {
    const text = `\uFEFFinvalidation_flow: ${INVALIDATION}\nname: a\n`;
    const result = run(text, '2024.8.4');
    assert.ok(result.ok);
    const spans = result.edits.map((e) => [e.start, e.end]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    for (let i = 1; i < spans.length; i++) assert.ok(spans[i][0] >= spans[i - 1][1], `overlapping edits ${JSON.stringify(spans)}`);
    assert.equal(migrated(text, '2024.8.4'), '\uFEFF# authentik-version: 2024.8.4\nname: a\n');
  });

  it('writes one entry as a plain string and [] as ""', () => {
    assert.equal(
      migrated('redirect_uris:\n  - matching_mode: strict\n    url: https://a.example.com/cb\n', '2024.8.4'),
      '# authentik-version: 2024.8.4\nredirect_uris: https://a\\.example\\.com/cb\n',
    );
    assert.equal(migrated('redirect_uris: []\n', '2024.10.0'), '# authentik-version: 2024.10.0\nredirect_uris: ""\ninvalidation_flow: ""  # TODO: the UUID of an invalidation flow (default-provider-invalidation-flow)\n');
  });

  it('refuses what the string form cannot say', () => {
    assert.match(refused('redirect_uris:\n  - matching_mode: strict\n    url: https://a/cb\n    redirect_uri_type: logout\n', '2024.8.4'), /entry 1 .*"logout" redirect URI/);
    assert.match(refused('redirect_uris:\n  - matching_mode: regex\n    url: https://a/(cb\n', '2024.8.4'), /not a regex Python compiles/);
    assert.match(refused('redirect_uris:\n  - matching_mode: strict\n    url: https://a/c b\n', '2024.8.4'), /white space/);
    assert.match(refused('redirect_uris:\n  - matching_mode: exact\n    url: https://a/cb\n', '2024.8.4'), /neither strict nor regex/);
    assert.match(refused('redirect_uris: [{matching_mode: strict, url: "https://a/cb"}]\n', '2024.8.4'), /flow list/);
    assert.match(refused('jwks_sources: []\njwt_federation_sources: []\n', '2026.5'), /both jwks_sources and jwt_federation_sources/);
  });

  it('drops redirect_uri_type: authorization for a list-form release before 2026.5, wherever it is in the entry', () => {
    const text = `# authentik-version: 2026.5
redirect_uris:
  - matching_mode: strict
    url: https://a.example.com/cb
    redirect_uri_type: authorization
  - redirect_uri_type: authorization
    matching_mode: regex  # any path
    url: https://b\\.example\\.com/.*
  - redirect_uri_type: authorization  # said twice
    url: https://c.example.com/cb
    matching_mode: strict
`;
    assert.equal(migrated(text, '2025.10').replace(/^invalidation_flow:.*\n/m, ''), `# authentik-version: 2025.10
redirect_uris:
  - matching_mode: strict
    url: https://a.example.com/cb
  - matching_mode: regex  # any path
    url: https://b\\.example\\.com/.*
  - redirect_uri_type: authorization  # said twice
    url: https://c.example.com/cb
    matching_mode: strict
`);
  });

  it('refuses a logout entry for a list-form release before 2026.5', () => {
    assert.match(refused('redirect_uris:\n  - matching_mode: strict\n    url: https://a/cb\n    redirect_uri_type: logout\n', '2025.10'), /logout redirect URI/);
  });
});

describe('migration input', () => {
  it('refuses broken YAML, several documents and a flow mapping', () => {
    assert.match(refused('name: [a\n', '2026.5'), /not valid YAML/);
    assert.match(refused('name: a\n---\nname: b\n', '2026.5'), /more than one YAML document/);
    assert.match(refused('{name: a}\n', '2026.5'), /flow mapping/);
  });

  it('round-trips every bundled profile pair it accepts: old → new → old gives the old file back', () => {
    const text = `# authentik-version: 2024.8.4\nname: a\nauthorization_flow: ${FLOW}\nredirect_uris: |-\n  https://a\\.example\\.com/cb\n  https://.*\\.example\\.com/x\njwks_sources: []\n`;
    for (const profile of bundledProfiles) {
      const there = migrated(text, versionLabel(profile), { invalidationFlow: INVALIDATION });
      const back = migrated(there, '2024.8.4');
      assert.equal(back, text, `via ${profile.id}`);
    }
  });

  it('names a profile by its release line when the whole line has it, else by its newest release', () => {
    assert.deepEqual(bundledProfiles.map(versionLabel), ['2024.8.4', '2024.8', '2024.10.2', '2024.10', '2025.6', '2025.8', '2026.2', '2026.5']);
  });
});
