import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { diffFields } from '../../common/authentik/deployDiff';
import { SecretRedactor } from '../../common/authentik/secrets';
import { renderOutcome } from '../../common/authentik/deployRun';
import { prepareBody } from '../../server/src/service/deployBody';
import { serverErrorFindings, serverErrorsStillApplying } from '../../server/src/service/serverErrors';
import { parseText } from '../../server/src/service/parsedDocument';
import { DEFAULT_SETTINGS } from '../../common/settings';
import { FLOW_EXPLICIT, SCOPE_EMAIL, SCOPE_OPENID, VALID } from '../helpers/service';
import { LEGACY } from '../helpers/profiles';

function mapped(text: string, body: Record<string, unknown>): string[] {
  const parsed = parseText(text, { maxFileSize: 1e6 });
  const document = TextDocument.create('file:///x.oauth2provider.yaml', 'x', 1, text);
  return serverErrorFindings(parsed, body).map((f) => {
    const s = document.positionAt(f.start);
    return `${s.line}:${s.character} ${JSON.stringify(text.slice(f.start, f.end))} ${f.message}`;
  });
}

describe('400 messages on the YAML lines', () => {
  it('a field message goes on that field’s value', () => {
    assert.deepEqual(mapped(VALID, { name: ['provider with this name already exists.'] }), ['0:6 "Grafana" authentik: provider with this name already exists.']);
  });
  it('non_field_errors go on the first line', () => {
    assert.deepEqual(mapped(VALID, { non_field_errors: ['Invalid data.'] }), ['0:0 "name: Grafana" authentik: Invalid data.']);
  });
  it('a list item is found by the UUID in the message', () => {
    assert.deepEqual(mapped(VALID, { property_mappings: [`Invalid pk "${SCOPE_EMAIL}" - object does not exist.`] }), [
      `7:4 "${SCOPE_EMAIL}" authentik: Invalid pk "${SCOPE_EMAIL}" - object does not exist.`,
    ]);
  });
  it('a list item is found by the index of a nested error', () => {
    assert.deepEqual(mapped(VALID, { property_mappings: { '0': ['bad'] } }), [`6:4 "${SCOPE_OPENID}" authentik: bad`]);
  });
  it('a field that is not in the file goes on the first line, named', () => {
    assert.deepEqual(mapped(VALID, { client_id: ['OAuth2/OpenID Provider with this Client ID already exists.'] }), [
      '0:0 "name: Grafana" authentik: client_id: OAuth2/OpenID Provider with this Client ID already exists.',
    ]);
  });
  it('a key without value text puts the message on the key', () => {
    const text = `name: x\nauthorization_flow: ${FLOW_EXPLICIT}\nsigning_key:\n`;
    assert.deepEqual(mapped(text, { signing_key: ['bad'] }), ['2:0 "signing_key" authentik: bad']);
  });
});

describe('400 messages on a file edited since the deploy', () => {
  const sent = (text: string) => {
    const prepared = prepareBody(parseText(text, { maxFileSize: 1e6 }), { rules: DEFAULT_SETTINGS.rules, maxFileSize: 1e6, profile: LEGACY });
    assert.ok(prepared.ok);
    return prepared.body;
  };
  const now = (text: string) => parseText(text, { maxFileSize: 1e6 });
  const errors = { name: ['taken'], client_type: ['bad'], non_field_errors: ['Invalid data.'] };

  it('a comment or moved keys change nothing sent: every message still applies', () => {
    const moved = `# moved\nclient_type: confidential\n${VALID.replace('client_type: confidential\n', '')}`;
    assert.deepEqual(serverErrorsStillApplying(now(moved), sent(VALID), errors), { fieldErrors: errors, dropped: [] });
  });

  it('a changed value drops the messages about its field, and those about the whole request', () => {
    const edited = VALID.replace('client_type: confidential', 'client_type: public');
    assert.notEqual(edited, VALID);
    assert.deepEqual(serverErrorsStillApplying(now(edited), sent(VALID), errors), { fieldErrors: { name: ['taken'] }, dropped: ['client_type: bad', 'Invalid data.'] });
  });

  it('a field removed since, or added since, no longer has the value sent', () => {
    const removed = VALID.split('\n').filter((line) => !line.startsWith('client_type:')).join('\n');
    assert.deepEqual(serverErrorsStillApplying(now(removed), sent(VALID), { client_type: ['bad'] }).dropped, ['client_type: bad']);
    assert.deepEqual(serverErrorsStillApplying(now(`${VALID}client_id: new\n`), sent(VALID), { client_id: ['required'] }).dropped, ['client_id: required']);
  });

  it('a file that no longer parses to a mapping keeps no message', () => {
    for (const broken of ['- just\n- a list\n', 'name: [unclosed\n']) {
      assert.deepEqual(serverErrorsStillApplying(now(broken), sent(VALID), errors).fieldErrors, {});
    }
  });
});

