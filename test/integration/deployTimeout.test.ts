import { describe, it, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MAX_TIMER_MS, NodeHttpClient, timerDelay } from '../../common/authentik/http';
import { DEFAULT_SETTINGS, DEPLOY_TIMEOUT_RANGE, normalizeSettings } from '../../common/settings';
import { runCli } from '../helpers/cli';
import { providerYaml, TOKEN, useTestServer } from './harness';

const server = useTestServer();
const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8'));

describe('deploy timeouts stay within what the manifest declares and Node can wait', () => {
  beforeEach(() => server().reset());

  it('the setting is clamped to the manifest’s range, the one the CLI uses', () => {
    const declared = manifest.contributes.configuration.properties['authentik.deployTimeoutSeconds'];
    assert.deepEqual({ minimum: declared.minimum, maximum: declared.maximum }, DEPLOY_TIMEOUT_RANGE);
    const cases: [unknown, number][] = [
      [3_000_000, 3600],
      [1e308, 3600],
      [0.2, 1],
      [-5, 1],
      [45, 45],
      [Number.NaN, DEFAULT_SETTINGS.deployTimeoutSeconds],
      [Infinity, DEFAULT_SETTINGS.deployTimeoutSeconds],
      ['600', DEFAULT_SETTINGS.deployTimeoutSeconds],
    ];
    for (const [value, expected] of cases) assert.equal(normalizeSettings({ deployTimeoutSeconds: value }).deployTimeoutSeconds, expected, String(value));
  });

  it('the HTTP client never hands Node a delay it cannot honour', () => {
    assert.deepEqual([3e9, Infinity, Number.NaN, 0, -1, 2.4, 1000].map(timerDelay), [MAX_TIMER_MS, MAX_TIMER_MS, MAX_TIMER_MS, 1, 1, 2, 1000]);
  });

  it('a request with a timeout beyond Node’s limit waits for the answer instead of failing at once', async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.name);
    process.on('warning', onWarning);
    try {
      server().addFault({ path: '/api/v3/admin/version/', latencyMs: 150, times: 1 });
      const response = await new NodeHttpClient().send({ method: 'GET', url: `${server().url}/api/v3/admin/version/`, headers: { authorization: `Bearer ${TOKEN}` }, timeoutMs: 3_000_000_000 });
      assert.equal(response.status, 200);
      await new Promise((resolve) => setImmediate(resolve));
      assert.deepEqual(warnings, []);
    } finally {
      process.off('warning', onWarning);
    }
  });

  describe('the CLI’s --timeout', () => {
    function providerDir(): string {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'authentik-timeout-'));
      fs.writeFileSync(path.join(dir, 'g.oauth2provider.yaml'), providerYaml());
      return dir;
    }

    it('above the range: says so, uses the maximum, and the deploy waits for a slow answer', async () => {
      server().addFault({ path: '/api/v3/admin/version/', latencyMs: 200, times: 1 });
      const result = await runCli(['deploy', 'g.oauth2provider.yaml', '--url', server().url, '--timeout', '3000000'], { cwd: providerDir(), env: { AUTHENTIK_TOKEN: TOKEN } });
      assert.equal(result.code, 0, result.stdout + result.stderr);
      assert.equal(result.stderr, 'authentik-oauth2 deploy: --timeout 3000000 is outside 1 to 3600 seconds; using 3600.\n');
      assert.match(result.stdout, /^POST .*\n201 Created/);
    });

    it('below the range: uses the minimum', async () => {
      const result = await runCli(['deploy', 'g.oauth2provider.yaml', '--url', server().url, '--timeout', '0.25', '--dry-run'], { cwd: providerDir(), env: { AUTHENTIK_TOKEN: TOKEN } });
      assert.equal(result.code, 0, result.stderr);
      assert.equal(result.stderr, 'authentik-oauth2 deploy: --timeout 0.25 is outside 1 to 3600 seconds; using 1.\n');
    });

    for (const value of ['abc', '0', '-3', 'Infinity', '']) {
      it(`${JSON.stringify(value)} is a usage error`, async () => {
        const result = await runCli(['deploy', 'g.oauth2provider.yaml', '--url', server().url, `--timeout=${value}`], { cwd: providerDir(), env: { AUTHENTIK_TOKEN: TOKEN } });
        assert.equal(result.code, 2);
        assert.equal(result.stderr, 'authentik-oauth2 deploy: --timeout takes a number of seconds from 1 to 3600\nRun "authentik-oauth2 --help" for usage.\n');
        assert.equal(server().requests.length, 0);
      });
    }
  });
});
