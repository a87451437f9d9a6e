import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { bundledProfiles, Profile } from '../../common/profiles';
import { DEFAULT_SETTINGS } from '../../common/settings';
import { Finding } from '../../server/src/service/findings';
import { parseText } from '../../server/src/service/parsedDocument';
import { validate } from '../../server/src/service/validation';

const FIXTURES = path.resolve(__dirname, '../fixtures');

function fixtureText(relative: string): string {
  return fs.readFileSync(path.join(FIXTURES, relative), 'utf8').replace(/^\uFEFF/, '');
}

/** Every finding of a fixture checked against one profile (whatever its comment says), with every rule on. */
function check(relative: string, profile: Profile): { text: string; findings: Finding[]; at: (f: Finding) => string } {
  const text = fixtureText(relative);
  const parsed = parseText(text, { maxFileSize: 1e6 });
  const findings = validate(parsed, { rules: DEFAULT_SETTINGS.rules, maxFileSize: 1e6, profile, release: profile.releases.from });
  const pos = (offset: number) => {
    const { line, col } = parsed.lineCounter.linePos(offset);
    return `${line - 1}:${col - 1}`;
  };
  return { text, findings, at: (f) => `${f.code}@${pos(f.start)}-${pos(f.end)}` };
}

/**
 * Each fixture × each bundled profile: code and range (0-based line:character) of every finding.
 * The 2024.8-shaped fixtures show where each shape change bites: the list form of redirect_uris from
 * 2024.8.5 (not 2024.10.0 to 2024.10.2), invalidation_flow required from 2024.10.0. The 2026-shaped
 * one shows each field that older releases do not have.
 */
