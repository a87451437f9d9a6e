import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DeployOutcome } from '../../common/authentik/deployRun';
import { SecretRedactor, SecretValue } from '../../common/authentik/secrets';
import { confirmationQuestion, droppedMessagesLine, failureLogLines, failureNotice, outcomeLogLine, resolvedLines, resultDocument, unresolvedNotice } from '../../client/src/deployText';

const redactor = new SecretRedactor(['tok-Ab3Cd5Ef7Gh9Jk']);
const created: DeployOutcome = {
  ok: true,
  action: 'create',
  name: 'x',
  baseUrl: 'https://a',
  method: 'POST',
  path: '/api/v3/providers/oauth2/',
  status: 201,
  timeMs: 12,
  summary: 'Created provider "x" (pk 1).',
  body: { pk: 1, client_secret: '••••••••' },
  clientSecret: new SecretValue('generated-Zx9'),
};

describe('the texts of the deploy command', () => {
  it('the result document: the header as comments, then the body', () => {
    assert.equal(
      resultDocument(created, redactor),
      '// POST https://a/api/v3/providers/oauth2/\n// 201 Created · 12 ms\n// Created provider "x" (pk 1).\n\n{\n  "pk": 1,\n  "client_secret": "••••••••"\n}\n',
    );
  });

  it('the Output channel and the notification of a failure', () => {
    const failure = { kind: 'server-error' as const, status: 500, message: 'The server failed on POST /api/v3/providers/oauth2/ with HTTP 500. Details are in the log.', detail: 'Authorization: Bearer tok-Ab3Cd5Ef7Gh9Jk' };
    assert.equal(outcomeLogLine({ ...created, ok: false, status: 500, failure }, redactor), 'Deploy POST https://a/api/v3/providers/oauth2/: 500 in 12 ms');
    assert.deepEqual(failureLogLines(failure, redactor), ['Deploy failed (server-error 500): The server failed on POST /api/v3/providers/oauth2/ with HTTP 500. Details are in the log.', 'Details: Authorization: Bearer ••••••••']);
    assert.equal(failureNotice(failure, 'x', redactor), 'authentik: The server failed on POST /api/v3/providers/oauth2/ with HTTP 500. Details are in the log.');
    assert.equal(failureNotice({ kind: 'validation', status: 400, message: '400' }, 'x', redactor), 'authentik: The server rejected "x": its messages are on the file\'s lines.');
  });

  it('the line about messages that no longer apply to the edited file', () => {
    assert.equal(
      droppedMessagesLine(['name: provider with this name already exists.', 'Invalid data.'], redactor),
      "The file was edited during the deploy; 2 of the server's messages are about values changed since and are not shown on its lines: name: provider with this name already exists. | Invalid data.",
    );
  });
});

describe('the texts of an editor deploy with tags and environments', () => {
  const value = 'env-value-Qw8Er6Ty4';
  const masking = new SecretRedactor([value]);

  it('the confirmation names the environment and its origin, or the origin alone', () => {
    assert.equal(confirmationQuestion('Create', 'Grafana', 'prod (https://auth.example.com)', masking), 'Create OAuth2 provider "Grafana" on prod (https://auth.example.com)?');
    assert.equal(confirmationQuestion('Update', 'Grafana', 'https://auth.example.com', masking), 'Update OAuth2 provider "Grafana" on https://auth.example.com?');
  });

  it('lists what each reference resolved to and where each value came from, never a value', () => {
    const lines = resolvedLines(
      ['!ref default-authentication-flow → Welcome (f1)', '!env GRAFANA_CLIENT_SECRET: set', `!ref ${value} → x (k1)`],
      ["GRAFANA_CLIENT_SECRET: from the editor's environment"],
      'prod (https://auth.example.com)',
      masking,
    );
    assert.deepEqual(lines, [
      'Resolved on prod (https://auth.example.com):',
      '  !ref default-authentication-flow → Welcome (f1)',
      `  !ref ${'•'.repeat(8)} → x (k1)`,
      'Environment values:',
      "  GRAFANA_CLIENT_SECRET: from the editor's environment",
    ]);
    assert.deepEqual(resolvedLines([], [], 'x', masking), []);
  });

  it('a reference that did not resolve: how many, the first with its line, and why the objects may be missing', () => {
    assert.equal(
      unresolvedNotice('grafana.oauth2provider.yaml', [{ message: 'No flow on the server has the slug "x".', line: 2 }, { message: 'other', line: 5 }], 'staging (https://s.example)', 'No authentik server is connected for this file.', masking),
      'authentik: 2 reference(s) in grafana.oauth2provider.yaml did not resolve on staging (https://s.example); nothing was sent. First, on line 3: No flow on the server has the slug "x". No authentik server is connected for this file.',
    );
    // Names from the file, the settings or the server never form a link (a notification renders them).
    const notice = unresolvedNotice('a.yaml', [{ message: 'No flow has the slug "[run](command:workbench.action.terminal.new)".', line: 0 }], '[prod](https://evil.example) (https://p.example)', undefined, masking);
    assert.ok(!notice.includes(']('), notice);
  });
});
