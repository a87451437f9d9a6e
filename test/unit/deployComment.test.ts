import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { bundledProfile } from '../../common/profiles';
import { DEFAULT_SETTINGS } from '../../common/settings';
import { commentVersionWarning, shapeOfFile } from '../../server/src/authentik/deployTarget';
import { parseText } from '../../server/src/service/parsedDocument';

const FLOW = 'c4a0c9b2-6b1f-4d8e-9a3c-2f1e5d7b8a01';

describe("deploy: the file's comment against the server's release", () => {
  it('warns when the comment names another release or line, with the line it is on', () => {
    assert.equal(
      commentVersionWarning('# grafana\n# authentik-version: 2024.8.4\nname: x\n', '2024.8.5'),
      "The file's comment on line 2 names authentik 2024.8.4, but the server runs 2024.8.5: it is checked and sent in the shape 2024.8.5 accepts.",
    );
    assert.match(commentVersionWarning('# authentik-version: 2026.2\nname: x\n', '2026.5.0')!, /names authentik 2026\.2, but the server runs 2026\.5\.0/);
    assert.match(commentVersionWarning('# authentik-version: 2026.5.0\n', '2026.5.0-rc1')!, /server runs 2026\.5\.0-rc1/);
  });

  it('is silent for the same release, a line holding the release, no comment, or a version it cannot read', () => {
    assert.equal(commentVersionWarning('# authentik-version: 2024.8.5\nname: x\n', '2024.8.5'), undefined);
    assert.equal(commentVersionWarning('# authentik-version: 2026.2\nname: x\n', '2026.2.1'), undefined);
    assert.equal(commentVersionWarning('name: x\n# authentik-version: 2024.8.4\n', '2026.2.1'), undefined, 'not a leading comment');
    assert.equal(commentVersionWarning('# authentik-version: latest\n', '2026.2.1'), undefined, 'the comment rule warns about that one');
  });
});

describe('deploy: which shape a refused file is in', () => {
  const rules = DEFAULT_SETTINGS.rules;
  const legacy = bundledProfile('2023.5.0')!;
  const newest = bundledProfile('2026.5.0')!;
  it("is the file's own profile when it is valid there, else the newest bundled one it fits, else none", () => {
    const stringForm = parseText(`name: x\nauthorization_flow: ${FLOW}\nredirect_uris: https://a.example.com/cb\n`, { maxFileSize: 1e6 });
    assert.equal(shapeOfFile(stringForm, rules, 1e6, legacy), legacy);
    // No comment: checked as the newest, where the string form is wrong; the 2024.10.0 profile (string, invalidation_flow required) does not fit either.
    assert.equal(shapeOfFile(stringForm, rules, 1e6, newest)?.id, '2023.5.0');
    const listForm = parseText(`name: x\nauthorization_flow: ${FLOW}\nredirect_uris:\n  - matching_mode: strict\n    url: https://a.example.com/cb\n`, { maxFileSize: 1e6 });
    assert.equal(shapeOfFile(listForm, rules, 1e6, legacy)?.id, '2024.8.5');
    assert.equal(shapeOfFile(parseText('name: [\n', { maxFileSize: 1e6 }), rules, 1e6, newest), undefined);
  });
});
