import { describe, it, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { planDeploy } from '../../common/authentik/deploy';
import { deployBody, renderOutcome } from '../../common/authentik/deployRun';
import { PROVIDER_TYPES } from '../authentik-server/provider-types';
import { apiFor, bodyOf, providerYaml, SEED_IDS, useTestServer, TEST_SERVER_CHECK } from './harness';

const server = useTestServer();

/** A list page as authentik renders it. */
function page(results: unknown[]) {
  const count = results.length;
  return { pagination: { next: 0, previous: 0, count, current: 1, total_pages: 1, start_index: count ? 1 : 0, end_index: count }, results };
}

/** An OAuth2 provider row as GET /providers/oauth2/ renders it. */
function oauth2Row(pk: unknown, name: unknown, extra: Record<string, unknown> = {}) {
  return {
    pk,
    name,
    authentication_flow: null,
    authorization_flow: SEED_IDS.flows.explicitConsent,
    property_mappings: [],
    component: 'ak-provider-oauth2-form',
    assigned_application_slug: null,
    assigned_application_name: null,
    assigned_backchannel_application_slug: null,
    assigned_backchannel_application_name: null,
    verbose_name: 'OAuth2/OpenID Provider',
    verbose_name_plural: 'OAuth2/OpenID Providers',
    meta_model_name: 'authentik_providers_oauth2.oauth2provider',
    client_type: 'confidential',
    client_id: 'some-client-id',
    client_secret: 'some-client-secret',
    redirect_uris: '',
    ...extra,
  };
}

const writes = () => server().requests.filter((r) => r.method !== 'GET');

describe('deploy checks every answer before it acts on it', () => {
  beforeEach(() => server().reset());
  const deploy = (name = 'Grafana') => deployBody(apiFor(server().url), bodyOf(providerYaml(name)), { checkShape: TEST_SERVER_CHECK });

  const versions: [string, unknown, string][] = [
    ['a version that is a number', { version_current: 12 }, '"version_current" is the number 12, not a release number'],
    ['a version that is not a release number', { version_current: 'latest' }, '"version_current" is the string "latest", not a release number'],
    ['no version', { build_hash: 'x' }, '"version_current" is missing, not a release number'],
    ['a list instead of the version object', ['2024.8.4'], 'the answer is a list, not an object'],
  ];
  for (const [label, json, problem] of versions) {
    it(label, async () => {
      server().addFault({ path: '/api/v3/admin/version/', json });
      const outcome = await deploy();
      assert.equal(outcome.failure?.kind, 'unexpected-response');
      assert.equal(outcome.summary, `The server's answer to GET /api/v3/admin/version/ is not authentik's: ${problem}. Is authentik.serverUrl an authentik server? Nothing was sent.`);
      assert.deepEqual(writes(), []);
    });
  }

  const lists: [string, unknown, string][] = [
    ['"results" that is not a list', { pagination: page([]).pagination, results: 'x' }, 'is not an authentik list: "results" is the string "x", not a list.'],
    ['no "results"', { pagination: page([]).pagination }, 'is not an authentik list: "results" is missing, not a list.'],
    ['a page number that is not a number', { pagination: { ...page([]).pagination, next: '2' }, results: [] }, 'is not an authentik list: "pagination.next" is the string "2", not a page number.'],
    ['a row that is not an object', page(['Grafana']), 'is not authentik\'s: results[0] is the string "Grafana", not a provider object. Nothing was sent.'],
    ['a name that is not a string', page([oauth2Row(4, ['Grafana'])]), 'is not authentik\'s: results[0] has "name" a list, not a string. Nothing was sent.'],
    ['a type name that is not a string', page([oauth2Row(4, 'Grafana', { meta_model_name: 7 })]), 'is not authentik\'s: results[0] has "meta_model_name" the number 7, not a string. Nothing was sent.'],
  ];
  for (const [label, json, problem] of lists) {
    it(`a provider list with ${label}`, async () => {
      server().addFault({ method: 'GET', path: '/api/v3/providers/oauth2/', json });
      const outcome = await deploy();
      assert.equal(outcome.failure?.kind, 'unexpected-response');
      assert.equal(outcome.summary, `The server's answer to GET /api/v3/providers/oauth2/ ${problem}`);
      assert.deepEqual(writes(), []);
    });
  }

  // A path is built only from a positive integer: none of these reaches a URL.
  const pks: [unknown, string][] = [
    ['../../core/users/1', 'the string "../../core/users/1"'],
    ['5', 'the string "5"'],
    [1.5, 'the number 1.5'],
    [-1, 'the number -1'],
    [0, 'the number 0'],
    [1e300, 'the number 1e+300'],
    [null, 'null'],
    [{ id: 1 }, 'an object'],
  ];
  for (const [pk, described] of pks) {
    it(`a pk of ${JSON.stringify(pk)} is refused, and nothing is sent anywhere`, async () => {
      server().addFault({ method: 'GET', path: '/api/v3/providers/oauth2/', json: page([oauth2Row(pk, 'Grafana')]) });
      const outcome = await deploy();
      assert.equal(outcome.summary, `The server's answer to GET /api/v3/providers/oauth2/ is not authentik's: results[0] has "pk" ${described}, not a positive integer. Nothing was sent.`);
      assert.deepEqual(writes(), []);
      assert.deepEqual(server().requests.map((r) => r.path), ['/api/v3/admin/version/', '/api/v3/providers/oauth2/']);
    });
  }

  it('two OAuth2 providers of the same name: refused, with both pks', async () => {
    server().addFault({ method: 'GET', path: '/api/v3/providers/oauth2/', json: page([oauth2Row(3, 'Grafana'), oauth2Row(7, 'Grafana'), oauth2Row(8, 'Grafana 2')]) });
    const outcome = await deploy();
    assert.equal(outcome.failure?.kind, 'conflict');
    assert.equal(outcome.summary, 'The server has 2 OAuth2 providers named "Grafana" (pk 3, pk 7): deploy cannot tell which one this file describes. Rename or remove all but one of them on the server. Nothing was sent.');
    assert.deepEqual(writes(), []);
  });

  it('a write answered with something that is not the provider written says the write may have happened', async () => {
    server().addFault({ method: 'POST', status: 201, json: { name: 'Grafana' }, times: 1 });
    const created = await deploy();
    assert.equal(created.failure?.kind, 'unexpected-response');
    assert.equal(created.summary, 'The server answered POST /api/v3/providers/oauth2/ with 201, but not with the provider written: the answer has "pk" missing, not a positive integer. The request may have been applied: check the server before deploying again.');

    await deploy();
    const pk = server().providers()[0].pk;
    server().addFault({ method: 'PATCH', json: oauth2Row(pk + 40, 'Grafana'), times: 1 });
    const updated = await deployBody(apiFor(server().url), bodyOf(providerYaml('Grafana', 'sub_mode: user_email\n')), { checkShape: TEST_SERVER_CHECK });
    assert.equal(updated.summary, `The server answered PATCH /api/v3/providers/oauth2/${pk}/ with 200, but not with the provider written: it is provider pk ${pk + 40}, not pk ${pk}. The request may have been applied: check the server before deploying again.`);
  });
});

describe('provider names are unique across all provider types', () => {
  beforeEach(() => server().reset());

  for (const [type, info] of Object.entries(PROVIDER_TYPES).filter(([type]) => type !== 'oauth2provider')) {
    it(`a ${info.verboseName} of the same name: refused before anything is sent, naming its type`, async () => {
      const other = server().addOtherProvider(`Shared ${type}`, type);
      const outcome = await deployBody(apiFor(server().url), bodyOf(providerYaml(`Shared ${type}`)), { checkShape: TEST_SERVER_CHECK });
      assert.equal(outcome.failure?.kind, 'conflict');
      assert.equal(
        outcome.summary,
        `The name "Shared ${type}" is taken on the server by a ${info.verboseName} (pk ${other.pk}). Provider names are unique across all provider types, so this file can neither create a provider of that name nor update that one: rename the provider in the file. Nothing was sent.`,
      );
      assert.deepEqual(writes(), []);
      assert.deepEqual(server().requests.find((r) => r.path === '/api/v3/providers/all/')?.query, { search: `Shared ${type}`, page: '1', page_size: '100' });
    });
  }

  it('the name is compared as the server stores it (trimmed), and only exactly', async () => {
    server().addOtherProvider('Grafana', 'proxyprovider');
    const trimmed = await deployBody(apiFor(server().url), { ...bodyOf(providerYaml('x')), name: '  Grafana\n' }, { checkShape: TEST_SERVER_CHECK });
    assert.match(trimmed.summary, /^The name "Grafana" is taken on the server by a Proxy Provider/);
    // "Grafana proxy" (seeded) and "Grafana" (just added) match the search for "Grafana" too; neither is "Grafana 2".
    const other = await deployBody(apiFor(server().url), bodyOf(providerYaml('Grafana 2')), { checkShape: TEST_SERVER_CHECK });
    assert.equal(other.ok, true, other.summary);
    assert.equal(other.action, 'create');
  });

  it('a proxy provider listed among the OAuth2 providers (as authentik 2024.8 lists it) is never updated', async () => {
    // authentik 2024.8.4's ProxyProvider subclasses OAuth2Provider: /providers/oauth2/?name= finds the
    // proxy provider and renders it as an OAuth2 one; /providers/all/ (seeded: "Grafana proxy", pk 1) says what it is.
    server().addFault({ method: 'GET', path: '/api/v3/providers/oauth2/', json: page([oauth2Row(1, 'Grafana proxy')]) });
    const planned = await planDeploy(apiFor(server().url), bodyOf(providerYaml('Grafana proxy')), { checkShape: TEST_SERVER_CHECK });
    assert.equal(planned.ok, false);
    assert.ok(!planned.ok);
    assert.equal(
      planned.failure.message,
      'The name "Grafana proxy" is taken on the server by a Proxy Provider (pk 1), which the OAuth2 provider list shows too because that type is built on OAuth2 providers. Provider names are unique across all provider types, so this file can neither create a provider of that name nor update that one: rename the provider in the file. Nothing was sent.',
    );
    assert.deepEqual(writes(), []);
  });

  it('an OAuth2 provider the list of all types does not confirm is not updated', async () => {
    await deployBody(apiFor(server().url), bodyOf(providerYaml('Grafana')), { checkShape: TEST_SERVER_CHECK });
    const pk = server().providers()[0].pk;
    server().addFault({ method: 'GET', path: '/api/v3/providers/all/', json: page([]) });
    const outcome = await deployBody(apiFor(server().url), bodyOf(providerYaml('Grafana', 'sub_mode: user_email\n')), { checkShape: TEST_SERVER_CHECK });
    assert.equal(outcome.summary, `The server lists OAuth2 provider "Grafana" (pk ${pk}), but not among the providers of all types, so its type cannot be checked. Nothing was sent.`);
    assert.equal(writes().length, 1);
  });

  it('a token that may not list providers of all types is told what deploy needs', async () => {
    server().addFault({ method: 'GET', path: '/api/v3/providers/all/', status: 403, json: { detail: 'You do not have permission to perform this action.' } });
    const outcome = await deployBody(apiFor(server().url), bodyOf(providerYaml('Grafana')), { checkShape: TEST_SERVER_CHECK });
    assert.equal(outcome.failure?.kind, 'forbidden');
    assert.equal(
      outcome.summary,
      "403 You do not have permission to perform this action.: The token is valid, but its user may not do this: grant it the permission to view and change OAuth2 providers. Deploy checks first that no provider of another type has the name (GET /api/v3/providers/all/), which needs the permission to view providers.",
    );
    assert.deepEqual(writes(), []);
  });

  it('an OAuth2 provider of the same name is updated, and the rendered result names it', async () => {
    const api = apiFor(server().url);
    await deployBody(api, bodyOf(providerYaml('Grafana')), { checkShape: TEST_SERVER_CHECK });
    const outcome = await deployBody(api, bodyOf(providerYaml('Grafana', 'sub_mode: user_email\n')), { checkShape: TEST_SERVER_CHECK });
    assert.equal(outcome.ok, true, outcome.summary);
    assert.match(renderOutcome(outcome), /^PATCH http:\/\/127\.0\.0\.1:\d+\/api\/v3\/providers\/oauth2\/\d+\/\n200 OK · \d+ ms\nUpdated provider "Grafana" \(pk \d+\): sub_mode\.\n/);
  });
});
