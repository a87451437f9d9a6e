import { describe, it, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { inspect } from 'node:util';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { AuthentikApi } from '../../common/authentik/apiClient';
import { planDeploy } from '../../common/authentik/deploy';
import { diffSides } from '../../common/authentik/deployDiff';
import { deployBody, describePlan, DeployOutcome, renderOutcome } from '../../common/authentik/deployRun';
import { droppedMessagesLine, failureLogLines, failureNotice, outcomeLogLine, resultDocument } from '../../client/src/deployText';
import { parseText } from '../../server/src/service/parsedDocument';
import { serverErrorFindings } from '../../server/src/service/serverErrors';
import type { FaultSpec } from '../authentik-server';
import { runCli } from '../helpers/cli';
import { apiFor, bodyOf, providerYaml, TOKEN, useTestServer, TEST_SERVER_CHECK } from './harness';

const server = useTestServer();

// Quotes, a slash, an accent, markup, a space, a plus and a percent: every encoding writes it
// differently. The run "Kx7Qw2Lp" is written the same by all, so finding it anywhere is a leak.
const SECRET = `s3cr"et/é&<x> +%Kx7Qw2Lp'`;
const FILE = providerYaml('Grafana', `client_secret: '${SECRET.replace(/'/g, "''")}'\n`);
const MARKERS = [TOKEN, 'Kx7Qw2Lp', TOKEN.slice(-12)];

/** No marker of the token or the secret, in any of the texts a user can see. */
function assertClean(texts: Record<string, string>, extraMarkers: string[] = []): void {
  for (const [where, text] of Object.entries(texts)) {
    for (const marker of [...MARKERS, ...extraMarkers]) assert.ok(!text.includes(marker), `${where} shows ${marker}:\n${text}`);
  }
}

/** Every text the editor and the CLI make of an outcome: result document, Output channel, notifications, 400 lines. */
function everythingShown(api: AuthentikApi, outcome: DeployOutcome): Record<string, string> {
  const texts: Record<string, string> = {
    rendered: renderOutcome(outcome),
    resultDocument: resultDocument(outcome, api.redactor),
    outputChannel: [outcomeLogLine(outcome, api.redactor), ...(outcome.failure ? failureLogLines(outcome.failure, api.redactor) : [])].join('\n'),
    notification: outcome.failure ? failureNotice(outcome.failure, outcome.name, api.redactor) : outcome.summary,
    serialised: JSON.stringify(outcome),
    inspected: inspect(outcome, { depth: null, showHidden: true }),
  };
  const fieldErrors = outcome.failure?.fieldErrors;
  if (fieldErrors) {
    const document = TextDocument.create('file:///g.oauth2provider.yaml', 'x', 1, FILE);
    texts.fileLines = serverErrorFindings(parseText(FILE, { maxFileSize: 1e6 }), fieldErrors).map((f) => `${document.positionAt(f.start).line}: ${f.message}`).join('\n');
    texts.dropped = droppedMessagesLine(Object.values(fieldErrors).map(String), api.redactor);
  }
  return texts;
}

const echoes: [string, FaultSpec][] = [
  ['a 500 HTML page that echoes the request', { method: 'POST', status: 500, echo: true, htmlBody: true }],
  ['a 400 whose detail and fields echo the request', { method: 'POST', status: 400, echo: true }],
  ['a 403 whose detail echoes the request', { method: 'POST', status: 403, echo: true }],
  ['a 201 that echoes the request instead of the provider', { method: 'POST', status: 201, echo: true }],
  ['a 502 HTML page that echoes the lookup', { method: 'GET', path: '/api/v3/providers/oauth2/', status: 502, echo: true, htmlBody: true }],
  ['a 404 that echoes the version lookup', { path: '/api/v3/admin/version/', status: 404, echo: true }],
  ['a 418 that echoes the request', { method: 'POST', status: 418, echo: true }],
];

describe('no output shows the token or a secret, whatever the server echoes', () => {
  beforeEach(() => server().reset());

  for (const [label, fault] of echoes) {
    it(`${label}: not in the result, the log, the notification or the file's lines`, async () => {
      server().addFault(fault);
      const api = apiFor(server().url);
      const outcome = await deployBody(api, bodyOf(FILE), { checkShape: TEST_SERVER_CHECK });
      assert.equal(outcome.ok, false);
      // The server did get both, so the echo carried them.
      const echoed = server().requests.at(-1)!;
      assert.equal(echoed.headers.authorization, `Bearer ${TOKEN}`);
      assertClean(everythingShown(api, outcome));
    });

    it(`${label}: not on the CLI's stdout or stderr`, async () => {
      server().addFault(fault);
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'authentik-echo-'));
      fs.writeFileSync(path.join(dir, 'g.oauth2provider.yaml'), FILE);
      const result = await runCli(['deploy', 'g.oauth2provider.yaml', '--url', server().url], { cwd: dir, env: { AUTHENTIK_TOKEN: TOKEN } });
      assert.notEqual(result.code, 0);
      assertClean({ stdout: result.stdout, stderr: result.stderr });
    });
  }

  it('a 201 whose JSON is cut in half, with the generated secret in it', async () => {
    // Without a secret in the file the server generates one (the half kept by the fault ends in it).
    server().addFault({ method: 'POST', malformedJson: true, times: 1 });
    const api = apiFor(server().url);
    const outcome = await deployBody(api, bodyOf(providerYaml('Generated')), { checkShape: TEST_SERVER_CHECK });
    assert.equal(outcome.failure?.kind, 'malformed-json');
    const generated = server().providers().find((p) => p.name === 'Generated')!.client_secret as string;
    // No 8 characters in a row of the generated secret.
    const pieces = Array.from({ length: generated.length - 7 }, (_, i) => generated.slice(i, i + 8));
    for (const [where, text] of Object.entries(everythingShown(api, outcome))) assert.ok(!pieces.some((piece) => text.includes(piece)), `${where}: ${text}`);
  });

  it('a provider list that repeats the token and secrets in its fields: not in the plan, the diff or the dry run', async () => {
    const api = apiFor(server().url);
    await deployBody(api, bodyOf(FILE), { checkShape: TEST_SERVER_CHECK });
    const live = { ...server().providers()[0] } as Record<string, unknown>;
    const hostile = {
      ...live,
      verbose_name: 'OAuth2/OpenID Provider',
      verbose_name_plural: 'OAuth2/OpenID Providers',
      meta_model_name: 'authentik_providers_oauth2.oauth2provider',
      component: 'ak-provider-oauth2-form',
      redirect_uris: `https://x/cb?token=${TOKEN}&s=${encodeURIComponent(SECRET)}`,
      access_code_validity: `Authorization: Bearer ${TOKEN}`,
      nested: [{ client_secret: 'live-nested-Mz5Rt8' }],
      client_secret: 'live-secret-Vb6Np1',
    };
    server().addFault({ method: 'GET', path: '/api/v3/providers/oauth2/', json: { pagination: { next: 0, previous: 0, count: 1, current: 1, total_pages: 1, start_index: 1, end_index: 1 }, results: [hostile] } });
    const fresh = apiFor(server().url);
    const planned = await planDeploy(fresh, bodyOf(FILE), { checkShape: TEST_SERVER_CHECK });
    assert.ok(planned.ok, planned.ok ? '' : planned.failure.message);
    assert.equal(planned.plan.action, 'update');
    const sides = planned.plan.action === 'update' ? diffSides(planned.plan.body, planned.plan.live, fresh.redactor) : undefined;
    assertClean({ plan: describePlan(planned.plan, fresh.baseUrl, fresh.redactor), diff: JSON.stringify(sides) }, ['Mz5Rt8', 'Vb6Np1']);

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'authentik-echo-'));
    fs.writeFileSync(path.join(dir, 'g.oauth2provider.yaml'), FILE);
    const dry = await runCli(['deploy', 'g.oauth2provider.yaml', '--url', server().url, '--dry-run'], { cwd: dir, env: { AUTHENTIK_TOKEN: TOKEN } });
    assert.equal(dry.code, 0, dry.stderr);
    assert.match(dry.stdout, /^Dry run, nothing sent\.\nUpdate provider "Grafana"/);
    assertClean({ stdout: dry.stdout, stderr: dry.stderr }, ['Mz5Rt8', 'Vb6Np1']);
  });

  it('the deploy never throws, whatever the echo', async () => {
    for (const [, fault] of echoes) {
      server().reset();
      server().addFault(fault);
      await assert.doesNotReject(deployBody(apiFor(server().url), bodyOf(FILE), { checkShape: TEST_SERVER_CHECK }));
    }
  });
});
