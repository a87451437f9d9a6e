import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkBaseUrl } from '../../common/authentik/connection';
import { decideConnection, originNeedsConfirmation, tokenKey } from '../../client/src/connectionPolicy';

describe('server URL checks', () => {
  it('normalizes trailing slashes and a pasted /api/v3', () => {
    assert.deepEqual(checkBaseUrl('https://auth.example.com/', false), { ok: true, baseUrl: 'https://auth.example.com', origin: 'https://auth.example.com' });
    assert.deepEqual(checkBaseUrl('https://auth.example.com/api/v3/', false), { ok: true, baseUrl: 'https://auth.example.com', origin: 'https://auth.example.com' });
    assert.deepEqual(checkBaseUrl(' https://example.com/authentik ', false), { ok: true, baseUrl: 'https://example.com/authentik', origin: 'https://example.com' });
  });
  it('refuses plain http to a non-loopback host unless allowed', () => {
    const refused = checkBaseUrl('http://auth.example.com', false);
    assert.equal(refused.ok, false);
    assert.match((refused as { message: string }).message, /Refusing to send the API token over plain http to auth\.example\.com/);
    assert.equal(checkBaseUrl('http://auth.example.com', true).ok, true);
  });
  it('allows plain http to loopback', () => {
    for (const url of ['http://localhost:9000', 'http://127.0.0.1:9000', 'http://[::1]:9000']) assert.equal(checkBaseUrl(url, false).ok, true, url);
  });
  it('rejects empty, invalid, non-http and credential-bearing URLs with a clear message', () => {
    assert.match((checkBaseUrl('', false) as { message: string }).message, /No authentik server URL is set/);
    assert.match((checkBaseUrl('auth.example.com', false) as { message: string }).message, /not a valid URL/);
    assert.match((checkBaseUrl('ftp://auth.example.com', false) as { message: string }).message, /must use https/);
    assert.match((checkBaseUrl('https://user:pw@auth.example.com', false) as { message: string }).message, /must not contain credentials/);
  });
});

describe('workspace-provided server URLs', () => {
  it('a URL from user settings needs no confirmation', () => {
    assert.equal(originNeedsConfirmation({ globalValue: 'https://a.example' }, 'https://a.example', []), false);
  });
  it('a URL from workspace or folder settings needs confirmation until confirmed', () => {
    assert.equal(originNeedsConfirmation({ workspaceValue: 'https://evil.example' }, 'https://evil.example', []), true);
    assert.equal(originNeedsConfirmation({ workspaceFolderValue: 'https://evil.example' }, 'https://evil.example', []), true);
    assert.equal(originNeedsConfirmation({ workspaceValue: 'https://evil.example' }, 'https://evil.example', ['https://evil.example']), false);
    assert.equal(originNeedsConfirmation({ workspaceValue: 'https://evil.example' }, 'https://evil.example', ['https://good.example']), true);
  });
  it('tokens are stored per origin', () => {
    assert.equal(tokenKey('https://a.example'), 'authentik.token:https://a.example');
    assert.notEqual(tokenKey('https://a.example'), tokenKey('https://b.example'));
  });
});

describe('whether the extension may connect at all', () => {
  const base = { workspaceTrusted: true, serverUrl: 'https://auth.example.com', allowInsecureHttp: false, sources: { globalValue: 'https://auth.example.com' }, confirmedOrigins: [] };

  it('an untrusted workspace never connects, whatever the settings', () => {
    const decision = decideConnection({ ...base, workspaceTrusted: false }, checkBaseUrl);
    assert.deepEqual(decision, { ok: false, blocker: 'untrusted-workspace', message: 'This workspace is not trusted: authentik deploys and server lookups are off. Only validation runs.' });
  });
  it('a trusted workspace with a user-set https URL connects', () => {
    assert.deepEqual(decideConnection(base, checkBaseUrl), { ok: true, baseUrl: 'https://auth.example.com', origin: 'https://auth.example.com' });
  });
  it('a URL from the repository’s own settings waits for the user to confirm its origin', () => {
    const fromRepo = { ...base, serverUrl: 'https://evil.example', sources: { workspaceValue: 'https://evil.example' } };
    const decision = decideConnection(fromRepo, checkBaseUrl);
    assert.equal(decision.ok, false);
    assert.equal((decision as { blocker: string }).blocker, 'unconfirmed-origin');
    assert.equal((decision as { origin: string }).origin, 'https://evil.example');
    assert.equal(decideConnection({ ...fromRepo, confirmedOrigins: ['https://evil.example'] }, checkBaseUrl).ok, true);
  });
  it('no URL, or plain http to another host, stops before any token is read', () => {
    assert.equal((decideConnection({ ...base, serverUrl: '' }, checkBaseUrl) as { blocker: string }).blocker, 'no-server');
    assert.equal((decideConnection({ ...base, serverUrl: 'http://auth.example.com' }, checkBaseUrl) as { blocker: string }).blocker, 'bad-url');
    assert.equal(decideConnection({ ...base, serverUrl: 'http://auth.example.com', allowInsecureHttp: true }, checkBaseUrl).ok, true);
  });
});
