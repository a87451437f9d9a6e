import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AuthentikTestServer, startAuthentikTestServer } from '../authentik-server';
import { REPO_ROOT, runCli } from '../helpers/cli';
import { TOKEN } from './harness';
import type { PlanJson } from '../../server/src/cli/planJson';
import { normalizeEnvironments } from '../../common/settings';

const SECTION = '## Portable providers: `!ref`, `!env`, environments, import and plan';
const SECRET = 'readme-grafana-Qv5Wm2Xk8Tz4';

/** The YAML example of the README's section on portable providers. */
function readmeExample(): string {
  const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf(`\n${SECTION}\n`);
  assert.ok(start >= 0, `README.md has no "${SECTION}" section`);
  const rest = readme.slice(start + SECTION.length + 2);
  const section = rest.slice(0, rest.search(/^## /m));
  const blocks = [...section.matchAll(/^```yaml\n([\s\S]*?)^```$/gm)].map((m) => m[1]);
  assert.equal(blocks.length, 1);
  return blocks[0];
}

describe('README: the portable provider example', () => {
  let server: AuthentikTestServer;
  let dir: string;
  before(async () => {
    server = await startAuthentikTestServer({ token: TOKEN, version: '2026.5', freshIds: true });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'authentik-readme-portable-'));
    fs.writeFileSync(path.join(dir, 'grafana.oauth2provider.yaml'), readmeExample());
  });
  after(async () => {
    await server?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('validates without a server: no errors, no warnings, each reference deferred to the deploy', async () => {
    const result = await runCli(['validate', dir, '--format', 'json']);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    const report = JSON.parse(result.stdout) as { files: { diagnostics: { severity: string; code: string }[] }[] };
    const diagnostics = report.files.flatMap((f) => f.diagnostics);
    assert.deepEqual([...new Set(diagnostics.map((d) => `${d.severity} ${d.code}`))], ['information reference-deferred']);
    assert.equal(diagnostics.length, 6);
  });

  it('plan against a 2026.5 server resolves every tag and would create the provider (exit 2), the secret never shown', async () => {
    const result = await runCli(['plan', dir, '--url', server.url, '--format', 'json'], { env: { AUTHENTIK_TOKEN: TOKEN, GRAFANA_CLIENT_SECRET: SECRET } });
    assert.equal(result.code, 2, result.stdout + result.stderr);
    assert.ok(!result.stdout.includes(SECRET) && !result.stderr.includes(SECRET));
    const plan = JSON.parse(result.stdout) as PlanJson;
    assert.deepEqual(plan.files.map((f) => f.action), ['create']);
    const seed = server.seedObjects;
    // The server's own UUIDs (fresh ones, unlike any other install's), and the variable only as set.
    assert.deepEqual(
      plan.files[0].resolved!.map((r) => [r.field, r.tag, r.value ?? null]),
      [
        ['authorization_flow', '!ref', seed.flows.explicitConsent.pk],
        ['invalidation_flow', '!ref', seed.flows.providerInvalidation.pk],
        ['client_secret', '!env', null],
        ['signing_key', '!ref', seed.keyPairs.selfSigned.pk],
        ['property_mappings[0]', '!ref', seed.scopeMappings.openid.pk],
        ['property_mappings[1]', '!ref', seed.scopeMappings.email.pk],
        ['property_mappings[2]', '!Find', seed.scopeMappings.profile.pk],
      ],
    );
  });
});

describe('README: the environments example', () => {
  it('is a setting the extension reads as it says: two environments, no problem', () => {
    const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
    const start = readme.indexOf('\n### Environments\n');
    assert.ok(start >= 0, 'README.md has no "### Environments" section');
    const block = /^```json\n([\s\S]*?)^```$/m.exec(readme.slice(start))![1];
    const settings = JSON.parse(`{${block}}`) as Record<string, unknown>;
    const { environments, problems } = normalizeEnvironments(settings['authentik.environments'], false);
    assert.deepEqual(problems, []);
    assert.deepEqual(environments.map((e) => e.name), ['staging', 'prod']);
  });
});
