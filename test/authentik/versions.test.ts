import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import YAML from 'yaml';
import { startAuthentikTestServer } from '../authentik-server';
import { CliError, parseCliArgs } from '../authentik-server/cli-args';
import { AuthentikTestServer } from '../authentik-server';
import { call, PROVIDERS, useServer } from './helpers';

/** A create body for a release with invalidation_flow and the list form of redirect_uris. */
function listBody(server: AuthentikTestServer, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const { flows } = server.seedObjects;
  return {
    name: 'Grafana',
    authorization_flow: flows.explicitConsent.pk,
    invalidation_flow: flows.providerInvalidation.pk,
    redirect_uris: [{ matching_mode: 'strict', url: 'https://grafana.example.com/login/generic_oauth' }],
    ...overrides,
  };
}

async function post(server: AuthentikTestServer, body: unknown): Promise<{ status: number; json: Record<string, any> }> {
  const reply = await call(server, 'POST', PROVIDERS, { body });
  return { status: reply.status, json: reply.json as Record<string, any> };
}

describe('authentik test server --version: which release it is', () => {
  it('reports the release, reads a release line as its newest known release, and refuses what is no version', async () => {
    const cases: [string, string][] = [
      ['2024.8.4', '2024.8.4'],
      ['2024.10', '2024.10.5'],
      ['2026.2', '2026.2.2'],
      ['2026.8.6', '2026.8.6'],
    ];
    for (const [version, reported] of cases) {
      const server = await startAuthentikTestServer({ version });
      try {
        const reply = await call(server, 'GET', '/api/v3/admin/version/');
        assert.equal((reply.json as { version_current: string }).version_current, reported, version);
      } finally {
        await server.close();
      }
    }
    await assert.rejects(startAuthentikTestServer({ version: 'latest' }), /^Error: "latest" is not an authentik version \(for example 2024\.8\.4, 2026\.2 or 2026\.5\.0\)$/);
    await assert.rejects(startAuthentikTestServer({ version: '2023.4.3' }), /^Error: authentik 2023\.4\.3 is older than every supported release: the profiles start at 2023\.5\.0\.$/);
  });

  it('takes --version on the command line, checked before the server starts', () => {
    assert.equal(parseCliArgs(['--version', '2026.5.0', '--port', '0']).server.version, '2026.5.0');
    assert.throws(() => parseCliArgs(['--version', '2026.x']), (error: unknown) => error instanceof CliError && error.message === '--version: "2026.x" is not an authentik version (for example 2024.8.4, 2026.2 or 2026.5.0)');
    assert.throws(() => parseCliArgs(['--version']), (error: unknown) => error instanceof CliError && error.message === '--version needs a value');
  });

  it('serves its release line\'s own OpenAPI schema at /api/v3/schema/ without a token, info.version set', async () => {
    const server = await startAuthentikTestServer({ version: '2024.8.5' });
    try {
      const yaml = await call(server, 'GET', '/api/v3/schema/', { token: null });
      assert.equal(yaml.status, 200);
      assert.equal(yaml.headers.get('content-type'), 'application/vnd.oai.openapi; charset=utf-8');
      assert.match(yaml.text, /^openapi: 3\.0\.3\ninfo:\n {2}title: authentik\n {2}version: 2024\.8\.5\n/);
      const document = YAML.parse(yaml.text);
      assert.equal(document.components.schemas.OAuth2ProviderRequest.properties.redirect_uris.type, 'array', 'the 2024.8.6 subset: the list form');
      const json = await call(server, 'GET', '/api/v3/schema/?format=json', { token: null });
      assert.equal(json.headers.get('content-type'), 'application/vnd.oai.openapi+json; charset=utf-8');
      assert.deepEqual(json.json, document);
    } finally {
      await server.close();
    }
    const newer = await startAuthentikTestServer({ version: '2026.8.6' });
    try {
      const document = (await call(newer, 'GET', '/api/v3/schema/?format=json', { token: null })).json as Record<string, any>;
      assert.equal(document.info.version, '2026.8.6');
      assert.ok(document.components.schemas.GrantTypesEnum, 'the newest subset (2026.5)');
    } finally {
      await newer.close();
    }
  });

  it('seeds the default provider invalidation flow from 2024.10.0 on', async () => {
    const slugs = async (version: string) => {
      const server = await startAuthentikTestServer({ version });
      try {
        const reply = await call(server, 'GET', '/api/v3/flows/instances/?designation=invalidation');
        return (reply.json as { results: { slug: string; name: string }[] }).results.map((f) => `${f.slug} (${f.name})`);
      } finally {
        await server.close();
      }
    };
    assert.deepEqual(await slugs('2024.8.4'), ['default-invalidation-flow (Logout)']);
    assert.deepEqual(await slugs('2024.10.0'), ['default-invalidation-flow (Logout)', 'default-provider-invalidation-flow (Logged out of application)']);
  });
});

