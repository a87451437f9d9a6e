import { after, describe, it, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../helpers/cli';
import type { PlanJson } from '../../server/src/cli/planJson';
import { SEED_IDS, TOKEN, useTestServer } from './harness';

const server = useTestServer();
const SECRET = 'plan-secret-Hd7Kq2Zx9w';
const MARKER = 'Hd7Kq2Zx9w';

const made: string[] = [];
after(() => made.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

const ALPHA = `# authentik-version: 2024.8.4
name: Alpha
authorization_flow: !ref default-provider-authorization-explicit-consent
client_type: confidential
client_secret: !env ALPHA_CLIENT_SECRET
redirect_uris: https://alpha.example.com/cb
property_mappings:
  - !ref openid
`;
const BETA = `# authentik-version: 2024.8.4
name: Beta
authorization_flow: ${SEED_IDS.flows.implicitConsent}
client_type: public
`;

/** A folder `providers/` with the given files. */
function tree(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'authentik-plan-'));
  made.push(dir);
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const writes = () => server().requests.filter((r) => r.method !== 'GET');

describe('cli plan', () => {
  beforeEach(() => server().reset());
  const env = (extra: NodeJS.ProcessEnv = { ALPHA_CLIENT_SECRET: SECRET }) => ({ AUTHENTIK_TOKEN: TOKEN, AUTHENTIK_URL: '', ...extra });
  const plan = (dir: string, ...args: string[]) => runCli(['plan', 'providers', '--url', server().url, ...args], { cwd: dir, env: env() });

  it('new files: create, exit 2; once deployed: up to date, exit 0, the !env secret too', async () => {
    const dir = tree({ 'providers/alpha.oauth2provider.yaml': ALPHA, 'providers/beta.oauth2provider.yaml': BETA });
    const before = await plan(dir);
    assert.equal(before.code, 2, before.stderr);
    const url = server().url;
    assert.equal(
      before.stdout,
      [
        `Plan for ${url} (authentik 2024.8.4):`,
        '',
        'providers/alpha.oauth2provider.yaml: create',
        `  Create provider "Alpha" on ${url} (POST) with name, authorization_flow, client_type, client_secret, redirect_uris, property_mappings.`,
        '  Resolved:',
        `    authorization_flow ← !ref default-provider-authorization-explicit-consent → Authorize Application (${SEED_IDS.flows.explicitConsent})`,
        '    client_secret ← !env ALPHA_CLIENT_SECRET: set',
        `    property_mappings[0] ← !ref openid → authentik default OAuth Mapping: OpenID 'openid' (${SEED_IDS.scopeMappings.openid})`,
        'providers/beta.oauth2provider.yaml: create',
        `  Create provider "Beta" on ${url} (POST) with name, authorization_flow, client_type.`,
        '',
        'Plan: 2 to create, 0 to update, 0 up to date, 0 with errors.',
        '',
      ].join('\n'),
    );
    assert.deepEqual(writes(), []);

    const deployed = await runCli(['deploy', 'providers', '--url', url, '--yes'], { cwd: dir, env: env() });
    assert.equal(deployed.code, 0, deployed.stdout + deployed.stderr);
    assert.equal(server().providers().find((p) => p.name === 'Alpha')?.client_secret, SECRET);

    const after = await plan(dir);
    assert.equal(after.code, 0, after.stdout + after.stderr);
    assert.match(after.stdout, /providers\/alpha\.oauth2provider\.yaml: up to date\n  Provider "Alpha" \(pk \d+\) on .* is up to date: nothing to change\.\n/);
    assert.match(after.stdout, /\nPlan: 0 to create, 0 to update, 2 up to date, 0 with errors\.\n$/);
    for (const text of [before.stdout, before.stderr, deployed.stdout, deployed.stderr, after.stdout, after.stderr]) assert.ok(!text.includes(MARKER), text);
  });

  it('a changed field: update with the field-by-field change, a changed secret masked on both sides', async () => {
    const dir = tree({ 'providers/alpha.oauth2provider.yaml': ALPHA });
    assert.equal((await runCli(['deploy', 'providers/alpha.oauth2provider.yaml', '--url', server().url], { cwd: dir, env: env() })).code, 0);
    fs.appendFileSync(path.join(dir, 'providers/alpha.oauth2provider.yaml'), 'sub_mode: user_email\n');
    const result = await runCli(['plan', 'providers', '--url', server().url], { cwd: dir, env: env({ ALPHA_CLIENT_SECRET: 'rotated-Pw4Ty8Nm' }) });
    assert.equal(result.code, 2, result.stderr);
    assert.match(result.stdout, /providers\/alpha\.oauth2provider\.yaml: update\n  Update provider "Alpha" \(pk \d+\) on .* \(PATCH\):\n    client_secret: •••••••• -> ••••••••\n    sub_mode: "hashed_user_id" -> "user_email"\n/);
    assert.ok(!(result.stdout + result.stderr).includes('Pw4Ty8Nm') && !(result.stdout + result.stderr).includes(MARKER));

    const json = await runCli(['plan', 'providers', '--url', server().url, '--format', 'json'], { cwd: dir, env: env() });
    assert.equal(json.code, 2);
    const report = JSON.parse(json.stdout) as PlanJson;
    assert.deepEqual(report.summary, { create: 0, update: 1, none: 0, error: 0 });
    const [file] = report.files;
    const pk = server().providers()[0].pk;
    assert.deepEqual({ ...file, resolved: undefined }, {
      path: 'providers/alpha.oauth2provider.yaml',
      action: 'update',
      provider: { name: 'Alpha', pk },
      request: { method: 'PATCH', path: `/api/v3/providers/oauth2/${pk}/` },
      changes: [{ field: 'sub_mode', from: 'hashed_user_id', to: 'user_email' }],
      resolved: undefined,
    });
    assert.deepEqual(file.resolved?.map((r) => [r.field, r.tag, r.written, r.value]), [
      ['authorization_flow', '!ref', 'default-provider-authorization-explicit-consent', SEED_IDS.flows.explicitConsent],
      ['client_secret', '!env', 'ALPHA_CLIENT_SECRET', undefined],
      ['property_mappings[0]', '!ref', 'openid', SEED_IDS.scopeMappings.openid],
    ]);
    assert.equal(report.server.url, server().url);
    assert.equal(report.server.release, '2024.8.4');
    assert.ok(!json.stdout.includes(MARKER));
  });

  it('an unset variable is an error naming it, on its line: exit 1, whatever the other files plan', async () => {
    const dir = tree({ 'providers/alpha.oauth2provider.yaml': ALPHA, 'providers/beta.oauth2provider.yaml': BETA });
    const result = await runCli(['plan', 'providers', '--url', server().url], { cwd: dir, env: env({ ALPHA_CLIENT_SECRET: undefined }) });
    assert.equal(result.code, 1);
    assert.ok(
      result.stdout.includes(
        'providers/alpha.oauth2provider.yaml: error\nproviders/alpha.oauth2provider.yaml:5:16: error env-missing The environment variable ALPHA_CLIENT_SECRET is not set.\n',
      ),
      result.stdout,
    );
    assert.match(result.stdout, /\nPlan: 1 to create, 0 to update, 0 up to date, 1 with errors\.\n$/);
    const json = JSON.parse((await runCli(['plan', 'providers', '--url', server().url, '--format', 'json'], { cwd: dir, env: env({ ALPHA_CLIENT_SECRET: undefined }) })).stdout) as PlanJson;
    assert.deepEqual(json.files[0].diagnostics, [
      { severity: 'error', code: 'env-missing', message: 'The environment variable ALPHA_CLIENT_SECRET is not set.', range: { start: { line: 4, character: 15 }, end: { line: 4, character: 39 } } },
    ]);
  });

  it("validates with the server's profile: a file in a later release's shape is an error, with the way out", async () => {
    const modern = `name: Beta
authorization_flow: !ref default-provider-authorization-implicit-consent
invalidation_flow: !ref default-invalidation-flow
redirect_uris:
  - matching_mode: strict
    url: https://beta.example.com/cb
`;
    const dir = tree({ 'providers/beta.oauth2provider.yaml': modern });
    const result = await plan(dir);
    assert.equal(result.code, 1);
    // The server's profile has no invalidation_flow: there a `!ref` has no place, and redirect_uris is one text.
    assert.ok(result.stdout.includes('\nproviders/beta.oauth2provider.yaml:3:20: error tag-misplaced `!ref` names an object on the server; invalidation_flow is not a field that refers to one.\n'), result.stdout);
    assert.ok(result.stdout.includes('\nproviders/beta.oauth2provider.yaml:5:3: error wrong-type "redirect_uris" must be a string, not a list.\n'), result.stdout);
    assert.match(result.stdout, /\n  providers\/beta\.oauth2provider\.yaml is in the shape of authentik 20[^\n]*, not the one authentik 2024\.8\.4 on the server accepts \(\d+ difference\(s\) above\); convert it first \(authentik-oauth2 migrate providers\/beta\.oauth2provider\.yaml --to 2024\.8\.4 --write\)\. Nothing was sent\.\n/);
  });

  it('markdown fits a pull request comment: names from files and servers are code spans', async () => {
    const hostile = BETA.replace('name: Beta', 'name: "**x** @team [a](https://e.example) | <b>"');
    const dir = tree({ 'providers/beta.oauth2provider.yaml': hostile });
    const result = await plan(dir, '--format', 'markdown');
    assert.equal(result.code, 2, result.stderr);
    const lines = result.stdout.split('\n');
    assert.equal(lines[0], '### authentik plan');
    assert.equal(lines[2], `Plan: 1 to create, 0 to update, 0 up to date, 0 with errors. On \`${server().url}\` (authentik \`2024.8.4\`); nothing was sent.`);
    assert.ok(result.stdout.includes('\n#### `providers/beta.oauth2provider.yaml`: create\n'), result.stdout);
    assert.ok(result.stdout.includes('**Create** provider `**x** @team [a](https://e.example) | <b>` on'), result.stdout);
    assert.ok(result.stdout.includes('| `name` | `"**x** @team [a](https://e.example) \\| <b>"` |'), result.stdout);
  });

  it('usage errors exit 1 (2 means changes pending), and so does an unreachable server', async () => {
    const dir = tree({ 'providers/beta.oauth2provider.yaml': BETA });
    const format = await plan(dir, '--format', 'sarif');
    assert.equal(format.code, 1);
    assert.match(format.stderr, /^authentik-oauth2 plan: unknown format "sarif" \(use text, json, markdown\)\n/);
    const unknown = await plan(dir, '--bogus');
    assert.equal(unknown.code, 1);
    const noToken = await runCli(['plan', 'providers', '--url', server().url], { cwd: dir, env: { AUTHENTIK_TOKEN: '' } });
    assert.equal(noToken.code, 1);
    assert.equal(noToken.stderr, 'authentik-oauth2 plan: set the API token in the AUTHENTIK_TOKEN environment variable.\n');
    const missing = await runCli(['plan', 'nowhere', '--url', server().url], { cwd: dir, env: env() });
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /^authentik-oauth2: nowhere: no such file or directory\n/);
    server().addFault({ path: '/api/v3/admin/version/', status: 502, htmlBody: true });
    const down = await plan(dir);
    assert.equal(down.code, 1);
    assert.match(down.stdout, /providers\/beta\.oauth2provider\.yaml: error\n  The server failed on GET \/api\/v3\/admin\/version\/ with HTTP 502/);
    const help = await runCli(['plan', '--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /plan \(these differ from validate's, as terraform plan -detailed-exitcode\): 0 no changes, 1 errors \(usage errors\n\s+included\), 2 changes pending\./);
    assert.match(help.stdout, /\n  plan <paths\.\.\.> --url <base URL>\n/);
    assert.match(help.stdout, /\n  deploy <paths\.\.\.> --url <base URL>\n/);
    assert.match(help.stdout, /\n  --yes, -y +deploy: apply the plan of several files without asking \(for CI\)\n/);
    assert.match(help.stdout, /\nmigrate options:\n/);
    const deployHelp = await runCli(['deploy', '--help']);
    assert.equal(deployHelp.code, 0);
    assert.equal(deployHelp.stdout, help.stdout);
  });
});
