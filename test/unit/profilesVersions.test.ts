import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  compareVersions,
  formatVersion,
  knownReleases,
  knownVersions,
  knownVersionsText,
  newestProfile,
  parseVersion,
  profileForVersion,
  ProfileLookup,
} from '../../common/profiles';

/** A lookup as one line: profile id, release, kind, exact, newerThanBundled. */
function summary(lookup: ProfileLookup): string {
  if ('error' in lookup) return `error: ${lookup.error}`;
  return `${lookup.profile.id} ${lookup.release} ${lookup.kind}${lookup.exact ? ' exact' : ''}${lookup.newerThanBundled ? ' newer' : ''}`;
}

describe('parseVersion', () => {
  it('reads a release line, a release and a release candidate', () => {
    assert.deepEqual(parseVersion('2026.2'), { year: 2026, month: 2 });
    assert.deepEqual(parseVersion('2024.8.4'), { year: 2024, month: 8, patch: 4 });
    assert.deepEqual(parseVersion('2026.8.0-rc1'), { year: 2026, month: 8, patch: 0, prerelease: 'rc1' });
  });

  it('takes surrounding blanks, a leading v and leading zeros', () => {
    assert.deepEqual(parseVersion(' 2024.08.4 '), { year: 2024, month: 8, patch: 4 });
    assert.equal(formatVersion(parseVersion('v2024.08.04')!), '2024.8.4');
  });

  it('refuses what is not a version', () => {
    for (const text of ['', '2024', '2024.', '2024.8.', '2024.8.4.1', '24.8.4', '2024.13.0', '2024.0.1', '2026.8-rc1', 'latest', '2024.8.4 2024.8.5', '2024.8.x', `2024.8.${'1'.repeat(40)}`]) {
      assert.equal(parseVersion(text), undefined, text);
    }
  });

  it('orders releases, lines and release candidates', () => {
    const order = ['2023.5.0', '2024.8', '2024.8.4', '2024.8.5', '2024.10.0-rc1', '2024.10.0', '2024.12.0', '2026.8.0-rc1', '2026.8.0-rc2', '2026.8.0-rc10', '2026.8.0'];
    const parsed = order.map((v) => parseVersion(v)!);
    const sorted = [...parsed].sort(compareVersions).map(formatVersion);
    assert.deepEqual(sorted, order);
    assert.equal(compareVersions(parseVersion('2024.10')!, parseVersion('2024.10.0')!), 0);
  });
});

describe('profileForVersion', () => {
  it('maps every boundary release to its profile', () => {
    const cases: Record<string, string> = {
      '2023.5.0': '2023.5.0 2023.5.0 release exact',
      '2024.8.4': '2023.5.0 2024.8.4 release exact',
      '2024.8.5': '2024.8.5 2024.8.5 release exact',
      '2024.8.6': '2024.8.5 2024.8.6 release exact',
      '2024.10.0': '2024.10.0 2024.10.0 release exact',
      '2024.10.2': '2024.10.0 2024.10.2 release exact',
      '2024.10.3': '2024.10.3 2024.10.3 release exact',
      '2024.10.5': '2024.10.3 2024.10.5 release exact',
      '2024.12.0': '2024.12.0 2024.12.0 release exact',
      '2025.6.4': '2024.12.0 2025.6.4 release exact',
      '2025.8.0': '2025.8.0 2025.8.0 release exact',
      '2025.8.6': '2025.8.0 2025.8.6 release exact',
      '2025.10.0': '2025.10.0 2025.10.0 release exact',
      '2026.2.2': '2025.10.0 2026.2.2 release exact',
      '2026.5.0': '2026.5.0 2026.5.0 release exact',
      '2026.8.6': '2026.5.0 2026.8.6 newer newer',
      '2027.1.0': '2026.5.0 2027.1.0 newer newer',
    };
    assert.deepEqual(Object.fromEntries(Object.keys(cases).map((v) => [v, summary(profileForVersion(v))])), cases);
  });

  it('reads a release line as its newest known release', () => {
    assert.equal(summary(profileForVersion('2024.8')), '2024.8.5 2024.8.6 line exact');
    assert.equal(summary(profileForVersion('2024.10')), '2024.10.3 2024.10.5 line exact');
    assert.equal(summary(profileForVersion('2026.2')), '2025.10.0 2026.2.2 line exact');
    assert.equal(summary(profileForVersion('2023.5')), '2023.5.0 2023.5.6 line exact');
    assert.equal(summary(profileForVersion('2026.8')), '2026.5.0 2026.8 newer newer');
  });

  it('a release the table does not list still gets the profile of its place in the order, not exact', () => {
    assert.equal(summary(profileForVersion('2026.5.3')), '2026.5.0 2026.5.3 unlisted');
    assert.equal(summary(profileForVersion('2024.8.7')), '2024.8.5 2024.8.7 unlisted');
    assert.equal(summary(profileForVersion('2024.9')), '2024.8.5 2024.9 unlisted');
    assert.equal(summary(profileForVersion('2024.10.3-rc1')), '2024.10.3 2024.10.3-rc1 unlisted');
    assert.equal(summary(profileForVersion('2026.8.0-rc1')), '2026.5.0 2026.8.0-rc1 newer newer');
  });

  it('takes a parsed version as well as text', () => {
    assert.equal(summary(profileForVersion({ year: 2024, month: 10, patch: 1 })), '2024.10.0 2024.10.1 release exact');
  });

  it('refuses a release older than 2023.5.0 and text that is not a version, listing the known versions', () => {
    assert.equal(summary(profileForVersion('2023.4.3')), 'error: authentik 2023.4.3 is older than every supported release: the profiles start at 2023.5.0.');
    assert.equal(summary(profileForVersion('2022.12')), 'error: authentik 2022.12 is older than every supported release: the profiles start at 2023.5.0.');
    assert.equal(
      summary(profileForVersion('2024.x')),
      'error: "2024.x" is not an authentik version: write a release line such as 2026.2 or a release such as 2024.8.4; the profiles know 2023.5, 2023.6, 2023.8, 2023.10, 2024.2, 2024.4, 2024.6, 2024.8, 2024.10, 2024.12, 2025.2, 2025.4, 2025.6, 2025.8, 2025.10, 2025.12, 2026.2, 2026.5.',
    );
  });

  it('the newest profile is the one for releases after every bundled one', () => {
    assert.equal(newestProfile().id, '2026.5.0');
    assert.equal(newestProfile().label, 'authentik 2026.5.0 and later');
  });
});

describe('known versions', () => {
  it('lists the release lines for messages and every release they hold', () => {
    assert.deepEqual(knownVersions(), ['2023.5', '2023.6', '2023.8', '2023.10', '2024.2', '2024.4', '2024.6', '2024.8', '2024.10', '2024.12', '2025.2', '2025.4', '2025.6', '2025.8', '2025.10', '2025.12', '2026.2', '2026.5']);
    const releases = knownReleases();
    assert.equal(releases[0], '2023.5.0');
    assert.equal(releases[releases.length - 1], '2026.5.0');
    assert.equal(releases.length, 7 + 3 + 8 + 8 + 5 + 5 + 6 + 7 + 6 + 6 + 5 + 5 + 5 + 7 + 5 + 5 + 3 + 1);
    assert.ok(releases.includes('2024.8.5') && releases.includes('2024.10.3') && !releases.includes('2024.8.7'));
    assert.match(knownVersionsText(), /^a release line such as 2026\.2 or a release such as 2024\.8\.4; the profiles know 2023\.5, .*, 2026\.5$/);
  });
});