describe('authentik test server 2024.10.0: the string form, invalidation_flow required', () => {
  const server = useServer({ version: '2024.10.0' });

  it('requires invalidation_flow, a flow that exists and is not null', async () => {
    const { flows } = server().seedObjects;
    const base = { name: 'Grafana', authorization_flow: flows.explicitConsent.pk, redirect_uris: 'https://grafana\\.example\\.com/cb' };
    assert.deepEqual(await post(server(), base), { status: 400, json: { invalidation_flow: ['This field is required.'] } });
    assert.deepEqual(await post(server(), { ...base, invalidation_flow: null }), { status: 400, json: { invalidation_flow: ['This field may not be null.'] } });
    assert.deepEqual(await post(server(), { ...base, invalidation_flow: '00000000-0000-4000-8000-000000000000' }), {
      status: 400,
      json: { invalidation_flow: ['Invalid pk "00000000-0000-4000-8000-000000000000" - object does not exist.'] },
    });
    const created = await post(server(), { ...base, invalidation_flow: flows.providerInvalidation.pk, encryption_key: server().seedObjects.keyPairs.certificateOnly.pk });
    assert.equal(created.status, 201);
    assert.equal(created.json.redirect_uris, 'https://grafana\\.example\\.com/cb');
    assert.equal(created.json.invalidation_flow, flows.providerInvalidation.pk);
    assert.equal(created.json.encryption_key, server().seedObjects.keyPairs.certificateOnly.pk, 'a key pair without a private key is accepted');
    assert.deepEqual((await post(server(), { ...base, name: 'list', invalidation_flow: flows.providerInvalidation.pk, redirect_uris: [] })).json, { redirect_uris: ['Not a valid string.'] });
  });
});

