import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AuthentikTestServer, SeedObjects, startAuthentikTestServer } from '../authentik-server';
import { CliResult, runCli } from '../helpers/cli';
import { apiFor, TOKEN } from './harness';

/**
 * The same directory of provider files plans and deploys on two installs whose objects have the same
 * slugs and names but other UUIDs: exported from the first, up to date there, deployed to the second,
 * up to date there too. The client secrets travel through the environment only.
 */
const GRAFANA_SECRET = 'portable-grafana-Lk3Wq8Zt5Nx1Vb7Rm2Hc9Jd4';
const WIKI_SECRET = 'portable-wiki-Pz6Ty1Qs8Gf3Kw5Dn0Xe7Ua2';
const CI_SECRET = 'portable-ci-Yb2Mx7Rk4Qs9Wd1Ze6Tn3Hf8';
const SECRETS = [GRAFANA_SECRET, WIKI_SECRET, CI_SECRET];

/** Providers as a user clicks them together in the UI of the first server: every kind of reference. */
function providersOn(seed: SeedObjects, version: string): Record<string, unknown>[] {
  const modern = version !== '2024.8.4';
  const uris = (url: string) => (modern ? [{ matching_mode: 'strict', url }] : url.replace(/\./g, '\\.'));
  const invalidation = (flow: { pk: string }) => (modern ? { invalidation_flow: flow.pk } : {});
  return [
    {
      name: 'Grafana',
      authorization_flow: seed.flows.explicitConsent.pk,
      ...invalidation(seed.flows.providerInvalidation),
      client_type: 'confidential',
      client_secret: GRAFANA_SECRET,
      redirect_uris: uris('https://grafana.example.com/login/generic_oauth'),
      property_mappings: [seed.scopeMappings.openid.pk, seed.scopeMappings.email.pk, seed.scopeMappings.profile.pk],
      signing_key: seed.keyPairs.selfSigned.pk,
      access_token_validity: 'hours=2',
    },
    {
      name: 'Wiki (prod)',
      authentication_flow: seed.flows.authentication.pk,
      authorization_flow: seed.flows.implicitConsent.pk,
      ...invalidation(seed.flows.invalidation),
      client_secret: WIKI_SECRET,
      sub_mode: 'user_email',
      redirect_uris: uris('https://wiki.example.com/oauth/callback'),
      ...(modern ? { jwt_federation_sources: [seed.sources.githubActions.pk] } : { jwks_sources: [seed.sources.githubActions.pk] }),
    },
    {
      name: 'Mobile app',
      authorization_flow: seed.flows.implicitConsent.pk,
      ...invalidation(seed.flows.providerInvalidation),
      client_type: 'public',
      redirect_uris: uris('com.example.app://callback'),
      property_mappings: [seed.scopeMappings.openid.pk, seed.scopeMappings.offlineAccess.pk],
    },
  ];
}

function assertNoSecret(result: CliResult, what: string): void {
  for (const secret of SECRETS) {
    assert.ok(!result.stdout.includes(secret), `${what}: stdout shows a secret:\n${result.stdout}`);
    assert.ok(!result.stderr.includes(secret), `${what}: stderr shows a secret:\n${result.stderr}`);
  }
}

