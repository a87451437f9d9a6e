import { after, before, describe, it, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../helpers/cli';
import { runCliInProcess, ScriptedPrompt } from '../helpers/cliInProcess';
import { AuthentikTestServer, startAuthentikTestServer } from '../authentik-server';
import { SEED_IDS, TOKEN, useTestServer } from './harness';

const server = useTestServer();
const SECRET = 'many-secret-Ug5Rb3Lc8e';
const MARKER = 'Ug5Rb3Lc8e';
const MISSING_FLOW = '00000000-0000-4000-8000-00000000dead';

const made: string[] = [];
after(() => made.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

const provider = (name: string, extra = '') => `# authentik-version: 2024.8.4
name: ${name}
authorization_flow: !ref default-provider-authorization-explicit-consent
client_type: confidential
redirect_uris: https://${name.toLowerCase()}.example.com/cb
${extra}`;

/** providers/a, b and c; each file's text can be replaced. */
function tree(overrides: Record<string, string> = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'authentik-many-'));
  made.push(dir);
  fs.mkdirSync(path.join(dir, 'providers/team'), { recursive: true });
  const files: Record<string, string> = {
    'providers/alpha.oauth2provider.yaml': provider('Alpha', 'client_secret: !env ALPHA_SECRET\n'),
    'providers/team/beta.oauth2provider.yaml': provider('Beta'),
    'providers/gamma.oauth2provider.yaml': provider('Gamma'),
    ...overrides,
  };
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

const writes = () => server().requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${(r.body as { name?: string })?.name ?? ''}`);

describe('cli deploy of a folder', () => {
  beforeEach(() => server().reset());
  const env = () => ({ AUTHENTIK_TOKEN: TOKEN, AUTHENTIK_URL: '', ALPHA_SECRET: SECRET });

  it('without a terminal and without --yes: shows the plan, refuses with exit 2, sends nothing', async () => {
    const dir = tree();
    const result = await runCli(['deploy', 'providers', '--url', server().url], { cwd: dir, env: env() });
    assert.equal(result.code, 2);
    assert.match(result.stdout, /^Plan for .*\n\nproviders\/alpha\.oauth2provider\.yaml: create\n[^]*\nPlan: 3 to create, 0 to update, 0 up to date, 0 with errors\.\n$/);
    assert.equal(result.stderr, 'authentik-oauth2 deploy: applying the plan above needs a confirmation, and there is no terminal to ask on: run again with --yes to apply it. Nothing was sent.\n');
    assert.deepEqual(writes(), []);
  });

  it('on a terminal: asks, and "no" sends nothing (exit 1)', async () => {
    const dir = tree();
    const prompt = new ScriptedPrompt([false]);
    const result = await runCliInProcess(['deploy', 'providers', '--url', server().url], { cwd: dir, env: env(), prompt });
    assert.equal(result.code, 1);
    assert.deepEqual(prompt.asked, [`Apply 3 change(s) to ${server().url}? Only "y" or "yes" applies. [y/N] `]);
    assert.equal(result.stderr, 'authentik-oauth2 deploy: not confirmed; nothing was sent.\n');
    assert.deepEqual(writes(), []);
  });

  it('on a terminal, "yes": applies every file in the order shown, the secret masked', async () => {
    const dir = tree();
    const prompt = new ScriptedPrompt([true]);
    const result = await runCliInProcess(['deploy', 'providers', '--url', server().url], { cwd: dir, env: env(), prompt });
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.equal(prompt.asked.length, 1);
    // Depth-first in name order: a folder's files, then its subfolders.
    assert.deepEqual(writes(), ['POST Alpha', 'POST Gamma', 'POST Beta']);
    const applied = result.stdout.slice(result.stdout.indexOf('with errors.\n') + 'with errors.\n'.length);
    assert.match(applied, /^providers\/alpha\.oauth2provider\.yaml: POST 201 · Created provider "Alpha" \(pk \d+\)\.\nproviders\/gamma\.oauth2provider\.yaml: POST 201 · Created provider "Gamma" \(pk \d+\)\.\nproviders\/team\/beta\.oauth2provider\.yaml: POST 201 · Created provider "Beta" \(pk \d+\)\.\nApplied 3 of 3 change\(s\)\.\n$/);
    assert.equal(server().providers().find((p) => p.name === 'Alpha')?.client_secret, SECRET);
    assert.equal(server().providers().find((p) => p.name === 'Alpha')?.authorization_flow, SEED_IDS.flows.explicitConsent);
    assert.ok(!(result.stdout + result.stderr).includes(MARKER));
  });

  it('--yes: only the files that change are sent; nothing to change says so without asking', async () => {
    const dir = tree();
    assert.equal((await runCli(['deploy', 'providers', '--url', server().url, '--yes'], { cwd: dir, env: env() })).code, 0);
    fs.appendFileSync(path.join(dir, 'providers/gamma.oauth2provider.yaml'), 'sub_mode: user_email\n');
    server().requests.length = 0;
    const changed = await runCli(['deploy', 'providers', '--url', server().url, '-y'], { cwd: dir, env: env() });
    assert.equal(changed.code, 0, changed.stderr);
    assert.deepEqual(writes(), ['PATCH ']);
    assert.match(changed.stdout, /\nproviders\/gamma\.oauth2provider\.yaml: PATCH 200 · Updated provider "Gamma" \(pk \d+\): sub_mode\.\nApplied 1 of 1 change\(s\)\.\n$/);
    const prompt = new ScriptedPrompt([]);
    const again = await runCliInProcess(['deploy', 'providers', '--url', server().url], { cwd: dir, env: env(), prompt });
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /\nPlan: 0 to create, 0 to update, 3 up to date, 0 with errors\.\nNothing to change; nothing was sent\.\n$/);
    assert.deepEqual(prompt.asked, []);
  });

  it('stops at the first failed request: says what was applied, what failed (on its lines) and what was not attempted', async () => {
    const dir = tree({ 'providers/gamma.oauth2provider.yaml': provider('Gamma').replace('!ref default-provider-authorization-explicit-consent', MISSING_FLOW) });
    const result = await runCli(['deploy', 'providers', '--url', server().url, '--yes'], { cwd: dir, env: env() });
    assert.equal(result.code, 1);
    assert.deepEqual(writes(), ['POST Alpha', 'POST Gamma']);
    const applied = result.stdout.slice(result.stdout.indexOf('with errors.\n') + 'with errors.\n'.length);
    assert.equal(
      applied.replace(/pk \d+/g, 'pk N'),
      [
        'providers/alpha.oauth2provider.yaml: POST 201 · Created provider "Alpha" (pk N).',
        'providers/gamma.oauth2provider.yaml: Deploy failed: The server rejected the provider (400).',
        `providers/gamma.oauth2provider.yaml:3:21: error server-rejected authentik: Invalid pk "${MISSING_FLOW}" - object does not exist.`,
        'Applied 1 of 3 change(s): providers/alpha.oauth2provider.yaml. Failed: providers/gamma.oauth2provider.yaml. Not attempted: providers/team/beta.oauth2provider.yaml.',
        '',
      ].join('\n'),
    );
  });

  it('any file that cannot be planned: nothing is sent, exit 1, the errors on their lines', async () => {
    const dir = tree({ 'providers/team/beta.oauth2provider.yaml': provider('Beta', 'client_id: !env BETA_CLIENT_ID\n') });
    const result = await runCli(['deploy', 'providers', '--url', server().url, '--yes'], { cwd: dir, env: env() });
    assert.equal(result.code, 1);
    assert.ok(result.stdout.includes('\nproviders/team/beta.oauth2provider.yaml:6:12: error env-missing The environment variable BETA_CLIENT_ID is not set.\n'), result.stdout);
    assert.equal(result.stderr, 'authentik-oauth2 deploy: 1 of 3 file(s) cannot be deployed (above); nothing was sent.\n');
    assert.deepEqual(writes(), []);
  });

  for (const fault of [
    { method: 'POST', status: 400, echo: true },
    { method: 'POST', status: 500, echo: true, htmlBody: true },
  ]) {
    it(`a server that echoes the request (${fault.status}): the !env value is in no output`, async () => {
      server().addFault({ ...fault });
      // A client id is no secret by its key: only the redactor's memory of the !env values masks it.
      const dir = tree({ 'providers/alpha.oauth2provider.yaml': provider('Alpha', 'client_secret: !env ALPHA_SECRET\nclient_id: !env ALPHA_ID\n') });
      const result = await runCli(['deploy', 'providers', '--url', server().url, '--yes'], { cwd: dir, env: { ...env(), ALPHA_ID: 'alpha-id-Fr6Jw2Yq9k' } });
      assert.notEqual(result.code, 0);
      assert.ok(server().requests.some((r) => r.method === 'POST' && r.rawBody.includes(MARKER) && r.rawBody.includes('Fr6Jw2Yq9k')), 'both were sent');
      assert.match(result.stdout, /providers\/alpha\.oauth2provider\.yaml: Deploy failed: /);
      for (const marker of [MARKER, 'Fr6Jw2Yq9k']) assert.ok(!(result.stdout + result.stderr).includes(marker), result.stdout + result.stderr);
    });
  }

  it('several files or a quoted glob are planned together too; one file named alone is sent without asking', async () => {
    const dir = tree();
    const two = await runCli(['deploy', 'providers/gamma.oauth2provider.yaml', 'providers/alpha.oauth2provider.yaml', '--url', server().url, '--dry-run'], { cwd: dir, env: env() });
    assert.equal(two.code, 0, two.stderr);
    // In the order given.
    assert.match(two.stdout, /\n\nproviders\/gamma\.oauth2provider\.yaml: create\n[^]*\nproviders\/alpha\.oauth2provider\.yaml: create\n[^]*\nPlan: 2 to create/);
    const glob = await runCli(['deploy', 'providers/*.oauth2provider.yaml', '--url', server().url], { cwd: dir, env: env() });
    assert.equal(glob.code, 2);
    assert.match(glob.stdout, /\nPlan: 2 to create, 0 to update, 0 up to date, 0 with errors\.\n$/);
    assert.deepEqual(writes(), []);
    const one = await runCli(['deploy', 'providers/team/beta.oauth2provider.yaml', '--url', server().url], { cwd: dir, env: env() });
    assert.equal(one.code, 0, one.stderr);
    assert.deepEqual(writes(), ['POST Beta']);
  });

  it('two files naming the same provider: an error on the second one\'s name, nothing sent', async () => {
    const dir = tree({ 'providers/team/beta.oauth2provider.yaml': provider('Alpha').replace('https://alpha.', 'https://other.') });
    const result = await runCli(['deploy', 'providers', '--url', server().url, '--yes'], { cwd: dir, env: env() });
    assert.equal(result.code, 1);
    assert.ok(result.stdout.includes('\nproviders/team/beta.oauth2provider.yaml:2:7: error provider-name-repeated providers/alpha.oauth2provider.yaml names the provider "Alpha" too: each provider must be described by one file only.\n'), result.stdout);
    assert.deepEqual(writes(), []);
    const plan = await runCli(['plan', 'providers', '--url', server().url], { cwd: dir, env: env() });
    assert.equal(plan.code, 1);
    assert.match(plan.stdout, /\nPlan: 2 to create, 0 to update, 0 up to date, 1 with errors\.\n$/);
  });

  it('--dry-run shows the plan and asks nothing; --format markdown gives the plan in Markdown', async () => {
    const dir = tree();
    const prompt = new ScriptedPrompt([]);
    const dry = await runCliInProcess(['deploy', 'providers', '--url', server().url, '--dry-run'], { cwd: dir, env: env(), prompt });
    assert.equal(dry.code, 0, dry.stderr);
    assert.match(dry.stdout, /\nPlan: 3 to create, 0 to update, 0 up to date, 0 with errors\.\nDry run, nothing sent\.\n$/);
    const markdown = await runCliInProcess(['deploy', 'providers', '--url', server().url, '--dry-run', '--format', 'markdown'], { cwd: dir, env: env(), prompt });
    assert.equal(markdown.code, 0);
    assert.match(markdown.stdout, /^### authentik plan\n\nPlan: 3 to create/);
    assert.deepEqual(prompt.asked, []);
    assert.deepEqual(writes(), []);
    const notDry = await runCli(['deploy', 'providers', '--url', server().url, '--format', 'markdown'], { cwd: dir, env: env() });
    assert.equal(notDry.code, 2);
  });
});

describe('cli plan and deploy: a provider that names another one the same run creates', () => {
  let modern: AuthentikTestServer;
  before(async () => {
    modern = await startAuthentikTestServer({ token: TOKEN, version: '2026.5' });
  });
  after(() => modern?.close());
  beforeEach(() => modern.reset());
  const env = { AUTHENTIK_TOKEN: TOKEN, AUTHENTIK_URL: '' };
  const provider2026 = (name: string, extra = '') => `name: ${name}
authorization_flow: !ref default-provider-authorization-explicit-consent
invalidation_flow: !ref default-provider-invalidation-flow
redirect_uris:
  - matching_mode: strict
    url: https://${name.toLowerCase()}.example.com/cb
${extra}`;
  const federated = (target: string) => `jwt_federation_providers:\n  - !ref ${target}\n`;

  it('plans it after that file, sends it after the provider exists, with its pk; then all is up to date', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'authentik-federation-'));
    made.push(dir);
    fs.mkdirSync(path.join(dir, 'providers'));
    // Named so that the file that waits comes first in the search.
    fs.writeFileSync(path.join(dir, 'providers/a-ci.oauth2provider.yaml'), provider2026('CI', federated('Zeta')));
    fs.writeFileSync(path.join(dir, 'providers/zeta.oauth2provider.yaml'), provider2026('Zeta'));
    const plan = await runCli(['plan', 'providers', '--url', modern.url], { cwd: dir, env });
    assert.equal(plan.code, 2, plan.stdout + plan.stderr);
    assert.ok(plan.stdout.includes('\nproviders/a-ci.oauth2provider.yaml: create, after providers/zeta.oauth2provider.yaml\n'), plan.stdout);
    assert.ok(plan.stdout.includes('\n    jwt_federation_providers[0] ← !ref Zeta → the provider providers/zeta.oauth2provider.yaml creates first\n'), plan.stdout);
    const json = JSON.parse((await runCli(['plan', 'providers', '--url', modern.url, '--format', 'json'], { cwd: dir, env })).stdout);
    assert.deepEqual(json.files[0].after, ['providers/zeta.oauth2provider.yaml']);
    assert.deepEqual(json.files[0].resolved.at(-1), { field: 'jwt_federation_providers[0]', tag: '!ref', written: 'Zeta', createdBy: 'providers/zeta.oauth2provider.yaml' });
    assert.equal(modern.requests.filter((r) => r.method !== 'GET').length, 0);

    const deployed = await runCli(['deploy', 'providers', '--url', modern.url, '--yes'], { cwd: dir, env });
    assert.equal(deployed.code, 0, deployed.stdout + deployed.stderr);
    const posts = modern.requests.filter((r) => r.method === 'POST').map((r) => r.body as Record<string, unknown>);
    assert.deepEqual(posts.map((b) => b.name), ['Zeta', 'CI']);
    const zeta = modern.providers().find((p) => p.name === 'Zeta')!;
    assert.deepEqual(posts[1].jwt_federation_providers, [zeta.pk]);
    assert.match(deployed.stdout, /\nproviders\/zeta\.oauth2provider\.yaml: POST 201 · Created provider "Zeta" \(pk \d+\)\.\nproviders\/a-ci\.oauth2provider\.yaml: POST 201 · Created provider "CI" \(pk \d+\)\.\nApplied 2 of 2 change\(s\)\.\n$/);

    const again = await runCli(['plan', 'providers', '--url', modern.url], { cwd: dir, env });
    assert.equal(again.code, 0, again.stdout + again.stderr);
  });

  it('a chain of three is sent from its end; two files that wait for each other keep their errors, nothing sent', async () => {
    const chain = fs.mkdtempSync(path.join(os.tmpdir(), 'authentik-federation-'));
    made.push(chain);
    fs.mkdirSync(path.join(chain, 'providers'));
    fs.writeFileSync(path.join(chain, 'providers/a.oauth2provider.yaml'), provider2026('A', federated('B')));
    fs.writeFileSync(path.join(chain, 'providers/b.oauth2provider.yaml'), provider2026('B', federated('C')));
    fs.writeFileSync(path.join(chain, 'providers/c.oauth2provider.yaml'), provider2026('C'));
    const sent = await runCli(['deploy', 'providers', '--url', modern.url, '--yes'], { cwd: chain, env });
    assert.equal(sent.code, 0, sent.stdout + sent.stderr);
    assert.deepEqual(modern.requests.filter((r) => r.method === 'POST').map((r) => (r.body as { name: string }).name), ['C', 'B', 'A']);
    modern.reset();

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'authentik-federation-'));
    made.push(dir);
    fs.mkdirSync(path.join(dir, 'providers'));
    fs.writeFileSync(path.join(dir, 'providers/one.oauth2provider.yaml'), provider2026('One', federated('Two')));
    fs.writeFileSync(path.join(dir, 'providers/two.oauth2provider.yaml'), provider2026('Two', federated('One')));
    const result = await runCli(['deploy', 'providers', '--url', modern.url, '--yes'], { cwd: dir, env });
    assert.equal(result.code, 1);
    assert.ok(result.stdout.includes('\nproviders/one.oauth2provider.yaml:8:5: error reference-unresolved No OAuth2 provider on the server has the name "Two".\n'), result.stdout);
    assert.equal(modern.requests.filter((r) => r.method !== 'GET').length, 0);
  });
});
