import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { applyEdits, byCode, diagnose, documentWithCursor, service, summarize, VALID } from '../helpers/service';
import { noRules, rulesOn } from '../helpers/settings';

/** The rule under test, and nothing else. */
const SETTINGS = rulesOn('clientSecret');

const SECRET = 'hunter2-Sup3r-s3cret-value';

/** Asserts that no part of the secret longer than a few characters shows up in `text`. */
function assertNoSecret(text: string): void {
  for (let i = 0; i + 6 <= SECRET.length; i++) assert.ok(!text.includes(SECRET.slice(i, i + 6)), `leaks "${SECRET.slice(i, i + 6)}": ${text}`);
}

describe('client secret: a literal secret in the file', () => {
  it('is information on the value, and the message never quotes it', () => {
    const { document, diagnostics } = diagnose(VALID + `client_secret: ${SECRET}\n`, { settings: SETTINGS });
    assert.deepEqual(summarize(document, diagnostics), [`secret-in-file@9:15-9:41 "${SECRET}"`]);
    assert.equal(diagnostics[0].severity, DiagnosticSeverity.Information);
    assert.equal(
      diagnostics[0].message,
      'A literal client secret is kept in this file. Keep secrets out of the repository: read it from the environment when deploying (client_secret: !env NAME), or omit client_secret and the server generates one, shown once in the deploy result.',
    );
    assertNoSecret(JSON.stringify(diagnostics));
  });

  it('a quoted secret is covered with its quotes', () => {
    const { document, diagnostics } = diagnose(VALID + `client_secret: '${SECRET}'\n`, { settings: SETTINGS });
    assert.deepEqual(summarize(document, diagnostics), [`secret-in-file@9:15-9:43 "'${SECRET}'"`]);
  });

  it('an empty secret is not a secret', () => {
    assert.deepEqual(diagnose(VALID + 'client_secret: ""\n', { settings: SETTINGS }).diagnostics, []);
  });

  it('the hover on the value describes the field without repeating the secret', () => {
    const { document, position } = documentWithCursor(VALID + `client_secret: ${SECRET.slice(0, 4)}$0${SECRET.slice(4)}\n`);
    const hover = service(undefined, SETTINGS).hover(document, position);
    assert.ok(hover);
    assert.match((hover.contents as { value: string }).value, /^\*\*client_secret\*\* · optional · string · at most 255 characters/);
    assertNoSecret(JSON.stringify(hover));
  });
});

describe('client secret: on a public client', () => {
  const text = VALID.replace('client_type: confidential', 'client_type: public') + `client_secret: ${SECRET}\nsub_mode: user_id\n`;

  it('is a warning on the key, besides the information on the value', () => {
    const { document, diagnostics } = diagnose(text, { settings: SETTINGS });
    assert.deepEqual(summarize(document, diagnostics), ['secret-on-public-client@9:0-9:13 "client_secret"', `secret-in-file@9:15-9:41 "${SECRET}"`]);
    assert.equal(diagnostics[0].severity, DiagnosticSeverity.Warning);
    assert.equal(
      diagnostics[0].message,
      'A public client cannot keep a secret: client_secret is not used for public clients. Remove it, or make the client confidential.',
    );
    assertNoSecret(diagnostics[0].message);
  });

  it('offers a quick fix that removes the whole line, not as the preferred fix', () => {
    const { document, diagnostics } = diagnose(text, { settings: SETTINGS });
    const actions = service(undefined, SETTINGS).codeActions(document, byCode(diagnostics, 'secret-on-public-client')[0].range);
    assert.deepEqual(actions.map((a) => [a.title, a.isPreferred]), [['Remove "client_secret"', false]]);
    assertNoSecret(actions[0].title);
    assert.equal(applyEdits(document, actions[0].edit!.changes![document.uri]), text.replace(`client_secret: ${SECRET}\n`, ''));
  });

  it('a confidential client with the same secret gets only the information', () => {
    const { diagnostics } = diagnose(VALID + `client_secret: ${SECRET}\n`, { settings: SETTINGS });
    assert.deepEqual(diagnostics.map((d) => d.code), ['secret-in-file']);
  });
});

describe('client secret: switched off', () => {
  it('rules.clientSecret: false reports neither finding', () => {
    const settings = noRules();
    const text = VALID.replace('client_type: confidential', 'client_type: public') + `client_secret: ${SECRET}\n`;
    assert.deepEqual(diagnose(text, { settings }).diagnostics, []);
    assert.equal(diagnose(text, { settings: SETTINGS }).diagnostics.length, 2);
  });
});
