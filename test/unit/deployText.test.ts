import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DeployOutcome } from '../../common/authentik/deployRun';
import { SecretRedactor, SecretValue } from '../../common/authentik/secrets';
import { droppedMessagesLine, failureLogLines, failureNotice, outcomeLogLine, resultDocument } from '../../client/src/deployText';

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
