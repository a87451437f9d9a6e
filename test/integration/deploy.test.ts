import { describe, it, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { planDeploy } from '../../common/authentik/deploy';
import { deployBody, renderOutcome, runPlannedDeploy } from '../../common/authentik/deployRun';
import { parseText } from '../../server/src/service/parsedDocument';
import { serverErrorFindings } from '../../server/src/service/serverErrors';
import { apiFor, bodyOf, EXPIRED_TOKEN, providerYaml, READ_ONLY_TOKEN, SEED_IDS, TEST_SERVER_CHECK, TOKEN, useTestServer } from './harness';

const server = useTestServer();

describe('deploy: create and update against the test server', () => {
  beforeEach(() => server().reset());

  it('creates a new provider with POST, sending exactly the file’s fields', async () => {
    const text = providerYaml();
    const api = apiFor(server().url);
    const planned = await planDeploy(api, bodyOf(text), { checkShape: TEST_SERVER_CHECK });
    assert.ok(planned.ok);
    assert.equal(planned.plan.action, 'create');
    const outcome = await runPlannedDeploy(api, planned.plan);
    assert.equal(outcome.ok, true);
    assert.equal(outcome.status, 201);
    assert.match(outcome.summary, /^Created provider "Grafana" \(pk \d+\)\.$/);
    const post = server().requests.filter((r) => r.method === 'POST');
    assert.equal(post.length, 1);
    assert.deepEqual(post[0].body, {
      name: 'Grafana',
      authorization_flow: SEED_IDS.flows.explicitConsent,
      client_type: 'confidential',
      redirect_uris: 'https://grafana\\.example\\.com/login/generic_oauth\n',
      property_mappings: [SEED_IDS.scopeMappings.openid, SEED_IDS.scopeMappings.email],
      signing_key: SEED_IDS.keyPairs.selfSigned,
    });
    assert.equal(post[0].headers['content-type'], 'application/json');
    assert.equal(post[0].headers.authorization, `Bearer ${TOKEN}`);
    assert.equal(server().providers().length, 1);
    // The server generated a secret: the outcome keeps it for an explicit copy only, and masks it everywhere else.
    const secret = outcome.clientSecret?.reveal() ?? '';
    assert.equal(secret.length, 128);
    assert.equal(secret, server().providers()[0].client_secret);
    assert.equal((outcome.body as { client_secret: string }).client_secret, '••••••••');
    assert.ok(!renderOutcome(outcome).includes(secret));
    assert.ok(!JSON.stringify(outcome).includes(secret));
  });

  it('a second deploy of a changed file updates the same provider with PATCH of the changed fields only', async () => {
    const api = apiFor(server().url);
    await deployBody(api, bodyOf(providerYaml()), { checkShape: TEST_SERVER_CHECK });
    const changed = bodyOf(providerYaml().replace('client_type: confidential', 'client_type: public'));
    const planned = await planDeploy(api, changed, { checkShape: TEST_SERVER_CHECK });
    assert.ok(planned.ok && planned.plan.action === 'update');
    assert.deepEqual(planned.plan.changes, [{ key: 'client_type', from: 'confidential', to: 'public' }]);
    const outcome = await runPlannedDeploy(api, planned.plan);
    assert.equal(outcome.status, 200);
    assert.match(outcome.summary, /^Updated provider "Grafana" \(pk \d+\): client_type\.$/);
    const patch = server().requests.filter((r) => r.method === 'PATCH');
    assert.equal(patch.length, 1);
    assert.deepEqual(patch[0].body, { client_type: 'public' });
    assert.equal(server().providers().length, 1);
    assert.equal(server().providers()[0].client_type, 'public');
  });

  it('an unchanged file sends nothing', async () => {
    const api = apiFor(server().url);
    await deployBody(api, bodyOf(providerYaml()), { checkShape: TEST_SERVER_CHECK });
    const writesBefore = server().requests.filter((r) => r.method !== 'GET').length;
    const outcome = await deployBody(api, bodyOf(providerYaml()), { checkShape: TEST_SERVER_CHECK });
    assert.equal(outcome.action, 'none');
    assert.match(outcome.summary, /already up to date; nothing was sent/);
    assert.equal(server().requests.filter((r) => r.method !== 'GET').length, writesBefore);
  });

  it('a server of a newer API generation is refused before anything is sent', async () => {
    const { startAuthentikTestServer } = await import('../authentik-server');
    const newer = await startAuthentikTestServer({ token: TOKEN, version: '2026.2.2' });
    try {
      const outcome = await deployBody(apiFor(newer.url), bodyOf(providerYaml()), { checkShape: TEST_SERVER_CHECK });
      assert.equal(outcome.ok, false);
      assert.equal(
        outcome.summary,
        "The file was checked for authentik 2023.5.0 to 2024.8.4, but the server runs authentik 2026.2.2, whose OAuth2 provider API takes another shape (authentik 2025.10.0 to 2026.2.2). Nothing was sent: convert the file to authentik 2026.2.2's format first.",
      );
      assert.equal(newer.requests.filter((r) => r.method !== 'GET').length, 0);
    } finally {
      await newer.close();
    }
  });
});

describe('deploy: 400 messages land on the YAML lines', () => {
  beforeEach(() => server().reset());

  function linesOf(text: string, fieldErrors: Record<string, unknown>): string[] {
    const document = TextDocument.create('file:///p.oauth2provider.yaml', 'x', 1, text);
    return serverErrorFindings(parseText(text, { maxFileSize: 1e6 }), fieldErrors).map((f) => `${document.positionAt(f.start).line + 1}: ${f.message}`);
  }

  it('a name the server refuses', async () => {
    // A name taken by a provider of another type is refused before sending (deployTrust.test.ts); a
    // server that refuses the name anyway gets its message on the name's line all the same.
    server().addFault({ method: 'POST', json: { name: ['provider with this name already exists.'] }, status: 400, times: 1 });
    const text = providerYaml('Grafana');
    const outcome = await deployBody(apiFor(server().url), bodyOf(text), { checkShape: TEST_SERVER_CHECK });
    assert.equal(outcome.status, 400);
    assert.deepEqual(outcome.failure?.fieldErrors, { name: ['provider with this name already exists.'] });
    assert.deepEqual(linesOf(text, outcome.failure!.fieldErrors!), ['2: authentik: provider with this name already exists.']);
  });

  it('a flow and a scope mapping that do not exist', async () => {
    const missingFlow = '00000000-0000-4000-8000-00000000dead';
    const missingMapping = '00000000-0000-4000-8000-00000000beef';
    const text = providerYaml().replace(SEED_IDS.flows.explicitConsent, missingFlow).replace(SEED_IDS.scopeMappings.email, missingMapping);
    const outcome = await deployBody(apiFor(server().url), bodyOf(text), { checkShape: TEST_SERVER_CHECK });
    assert.equal(outcome.status, 400);
    assert.deepEqual(linesOf(text, outcome.failure!.fieldErrors!), [
      `3: authentik: Invalid pk "${missingFlow}" - object does not exist.`,
      `9: authentik: Invalid pk "${missingMapping}" - object does not exist.`,
    ]);
    assert.equal(server().providers().length, 0);
  });

  it('a client_id already used by another provider', async () => {
    const api = apiFor(server().url);
    await deployBody(api, bodyOf(providerYaml('One', 'client_id: shared-id\n')), { checkShape: TEST_SERVER_CHECK });
    const text = providerYaml('Two', 'client_id: shared-id\n');
    const outcome = await deployBody(api, bodyOf(text), { checkShape: TEST_SERVER_CHECK });
    assert.deepEqual(linesOf(text, outcome.failure!.fieldErrors!), ['11: authentik: OAuth2/OpenID Provider with this Client ID already exists.']);
  });
});

describe('deploy: each 403 says which', () => {
  beforeEach(() => server().reset());

  const cases: [string, string, string, RegExp][] = [
    ['no token', '', 'no-token', /^403 Authentication credentials were not provided\.: No API token was sent/],
    ['an invalid token', 'not-a-real-token', 'invalid-token', /^403 Token invalid\/expired: The API token is invalid or expired/],
    ['an expired token', EXPIRED_TOKEN, 'invalid-token', /^403 Token invalid\/expired/],
  ];
  for (const [label, token, reason, message] of cases) {
    it(label, async () => {
      const outcome = await deployBody(apiFor(server().url, token), bodyOf(providerYaml()), { checkShape: TEST_SERVER_CHECK });
      assert.equal(outcome.ok, false);
      assert.equal(outcome.failure?.kind, 'forbidden');
      assert.equal(outcome.failure?.forbidden, reason);
      assert.match(outcome.summary, message);
      assert.equal(server().providers().length, 0);
    });
  }

  it('a token without permission to write', async () => {
    const outcome = await deployBody(apiFor(server().url, READ_ONLY_TOKEN), bodyOf(providerYaml()), { checkShape: TEST_SERVER_CHECK });
    assert.equal(outcome.failure?.forbidden, 'no-permission');
    assert.match(outcome.summary, /^403 You do not have permission to perform this action\.: The token is valid, but its user may not do this/);
    assert.equal(server().providers().length, 0);
  });
});
