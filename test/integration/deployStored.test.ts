import { describe, it, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { planDeploy } from '../../common/authentik/deploy';
import { diffSides } from '../../common/authentik/deployDiff';
import { deployBody, describePlan, runPlannedDeploy } from '../../common/authentik/deployRun';
import { apiFor, bodyOf, SEED_IDS, TOKEN, useTestServer, TEST_SERVER_CHECK } from './harness';

const server = useTestServer();
/**
 * examples/gitea.oauth2provider.yaml as the test server's release (2024.8.4) takes it: redirect_uris is one
 * string, here a block scalar (the example itself is written for 2026.5, with a list of redirect URIs).
 */
const GITEA = `# authentik-version: 2024.8.4
name: Gitea
authorization_flow: c4a0c9b2-6b1f-4d8e-9a3c-2f1e5d7b8a01
client_type: confidential
client_id: gitea
redirect_uris: |
  https://git\\.example\\.com/user/oauth2/authentik/callback
signing_key: e1f2a3b4-c5d6-4e7f-8091-a2b3c4d5e6f1
property_mappings:
  - 1f0e2d3c-4b5a-4697-8a8b-9c0d1e2f3a41
  - 2e1f3a4b-5c6d-4e7f-9081-a2b3c4d5e642
  - 3d2e4f5a-6b7c-4d8e-a9f0-b1c2d3e4f543
sub_mode: user_username
access_token_validity: hours=1
`;

/** The older "Gitea" provider the demo server starts with (scripts/demo.mjs). */
async function addOlderGitea(url: string): Promise<void> {
  const response = await fetch(`${url}/api/v3/providers/oauth2/`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      name: 'Gitea',
      authorization_flow: SEED_IDS.flows.explicitConsent,
      client_type: 'confidential',
      client_id: 'gitea',
      redirect_uris: 'https://git.example.com/user/oauth2/authentik/callback',
      property_mappings: [SEED_IDS.scopeMappings.openid, SEED_IDS.scopeMappings.email],
      access_token_validity: 'minutes=5',
    }),
  });
  assert.equal(response.status, 201);
}

describe('deploy compares what the server stores', () => {
  beforeEach(() => server().reset());

  it('the Gitea example (2024.8.4 form): the update shows stored values, and a second deploy changes nothing', async () => {
    await addOlderGitea(server().url);
    const api = apiFor(server().url);
    const planned = await planDeploy(api, bodyOf(GITEA), { checkShape: TEST_SERVER_CHECK });
    assert.ok(planned.ok && planned.plan.action === 'update');
    const { plan } = planned;
    // The block scalar sends a trailing newline; the server strips it, so the diff never shows it.
    assert.equal(plan.body.redirect_uris, 'https://git\\.example\\.com/user/oauth2/authentik/callback\n');
    assert.equal(
      describePlan(plan, api.baseUrl, api.redactor),
      [
        `Update provider "Gitea" (pk ${plan.pk}) on ${api.baseUrl} (PATCH):`,
        '  redirect_uris: "https://git.example.com/user/oauth2/authentik/callback" -> "https://git\\\\.example\\\\.com/user/oauth2/authentik/callback"',
        `  signing_key: null -> "${SEED_IDS.keyPairs.selfSigned}"`,
        `  property_mappings: ["${SEED_IDS.scopeMappings.openid}","${SEED_IDS.scopeMappings.email}"] -> ["${SEED_IDS.scopeMappings.openid}","${SEED_IDS.scopeMappings.email}","${SEED_IDS.scopeMappings.profile}"]`,
        '  sub_mode: "hashed_user_id" -> "user_username"',
        '  access_token_validity: "minutes=5" -> "hours=1"',
      ].join('\n'),
    );
    const sides = diffSides(plan.body, plan.live, api.redactor);
    assert.equal(sides.file.redirect_uris, 'https://git\\.example\\.com/user/oauth2/authentik/callback');
    const unchanged = Object.keys(sides.server).filter((key) => JSON.stringify(sides.server[key]) === JSON.stringify(sides.file[key]));
    assert.deepEqual(unchanged.sort(), Object.keys(sides.server).filter((key) => !plan.changes.some((c) => c.key === key)).sort());

    const outcome = await runPlannedDeploy(api, plan);
    assert.equal(outcome.status, 200, outcome.summary);
    assert.equal(server().providers()[0].redirect_uris, 'https://git\\.example\\.com/user/oauth2/authentik/callback');
    const again = await planDeploy(api, bodyOf(GITEA), { checkShape: TEST_SERVER_CHECK });
    assert.ok(again.ok && again.plan.action === 'update');
    assert.deepEqual(again.plan.changes, []);
    assert.equal(describePlan(again.plan, api.baseUrl, api.redactor), `Provider "Gitea" (pk ${plan.pk}) on ${api.baseUrl} is up to date: nothing to change.`);
    const writes = server().requests.filter((r) => r.method !== 'GET').length;
    assert.equal((await deployBody(api, bodyOf(GITEA), { checkShape: TEST_SERVER_CHECK })).action, 'none');
    assert.equal(server().requests.filter((r) => r.method !== 'GET').length, writes);
  });

  it('whatever form of a value the server accepts, a deploy after the first one sends nothing', async () => {
    const spaced = (text: string) => fc.tuple(fc.constantFrom('', ' ', '  ', '\t', '\n', '\u3000'), fc.constantFrom('', ' ', '\n', '\n\n', '\u2029')).map(([a, b]) => `${a}${text}${b}`);
    const uuidForm = (uuid: string) =>
      fc.constantFrom(uuid, uuid.toUpperCase(), uuid.replace(/-/g, ''), `{${uuid}}`, `urn:uuid:${uuid}`, `{${uuid.toUpperCase().replace(/-/g, '')}}`);
    const mappings = [SEED_IDS.scopeMappings.openid, SEED_IDS.scopeMappings.email, SEED_IDS.scopeMappings.profile];
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          name: spaced('Prop'),
          authorization_flow: uuidForm(SEED_IDS.flows.explicitConsent),
          signing_key: fc.oneof(uuidForm(SEED_IDS.keyPairs.selfSigned), fc.constant('')),
          property_mappings: fc.shuffledSubarray(mappings).chain((picked) => fc.tuple(...picked.map(uuidForm), fc.boolean())).map((forms) => {
            const items = forms.slice(0, -1) as string[];
            return forms.at(-1) && items.length > 0 ? [...items, items[0]] : items;
          }),
          redirect_uris: spaced('https://prop\\.example\\.com/cb\nhttps://prop\\.example\\.com/cb2'),
          access_code_validity: spaced('minutes=5'),
          client_id: fc.oneof(spaced('prop-client'), fc.constantFrom(12345, 2024)),
          include_claims_in_id_token: fc.constantFrom(true, false, 'yes', 'no', 'on', 'Off', 't', 'F', '1', '0', 1, 0),
        }),
        async (body) => {
          server().reset();
          const api = apiFor(server().url);
          const first = await deployBody(api, body, { checkShape: TEST_SERVER_CHECK });
          assert.equal(first.status, 201, first.summary);
          const again = await planDeploy(api, body, { checkShape: TEST_SERVER_CHECK });
          assert.ok(again.ok, again.ok ? '' : again.failure.message);
          assert.equal(again.plan.action, 'update');
          assert.deepEqual(again.plan.action === 'update' ? again.plan.changes : undefined, [], JSON.stringify(body));
        },
      ),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 40) },
    );
  });
});
