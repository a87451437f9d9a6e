import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { bundledProfile, newestProfile, Profile } from '../../common/profiles';
import { parseText } from '../../server/src/service/parsedDocument';
import { resolveProfile, versionComment, versionProblem } from '../../server/src/service/profileResolution';
import { diagnose, summarize } from '../helpers/service';
import { SettingsBuilder } from '../helpers/settings';

const parsed = (text: string) => parseText(text, { maxFileSize: 1e6 });
const KNOWN = 'write a release line such as 2026.2 or a release such as 2024.8.4; the profiles know 2023.5, 2023.6, 2023.8, 2023.10, 2024.2, 2024.4, 2024.6, 2024.8, 2024.10, 2024.12, 2025.2, 2025.4, 2025.6, 2025.8, 2025.10, 2025.12, 2026.2, 2026.5.';

/** A server's profile: the shape of the newest bundled one, as a 2026.8.6 server's own schema would give it. */
const SERVER: Profile = { ...newestProfile(), id: 'server-2026.8.6', label: 'authentik 2026.8.6', source: 'server', releases: { from: '2026.8.6', through: '2026.8.6' }, basedOn: '2026.5.0' };

function resolved(text: string, choice: Parameters<typeof resolveProfile>[1] = {}) {
  const r = resolveProfile(parsed(text), choice);
  return { id: r.profile.id, source: r.source, release: r.release, reason: r.reason, findings: r.findings.map((f) => `${f.code}@${f.start}-${f.end} ${f.message}`) };
}

describe('which profile applies to a file', () => {
  it('without a comment, a setting or a server: the newest bundled profile', () => {
    assert.deepEqual(resolved('name: x\n'), { id: '2026.5.0', source: 'newest', release: '2026.5.0', reason: 'the newest known release', findings: [] });
    assert.deepEqual(resolved('name: x\n', { settingVersion: 'auto' }).id, '2026.5.0');
  });

  it('an exact release in the comment: its profile, whatever the setting and the server say', () => {
    assert.deepEqual(resolved('# authentik-version: 2024.8.4\nname: x\n', { settingVersion: '2026.2', serverProfile: SERVER }), {
      id: '2023.5.0',
      source: 'comment',
      release: '2024.8.4',
      reason: 'from the comment on line 1',
      findings: [],
    });
  });

  it('the boundaries inside release lines: 2024.8.5 and 2024.10.3 take the list, 2024.10.0 to 2024.10.2 the string with invalidation_flow', () => {
    const idFor = (version: string) => resolved(`# authentik-version: ${version}\n`).id;
    assert.deepEqual(
      ['2024.8.4', '2024.8.5', '2024.8.6', '2024.10.0', '2024.10.2', '2024.10.3', '2024.12.0', '2025.6.4', '2025.8.0', '2025.10.0', '2026.2.2', '2026.5.0'].map(idFor),
      ['2023.5.0', '2024.8.5', '2024.8.5', '2024.10.0', '2024.10.0', '2024.10.3', '2024.12.0', '2024.12.0', '2025.8.0', '2025.10.0', '2025.10.0', '2026.5.0'],
    );
  });

  it('a release line in the comment means its newest known patch', () => {
    const r = resolved('# authentik-version: 2026.2\n');
    assert.deepEqual([r.id, r.release], ['2025.10.0', '2026.2.2']);
    const line = resolved('# authentik-version: 2024.8\n');
    assert.deepEqual([line.id, line.release], ['2024.8.5', '2024.8.6']);
  });

  it('finds the comment among other leading comments, after blank lines, a directive and a document marker, and says on which line', () => {
    const text = '# Grafana\n\n%YAML 1.2\n---\n  #authentik-version:2025.8.6  \nname: x\n';
    assert.deepEqual(versionComment(text), { text: '2025.8.6', start: text.indexOf('2025.8.6'), end: text.indexOf('2025.8.6') + 8, line: 5 });
    assert.deepEqual(resolved(text).reason, 'from the comment on line 5');
    assert.equal(resolved(text).id, '2025.8.0');
  });

  it('ignores a version comment after the content starts, and one after a byte order mark is still leading', () => {
    assert.equal(versionComment('name: x\n# authentik-version: 2024.8.4\n'), undefined);
    assert.equal(resolved('name: x\n# authentik-version: 2024.8.4\n').source, 'newest');
    assert.deepEqual(versionComment('\uFEFF# authentik-version: 2024.8.4\r\nname: x\r\n'), { text: '2024.8.4', start: 22, end: 30, line: 1 });
  });

  it('an unknown version in the comment: a warning on its text with the known versions, and the setting applies', () => {
    const text = '# authentik-version: 2024.9\nname: x\n';
    assert.deepEqual(resolved(text, { settingVersion: '2024.8.4' }), {
      id: '2023.5.0',
      source: 'setting',
      release: '2024.8.4',
      reason: 'from the setting authentik.serverVersion',
      findings: [`version-unknown@21-27 Unknown authentik version in the comment: "2024.9" is not a known authentik release: ${KNOWN} The file is checked for authentik 2024.8.4 (from the setting authentik.serverVersion).`],
    });
  });

  it('a malformed version, an empty one and one older than every profile: a warning each, then the next rule', () => {
    const malformed = resolved('# authentik-version: latest\n');
    assert.deepEqual(malformed.findings, [`version-unknown@21-27 Unknown authentik version in the comment: "latest" is not an authentik version: ${KNOWN} The file is checked for authentik 2026.5.0 (the newest known release).`]);
    const empty = resolved('# authentik-version:\n');
    assert.deepEqual(empty.findings, [`version-unknown@0-20 Unknown authentik version in the comment: No version given: ${KNOWN} The file is checked for authentik 2026.5.0 (the newest known release).`]);
    const old = resolved('# authentik-version: 2022.12.1\n', { serverProfile: SERVER });
    assert.equal(old.source, 'server');
    assert.deepEqual(old.findings, [
      `version-unknown@21-30 Unknown authentik version in the comment: authentik 2022.12.1 is older than every supported release: the profiles start at 2023.5.0; ${KNOWN} The file is checked for authentik 2026.8.6 (the connected server runs 2026.8.6).`,
    ]);
  });

  it('a release newer than every bundled profile without a server: the newest profile, and an information on the version, once', () => {
    assert.deepEqual(resolved('# authentik-version: 2026.8\nname: x\n'), {
      id: '2026.5.0',
      source: 'comment',
      release: '2026.8',
      reason: 'from the comment on line 1',
      findings: ['version-newer@21-27 authentik 2026.8 is newer than every release the bundled profiles know (the newest is 2026.5): the file is checked as authentik 2026.5.0 and later.'],
    });
  });

  it('a release newer than every bundled profile that the connected server runs: the server\'s profile, no information', () => {
    assert.deepEqual(resolved('# authentik-version: 2026.8\n', { serverProfile: SERVER }), {
      id: 'server-2026.8.6',
      source: 'comment',
      release: '2026.8.6',
      reason: 'from the comment on line 1, which the connected server runs',
      findings: [],
    });
    // Another release than the server's is still only a guess.
    assert.equal(resolved('# authentik-version: 2026.11\n', { serverProfile: SERVER }).findings.length, 1);
  });

  it('a later patch of the newest line is the newest profile without a note', () => {
    const r = resolved('# authentik-version: 2026.5.3\n');
    assert.deepEqual([r.id, r.release, r.findings], ['2026.5.0', '2026.5.3', []]);
  });

  it('the setting names the release when the file does not; an unknown setting warns at the start and the server applies', () => {
    assert.deepEqual(resolved('name: x\n', { settingVersion: '2024.10.1', serverProfile: SERVER }).id, '2024.10.0');
    const bad = resolved('name: x\n', { settingVersion: '24.8', serverProfile: SERVER });
    assert.equal(bad.source, 'server');
    assert.deepEqual(bad.findings, [`version-unknown@0-0 The setting authentik.serverVersion is not a known version: "24.8" is not an authentik version: ${KNOWN} The file is checked for authentik 2026.8.6 (the connected server runs 2026.8.6).`]);
  });

  it('with "auto", the connected server\'s profile', () => {
    assert.deepEqual(resolved('name: x\n', { settingVersion: 'auto', serverProfile: SERVER }), {
      id: 'server-2026.8.6',
      source: 'server',
      release: '2026.8.6',
      reason: 'the connected server runs 2026.8.6',
      findings: [],
    });
  });

  it('versionProblem: undefined for a version that names a profile, the reason otherwise', () => {
    assert.equal(versionProblem('2024.8.4'), undefined);
    assert.equal(versionProblem('2026.9'), undefined);
    assert.equal(versionProblem('2024.3'), `"2024.3" is not a known authentik release: ${KNOWN}`);
  });
});

