import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { DEFAULT_SETTINGS, normalizeEnvironments, normalizeSettings } from '../../common/settings';
import { currentEnvironment, effectiveServerUrl, environmentPickItems, environmentStatus, targetLabel } from '../../client/src/environments';
import { decideConnection, environmentUrlSources } from '../../client/src/connectionPolicy';
import { checkBaseUrl } from '../../common/authentik/connection';

const STAGING = { name: 'staging', serverUrl: 'https://staging.example.com' };
const PROD = { name: 'prod', serverUrl: 'https://auth.example.com' };

describe('settings: authentik.environments', () => {
  it('keeps well-formed entries, trimmed, in order; no environments is the default', () => {
    assert.deepEqual(DEFAULT_SETTINGS.environments, []);
    assert.deepEqual(normalizeSettings({ serverUrl: 'https://a.example' }).environments, []);
    const settings = normalizeSettings({ environments: [{ name: ' staging ', serverUrl: ' https://staging.example.com/ ' }, PROD] });
    assert.deepEqual(settings.environments, [{ name: 'staging', serverUrl: 'https://staging.example.com/' }, PROD]);
  });

  it('drops bad entries, each with a message naming it, and keeps the rest', () => {
    const result = normalizeEnvironments(
      [
        PROD,
        'prod',
        { name: '', serverUrl: 'https://x.example' },
        { name: 'PROD', serverUrl: 'https://other.example' },
        { name: 'dev', serverUrl: 'not a url' },
        { name: 'lab', serverUrl: 'http://lab.example' },
        { name: 'ci' },
        { name: 'x'.repeat(65), serverUrl: 'https://x.example' },
        { name: 'local', serverUrl: 'http://127.0.0.1:9000' },
      ],
      false,
    );
    assert.deepEqual(result.environments, [PROD, { name: 'local', serverUrl: 'http://127.0.0.1:9000' }]);
    assert.deepEqual(result.problems, [
      'authentik.environments[1] is not an object with "name" and "serverUrl"; it was left out.',
      'authentik.environments[2] has no name; it was left out.',
      'authentik.environments[3]: another environment is already named "PROD"; it was left out.',
      'authentik.environments[4] ("dev"): "not a url" is not a valid URL (expected e.g. https://auth.example.com). It was left out.',
      'authentik.environments[5] ("lab"): Refusing to send the API token over plain http to lab.example. Use https, or turn on authentik.allowInsecureHttp if you accept the risk. It was left out.',
      'authentik.environments[6] ("ci") has no serverUrl; it was left out.',
      `authentik.environments[7]: the name "${'x'.repeat(64)}"... is longer than 64 characters; it was left out.`,
    ]);
  });

  it('plain http to another host is kept once authentik.allowInsecureHttp is on', () => {
    assert.deepEqual(normalizeSettings({ allowInsecureHttp: true, environments: [{ name: 'lab', serverUrl: 'http://lab.example' }] }).environments, [{ name: 'lab', serverUrl: 'http://lab.example' }]);
  });

  it('a value that is not a list is ignored with a message', () => {
    assert.deepEqual(normalizeEnvironments({ name: 'prod' }, false), { environments: [], problems: ['authentik.environments must be a list of { "name", "serverUrl" } entries; it was ignored.'] });
    assert.deepEqual(normalizeEnvironments(undefined, false), { environments: [], problems: [] });
  });

  it("the manifest's JSON schema accepts the example and refuses an entry without a server", () => {
    const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8'));
    const schema = manifest.contributes.configuration.properties['authentik.environments'];
    const validate = new Ajv({ strict: false }).compile(schema);
    assert.equal(validate([STAGING, PROD]), true);
    assert.equal(validate([{ name: 'prod' }]), false);
    assert.equal(validate([{ name: 'prod', serverUrl: 'ftp://x' }]), false);
    assert.equal(validate([{ name: '', serverUrl: 'https://x' }]), false);
  });
});