describe('deploy body, diff and masking', () => {
  it('the body holds only request fields', () => {
    const prepared = prepareBody(parseText(VALID + 'pk: 4\nfoo: bar\n', { maxFileSize: 1e6 }), { rules: DEFAULT_SETTINGS.rules, maxFileSize: 1e6, profile: LEGACY });
    assert.ok(prepared.ok);
    assert.deepEqual(Object.keys(prepared.body), ['name', 'authorization_flow', 'client_type', 'redirect_uris', 'property_mappings', 'access_token_validity']);
  });
  it('errors block the body', () => {
    const prepared = prepareBody(parseText('name: x\n', { maxFileSize: 1e6 }), { rules: DEFAULT_SETTINGS.rules, maxFileSize: 1e6, profile: LEGACY });
    assert.equal(prepared.ok, false);
    assert.deepEqual((prepared as { errors: { code: string }[] }).errors.map((e) => e.code), ['missing-required']);
  });
  it('the diff compares only the fields the file sets, UUIDs case-insensitively', () => {
    const changes = diffFields({ name: 'a', client_type: 'public', authorization_flow: FLOW_EXPLICIT.toUpperCase() }, { name: 'a', client_type: 'confidential', authorization_flow: FLOW_EXPLICIT, sub_mode: 'user_id' });
    assert.deepEqual(changes, [{ key: 'client_type', from: 'confidential', to: 'public' }]);
  });
  it('secrets are masked in rendered results', () => {
    const secret = 'S3cret-value-that-must-not-leak';
    assert.deepEqual(new SecretRedactor().value({ client_secret: secret, name: 'x' }), { client_secret: '••••••••', name: 'x' });
    const text = renderOutcome({ ok: true, action: 'create', name: 'x', baseUrl: 'https://a', method: 'POST', path: '/api/v3/providers/oauth2/', status: 201, timeMs: 12, summary: 'Created provider "x" (pk 1).', body: { pk: 1, client_secret: secret } });
    assert.ok(!text.includes(secret));
    assert.match(text, /^POST https:\/\/a\/api\/v3\/providers\/oauth2\/\n201 Created · 12 ms\nCreated provider "x" \(pk 1\)\./);
  });
});

describe('400 messages on the entries of a list-form redirect_uris', () => {
  const LIST = `name: App
redirect_uris:
  - matching_mode: strict
    url: ""
  - matching_mode: regex
    url: https://(app.example.com/cb
`;

  it('a message nested by index and field goes on that field of that entry', () => {
    assert.deepEqual(mapped(LIST, { redirect_uris: { '0': { url: ['This field may not be blank.'] } } }), ['3:9 "\\"\\"" authentik: This field may not be blank.']);
  });

  it('"Invalid Regex Pattern: <url>" goes on the entry with that url', () => {
    assert.deepEqual(mapped(LIST, { redirect_uris: ['Invalid Regex Pattern: https://(app.example.com/cb'] }), [
      '5:9 "https://(app.example.com/cb" authentik: Invalid Regex Pattern: https://(app.example.com/cb',
    ]);
  });

  it('a message about an entry as a whole goes on the entry', () => {
    assert.deepEqual(mapped(LIST, { redirect_uris: { '1': ['Invalid data.'] } }), ['4:4 "matching_mode: regex\\n    url: https://(app.example.com/cb" authentik: Invalid data.']);
  });
});