const MATRIX: Record<string, Record<string, string[]>> = {
  'clean/grafana.oauth2provider.yaml': {
    '2023.5.0': [],
    '2024.8.5': ['wrong-type@6:15-7:51'],
    '2024.10.0': ['missing-required@2:0-2:13'],
    '2024.10.3': ['missing-required@2:0-2:13', 'wrong-type@6:15-7:51'],
    '2024.12.0': ['missing-required@2:0-2:13', 'wrong-type@6:15-7:51'],
    '2025.8.0': ['missing-required@2:0-2:13', 'wrong-type@6:15-7:51'],
    '2025.10.0': ['missing-required@2:0-2:13', 'wrong-type@6:15-7:51'],
    '2026.5.0': ['missing-required@2:0-2:13', 'wrong-type@6:15-7:51'],
  },
  'clean/nested/deeper/gitea.oauth2provider.yml': {
    '2023.5.0': [],
    '2024.8.5': ['wrong-type@4:15-4:73'],
    '2024.10.0': ['missing-required@1:0-1:11'],
    '2024.10.3': ['missing-required@1:0-1:11', 'wrong-type@4:15-4:73'],
    '2024.12.0': ['missing-required@1:0-1:11', 'wrong-type@4:15-4:73'],
    '2025.8.0': ['missing-required@1:0-1:11', 'wrong-type@4:15-4:73'],
    '2025.10.0': ['missing-required@1:0-1:11', 'wrong-type@4:15-4:73'],
    '2026.5.0': ['missing-required@1:0-1:11', 'wrong-type@4:15-4:73'],
  },
  'encodings/bom.oauth2provider.yaml': {
    '2023.5.0': ['invalid-enum@0:13-0:24'],
    '2024.8.5': ['invalid-enum@0:13-0:24', 'wrong-type@3:15-3:43'],
    '2024.10.0': ['missing-required@0:0-0:24', 'invalid-enum@0:13-0:24'],
    '2024.10.3': ['missing-required@0:0-0:24', 'invalid-enum@0:13-0:24', 'wrong-type@3:15-3:43'],
    '2024.12.0': ['missing-required@0:0-0:24', 'invalid-enum@0:13-0:24', 'wrong-type@3:15-3:43'],
    '2025.8.0': ['missing-required@0:0-0:24', 'invalid-enum@0:13-0:24', 'wrong-type@3:15-3:43'],
    '2025.10.0': ['missing-required@0:0-0:24', 'invalid-enum@0:13-0:24', 'wrong-type@3:15-3:43'],
    '2026.5.0': ['missing-required@0:0-0:24', 'invalid-enum@0:13-0:24', 'wrong-type@3:15-3:43'],
  },
  'encodings/crlf.oauth2provider.yaml': {
    '2023.5.0': ['invalid-uuid@2:20-2:30', 'invalid-enum@4:10-4:19'],
    '2024.8.5': ['invalid-uuid@2:20-2:30', 'wrong-type@3:15-3:44', 'invalid-enum@4:10-4:19'],
    '2024.10.0': ['missing-required@1:0-1:19', 'invalid-uuid@2:20-2:30', 'invalid-enum@4:10-4:19'],
    '2024.10.3': ['missing-required@1:0-1:19', 'invalid-uuid@2:20-2:30', 'wrong-type@3:15-3:44', 'invalid-enum@4:10-4:19'],
    '2024.12.0': ['missing-required@1:0-1:19', 'invalid-uuid@2:20-2:30', 'wrong-type@3:15-3:44', 'invalid-enum@4:10-4:19'],
    '2025.8.0': ['missing-required@1:0-1:19', 'invalid-uuid@2:20-2:30', 'wrong-type@3:15-3:44', 'invalid-enum@4:10-4:19'],
    '2025.10.0': ['missing-required@1:0-1:19', 'invalid-uuid@2:20-2:30', 'wrong-type@3:15-3:44', 'invalid-enum@4:10-4:19'],
    '2026.5.0': ['missing-required@1:0-1:19', 'invalid-uuid@2:20-2:30', 'wrong-type@3:15-3:44', 'invalid-enum@4:10-4:19'],
  },
  'mistakes/missing-required.oauth2provider.yaml': {
    '2023.5.0': ['missing-required@1:0-1:19', 'missing-required@1:0-1:19'],
    '2024.8.5': ['missing-required@1:0-1:19', 'missing-required@1:0-1:19', 'wrong-type@2:15-2:45'],
    '2024.10.0': ['missing-required@1:0-1:19', 'missing-required@1:0-1:19', 'missing-required@1:0-1:19'],
    '2024.10.3': ['missing-required@1:0-1:19', 'missing-required@1:0-1:19', 'missing-required@1:0-1:19', 'wrong-type@2:15-2:45'],
    '2024.12.0': ['missing-required@1:0-1:19', 'missing-required@1:0-1:19', 'missing-required@1:0-1:19', 'wrong-type@2:15-2:45'],
    '2025.8.0': ['missing-required@1:0-1:19', 'missing-required@1:0-1:19', 'missing-required@1:0-1:19', 'wrong-type@2:15-2:45'],
    '2025.10.0': ['missing-required@1:0-1:19', 'missing-required@1:0-1:19', 'missing-required@1:0-1:19', 'wrong-type@2:15-2:45'],
    '2026.5.0': ['missing-required@1:0-1:19', 'missing-required@1:0-1:19', 'missing-required@1:0-1:19', 'wrong-type@2:15-2:45'],
  },
  'mistakes/typos.oauth2provider.yaml': {
    '2023.5.0': ['redirect-uris-empty@1:0-1:13', 'invalid-enum@3:13-3:24', 'unknown-key@4:0-4:12'],
    '2024.8.5': ['missing-required@1:0-1:13', 'redirect-uris-empty@1:0-1:13', 'invalid-enum@3:13-3:24', 'unknown-key@4:0-4:12'],
    '2024.10.0': ['missing-required@1:0-1:13', 'redirect-uris-empty@1:0-1:13', 'invalid-enum@3:13-3:24', 'unknown-key@4:0-4:12'],
    '2024.10.3': ['missing-required@1:0-1:13', 'missing-required@1:0-1:13', 'redirect-uris-empty@1:0-1:13', 'invalid-enum@3:13-3:24', 'unknown-key@4:0-4:12'],
    '2024.12.0': ['missing-required@1:0-1:13', 'missing-required@1:0-1:13', 'redirect-uris-empty@1:0-1:13', 'invalid-enum@3:13-3:24', 'unknown-key@4:0-4:12'],
    '2025.8.0': ['missing-required@1:0-1:13', 'missing-required@1:0-1:13', 'redirect-uris-empty@1:0-1:13', 'invalid-enum@3:13-3:24', 'unknown-key@4:0-4:12'],
    '2025.10.0': ['missing-required@1:0-1:13', 'missing-required@1:0-1:13', 'redirect-uris-empty@1:0-1:13', 'invalid-enum@3:13-3:24', 'unknown-key@4:0-4:12'],
    '2026.5.0': ['missing-required@1:0-1:13', 'missing-required@1:0-1:13', 'redirect-uris-empty@1:0-1:13', 'invalid-enum@3:13-3:24', 'unknown-key@4:0-4:12'],
  },
  'versions/outline.oauth2provider.yaml': {
    '2023.5.0': ['field-not-in-version@4:0-4:17', 'wrong-type@7:2-8:55', 'field-not-in-version@9:0-9:11', 'field-not-in-version@12:0-12:23', 'field-not-in-version@13:0-13:10', 'field-not-in-version@14:0-14:13', 'field-not-in-version@15:0-15:22', 'field-not-in-version@16:0-16:24', 'field-not-in-version@17:0-17:14'],
    '2024.8.5': ['field-not-in-version@4:0-4:17', 'field-not-in-version@9:0-9:11', 'field-not-in-version@12:0-12:23', 'field-not-in-version@13:0-13:10', 'field-not-in-version@14:0-14:13', 'field-not-in-version@15:0-15:22', 'field-not-in-version@16:0-16:24', 'field-not-in-version@17:0-17:14'],
    '2024.10.0': ['wrong-type@7:2-8:55', 'field-not-in-version@9:0-9:11', 'field-not-in-version@12:0-12:23', 'field-not-in-version@13:0-13:10', 'field-not-in-version@14:0-14:13', 'field-not-in-version@15:0-15:22', 'field-not-in-version@16:0-16:24'],
    '2024.10.3': ['field-not-in-version@9:0-9:11', 'field-not-in-version@12:0-12:23', 'field-not-in-version@13:0-13:10', 'field-not-in-version@14:0-14:13', 'field-not-in-version@15:0-15:22', 'field-not-in-version@16:0-16:24'],
    '2024.12.0': ['field-not-in-version@9:0-9:11', 'field-not-in-version@12:0-12:23', 'field-not-in-version@13:0-13:10', 'field-not-in-version@14:0-14:13'],
    '2025.8.0': ['field-not-in-version@9:0-9:11', 'field-not-in-version@12:0-12:23', 'field-not-in-version@13:0-13:10', 'field-not-in-version@14:0-14:13'],
    '2025.10.0': ['field-not-in-version@9:0-9:11'],
    '2026.5.0': [],
  },
  'warnings/public-app.oauth2provider.yaml': {
    '2023.5.0': ['secret-on-public-client@4:0-4:13', 'secret-in-file@4:15-4:32'],
    '2024.8.5': ['secret-on-public-client@4:0-4:13', 'secret-in-file@4:15-4:32', 'wrong-type@5:15-5:45'],
    '2024.10.0': ['missing-required@1:0-1:16', 'secret-on-public-client@4:0-4:13', 'secret-in-file@4:15-4:32'],
    '2024.10.3': ['missing-required@1:0-1:16', 'secret-on-public-client@4:0-4:13', 'secret-in-file@4:15-4:32', 'wrong-type@5:15-5:45'],
    '2024.12.0': ['missing-required@1:0-1:16', 'secret-on-public-client@4:0-4:13', 'secret-in-file@4:15-4:32', 'wrong-type@5:15-5:45'],
    '2025.8.0': ['missing-required@1:0-1:16', 'secret-on-public-client@4:0-4:13', 'secret-in-file@4:15-4:32', 'wrong-type@5:15-5:45'],
    '2025.10.0': ['missing-required@1:0-1:16', 'secret-on-public-client@4:0-4:13', 'secret-in-file@4:15-4:32', 'wrong-type@5:15-5:45'],
    '2026.5.0': ['missing-required@1:0-1:16', 'secret-on-public-client@4:0-4:13', 'secret-in-file@4:15-4:32', 'wrong-type@5:15-5:45'],
  },
  'warnings/wiki.oauth2provider.yaml': {
    '2023.5.0': ['redirect-uri-unescaped@3:15-3:48', 'duration-ignored-part@4:31-4:39'],
    '2024.8.5': ['wrong-type@3:15-3:48', 'duration-ignored-part@4:31-4:39'],
    '2024.10.0': ['missing-required@1:0-1:10', 'redirect-uri-unescaped@3:15-3:48', 'duration-ignored-part@4:31-4:39'],
    '2024.10.3': ['missing-required@1:0-1:10', 'wrong-type@3:15-3:48', 'duration-ignored-part@4:31-4:39'],
    '2024.12.0': ['missing-required@1:0-1:10', 'wrong-type@3:15-3:48', 'duration-ignored-part@4:31-4:39'],
    '2025.8.0': ['missing-required@1:0-1:10', 'wrong-type@3:15-3:48', 'duration-ignored-part@4:31-4:39'],
    '2025.10.0': ['missing-required@1:0-1:10', 'wrong-type@3:15-3:48', 'duration-ignored-part@4:31-4:39'],
    '2026.5.0': ['missing-required@1:0-1:10', 'wrong-type@3:15-3:48', 'duration-ignored-part@4:31-4:39'],
  },
};

