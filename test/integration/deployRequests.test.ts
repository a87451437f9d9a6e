import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { planDeploy } from '../../common/authentik/deploy';
import { deployBody, runPlannedDeploy } from '../../common/authentik/deployRun';
import { PlaceServerErrorsRequest, PrepareDeployRequest } from '../../common/protocol';
import { LspClient } from '../helpers/lspClient';
import { apiFor, providerYaml, SEED_IDS, TEST_SERVER_CHECK, TOKEN, useTestServer } from './harness';

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
    const planned = await planDeploy(apiFor(server().url), prepared.body, TEST_SERVER_CHECK);
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

  it('puts the messages of a 400 on the lines they are about, named as the server’s', async () => {
    const uri = 'file:///work/taken.oauth2provider.yaml';
    const missingMapping = '00000000-0000-4000-8000-00000000beef';
    await client.open(uri, providerYaml('Grafana proxy').replace(SEED_IDS.scopeMappings.email, missingMapping));
    const prepared = await prepare(uri);
    assert.ok(prepared.kind === 'ready');
    const outcome = await deployBody(apiFor(server().url, TOKEN), prepared.body, TEST_SERVER_CHECK);
    assert.equal(outcome.status, 400);
    const placed = await client.connection.sendRequest(PlaceServerErrorsRequest, { textDocument: { uri, version: prepared.version }, fieldErrors: outcome.failure!.fieldErrors! });
    assert.ok(placed.kind === 'placed');
    assert.deepEqual(
      placed.diagnostics.map((d) => [d.range.start.line, d.range.start.character, d.source, d.code, d.message]),
      [
        [1, 6, 'authentik server', 'server-rejected', 'authentik: provider with this name already exists.'],
        [8, 4, 'authentik server', 'server-rejected', `authentik: Invalid pk "${missingMapping}" - object does not exist.`],
      ],
    );
  });
});
