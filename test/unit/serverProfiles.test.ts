import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ServerProfile, ServerProfileResult } from '../../common/authentik/serverSchema';
import { bundledProfile, Profile } from '../../common/profiles';
import type { ScopedConnection } from '../../common/protocol';
import { connectionKey } from '../../server/src/authentik/scopedReferences';
import { ServerProfiles } from '../../server/src/authentik/serverProfiles';

const OLD = bundledProfile('2023.5.0')!;
const NEW = bundledProfile('2026.5.0')!;
const conn = (scopeUri: string | null, serverUrl: string): ScopedConnection => ({ scopeUri, serverUrl, token: 't', allowInsecureHttp: false });

/** A deferred answer per server URL, so a test decides when each server answers. */
function setUp(cached: Record<string, Profile> = {}) {
  const answers = new Map<string, (result: ServerProfileResult) => void>();
  const loads: string[] = [];
  const messages: string[] = [];
  let changes = 0;
  let scopes: ScopedConnection[] = [];
  const profiles = new ServerProfiles({
    keyFor: (uri) => {
      const scope = scopes.find((s) => s.scopeUri && uri.startsWith(s.scopeUri)) ?? scopes.find((s) => s.scopeUri === null);
      return scope ? connectionKey(scope) : undefined;
    },
    cached: async (c) => (cached[c.serverUrl] ? ({ kind: 'schema', profile: cached[c.serverUrl], release: cached[c.serverUrl].releases.from, cached: true, fetchedAt: 0 } as ServerProfile) : undefined),
    load: (c) => {
      loads.push(c.serverUrl);
      return new Promise((resolve) => answers.set(c.serverUrl, resolve));
    },
    onChange: () => changes++,
    onMessage: (m) => messages.push(m),
  });
  const set = (connections: ScopedConnection[]) => {
    scopes = connections;
    profiles.set(connections);
  };
  const settle = () => new Promise((resolve) => setImmediate(resolve));
  return { profiles, set, answers, loads, messages, changes: () => changes, settle };
}

describe('server profiles per workspace folder', () => {
  it("gives each folder its server's profile once it answers, and asks each server once", async () => {
    const t = setUp();
    t.set([conn('file:///a', 'https://a.example.com'), conn('file:///b', 'https://b.example.com'), conn('file:///c', 'https://a.example.com')]);
    assert.deepEqual(t.loads, []);
    await t.settle();
    assert.deepEqual(t.loads, ['https://a.example.com', 'https://b.example.com']);
    assert.equal(t.profiles.profileFor('file:///a/x.oauth2provider.yaml'), undefined);
    t.answers.get('https://a.example.com')!({ kind: 'schema', profile: NEW, release: '2026.5.0', cached: false, fetchedAt: 1 });
    await t.settle();
    assert.equal(t.profiles.profileFor('file:///a/x.oauth2provider.yaml'), NEW);
    assert.equal(t.profiles.profileFor('file:///c/x.oauth2provider.yaml'), NEW);
    assert.equal(t.profiles.profileFor('file:///b/x.oauth2provider.yaml'), undefined);
    assert.equal(t.changes(), 1);
    // The same connections again: nothing is asked again.
    t.set([conn('file:///a', 'https://a.example.com'), conn('file:///b', 'https://b.example.com')]);
    await t.settle();
    assert.equal(t.loads.length, 2);
  });

  it('uses the cached profile at once, then what the server says, and passes its message on once', async () => {
    const t = setUp({ 'https://a.example.com': OLD });
    t.set([conn(null, 'https://a.example.com')]);
    await t.settle();
    assert.equal(t.profiles.profileFor('file:///x.oauth2provider.yaml'), OLD);
    const settled = t.profiles.settledProfileFor('file:///x.oauth2provider.yaml');
    t.answers.get('https://a.example.com')!({ kind: 'bundled', profile: NEW, release: '2026.5.0', message: 'The schema could not be used.' });
    assert.deepEqual(await settled, { profile: NEW, message: 'The schema could not be used.' });
    assert.deepEqual(t.messages, ['The schema could not be used.']);
    assert.equal(t.changes(), 2);
  });

  it('keeps the cached profile when the server cannot say what it runs', async () => {
    const t = setUp({ 'https://a.example.com': OLD });
    t.set([conn(null, 'https://a.example.com')]);
    await t.settle();
    t.answers.get('https://a.example.com')!({ kind: 'none', message: 'offline' });
    assert.deepEqual(await t.profiles.settledProfileFor('file:///x.oauth2provider.yaml'), { profile: OLD, message: 'offline' });
    assert.deepEqual(t.messages, ['offline']);
  });

  it('forgets a server that is no longer configured, and ignores its late answer', async () => {
    const t = setUp();
    t.set([conn(null, 'https://a.example.com')]);
    await t.settle();
    const late = t.answers.get('https://a.example.com')!;
    t.set([]);
    late({ kind: 'schema', profile: NEW, release: '2026.5.0', cached: false, fetchedAt: 1 });
    await t.settle();
    assert.equal(t.profiles.profileFor('file:///x.oauth2provider.yaml'), undefined);
    assert.equal(t.changes(), 0);
  });
});
