import { after, describe, it, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SecretRedactor } from '../../common/authentik/secrets';
import { formatPlanMarkdown } from '../../server/src/cli/deployPlanMarkdown';
import { runCli } from '../helpers/cli';
import { providerYaml, SEED_IDS, TOKEN, useTestServer } from './harness';

const server = useTestServer();
const SECRET = 'file-secret-that-must-never-be-printed-3e2d1c';

const made: string[] = [];
after(() => made.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function writeProvider(text: string): { dir: string; file: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'authentik-deploy-md-'));
  made.push(dir);
  fs.mkdirSync(path.join(dir, 'providers'));
  fs.writeFileSync(path.join(dir, 'providers/grafana.oauth2provider.yaml'), text);
  return { dir, file: 'providers/grafana.oauth2provider.yaml' };
}

describe('cli: deploy --dry-run --format markdown', () => {
  beforeEach(() => server().reset());
  const env = () => ({ AUTHENTIK_TOKEN: TOKEN, AUTHENTIK_URL: '' });

  it('create: every field sent, the secret masked, nothing sent', async () => {
    const { dir, file } = writeProvider(providerYaml('Grafana', `client_secret: ${SECRET}\n`));
    const result = await runCli(['deploy', file, '--url', server().url, '--dry-run', '--format', 'markdown'], { cwd: dir, env: env() });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(
      result.stdout,
      [
        '### authentik deploy plan',
        '',
        '_Dry run: nothing was sent._',
        '',
        `**Create** provider \`Grafana\` on \`${server().url}\` (\`POST /api/v3/providers/oauth2/\`) from \`providers/grafana.oauth2provider.yaml\`, with 7 fields:`,
        '',
        '| Field | Value |',
        '| --- | --- |',
        '| `name` | `"Grafana"` |',
        `| \`authorization_flow\` | \`"${SEED_IDS.flows.explicitConsent}"\` |`,
        '| `client_type` | `"confidential"` |',
        // What the server will store: the block scalar's trailing newline is stripped.
        '| `redirect_uris` | `"https://grafana\\\\.example\\\\.com/login/generic_oauth"` |',
        `| \`property_mappings\` | \`["${SEED_IDS.scopeMappings.openid}","${SEED_IDS.scopeMappings.email}"]\` |`,
        `| \`signing_key\` | \`"${SEED_IDS.keyPairs.selfSigned}"\` |`,
        '| `client_secret` | `••••••••` |',
        '',
      ].join('\n'),
    );
    assert.ok(!result.stdout.includes(SECRET) && !result.stderr.includes(SECRET));
    assert.deepEqual(server().requests.filter((r) => r.method !== 'GET'), []);
  });

  it('update: each changed field, live value then the file\'s, the secret masked on both sides', async () => {
    const { dir, file } = writeProvider(providerYaml('Grafana', `client_secret: ${SECRET}\n`));
    const created = await runCli(['deploy', file, '--url', server().url], { cwd: dir, env: env() });
    assert.equal(created.code, 0, created.stderr);
    const pk = server().providers()[0].pk;
    fs.writeFileSync(path.join(dir, file), providerYaml('Grafana', `client_secret: ${SECRET}-changed\nsub_mode: user_email\n`));
    const result = await runCli(['deploy', file, '--url', server().url, '--dry-run', '--format', 'markdown'], { cwd: dir, env: env() });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(
      result.stdout,
      [
        '### authentik deploy plan',
        '',
        '_Dry run: nothing was sent._',
        '',
        `**Update** provider \`Grafana\` (pk ${pk}) on \`${server().url}\` (\`PATCH /api/v3/providers/oauth2/${pk}/\`) from \`providers/grafana.oauth2provider.yaml\`, 2 fields to change:`,
        '',
        '| Field | Now | After the deploy |',
        '| --- | --- | --- |',
        '| `client_secret` | `••••••••` | `••••••••` |',
        '| `sub_mode` | `"hashed_user_id"` | `"user_email"` |',
        '',
      ].join('\n'),
    );
    assert.ok(!result.stdout.includes(SECRET));
    assert.equal(server().requests.filter((r) => r.method === 'PATCH').length, 0);

    fs.writeFileSync(path.join(dir, file), providerYaml('Grafana', `client_secret: ${SECRET}\n`));
    const same = await runCli(['deploy', file, '--url', server().url, '--dry-run', '--format', 'markdown'], { cwd: dir, env: env() });
    assert.equal(same.code, 0, same.stderr);
    assert.ok(same.stdout.endsWith(`\nProvider \`Grafana\` (pk ${pk}) on \`${server().url}\` is up to date with \`providers/grafana.oauth2provider.yaml\`: nothing to change.\n`), same.stdout);
  });

  it('names and values from the file are code spans; a field absent on the server is "not set"', () => {
    const out = formatPlanMarkdown(
      { action: 'update', pk: 4, body: { name: 'a|`b`' }, stored: { name: 'a|`b`' }, live: { pk: 4, name: 'a|`b`' }, changes: [{ key: 'sub_mode', from: undefined, to: '<b>@x|y</b>' }], serverVersion: '2024.8.4' },
      'https://auth.example.com',
      'p\\q.oauth2provider.yaml',
      new SecretRedactor(),
    );
    assert.ok(out.includes('**Update** provider `` a|`b` `` (pk 4) on `https://auth.example.com` (`PATCH /api/v3/providers/oauth2/4/`) from `p/q.oauth2provider.yaml`, 1 field to change:'), out);
    assert.ok(out.endsWith('| `sub_mode` | _not set_ | `"<b>@x\\|y</b>"` |\n'), out);
  });

  it('--format markdown is for --dry-run; another format is a usage error', async () => {
    const { dir, file } = writeProvider(providerYaml());
    for (const args of [['--format', 'markdown'], ['--dry-run', '--format', 'sarif']]) {
      const result = await runCli(['deploy', file, '--url', server().url, ...args], { cwd: dir, env: env() });
      assert.equal(result.code, 2);
      assert.match(result.stderr, /^authentik-oauth2 deploy: --format takes text, or markdown with --dry-run \(got "(markdown|sarif)"\)\n$/);
    }
    assert.equal(server().requests.length, 0);
  });
});