const byId = (id: string) => bundledProfiles.find((p) => p.id === id)!;

describe('every fixture against every bundled profile', () => {
  it('the matrix covers every fixture and every profile', () => {
    const found: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(path.join(FIXTURES, dir), { withFileTypes: true })) {
        const relative = path.posix.join(dir, entry.name);
        if (entry.isDirectory()) walk(relative);
        else if (/\.oauth2provider\.ya?ml$/.test(entry.name)) found.push(relative);
      }
    };
    walk('');
    assert.deepEqual(Object.keys(MATRIX).sort(), found.sort());
    for (const row of Object.values(MATRIX)) assert.deepEqual(Object.keys(row), bundledProfiles.map((p) => p.id));
  });

  for (const [fixture, row] of Object.entries(MATRIX)) {
    for (const [id, expected] of Object.entries(row)) {
      it(`${fixture} on ${id}`, () => {
        const { findings, at } = check(fixture, byId(id));
        assert.deepEqual(findings.map(at), expected);
      });
    }
  }
});

describe('the key differences, with their text', () => {
  const covered = (relative: string, id: string) => {
    const { text, findings } = check(relative, byId(id));
    return findings.map((f) => `${f.code} ${JSON.stringify(text.slice(f.start, f.end))} ${f.message}`);
  };

  it('a 2024.8.4 file: clean on its own profile; its string redirect_uris is refused from 2024.8.5; invalidation_flow is missing from 2024.10.0', () => {
    assert.deepEqual(covered('clean/nested/deeper/gitea.oauth2provider.yml', '2023.5.0'), []);
    assert.deepEqual(covered('clean/nested/deeper/gitea.oauth2provider.yml', '2024.8.5'), [
      'wrong-type "https://gitea\\\\.example\\\\.com/user/oauth2/authentik/callback" "redirect_uris" must be a list, not a string.',
    ]);
    assert.deepEqual(covered('clean/nested/deeper/gitea.oauth2provider.yml', '2024.10.0'), [
      'missing-required "name: Gitea" Missing required key "invalidation_flow": Flow used ending the session from a provider.',
    ]);
  });

  it('a 2026 file on 2023.5.0: each newer field named with the release it exists from, the list form refused', () => {
    assert.deepEqual(covered('versions/outline.oauth2provider.yaml', '2023.5.0'), [
      'field-not-in-version "invalidation_flow" "invalidation_flow" is not a field of authentik 2023.5.0; it exists from 2024.10.0. The server ignores it.',
      `wrong-type "- matching_mode: strict\\n    url: https://outline.example.com/auth/oidc.callback" "redirect_uris" must be a string, not a list.`,
      'field-not-in-version "grant_types" "grant_types" is not a field of authentik 2023.5.0; it exists from 2026.5.0. The server ignores it.',
      'field-not-in-version "refresh_token_threshold" "refresh_token_threshold" is not a field of authentik 2023.5.0; it exists from 2025.10.0. The server ignores it.',
      'field-not-in-version "logout_uri" "logout_uri" is not a field of authentik 2023.5.0; it exists from 2025.10.0. The server ignores it.',
      'field-not-in-version "logout_method" "logout_method" is not a field of authentik 2023.5.0; it exists from 2025.10.0. The server ignores it.',
      'field-not-in-version "jwt_federation_sources" "jwt_federation_sources" is not a field of authentik 2023.5.0; it exists from 2024.12.0; before, it was jwks_sources. The server ignores it.',
      'field-not-in-version "jwt_federation_providers" "jwt_federation_providers" is not a field of authentik 2023.5.0; it exists from 2024.12.0. The server ignores it.',
      'field-not-in-version "encryption_key" "encryption_key" is not a field of authentik 2023.5.0; it exists from 2024.10.0. The server ignores it.',
    ]);
  });

  it('the same file on 2025.10.0 lacks only grant_types, and is clean on 2026.5.0', () => {
    assert.deepEqual(covered('versions/outline.oauth2provider.yaml', '2025.10.0'), [
      'field-not-in-version "grant_types" "grant_types" is not a field of authentik 2025.10.0; it exists from 2026.5.0. The server ignores it.',
    ]);
    assert.deepEqual(covered('versions/outline.oauth2provider.yaml', '2026.5.0'), []);
  });
});