describe('authentik test server 2024.8.6: the list form of redirect_uris', () => {
  const server = useServer({ version: '2024.8.6' });

  it('refuses the string, and nests its errors per entry', async () => {
    const body = (redirectUris: unknown) => ({ ...listBody(server()), invalidation_flow: undefined, redirect_uris: redirectUris });
    assert.deepEqual(await post(server(), body('https://grafana\\.example\\.com/cb')), {
      status: 400,
      json: { redirect_uris: { non_field_errors: ['Expected a list of items but got type "str".'] } },
    });
    assert.deepEqual(await post(server(), body({ matching_mode: 'strict', url: 'https://a/' })), {
      status: 400,
      json: { redirect_uris: { non_field_errors: ['Expected a list of items but got type "dict".'] } },
    });
    assert.deepEqual(await post(server(), body(null)), { status: 400, json: { redirect_uris: ['This field may not be null.'] } });
    assert.deepEqual(await post(server(), { ...body(undefined) }), { status: 400, json: { redirect_uris: ['This field is required.'] } });
    assert.deepEqual(
      await post(server(), body([{ matching_mode: 'strict', url: 'https://a/cb' }, { matching_mode: 'exact', url: '  ' }, 'https://b/cb', null, {}, { matching_mode: 'regex', url: 'https://c/.*', redirect_uri_type: 'logout' }])),
      {
        status: 400,
        json: {
          redirect_uris: [
            {},
            { matching_mode: ['"exact" is not a valid choice.'], url: ['This field may not be blank.'] },
            { non_field_errors: ['Invalid data. Expected a dictionary, but got str.'] },
            ['This field may not be null.'],
            { matching_mode: ['This field is required.'], url: ['This field is required.'] },
            {},
          ],
        },
      },
    );
  });

  it('stores the entries (trimmed, unknown keys dropped), takes [] and replaces the list on PATCH', async () => {
    const created = await post(server(), {
      ...listBody(server()),
      redirect_uris: [{ matching_mode: 'regex', url: ' https://grafana\\.example\\.com/.* ', redirect_uri_type: 'logout' }, { matching_mode: 'strict', url: 'https://grafana.example.com/cb' }],
    });
    assert.equal(created.status, 201);
    assert.deepEqual(created.json.redirect_uris, [
      { matching_mode: 'regex', url: 'https://grafana\\.example\\.com/.*' },
      { matching_mode: 'strict', url: 'https://grafana.example.com/cb' },
    ]);
    assert.equal('invalidation_flow' in created.json, false, 'no invalidation_flow before 2024.10');
    const patched = await call(server(), 'PATCH', `${PROVIDERS}${created.json.pk}/`, { body: { redirect_uris: [] } });
    assert.equal(patched.status, 200, patched.text);
    assert.deepEqual((patched.json as { redirect_uris: unknown }).redirect_uris, []);
  });

  it('compiles regex entries with Python\'s rules: 400 Invalid Regex Pattern for the first that fails, strict entries unchecked', async () => {
    const body = (redirectUris: unknown) => ({ ...listBody(server()), name: 'Regex entries', invalidation_flow: undefined, redirect_uris: redirectUris });
    for (const url of ['https://app\\.example\\.com/(cb', '*', 'https://a\\.b/\\q', 'https://a\\.b/[z-a]', '(?P<1>x)']) {
      assert.deepEqual(await post(server(), body([{ matching_mode: 'strict', url: 'https://a/(' }, { matching_mode: 'regex', url: ` ${url} ` }, { matching_mode: 'regex', url: '(' }])), {
        status: 400,
        json: { redirect_uris: [`Invalid Regex Pattern: ${url}`] },
      }, url);
    }
    // What JavaScript refuses and Python takes: a named group, a possessive repeat.
    const created = await post(server(), body([{ matching_mode: 'regex', url: 'https://(?P<t>[a-z]+)\\.example\\.com/cb' }, { matching_mode: 'regex', url: 'https://a\\.b/c++' }, { matching_mode: 'strict', url: 'https://a/(' }]));
    assert.equal(created.status, 201, JSON.stringify(created.json));
    // Entry errors come first: the patterns are compiled only once every entry is valid.
    assert.deepEqual(await post(server(), { ...body([{ matching_mode: 'regex', url: '(' }, { matching_mode: 'regex' }]), name: 'Regex entries, again' }), {
      status: 400,
      json: { redirect_uris: [{}, { url: ['This field is required.'] }] },
    });
  });

  it('a pattern that raises OverflowError in re.compile is a server error, and nothing is stored', async () => {
    const fixed = await startAuthentikTestServer({ version: '2024.8.6', legacyErrorViews: false });
    try {
      const reply = await call(fixed, 'POST', PROVIDERS, { body: { ...listBody(fixed), invalidation_flow: undefined, redirect_uris: [{ matching_mode: 'regex', url: 'https://a\\.b/x{4294967295}' }] } });
      assert.equal(reply.status, 500);
      assert.match(reply.text, /Server Error \(500\)/);
      assert.deepEqual(fixed.providers(), []);
    } finally {
      await fixed.close();
    }
  });

  it('has no redirect_uris filter any more: the parameter is ignored', async () => {
    const reply = await call(server(), 'GET', `${PROVIDERS}?redirect_uris=nothing-matches`);
    assert.ok((reply.json as { results: unknown[] }).results.length > 0);
  });
});