describe('the profile in the diagnostics', () => {
  const auto = new SettingsBuilder().withServerVersion('auto').build();
  const OLD = 'name: Old\nauthorization_flow: 8f3b0c7e-6a44-4b1e-9a5e-1f2d3c4b5a60\nredirect_uris: https://old\\.example\\.com/cb\n';

  it('a 2024.8-shaped file without a comment is checked for the newest release', () => {
    const { document, diagnostics } = diagnose(OLD, { settings: auto });
    assert.deepEqual(summarize(document, diagnostics), ['missing-required@0:0-0:9 "name: Old"', 'wrong-type@2:15-2:43 "https://old\\\\.example\\\\.com/cb"']);
    assert.equal(diagnostics[0].message, 'Missing required key "invalidation_flow": Flow used ending the session from a provider.');
  });

  it('the same file with its comment is clean', () => {
    const { diagnostics } = diagnose('# authentik-version: 2024.8.4\n' + OLD, { settings: auto });
    assert.deepEqual(diagnostics, []);
  });

  it('the version warning is a diagnostic on the comment\'s version, listed first', () => {
    const { document, diagnostics } = diagnose('# authentik-version: 2024.13\n' + OLD, { settings: auto });
    assert.deepEqual(summarize(document, diagnostics).slice(0, 1), ['version-unknown@0:21-0:28 "2024.13"']);
    assert.equal(diagnostics[0].severity, 2);
  });

  it('a newer release gets an information diagnostic on the version', () => {
    const newer = `# authentik-version: 2027.1\nname: New\nauthorization_flow: 8f3b0c7e-6a44-4b1e-9a5e-1f2d3c4b5a60\ninvalidation_flow: 8f3b0c7e-6a44-4b1e-9a5e-1f2d3c4b5a63\nredirect_uris: []\n`;
    const { document, diagnostics } = diagnose(newer, { settings: auto });
    assert.deepEqual(summarize(document, diagnostics), ['version-newer@0:21-0:27 "2027.1"']);
    assert.equal(diagnostics[0].severity, 3);
  });

  it('the bundled profiles are what the ids say', () => {
    assert.equal(bundledProfile('2023.5.0')?.redirectUris.kind, 'string');
    assert.equal(newestProfile().redirectUris.kind, 'list');
  });
});
