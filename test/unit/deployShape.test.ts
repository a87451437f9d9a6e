import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { releaseShapeCheck } from '../../common/authentik/deploy';
import { deployShapeProblem, profileShapeCheck, sameRequestShape } from '../../common/authentik/deployShape';
import { bundledProfile, bundledProfiles, isProfileError, knownReleases, Profile, profileForVersion, profileFromOpenApi } from '../../common/profiles';

const profile = (id: string): Profile => bundledProfile(id)!;

function serverProfile(file: string, version: string): Profile {
  const document = JSON.parse(JSON.stringify(parse(fs.readFileSync(path.resolve(__dirname, '../../schemas/openapi', file), 'utf8'))));
  document.info.version = version;
  const result = profileFromOpenApi(document);
  if (isProfileError(result)) assert.fail(result.error);
  return result;
}

describe('deploy: the server release decides the shape', () => {
  it('takes the list form to 2024.8.5 and 2024.8.6, and refuses the string form there', () => {
    for (const release of ['2024.8.5', '2024.8.6']) {
      assert.equal(deployShapeProblem(profile('2024.8.5'), release), undefined, release);
      assert.equal(
        deployShapeProblem(profile('2023.5.0'), release),
        `The file was checked for authentik 2023.5.0 to 2024.8.4, but the server runs authentik ${release}, whose OAuth2 provider API takes another shape (authentik 2024.8.5 to 2024.8.6). Nothing was sent: convert the file to authentik ${release}'s format first.`,
      );
    }
    assert.equal(deployShapeProblem(profile('2023.5.0'), '2024.8.4'), undefined);
    assert.match(deployShapeProblem(profile('2024.8.5'), '2024.8.4')!, /server runs authentik 2024\.8\.4, whose OAuth2 provider API takes another shape \(authentik 2023\.5\.0 to 2024\.8\.4\)/);
  });

  it('for every known release, accepts exactly the profile the table names for it', () => {
    let checked = 0;
    for (const release of knownReleases()) {
      const lookup = profileForVersion(release);
      assert.ok(!('error' in lookup));
      for (const candidate of bundledProfiles) {
        const problem = deployShapeProblem(candidate, release);
        assert.equal(problem === undefined, candidate.id === lookup.profile.id, `${candidate.id} on ${release}`);
        checked++;
      }
    }
    assert.ok(checked > 100);
  });

  it("accepts the server's own profile for its release, and a release newer than every bundled one in the newest shape", () => {
    const own = serverProfile('authentik-2026.2.2.oauth2-subset.yml', '2026.2.2');
    assert.equal(deployShapeProblem(own, '2026.2.2'), undefined);
    assert.ok(sameRequestShape(own, profile('2025.10.0')));
    assert.equal(deployShapeProblem(own, '2026.2.1'), undefined, 'the same shape');
    assert.match(deployShapeProblem(own, '2024.8.4')!, /^The file was checked for authentik 2026\.2\.2, but the server runs authentik 2024\.8\.4/);
    const newest = bundledProfiles[bundledProfiles.length - 1];
    assert.equal(deployShapeProblem(newest, '2026.11.3'), undefined);
  });

  it('refuses a release older than every profile, and sends without a check when the server names none', () => {
    assert.match(deployShapeProblem(profile('2023.5.0'), '2022.12.1')!, /^The server runs 2022\.12\.1: authentik 2022\.12\.1 is older than every supported release.* Nothing was sent\.$/);
    assert.equal(deployShapeProblem(profile('2023.5.0'), undefined), undefined);
  });
});

describe("deploy: a body checked against a server's schema", () => {
  it('goes to that release only: a server that changed release in between is refused', () => {
    assert.equal(releaseShapeCheck('2026.8.1')('2026.8.1'), undefined);
    assert.equal(
      releaseShapeCheck('2024.8.4')('2024.8.5'),
      'The file was checked against the schema of authentik 2024.8.4, but the server now runs 2024.8.5. Nothing was sent: run "authentik: Refresh References" and deploy again to check it for that release.',
    );
  });

  it('profileShapeCheck is deployShapeProblem for that profile', () => {
    assert.equal(profileShapeCheck(profile('2024.8.5'))('2024.8.6'), undefined);
    assert.equal(profileShapeCheck(profile('2023.5.0'))('2024.8.6'), deployShapeProblem(profile('2023.5.0'), '2024.8.6'));
  });
});
