import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isProfileStatusParams } from '../../common/protocol';

const valid = { uri: 'file:///w/a.oauth2provider.yaml', release: '2026.2.2', label: 'authentik 2026.2.2', source: 'server', reason: 'the connected server runs 2026.2.2' };

describe('protocol: the profile status the client shows', () => {
  it('accepts what the server sends', () => {
    assert.equal(isProfileStatusParams(valid), true);
    for (const source of ['comment', 'setting', 'newest']) assert.equal(isProfileStatusParams({ ...valid, source }), true, source);
  });

  it('drops anything else: missing or non-string fields, an unknown source, overlong text', () => {
    for (const bad of [
      null,
      'x',
      [],
      { ...valid, uri: undefined },
      { ...valid, release: 2026 },
      { ...valid, source: 'guess' },
      { ...valid, reason: 'x'.repeat(301) },
      { ...valid, release: '2'.repeat(41) },
      { ...valid, label: {} },
    ]) {
      assert.equal(isProfileStatusParams(bad), false, JSON.stringify(bad));
    }
  });
});