describe('authentik test server 2024.12.5: jwt_federation_sources and integer jwt_federation_providers', () => {
  const server = useServer({ version: '2024.12.5' });

  it('takes OAuth2 providers by integer pk and refuses the rest as DRF does', async () => {
    const first = await post(server(), listBody(server(), { name: 'first' }));
    assert.equal(first.status, 201);
    const pk = first.json.pk as number;
    const federated = async (value: unknown) => post(server(), listBody(server(), { name: `with ${JSON.stringify(value)}`, jwt_federation_providers: value }));
    assert.deepEqual((await federated([pk, String(pk), pk])).json.jwt_federation_providers, [pk], 'int() reads "3"; a many-to-many relation is a set');
    assert.deepEqual((await federated([99])).json, { jwt_federation_providers: ['Invalid pk "99" - object does not exist.'] });
    assert.deepEqual((await federated([1])).json, { jwt_federation_providers: ['Invalid pk "1" - object does not exist.'] }, 'pk 1 is the proxy provider');
    assert.deepEqual((await federated([server().seedObjects.flows.explicitConsent.pk])).json, { jwt_federation_providers: ['Incorrect type. Expected pk value, received str.'] });
    assert.deepEqual((await federated([true])).json, { jwt_federation_providers: ['Incorrect type. Expected pk value, received bool.'] });
    assert.deepEqual((await federated(String(pk))).json, { jwt_federation_providers: ['Expected a list of items but got type "str".'] });
  });

  it('ignores jwks_sources, the old name', async () => {
    const { githubActions } = server().seedObjects.sources;
    const created = await post(server(), listBody(server(), { name: 'renamed', jwks_sources: [githubActions.pk] }));
    assert.equal(created.status, 201);
    assert.deepEqual(created.json.jwt_federation_sources, []);
    assert.equal('jwks_sources' in created.json, false);
    const kept = await post(server(), listBody(server(), { name: 'new name', jwt_federation_sources: [githubActions.pk] }));
    assert.deepEqual(kept.json.jwt_federation_sources, [githubActions.pk]);
  });
});

describe('authentik test server 2025.8.6 and 2025.10.4: backchannel_logout_uri, then logout_uri and logout_method', () => {
  const v2025_8 = useServer({ version: '2025.8.6' });
  const v2025_10 = useServer({ version: '2025.10.4' });

  it('2025.8 takes backchannel_logout_uri; 2025.10 ignores it', async () => {
    const body = (server: AuthentikTestServer) => listBody(server, { backchannel_logout_uri: 'https://app.example.com/backchannel' });
    assert.equal((await post(v2025_8(), body(v2025_8()))).json.backchannel_logout_uri, 'https://app.example.com/backchannel');
    const later = await post(v2025_10(), body(v2025_10()));
    assert.equal(later.status, 201);
    assert.equal('backchannel_logout_uri' in later.json, false);
    assert.equal(later.json.logout_uri, '');
    assert.equal(later.json.logout_method, 'backchannel');
    assert.equal(later.json.refresh_token_threshold, 'seconds=0');
  });

  it('checks logout_uri as an http(s) URL, logout_method as a choice and refresh_token_threshold as a duration', async () => {
    const attempt = (name: string, fields: Record<string, unknown>) => post(v2025_10(), listBody(v2025_10(), { name, ...fields }));
    const accepted = await attempt('frontchannel', { logout_uri: ' http://localhost:8080/logout ', logout_method: 'frontchannel', refresh_token_threshold: 'hours=1' });
    assert.equal(accepted.status, 201);
    assert.equal(accepted.json.logout_uri, 'http://localhost:8080/logout');
    assert.equal(accepted.json.logout_method, 'frontchannel');
    for (const url of ['https://app.example.com/logout?next=/', 'http://10.0.0.1:3000/', 'https://[::1]/logout', 'https://app/logout', '']) {
      assert.equal((await attempt(`ok ${url}`, { logout_uri: url })).status, 201, url);
    }
    for (const url of ['ftp://files.example.com/', 'app.example.com/logout', 'javascript:alert(1)', 'https://exa mple.com/', 'https://-bad.example.com/', 'https://[::1/logout', 'https://[1:2:3]/']) {
      assert.deepEqual((await attempt(`bad ${url}`, { logout_uri: url })).json, { logout_uri: ['Enter a valid URL.'] }, url);
    }
    assert.deepEqual((await attempt('both', { logout_method: 'both' })).json, { logout_method: ['"both" is not a valid choice.'] });
    assert.deepEqual((await attempt('threshold', { refresh_token_threshold: 'soon' })).json, { refresh_token_threshold: ["soon is not in the correct format of 'hours=3;minutes=1'."] });
    assert.deepEqual((await attempt('blank threshold', { refresh_token_threshold: ' ' })).json, { refresh_token_threshold: ['This field may not be blank.'] });
  });
});

