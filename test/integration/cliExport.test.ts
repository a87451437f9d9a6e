import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { NodeHttpClient } from '../../common/authentik/http';
import { storedBody, storedFieldsOf } from '../../common/authentik/storedValues';
import { RequestField, requestFields } from '../../common/profiles';
import { DEFAULT_SETTINGS } from '../../common/settings';
import { cliIo } from '../../server/src/cli/io';
import { serverContext, serverLists } from '../../server/src/cli/serverContext';
import { prepareBody } from '../../server/src/service/deployBody';
import { parseText } from '../../server/src/service/parsedDocument';
import { AuthentikTestServer, SEED_IDS, startAuthentikTestServer } from '../authentik-server';
import { runCli } from '../helpers/cli';
import { apiFor, TOKEN } from './harness';

const { flows, keyPairs, scopeMappings, sources } = SEED_IDS;

/** Known secrets the server holds: none of them may appear in a file or an output. */
const GRAFANA_SECRET = 'grafana-secret-7Qm2xV9pL4sK8dR1tW6yZ3bN5cF0hJ2gA';
const WIKI_SECRET = 'wiki-secret-Hq4Lm8Nv2Xc6Bz1Kp9Rt5Wy3Df7Gj0Sa';
const PUBLIC_SECRET = 'public-secret-Zx8Cv6Bn4Mq2Wl0Ke9Rj7Ty5Ui3Op1As';
const SECRETS = [GRAFANA_SECRET, WIKI_SECRET, PUBLIC_SECRET];

/** The providers seeded on a 2024.8.4 server: every kind of reference, non-default values, a strict-looking regex string. */
function providers2024(): Record<string, unknown>[] {
  return [
    {
      name: 'Grafana',
      authorization_flow: flows.explicitConsent,
      client_type: 'confidential',
      client_id: 'grafana',
      client_secret: GRAFANA_SECRET,
      redirect_uris: 'https://grafana\\.example\\.com/login/generic_oauth\nhttps://grafana\\.example\\.com/other',
      property_mappings: [scopeMappings.openid, scopeMappings.email, scopeMappings.profile],
      signing_key: keyPairs.selfSigned,
      access_token_validity: 'hours=2',
    },
    {
      name: 'Wiki (prod)',
      authentication_flow: flows.authentication,
      authorization_flow: flows.implicitConsent,
      client_secret: WIKI_SECRET,
      include_claims_in_id_token: false,
      sub_mode: 'user_email',
      issuer_mode: 'global',
      redirect_uris: 'https://wiki\\.example\\.com/oauth/callback',
      jwks_sources: [sources.githubActions],
    },
    {
      name: 'Mobile app',
      authorization_flow: flows.implicitConsent,
      client_type: 'public',
      client_id: 'mobile',
      client_secret: PUBLIC_SECRET,
      redirect_uris: 'com\\.example\\.app://callback',
      property_mappings: [scopeMappings.openid, scopeMappings.offlineAccess],
    },
  ];
}

/** Provider pks follow the seed's two providers of other types: the first one created is Grafana. */
const GRAFANA_PK = 3;

/** The same on a 2026.5 server: the list form with a strict entry the upgrade left with backslashes, grant types, both keys, federation. */
function providers2026(): Record<string, unknown>[] {
  const [grafana, wiki, mobile] = providers2024();
  return [
    {
      ...grafana,
      invalidation_flow: flows.providerInvalidation,
      grant_types: ['authorization_code', 'refresh_token'],
      encryption_key: keyPairs.selfSigned,
      redirect_uris: [
        { matching_mode: 'strict', url: 'https://grafana\\.example\\.com/login/generic_oauth' },
        { matching_mode: 'regex', url: 'https://grafana\\.example\\.com/cb/[a-z]+' },
        { matching_mode: 'strict', url: 'https://grafana.example.com/logout', redirect_uri_type: 'logout' },
      ],
      logout_uri: 'https://grafana.example.com/backchannel-logout',
      refresh_token_threshold: 'hours=1',
    },
    { ...wiki, invalidation_flow: flows.invalidation, jwks_sources: undefined, redirect_uris: [{ matching_mode: 'strict', url: 'https://wiki.example.com/oauth/callback' }], jwt_federation_sources: [sources.githubActions], logout_method: 'frontchannel', jwt_federation_providers: [GRAFANA_PK] },
    { ...mobile, invalidation_flow: flows.providerInvalidation, redirect_uris: [{ matching_mode: 'strict', url: 'com.example.app://callback' }] },
  ].map((p) => Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined)));
}