for (const version of ['2024.8.4', '2026.5']) {
  describe(`portability between two ${version} servers with different ids`, () => {
    let first: AuthentikTestServer;
    let second: AuthentikTestServer;
    const made: string[] = [];
    before(async () => {
      first = await startAuthentikTestServer({ token: TOKEN, version });
      second = await startAuthentikTestServer({ token: TOKEN, version, freshIds: true });
    });
    after(async () => {
      await first?.close();
      await second?.close();
      made.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true }));
    });

    it('export from the first, up to date there; deploy --yes to the second, up to date there; secrets only through the environment', async () => {
      assert.notEqual(first.seedObjects.flows.explicitConsent.pk, second.seedObjects.flows.explicitConsent.pk, 'the second server has other ids');
      const api = apiFor(first.url);
      for (const provider of providersOn(first.seedObjects, version)) {
        const created = await api.request('POST', '/api/v3/providers/oauth2/', { body: provider });
        assert.ok(created.ok, JSON.stringify(created));
      }
      const modern = version !== '2024.8.4';
      if (modern) {
        // A provider that accepts the tokens of another one: it names that provider by its pk, which the second server gives anew.
        const grafana = first.providers().find((p) => p.name === 'Grafana')!;
        const ci = { name: 'CI tokens', authorization_flow: first.seedObjects.flows.implicitConsent.pk, invalidation_flow: first.seedObjects.flows.invalidation.pk, client_secret: CI_SECRET, redirect_uris: [], jwt_federation_providers: [grafana.pk] };
        const created = await api.request('POST', '/api/v3/providers/oauth2/', { body: ci });
        assert.ok(created.ok, JSON.stringify(created));
      }
      const count = modern ? 4 : 3;
      // The second server already has a provider of its own, so the new ones get other pks there too.
      const legacy = { name: 'Legacy', authorization_flow: second.seedObjects.flows.implicitConsent.pk, ...(modern ? { invalidation_flow: second.seedObjects.flows.invalidation.pk, redirect_uris: [] } : {}) };
      assert.ok((await apiFor(second.url).request('POST', '/api/v3/providers/oauth2/', { body: legacy })).ok);
      second.requests.length = 0;
      const work = fs.mkdtempSync(path.join(os.tmpdir(), 'authentik-portable-'));
      made.push(work);
      const env = { AUTHENTIK_TOKEN: TOKEN, AUTHENTIK_URL: '', GRAFANA_CLIENT_SECRET: GRAFANA_SECRET, WIKI_PROD_CLIENT_SECRET: WIKI_SECRET, CI_TOKENS_CLIENT_SECRET: CI_SECRET };
      const run = async (what: string, args: string[]) => {
        const result = await runCli(args, { cwd: work, env });
        assertNoSecret(result, what);
        return result;
      };

      const exported = await run('export', ['export', '--url', first.url, '--out', 'providers']);
      assert.equal(exported.code, 0, exported.stdout + exported.stderr);
      const files = fs.readdirSync(path.join(work, 'providers')).sort();
      assert.deepEqual(files, [...(modern ? ['ci-tokens.oauth2provider.yaml'] : []), 'grafana.oauth2provider.yaml', 'mobile-app.oauth2provider.yaml', 'wiki-prod.oauth2provider.yaml']);
      for (const file of files) {
        const text = fs.readFileSync(path.join(work, 'providers', file), 'utf8');
        for (const secret of SECRETS) assert.ok(!text.includes(secret), `${file} holds a secret`);
        assert.ok(!text.includes(first.seedObjects.flows.implicitConsent.pk) && !text.includes(first.seedObjects.scopeMappings.openid.pk), `${file} names a UUID of the first server:\n${text}`);
      }

      const planFirst = await run('plan against the first', ['plan', 'providers', '--url', first.url]);
      assert.equal(planFirst.code, 0, planFirst.stdout + planFirst.stderr);
      assert.ok(planFirst.stdout.endsWith(`\nPlan: 0 to create, 0 to update, ${count} up to date, 0 with errors.\n`), planFirst.stdout);
      for (const file of files) assert.ok(planFirst.stdout.includes(`providers/${file}: up to date\n`), planFirst.stdout);

      const planSecondBefore = await run('plan against the second', ['plan', 'providers', '--url', second.url, '--format', 'json']);
      assert.equal(planSecondBefore.code, 2, planSecondBefore.stdout + planSecondBefore.stderr);
      assert.deepEqual(JSON.parse(planSecondBefore.stdout).summary, { create: count, update: 0, none: 0, error: 0 });

      const deployed = await run('deploy to the second', ['deploy', 'providers', '--url', second.url, '--yes']);
      assert.equal(deployed.code, 0, deployed.stdout + deployed.stderr);
      assert.ok(deployed.stdout.endsWith(`\nApplied ${count} of ${count} change(s).\n`), deployed.stdout);

      // What the second server got: its own ids, and the secrets from the environment.
      const posts = second.requests.filter((r) => r.method === 'POST');
      assert.equal(posts.length, count);
      const sent = Object.fromEntries(posts.map((r) => [(r.body as { name: string }).name, r.body as Record<string, unknown>]));
      const seed = second.seedObjects;
      assert.equal(sent.Grafana.client_secret, GRAFANA_SECRET);
      assert.equal(sent['Wiki (prod)'].client_secret, WIKI_SECRET);
      assert.equal('client_secret' in sent['Mobile app'], false);
      assert.equal(sent.Grafana.authorization_flow, seed.flows.explicitConsent.pk);
      assert.deepEqual(sent.Grafana.property_mappings, [seed.scopeMappings.openid.pk, seed.scopeMappings.email.pk, seed.scopeMappings.profile.pk]);
      assert.equal(sent.Grafana.signing_key, seed.keyPairs.selfSigned.pk);
      assert.equal(sent['Wiki (prod)'].authentication_flow, seed.flows.authentication.pk);
      assert.deepEqual(sent['Wiki (prod)'][version === '2024.8.4' ? 'jwks_sources' : 'jwt_federation_sources'], [seed.sources.githubActions.pk]);
      const stored = Object.fromEntries(second.providers().map((p) => [p.name, p as unknown as Record<string, unknown>]));
      assert.equal(stored.Grafana.client_secret, GRAFANA_SECRET);
      assert.equal(stored['Wiki (prod)'].client_secret, WIKI_SECRET);
      // The client ids came along, so the applications' configuration stays valid on the second server.
      const firstStored = Object.fromEntries(first.providers().map((p) => [p.name, p as unknown as Record<string, unknown>]));
      for (const name of ['Grafana', 'Wiki (prod)', 'Mobile app']) assert.equal(stored[name].client_id, firstStored[name].client_id, name);
      if (modern) {
        // Sent after Grafana existed there, naming Grafana's pk on the second server.
        assert.notEqual(stored.Grafana.pk, firstStored.Grafana.pk);
        assert.deepEqual(sent['CI tokens'].jwt_federation_providers, [stored.Grafana.pk]);
        assert.equal(stored['CI tokens'].client_secret, CI_SECRET);
        assert.ok(posts.findIndex((r) => (r.body as { name: string }).name === 'CI tokens') > posts.findIndex((r) => (r.body as { name: string }).name === 'Grafana'));
      }

      const planSecond = await run('plan against the second, after', ['plan', 'providers', '--url', second.url]);
      assert.equal(planSecond.code, 0, planSecond.stdout + planSecond.stderr);
      assert.ok(planSecond.stdout.endsWith(`\nPlan: 0 to create, 0 to update, ${count} up to date, 0 with errors.\n`), planSecond.stdout);
      // And the first is still up to date with the same files.
      assert.equal((await run('plan against the first, after', ['plan', 'providers', '--url', first.url])).code, 0);
    });
  });
}