describe('authentik test server 2026.5.0: grant_types and redirect_uri_type', () => {
  const server = useServer({ version: '2026.5.0' });

  it('grant_types: a list of choices that may not be empty, errors by index', async () => {
    const attempt = (name: string, grantTypes: unknown) => post(server(), listBody(server(), { name, grant_types: grantTypes }));
    const created = await attempt('code', ['authorization_code', 'refresh_token', 'urn:ietf:params:oauth:grant-type:device_code']);
    assert.equal(created.status, 201);
    assert.deepEqual(created.json.grant_types, ['authorization_code', 'refresh_token', 'urn:ietf:params:oauth:grant-type:device_code']);
    assert.deepEqual((await attempt('empty', [])).json, { grant_types: ['This list may not be empty.'] });
    assert.deepEqual((await attempt('typos', ['authorisation_code', 'implicit', null])).json, { grant_types: { 0: ['"authorisation_code" is not a valid choice.'], 2: ['This field may not be null.'] } });
    assert.deepEqual((await attempt('string', 'authorization_code')).json, { grant_types: ['Expected a list of items but got type "str".'] });
    const omitted = await post(server(), listBody(server(), { name: 'omitted' }));
    assert.deepEqual(omitted.json.grant_types, [], 'a provider created without grant_types allows none');
  });

  it('redirect_uri_type: authorization by default, logout, nothing else', async () => {
    const created = await post(server(), listBody(server(), {
      name: 'types',
      redirect_uris: [{ matching_mode: 'strict', url: 'https://a/cb' }, { matching_mode: 'strict', url: 'https://a/logged-out', redirect_uri_type: 'logout' }],
    }));
    assert.equal(created.status, 201);
    assert.deepEqual(created.json.redirect_uris, [
      { matching_mode: 'strict', url: 'https://a/cb', redirect_uri_type: 'authorization' },
      { matching_mode: 'strict', url: 'https://a/logged-out', redirect_uri_type: 'logout' },
    ]);
    const bad = await post(server(), listBody(server(), { name: 'bad type', redirect_uris: [{ matching_mode: 'strict', url: 'https://a/cb', redirect_uri_type: 'login' }] }));
    assert.deepEqual(bad.json, { redirect_uris: [{ redirect_uri_type: ['"login" is not a valid choice.'] }] });
  });

  it('lists key pairs with details whatever include_details says (2026.2 dropped it)', async () => {
    const reply = await call(server(), 'GET', '/api/v3/crypto/certificatekeypairs/?include_details=false');
    const pair = (reply.json as { results: Record<string, unknown>[] }).results[0];
    assert.equal(typeof pair.fingerprint_sha256, 'string');
    assert.equal(pair.key_type, 'rsa');
    assert.equal('private_key_type' in pair, false);
    assert.deepEqual((reply.json as { autocomplete: unknown }).autocomplete, {});
  });
});