function useServer(version: string): () => AuthentikTestServer {
  let server: AuthentikTestServer | undefined;
  before(async () => {
    server = await startAuthentikTestServer({ token: TOKEN, version });
  });
  after(() => server?.close());
  return () => server!;
}

/** Resets the server and creates the providers through its API, as a user of the UI would have. */
async function seed(server: AuthentikTestServer, providers: Record<string, unknown>[]): Promise<void> {
  server.reset();
  const api = apiFor(server.url);
  for (const provider of providers) {
    const created = await api.request('POST', '/api/v3/providers/oauth2/', { body: provider });
    assert.ok(created.ok, JSON.stringify(created));
  }
  server.requests.length = 0;
}

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'authentik-export-'));
}

const env = { AUTHENTIK_TOKEN: TOKEN, AUTHENTIK_URL: '' };

function filesIn(dir: string): Record<string, string> {
  return Object.fromEntries(fs.readdirSync(dir).sort().map((name) => [name, fs.readFileSync(path.join(dir, name), 'utf8')]));
}

function assertNoSecret(where: string, text: string): void {
  for (const secret of SECRETS) assert.ok(!text.includes(secret), `${where} holds a client secret`);
}

/** The server's own view (profile, release, objects), as the CLI gets it. */
async function contextOf(server: AuthentikTestServer) {
  const sink = { write: () => true };
  const io = cliIo({ stdout: sink, stderr: sink, env: { XDG_CACHE_HOME: tempDir() }, cwd: os.tmpdir() });
  const context = await serverContext({ baseUrl: server.url, token: TOKEN, allowInsecureHttp: false, timeoutMs: 5000 }, new NodeHttpClient(), io);
  assert.ok(context.profile && context.references);
  return { profile: context.profile, release: context.release, lists: serverLists(context) };
}

