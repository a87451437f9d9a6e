import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { MASK, SecretRedactor, SecretValue } from '../../common/authentik/secrets';

const TOKEN = 'tok-Zr8Hq3Vn5Wm1Yc7Bd2';
// Characters that every encoding writes differently, around a run no encoding changes.
const SECRET = 's3cr"et/é&<x> +%Kx7Qw2Lp\'(y)';
const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#x27;');
const json = (text: string) => JSON.stringify(text).slice(1, -1);

function redactor(): SecretRedactor {
  const r = new SecretRedactor([TOKEN]);
  r.remember(SECRET);
  return r;
}

describe('the secret redactor, by value', () => {
  const forms: [string, string][] = [
    ['as it is', SECRET],
    ['JSON-escaped', json(SECRET)],
    ['JSON-escaped with ASCII only (Python’s json.dumps)', json(SECRET).replace('é', '\\u00e9')],
    ['JSON-escaped twice (JSON inside a JSON string)', json(json(SECRET))],
    ['URL-encoded', encodeURIComponent(SECRET)],
    ['URL-encoded in lower case', encodeURIComponent(SECRET).replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase())],
    ['form-encoded', new URLSearchParams({ a: SECRET }).toString().slice(2)],
    ['URL-encoded after JSON escaping', encodeURIComponent(json(SECRET))],
    ['HTML-escaped', escapeHtml(SECRET)],
    ['HTML-escaped after JSON escaping', escapeHtml(json(SECRET))],
    ['HTML-escaped with &#39;', SECRET.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')],
  ];
  for (const [label, form] of forms) {
    it(`masks the secret ${label}, inside other text`, () => {
      const out = redactor().text(`before ${form} after`);
      assert.equal(out, `before ${MASK} after`);
    });
  }

  it('masks the token wherever it is, and the start of a long secret cut short', () => {
    assert.equal(redactor().text(`x${TOKEN}y`), `x${MASK}y`);
    assert.equal(redactor().text(`cut: ${TOKEN.slice(0, 14)}`), `cut: ${MASK}`);
    // Shorter than that a prefix is too common to mask.
    assert.equal(redactor().text('tok-Zr8'), 'tok-Zr8');
  });

  it('learns the secrets of any value it is given, at any depth', () => {
    const r = new SecretRedactor();
    r.rememberFrom({ results: [{ nested: { client_secret: 'generated-Qm4Tz9Xe' } }], password: ['pw-Lk3Jh8'] });
    assert.equal(r.text('a generated-Qm4Tz9Xe b pw-Lk3Jh8'), `a ${MASK} b ${MASK}`);
  });
});

describe('the secret redactor, by form', () => {
  const r = new SecretRedactor();
  const cases: [string, string, string][] = [
    ['a bearer header', 'Authorization: Bearer abc.def-ghi', `Authorization: Bearer ${MASK}`],
    ['a basic header', 'authorization: Basic dXNlcjpwYXNzd29yZA==', `authorization: Basic ${MASK}`],
    ['a JSON member', '{"pk":1,"client_secret":"unknownVALUE123","x":1}', `{"pk":1,"client_secret":"${MASK}","x":1}`],
    ['a JSON member cut short', '{"pk":1,"client_secret":"unknownVAL', `{"pk":1,"client_secret":"${MASK}`],
    ['JSON inside a JSON string', '"{\\"client_secret\\": \\"unknownVALUE\\"}"', `"{\\"client_secret\\": \\"${MASK}\\"}"`],
    ['HTML-escaped JSON', '&quot;client_secret&quot;: &quot;unknownVALUE&quot;', `&quot;client_secret&quot;: &quot;${MASK}&quot;`],
    ['a query string', '?client_secret=unknownVALUE&x=1', `?client_secret=${MASK}&x=1`],
    ['URL-encoded JSON', '%22client_secret%22%3A%22unknownVALUE%22', `%22client_secret%22%3A%22${MASK}%22`],
    ['Python’s repr', "{'client_secret': 'unknownVALUE'}", `{'client_secret': '${MASK}'}`],
    ['a password', 'password=hunter2', `password=${MASK}`],
  ];
  for (const [label, input, expected] of cases) it(`masks ${label}`, () => assert.equal(r.text(input), expected));

  it('takes linear time on text made to backtrack (a quadratic pattern would not finish within the test timeout)', () => {
    const hostile = ['client_secret:' + ' '.repeat(400_000) + '<', 'client_secret' + '\\'.repeat(400_000) + ':', 'Bearer' + ' '.repeat(400_000), '%22client_secret%22%3A' + '%22'.repeat(200_000)];
    for (const text of hostile) assert.equal(r.text(text).length, text.length);
  });

  it('leaves prose and fields that only look alike alone', () => {
    const prose = [
      '403 Token invalid/expired: The API token is invalid or expired. Set a new one with "authentik: Set API Token".',
      'The server did not accept the authentication scheme; use an API token (Bearer).',
      'access_token_validity: "hours=1", refresh_token_validity=days=30, signing_key: e1f2a3b4',
      'Unknown key: "foo"',
    ];
    for (const text of prose) assert.equal(r.text(text), text);
  });
});

describe('the secret redactor on values', () => {
  it('masks every string under a secret-named key, at any depth, and known secrets in keys and strings', () => {
    const value = { name: 'x', list: [{ client_secret: 'a' }, { deeper: { token: ['b', 'c'] } }], [TOKEN]: SECRET, note: `has ${SECRET}` };
    assert.deepEqual(redactor().value(value), { name: 'x', list: [{ client_secret: MASK }, { deeper: { token: [MASK, MASK] } }], [MASK]: MASK, note: `has ${MASK}` });
  });

  it('without byKey (field messages), a key names a field: only the values are searched', () => {
    const fieldErrors = { client_secret: ['Ensure this field has no more than 255 characters.'], name: [`"${SECRET}" is bad`] };
    assert.deepEqual(redactor().value(fieldErrors, { byKey: false }), { client_secret: ['Ensure this field has no more than 255 characters.'], name: [`"${MASK}" is bad`] });
  });

  it('does not walk a value nested beyond its depth limit (an answer can nest 100,000 deep)', () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const copy = JSON.stringify(new SecretRedactor().value(deep));
    assert.ok(copy.includes('(nested too deeply to show)'));
    new SecretRedactor().rememberFrom(deep); // no stack overflow
  });

  it('leaves the value it was given unchanged', () => {
    const value = { client_secret: 'a', list: ['b'] };
    redactor().value(value);
    assert.deepEqual(value, { client_secret: 'a', list: ['b'] });
  });
});

describe('a secret kept for copying', () => {
  it('shows only the mask when printed, logged or serialised', () => {
    const secret = new SecretValue(SECRET);
    assert.equal(secret.reveal(), SECRET);
    assert.equal(JSON.stringify({ secret }), `{"secret":"${MASK}"}`);
    assert.equal(`${secret}`, MASK);
    assert.ok(!inspect({ secret }, { depth: 5, showHidden: true }).includes('Kx7Qw2Lp'));
  });
});