describe('the current environment', () => {
  it('none configured: authentik.serverUrl, and no status bar item', () => {
    const choice = currentEnvironment([], 'prod');
    assert.deepEqual(choice, { kind: 'none' });
    assert.equal(effectiveServerUrl(choice, 'https://a.example'), 'https://a.example');
    assert.equal(environmentStatus(choice, 'https://a.example'), undefined);
  });

  it('the one remembered for the workspace, or the only one', () => {
    assert.equal(effectiveServerUrl(currentEnvironment([STAGING, PROD], 'prod'), ''), PROD.serverUrl);
    assert.equal(effectiveServerUrl(currentEnvironment([STAGING], undefined), 'https://a.example'), STAGING.serverUrl);
    // The remembered one was removed from the settings: the only one left applies.
    assert.equal(effectiveServerUrl(currentEnvironment([STAGING], 'prod'), ''), STAGING.serverUrl);
  });

  it('several and none remembered: unchosen, lookups use authentik.serverUrl until one is', () => {
    const choice = currentEnvironment([STAGING, PROD], 'gone');
    assert.equal(choice.kind, 'unchosen');
    assert.equal(effectiveServerUrl(choice, 'https://a.example'), 'https://a.example');
    assert.deepEqual(environmentStatus(choice, ''), {
      text: '$(server-environment) choose environment',
      tooltip: '2 authentik environments are configured and none is chosen.\nUntil one is chosen, reference lookups are off; a deploy asks.\nClick to choose.',
    });
  });

  it('the status bar names the current one and its server', () => {
    assert.deepEqual(environmentStatus(currentEnvironment([STAGING, PROD], 'staging'), ''), {
      text: '$(server-environment) staging',
      tooltip: 'authentik environment "staging": https://staging.example.com\nReference lookups, the server\'s profile and deploys use it.\nClick to switch to another environment.',
    });
  });

  it('the quick pick lists every environment with its server, the current one checked', () => {
    assert.deepEqual(
      environmentPickItems([STAGING, PROD], 'prod').map(({ label, description }) => ({ label, description })),
      [
        { label: 'staging', description: STAGING.serverUrl },
        { label: '$(check) prod', description: PROD.serverUrl },
      ],
    );
  });

  it('a name from the settings shows as written: never an icon in the status bar or the quick pick', () => {
    const odd = { name: '$(zap) prod', serverUrl: PROD.serverUrl };
    assert.equal(environmentStatus(currentEnvironment([odd], undefined), '')?.text, '$(server-environment) \\$(zap) prod');
    assert.deepEqual(environmentPickItems([odd], odd.name).map((i) => i.label), ['$(check) \\$(zap) prod']);
  });

  it('dialogs name the environment and its origin', () => {
    assert.equal(targetLabel('prod', 'https://auth.example.com'), 'prod (https://auth.example.com)');
    assert.equal(targetLabel(undefined, 'https://auth.example.com'), 'https://auth.example.com');
  });
});

describe('an environment from the workspace settings needs the origin confirmed', () => {
  const base = { workspaceTrusted: true, allowInsecureHttp: false, confirmedOrigins: [] as string[] };

  it("the entry's URL at each settings level", () => {
    const sources = environmentUrlSources({ globalValue: [PROD], workspaceValue: [STAGING, { name: 'prod', serverUrl: 'https://evil.example' }], workspaceFolderValue: 'junk' }, 'prod');
    assert.deepEqual(sources, { globalValue: PROD.serverUrl, workspaceValue: 'https://evil.example', workspaceFolderValue: undefined });
  });

  it("the user's own environment connects; the workspace's waits for the confirmation, and the message names it", () => {
    const own = decideConnection({ ...base, serverUrl: PROD.serverUrl, sources: environmentUrlSources({ globalValue: [PROD] }, 'prod'), setting: 'the authentik environment "prod"' }, checkBaseUrl);
    assert.deepEqual(own, { ok: true, baseUrl: PROD.serverUrl, origin: PROD.serverUrl });
    const shipped = { ...base, serverUrl: 'https://evil.example', sources: environmentUrlSources({ workspaceValue: [{ name: 'prod', serverUrl: 'https://evil.example' }] }, 'prod'), setting: 'the authentik environment "prod"' };
    assert.deepEqual(decideConnection(shipped, checkBaseUrl), {
      ok: false,
      blocker: 'unconfirmed-origin',
      origin: 'https://evil.example',
      message: 'This workspace\'s settings point the authentik environment "prod" at https://evil.example; confirm it before the token is sent there.',
    });
    assert.equal(decideConnection({ ...shipped, confirmedOrigins: ['https://evil.example'] }, checkBaseUrl).ok, true);
  });
});
