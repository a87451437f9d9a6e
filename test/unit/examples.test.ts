import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { newestProfile } from '../../common/profiles';
import { DEFAULT_SETTINGS } from '../../common/settings';
import { migrate, versionLabel } from '../../server/src/service/migration';
import { applyEdits } from '../../server/src/service/pairEdits';
import { parseText } from '../../server/src/service/parsedDocument';
import { resolveProfile } from '../../server/src/service/profileResolution';
import { validate } from '../../server/src/service/validation';

const EXAMPLES = path.resolve(__dirname, '../../examples');
/** The test server's default-provider-invalidation-flow. */
const INVALIDATION_FLOW = '8e7d6c5b-4a3f-4e2d-9c1b-0a9f8e7d6c05';
const files = fs.readdirSync(EXAMPLES).filter((f) => f.endsWith('.oauth2provider.yaml')).sort();

/** The errors each example is written to show (from its own comments); every other example has none. */
const INTENDED_ERRORS: Record<string, string[]> = {
  'jenkins.oauth2provider.yaml': ['missing-required authorization_flow'],
  'wiki.oauth2provider.yaml': ['missing-required redirect_uris', 'invalid-enum client_type'],
};

function errorsOf(text: string): string[] {
  const parsed = parseText(text, { maxFileSize: DEFAULT_SETTINGS.maxFileSize });
  const profile = resolveProfile(parsed, { settingVersion: 'auto' });
  assert.equal(profile.profile.id, newestProfile().id, `checked for ${profile.release}`);
  return validate(parsed, { rules: DEFAULT_SETTINGS.rules, maxFileSize: DEFAULT_SETTINGS.maxFileSize, profile: profile.profile, profileFindings: profile.findings })
    .filter((f) => f.severity === 'error')
    .map((f) => `${f.code} ${f.data?.key ?? ''}`.trim());
}

describe('examples/', () => {
  it('holds the examples for the newest release and one in the 2024.8 shape', () => {
    const comments = files.map((f) => /^# authentik-version: (\S+)$/m.exec(fs.readFileSync(path.join(EXAMPLES, f), 'utf8'))?.[1]);
    assert.deepEqual(comments.filter((c) => c !== versionLabel(newestProfile()) && c !== undefined), ['2024.8.4']);
    assert.ok(files.length >= 7, files.join());
  });

  for (const file of files) {
    it(`${file}, migrated to the newest release, has no error there but those it is written to show`, () => {
      const text = fs.readFileSync(path.join(EXAMPLES, file), 'utf8');
      const result = migrate(parseText(text, { maxFileSize: DEFAULT_SETTINGS.maxFileSize }), { profile: newestProfile(), version: versionLabel(newestProfile()) }, { invalidationFlow: INVALIDATION_FLOW });
      assert.ok(result.ok, result.ok ? '' : result.reason);
      assert.deepEqual(errorsOf(applyEdits(text, result.edits)), INTENDED_ERRORS[file] ?? []);
    });
  }
});
