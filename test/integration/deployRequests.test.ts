import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { planDeploy } from '../../common/authentik/deploy';
import { deployBody, runPlannedDeploy } from '../../common/authentik/deployRun';
import { PlaceServerErrorsRequest, PrepareDeployRequest } from '../../common/protocol';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { LspClient } from '../helpers/lspClient';
import { apiFor, bodyOf, providerYaml, SEED_IDS, TEST_SERVER_CHECK, TOKEN, useTestServer } from './harness';

const server = useTestServer();

/**
 * A deploy from VS Code as the extension runs it: the language server prepares the body from its own
 * parse of the open file, the extension sends it to authentik, and the server places a 400's messages.
 */
describe('deploy through the language server', () => {
  let client: LspClient;
  before(async () => {
    ({ client } = await LspClient.start({ initializationOptions: { useEnvironment: false } }));
  });
  after(() => client.dispose());
  beforeEach(() => server().reset());

  const prepare = (uri: string, version = 1) => client.connection.sendRequest(PrepareDeployRequest, { textDocument: { uri, version } });

  it('gives the body of the open file, which creates the provider with exactly the file’s request fields', async () => {
    const uri = 'file:///work/grafana.oauth2provider.yaml';
    await client.open(uri, providerYaml('Grafana', 'pk: 12\n'));
    const prepared = await prepare(uri);
    assert.equal(prepared.kind, 'ready');
    assert.ok(prepared.kind === 'ready');
    assert.equal(prepared.version, 1);
    assert.deepEqual(prepared.body, {
      name: 'Grafana',
      authorization_flow: SEED_IDS.flows.explicitConsent,
      client_type: 'confidential',
      redirect_uris: 'https://grafana\\.example\\.com/login/generic_oauth\n',
      property_mappings: [SEED_IDS.scopeMappings.openid, SEED_IDS.scopeMappings.email],
      signing_key: SEED_IDS.keyPairs.selfSigned,
    });
    const planned = await planDeploy(apiFor(server().url), prepared.body, { checkShape: TEST_SERVER_CHECK });
    assert.ok(planned.ok);
    const outcome = await runPlannedDeploy(apiFor(server().url), planned.plan);
    assert.equal(outcome.status, 201);
    assert.deepEqual(server().requests.find((r) => r.method === 'POST')?.body, prepared.body);
  });

  it('answers with the errors that block a deploy, where they are in the file', async () => {
    const uri = 'file:///work/broken.oauth2provider.yaml';
    await client.open(uri, '# authentik-version: 2024.8.4\nname: Broken\nclient_type: confidental\n');
    const prepared = await prepare(uri);
    assert.equal(prepared.kind, 'invalid');
    assert.ok(prepared.kind === 'invalid');
    assert.deepEqual(
      prepared.errors.map((d) => `${d.code}@${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`),
      ['missing-required@1:0-1:12', 'invalid-enum@2:13-2:24'],
    );
    assert.equal(server().requests.length, 0, 'nothing was sent');
  });

  it('says so when the file is not open, or the extension saw another version than the server has', async () => {
    assert.deepEqual(await prepare('file:///work/not-open.oauth2provider.yaml'), { kind: 'unavailable', message: 'The language server does not have this file open.' });
    const uri = 'file:///work/edited.oauth2provider.yaml';
    await client.open(uri, providerYaml('Edited'), { version: 3 });
    assert.deepEqual(await prepare(uri, 2), { kind: 'unavailable', message: 'The file changed while it was being deployed.' });
  });

  /** A file the server rejects three ways: a flow and a mapping that do not exist, a client_id in use. */
  async function rejectedFile(uri: string) {
    const api = apiFor(server().url, TOKEN);
    await deployBody(api, bodyOf(providerYaml('One', 'client_id: shared-id\n')), { checkShape: TEST_SERVER_CHECK });
    const text = providerYaml('Two', 'client_id: shared-id\n').replace(SEED_IDS.flows.explicitConsent, MISSING_FLOW).replace(SEED_IDS.scopeMappings.email, MISSING_MAPPING);
    await client.open(uri, text);
    const prepared = await prepare(uri);
    assert.ok(prepared.kind === 'ready');
    const outcome = await deployBody(api, prepared.body, { checkShape: TEST_SERVER_CHECK });
    assert.equal(outcome.status, 400);
    return { text, prepared, fieldErrors: outcome.failure!.fieldErrors! };
  }
  const MISSING_FLOW = '00000000-0000-4000-8000-00000000dead';
  const MISSING_MAPPING = '00000000-0000-4000-8000-00000000beef';
  const where = (diagnostics: Diagnostic[]) => diagnostics.map((d) => [d.range.start.line, d.range.start.character, d.source, d.code, d.message]);

  it('puts the messages of a 400 on the lines they are about, named as the server’s', async () => {
    const uri = 'file:///work/taken.oauth2provider.yaml';
    const { prepared, fieldErrors } = await rejectedFile(uri);
    const placed = await client.connection.sendRequest(PlaceServerErrorsRequest, { textDocument: { uri, version: prepared.version }, fieldErrors, body: prepared.body });
    assert.ok(placed.kind === 'placed');
    assert.deepEqual(where(placed.diagnostics), [
      [2, 20, 'authentik server', 'server-rejected', `authentik: Invalid pk "${MISSING_FLOW}" - object does not exist.`],
      [8, 4, 'authentik server', 'server-rejected', `authentik: Invalid pk "${MISSING_MAPPING}" - object does not exist.`],
      [10, 11, 'authentik server', 'server-rejected', 'authentik: OAuth2/OpenID Provider with this Client ID already exists.'],
    ]);
    assert.deepEqual(placed.dropped, []);
  });

  it('a file edited during the deploy gets the messages on the fields they name, where they moved, and none about a value changed since', async () => {
    const uri = 'file:///work/edited-during.oauth2provider.yaml';
    const { text, prepared, fieldErrors } = await rejectedFile(uri);
    // Two lines above everything, client_id moved to the top, and the missing flow replaced by a real one.
    const edited = `# edited while deploying\nclient_id: shared-id\n${text.replace('client_id: shared-id\n', '').replace(MISSING_FLOW, SEED_IDS.flows.implicitConsent)}`;
    await client.change(uri, prepared.version + 1, [{ text: edited }]);
    const placed = await client.connection.sendRequest(PlaceServerErrorsRequest, { textDocument: { uri, version: prepared.version }, fieldErrors, body: prepared.body });
    assert.ok(placed.kind === 'placed');
    assert.deepEqual(where(placed.diagnostics), [
      [10, 4, 'authentik server', 'server-rejected', `authentik: Invalid pk "${MISSING_MAPPING}" - object does not exist.`],
      [1, 11, 'authentik server', 'server-rejected', 'authentik: OAuth2/OpenID Provider with this Client ID already exists.'],
    ]);
    assert.deepEqual(placed.dropped, [`authorization_flow: Invalid pk "${MISSING_FLOW}" - object does not exist.`]);
    // Each message is on text that says what it is about.
    const lines = edited.split('\n');
    assert.equal(lines[10].slice(4), MISSING_MAPPING);
    assert.equal(lines[1].slice(11), 'shared-id');
  });

  it('a message about the whole request is kept only while the request is unchanged', async () => {
    const uri = 'file:///work/whole-request.oauth2provider.yaml';
    await client.open(uri, providerYaml('Whole'));
    const prepared = await prepare(uri);
    assert.ok(prepared.kind === 'ready');
    const fieldErrors = { non_field_errors: ['Invalid data.'] };
    await client.change(uri, 2, [{ text: `# a comment changes nothing sent\n${providerYaml('Whole')}` }]);
    const commented = await client.connection.sendRequest(PlaceServerErrorsRequest, { textDocument: { uri, version: 1 }, fieldErrors, body: prepared.body });
    assert.ok(commented.kind === 'placed');
    assert.deepEqual(where(commented.diagnostics), [[2, 0, 'authentik server', 'server-rejected', 'authentik: Invalid data.']]);
    await client.change(uri, 3, [{ text: providerYaml('Renamed') }]);
    const renamed = await client.connection.sendRequest(PlaceServerErrorsRequest, { textDocument: { uri, version: 1 }, fieldErrors, body: prepared.body });
    assert.ok(renamed.kind === 'placed');
    assert.deepEqual(renamed.diagnostics, []);
    assert.deepEqual(renamed.dropped, ['Invalid data.']);
  });

  it('without the body that was sent, an edited file gets no messages, and says why', async () => {
    const uri = 'file:///work/no-body.oauth2provider.yaml';
    await client.open(uri, providerYaml('NoBody'));
    await client.change(uri, 2, [{ text: providerYaml('NoBody', 'sub_mode: user_email\n') }]);
    const placed = await client.connection.sendRequest(PlaceServerErrorsRequest, { textDocument: { uri, version: 1 }, fieldErrors: { name: ['x'] } });
    assert.deepEqual(placed, { kind: 'unavailable', message: 'The file changed while it was being deployed.' });
  });
});