for (const [version, providers, fileNames] of [
  ['2024.8.4', providers2024, ['grafana.oauth2provider.yaml', 'mobile-app.oauth2provider.yaml', 'wiki-prod.oauth2provider.yaml']],
  ['2026.5', providers2026, ['grafana.oauth2provider.yaml', 'mobile-app.oauth2provider.yaml', 'wiki-prod.oauth2provider.yaml']],
] as const) {
  describe(`cli export from a ${version} server`, () => {
    const server = useServer(version);

    it('writes every OAuth2 provider (not the proxy and LDAP providers), references by slug or name, the secret as !env, exit 0', async () => {
      await seed(server(), providers());
      const out = path.join(tempDir(), 'providers');
      const result = await runCli(['export', '--url', server().url, '--out', out], { env });
      assert.equal(result.code, 0, result.stdout + result.stderr);
      const files = filesIn(out);
      assert.deepEqual(Object.keys(files), fileNames);
      for (const [name, text] of Object.entries(files)) {
        assertNoSecret(name, text);
        assert.ok(text.startsWith(`# authentik-version: ${version}`), text);
        assert.ok(!/[0-9a-f]{8}-[0-9a-f]{4}-/.test(text), `${name} still names a UUID:\n${text}`);
        for (const readOnly of ['pk:', 'component:', 'meta_model_name:', 'verbose_name:', 'assigned_application_slug:']) assert.ok(!text.includes(readOnly), `${name} has ${readOnly}`);
      }
      assertNoSecret('stdout', result.stdout);
      assertNoSecret('stderr', result.stderr);
      const grafana = files['grafana.oauth2provider.yaml'];
      assert.match(grafana, /^client_secret: !env GRAFANA_CLIENT_SECRET$/m);
      assert.match(grafana, /^authorization_flow: !ref default-provider-authorization-explicit-consent$/m);
      assert.match(grafana, /^signing_key: !ref authentik Self-signed Certificate$/m);
      assert.match(grafana, /^ {2}- !ref goauthentik\.io\/providers\/oauth2\/scope-email$/m);
      assert.match(grafana, /^access_token_validity: hours=2$/m);
      assert.doesNotMatch(grafana, /access_code_validity|refresh_token_validity|sub_mode|issuer_mode|client_type/, 'fields at their default are left out');
      // A public client's secret is not used: no variable to set.
      assert.doesNotMatch(files['mobile-app.oauth2provider.yaml'], /client_secret/);
      assert.match(files['wiki-prod.oauth2provider.yaml'], /^client_secret: !env WIKI_PROD_CLIENT_SECRET$/m);
      assert.equal(server().providers().find((p) => p.name === 'Grafana')!.pk, GRAFANA_PK);
      if (version !== '2024.8.4') assert.match(files['wiki-prod.oauth2provider.yaml'], /^jwt_federation_providers:\n {2}- !ref Grafana$/m);
      // The generated client id has no default in the schema: it is kept, or a deploy elsewhere would get another one.
      const wikiId = server().providers().find((p) => p.name === 'Wiki (prod)')!.client_id as string;
      assert.match(files['wiki-prod.oauth2provider.yaml'], new RegExp(`^client_id: ${wikiId}$`, 'm'));

      const grafanaPk = server().providers().find((p) => p.name === 'Grafana')!.pk;
      const shownOut = out;
      assert.ok(result.stdout.includes(`wrote ${path.join(shownOut, 'grafana.oauth2provider.yaml')} ("Grafana", pk ${grafanaPk}; client secret from $GRAFANA_CLIENT_SECRET)\n`), result.stdout);
      assert.match(result.stdout, /\nExported 3 of 3 OAuth2 provider\(s\) from http:\/\/127\.0\.0\.1:\d+ to .*providers\.\n$/);
      assert.ok(!server().requests.some((r) => r.method !== 'GET'), 'export only reads');
    });

    it('the files validate clean against the server, and each resolves back to the provider as the server stores it', async () => {
      await seed(server(), providers());
      const dir = tempDir();
      const exported = await runCli(['export', '--url', server().url, '--out', dir], { env });
      assert.equal(exported.code, 0, exported.stderr);
      const validated = await runCli(['validate', dir, '--url', server().url, '--format', 'json'], { env });
      assert.equal(validated.code, 0, validated.stdout + validated.stderr);
      const report = JSON.parse(validated.stdout) as { files: { path: string; diagnostics: { severity: string; code: string }[] }[] };
      assert.equal(report.files.length, 3);
      // The one warning is the strict entry with backslashes the file flags too: the server's value, kept as it is.
      const warnings = Object.fromEntries(report.files.map((f) => [path.basename(f.path), f.diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning').map((d) => d.code)]));
      const flagged = version === '2024.8.4' ? [] : ['redirect-uri-strict-escaped'];
      assert.deepEqual(warnings, { 'grafana.oauth2provider.yaml': flagged, 'mobile-app.oauth2provider.yaml': [], 'wiki-prod.oauth2provider.yaml': [] });

      const { profile, release, lists } = await contextOf(server());
      const fields = storedFieldsOf(profile.requestSchema);
      const secrets: Record<string, string> = { GRAFANA_CLIENT_SECRET: GRAFANA_SECRET, WIKI_PROD_CLIENT_SECRET: WIKI_SECRET };
      const live = server().providers();
      assert.equal(live.length, 3);
      for (const provider of live) {
        const file = fs.readdirSync(dir).find((name) => fs.readFileSync(path.join(dir, name), 'utf8').includes(`name: ${provider.name}\n`))!;
        const parsed = parseText(fs.readFileSync(path.join(dir, file), 'utf8'), { maxFileSize: DEFAULT_SETTINGS.maxFileSize });
        const prepared = prepareBody(parsed, { rules: DEFAULT_SETTINGS.rules, maxFileSize: DEFAULT_SETTINGS.maxFileSize, profile, release, profileFindings: [] }, { lists, env: secrets });
        assert.ok(prepared.ok, JSON.stringify(!prepared.ok && prepared.errors));
        const stored = storedBody(prepared.body, fields);
        // Every request field: as the file gives it, or (left out) the value a create stores without it.
        for (const field of requestFields(profile)) {
          if (field.key === 'client_secret' && provider.client_type === 'public') continue;
          const expected = (provider as Record<string, unknown>)[field.key];
          const actual = field.key in stored ? withEntryDefaults(field, stored[field.key]) : field.defaultValue !== undefined ? field.defaultValue : field.type === 'array' ? [] : field.nullable ? null : '';
          assert.deepEqual(actual, expected, `${provider.name}: ${field.key}`);
        }
      }
    });
  });
}

/** A list of entries as the serializer stores it: an entry field left out gets its default (2026.5's redirect_uri_type). */
function withEntryDefaults(field: RequestField, value: unknown): unknown {
  const inner = field.item?.fields;
  if (!inner || !Array.isArray(value)) return value;
  return value.map((entry: Record<string, unknown>) => {
    const full: Record<string, unknown> = { ...entry };
    for (const f of inner) if (!(f.key in full) && f.defaultValue !== undefined) full[f.key] = f.defaultValue;
    return full;
  });
}

describe('cli export: choosing, naming and keeping files', () => {
  const server = useServer('2024.8.4');

  it('--name exports only the named providers; a name that is no OAuth2 provider is an error naming it, and nothing is written (exit 1)', async () => {
    await seed(server(), providers2024());
    const dir = tempDir();
    const one = await runCli(['export', '--url', server().url, '--out', dir, '--name', 'Wiki (prod)'], { env });
    assert.equal(one.code, 0, one.stderr);
    assert.deepEqual(Object.keys(filesIn(dir)), ['wiki-prod.oauth2provider.yaml']);
    assert.match(one.stdout, /Exported 1 of 1 named OAuth2 provider\(s\)/);

    const other = tempDir();
    const missing = await runCli(['export', '--url', server().url, '--out', other, '--name', 'Grafana', '--name', 'Gitea', '--name', 'Grafana proxy'], { env });
    assert.equal(missing.code, 1, missing.stdout + missing.stderr);
    assert.ok(missing.stderr.includes('authentik-oauth2 export: --name "Gitea": the server has no OAuth2 provider of that name.\n'), missing.stderr);
    assert.deepEqual(fs.readdirSync(other), [], 'nothing is written when a name is wrong');
    assert.match(missing.stderr, /nothing was written\.\n$/);
  });

  it("leaves out the proxy providers authentik 2024.8 shows in the OAuth2 list, and says so; --name of one names its type", async () => {
    await seed(server(), providers2024());
    // The real 2024.8 lists a proxy provider among the OAuth2 providers, rendered as one (its type shows only in /providers/all/).
    const api = apiFor(server().url);
    const list = await api.listAll<Record<string, unknown>>('/api/v3/providers/oauth2/');
    assert.ok(list.ok);
    const proxyRow = { ...list.body[0], pk: 1, name: 'Grafana proxy', client_id: 'proxy-client', client_secret: 'proxy-secret-8Yt6Re4Wq2Lk0Jh' };
    const results = [...list.body, proxyRow];
    server().addFault({ method: 'GET', path: '/api/v3/providers/oauth2/', json: { pagination: { next: 0, previous: 0, count: results.length, current: 1, total_pages: 1, start_index: 1, end_index: results.length }, results } });
    const dir = tempDir();
    const result = await runCli(['export', '--url', server().url, '--out', dir], { env });
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.deepEqual(Object.keys(filesIn(dir)), ['grafana.oauth2provider.yaml', 'mobile-app.oauth2provider.yaml', 'wiki-prod.oauth2provider.yaml']);
    assert.ok(
      result.stderr.includes('authentik-oauth2 export: skipped "Grafana proxy" (pk 1): it is a Proxy Provider, which the OAuth2 provider list shows too because that type is built on OAuth2 providers.\n'),
      result.stderr,
    );
    assert.ok(!result.stdout.includes('proxy-secret') && !result.stderr.includes('proxy-secret'));

    const named = await runCli(['export', '--url', server().url, '--out', tempDir(), '--name', 'Grafana proxy'], { env });
    assert.equal(named.code, 1);
    assert.match(named.stderr, /--name "Grafana proxy": not an OAuth2 provider: it is a Proxy Provider/);
    server().clearFaults();
  });

  it('keeps a file that exists (exit 3, says which), and replaces it only with --overwrite', async () => {
    await seed(server(), providers2024());
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'grafana.oauth2provider.yaml'), 'name: mine\n');
    const kept = await runCli(['export', '--url', server().url, '--out', dir], { env });
    assert.equal(kept.code, 3, kept.stdout + kept.stderr);
    assert.equal(fs.readFileSync(path.join(dir, 'grafana.oauth2provider.yaml'), 'utf8'), 'name: mine\n');
    const shown = path.join(dir, 'grafana.oauth2provider.yaml');
    assert.ok(kept.stderr.includes(`authentik-oauth2 export: kept ${shown} as it is: the file exists (--overwrite replaces it).`), kept.stderr);
    assert.match(kept.stdout, /Exported 2 of 3 OAuth2 provider\(s\) .*; 1 file\(s\) existed and were kept\.\n$/);
    assert.deepEqual(Object.keys(filesIn(dir)), ['grafana.oauth2provider.yaml', 'mobile-app.oauth2provider.yaml', 'wiki-prod.oauth2provider.yaml']);

    const replaced = await runCli(['export', '--url', server().url, '--out', dir, '--overwrite'], { env });
    assert.equal(replaced.code, 0, replaced.stderr);
    assert.match(fs.readFileSync(path.join(dir, 'grafana.oauth2provider.yaml'), 'utf8'), /^name: Grafana$/m);
    assert.deepEqual(Object.keys(filesIn(dir)), ['grafana.oauth2provider.yaml', 'mobile-app.oauth2provider.yaml', 'wiki-prod.oauth2provider.yaml'], 'no temporary file is left');
  });

  it('two names that give the same file name and variable: the lowest pk keeps them, the other gets its pk, and says so', async () => {
    await seed(server(), [
      ...providers2024().slice(0, 1),
      { name: 'grafana!', authorization_flow: flows.implicitConsent, client_secret: WIKI_SECRET },
    ]);
    const dir = tempDir();
    const result = await runCli(['export', '--url', server().url, '--out', dir], { env });
    assert.equal(result.code, 0, result.stderr);
    const second = server().providers().find((p) => p.name === 'grafana!')!.pk;
    const files = filesIn(dir);
    assert.deepEqual(Object.keys(files), [`grafana-${second}.oauth2provider.yaml`, 'grafana.oauth2provider.yaml']);
    assert.match(files['grafana.oauth2provider.yaml'], /^client_secret: !env GRAFANA_CLIENT_SECRET$/m);
    assert.match(files[`grafana-${second}.oauth2provider.yaml`], new RegExp(`^client_secret: !env GRAFANA_${second}_CLIENT_SECRET$`, 'm'));
    assert.ok(result.stdout.includes(`  note: another provider's name also gives grafana.oauth2provider.yaml: this one is written as grafana-${second}.oauth2provider.yaml.\n`), result.stdout);
    assert.ok(result.stdout.includes(`  note: another provider's name also gives $GRAFANA_CLIENT_SECRET: this one reads $GRAFANA_${second}_CLIENT_SECRET.\n`), result.stdout);
    // The same names when only that one is exported.
    const only = tempDir();
    assert.equal((await runCli(['export', '--url', server().url, '--out', only, '--name', 'grafana!'], { env })).code, 0);
    assert.deepEqual(fs.readdirSync(only), [`grafana-${second}.oauth2provider.yaml`]);
  });

  it('refuses to write a file that would hold the client secret (another field has its text), exit 2, and prints it nowhere', async () => {
    const same = 'same-text-as-the-secret-4Rt7Yu1Io9';
    await seed(server(), [{ name: 'Careless', authorization_flow: flows.implicitConsent, client_id: same, client_secret: same }, providers2024()[2]]);
    const dir = tempDir();
    const result = await runCli(['export', '--url', server().url, '--out', dir], { env });
    assert.equal(result.code, 2, result.stdout + result.stderr);
    assert.deepEqual(fs.readdirSync(dir), ['mobile-app.oauth2provider.yaml'], 'the other provider is still written');
    assert.ok(result.stderr.includes(`careless.oauth2provider.yaml: not written: another field of "Careless" (pk `), result.stderr);
    assert.ok(!result.stdout.includes(same) && !result.stderr.includes(same));
    assert.match(result.stdout, /Exported 1 of 2 OAuth2 provider\(s\) .*; 1 could not be written\.\n$/);
  });

  it('prints the notes of an export, server text made visible', async () => {
    await seed(server(), [{ ...providers2024()[0], name: 'Grafana\u001b[31m', property_mappings: [SEED_IDS.propertyMappings.samlEmail] }]);
    const dir = tempDir();
    const result = await runCli(['export', '--url', server().url, '--out', dir], { env });
    assert.equal(result.code, 0, result.stderr);
    // The escape character of the name is shown as a space: nothing the server sends drives the terminal.
    assert.ok(result.stdout.includes('("Grafana [31m", pk '), result.stdout);
    assert.ok(!result.stdout.includes('\u001b'));
    assert.ok(result.stdout.includes(`  note: property_mappings: ${SEED_IDS.propertyMappings.samlEmail} is kept as a UUID: not among the server's property mappings.\n`), result.stdout);
  });

  it('usage errors: no --out, a path, no token (exit 2); the usage documents export and its exit codes', async () => {
    const noOut = await runCli(['export', '--url', server().url], { env });
    assert.equal(noOut.code, 2);
    assert.match(noOut.stderr, /give the folder to write to/);
    const withPath = await runCli(['export', 'x.yaml', '--url', server().url, '--out', tempDir()], { env });
    assert.equal(withPath.code, 2);
    const noToken = await runCli(['export', '--url', server().url, '--out', tempDir()], { env: { AUTHENTIK_TOKEN: '' } });
    assert.equal(noToken.code, 2);
    assert.match(noToken.stderr, /AUTHENTIK_TOKEN/);
    const refused = await runCli(['export', '--url', server().url, '--out', tempDir()], { env: { AUTHENTIK_TOKEN: 'not-the-token' } });
    assert.equal(refused.code, 1, refused.stderr);
    assert.match(refused.stderr, /authentik-oauth2 export: 403 Token invalid\/expired: /);
    const help = await runCli(['--help']);
    assert.match(help.stdout, /export --url <base URL> --out <dir> \[--name NAME\]\.\.\./);
    assert.match(help.stdout, /export: 0 every file written, 1 .*\n.*2 usage error.*3 files that existed were kept\./);
  });
});
