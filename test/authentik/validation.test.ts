import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { startAuthentikTestServer } from '../authentik-server';
import { call, createProvider, PROVIDERS, TOKEN, useServer, validBody } from './helpers';

const NOT_A_FLOW = '00000000-0000-4000-8000-00000000abcd';

describe('authentik test server: 400 bodies like Django REST Framework', () => {
  const server = useServer();
  beforeEach(() => server().reset());

  /** POSTs a valid body with `overrides` (undefined removes a key) and expects exactly `errors`. */
  async function expect400(overrides: Record<string, unknown>, errors: Record<string, string[]>) {
    const body = validBody(server(), overrides);
    for (const [key, value] of Object.entries(overrides)) if (value === undefined) delete body[key];
    const reply = await call(server(), 'POST', PROVIDERS, { body });
    assert.equal(reply.status, 400, reply.text);
    assert.deepEqual(reply.json, errors, `for ${JSON.stringify(overrides)}`);
  }

  let created = 0;
  async function expectCreated(overrides: Record<string, unknown>): Promise<Record<string, unknown>> {
    const reply = await call(server(), 'POST', PROVIDERS, { body: validBody(server(), { name: `provider ${++created}`, ...overrides }) });
    assert.equal(reply.status, 201, `${JSON.stringify(overrides)}: ${reply.text}`);
    return reply.json as Record<string, unknown>;
  }

  it('requires name and authorization_flow, for an empty object and for no body at all', async () => {
    const required = { name: ['This field is required.'], authorization_flow: ['This field is required.'] };
    assert.deepEqual((await call(server(), 'POST', PROVIDERS, { body: {} })).json, required);
    const noBody = await call(server(), 'POST', PROVIDERS);
    assert.equal(noBody.status, 400);
    assert.deepEqual(noBody.json, required);
  });

  it('rejects null where the field is not nullable, and accepts it where it is', async () => {
    const nullMessage = ['This field may not be null.'];
    for (const key of ['name', 'authorization_flow', 'client_type', 'client_id', 'include_claims_in_id_token', 'redirect_uris', 'property_mappings', 'access_token_validity']) {
      await expect400({ [key]: null }, { [key]: nullMessage });
    }
    const created = await expectCreated({ authentication_flow: null, signing_key: '' });
    assert.equal(created.authentication_flow, null);
    assert.equal(created.signing_key, null, 'a relation given as "" is null');
  });

  it('rejects blank strings where the schema has minLength 1', async () => {
    const blank = ['This field may not be blank.'];
    await expect400({ name: '' }, { name: blank });
    await expect400({ name: '  \t\n' }, { name: blank });
    await expect400({ client_id: '' }, { client_id: blank });
    await expect400({ access_code_validity: ' ' }, { access_code_validity: blank });
    const created = await expectCreated({ client_secret: '', redirect_uris: '   ' });
    assert.equal(created.client_secret, '');
    assert.equal(created.redirect_uris, '');
  });

  it('limits client_id and client_secret to 255 characters (code points)', async () => {
    const tooLong = ['Ensure this field has no more than 255 characters.'];
    await expect400({ client_id: 'a'.repeat(256) }, { client_id: tooLong });
    await expect400({ client_secret: 'b'.repeat(256), client_id: 'c'.repeat(300) }, { client_id: tooLong, client_secret: tooLong });
    await expectCreated({ client_id: 'a'.repeat(255), client_secret: '🔑'.repeat(255) });
  });

  it('rejects a value outside an enum, printing it as Python would', async () => {
    await expect400({ client_type: 'secret' }, { client_type: ['"secret" is not a valid choice.'] });
    await expect400({ sub_mode: '' }, { sub_mode: ['"" is not a valid choice.'] });
    await expect400({ issuer_mode: true }, { issuer_mode: ['"True" is not a valid choice.'] });
    await expect400({ client_type: ['public', 1] }, { client_type: ['"[\'public\', 1]" is not a valid choice.'] });
    await expect400({ sub_mode: { a: null } }, { sub_mode: ['"{\'a\': None}" is not a valid choice.'] });
  });

  it('parses booleans like DRF and rejects anything else with "Must be a valid boolean."', async () => {
    for (const value of [true, 'true', 'True', 'TRUE', '1', 1, 'yes', 'on', 'y', 't']) {
      assert.equal((await expectCreated({ include_claims_in_id_token: value })).include_claims_in_id_token, true, String(value));
    }
    for (const value of [false, 'false', 'False', '0', 0, 'no', 'off', 'n', 'f']) {
      assert.equal((await expectCreated({ include_claims_in_id_token: value })).include_claims_in_id_token, false, String(value));
    }
    for (const value of ['maybe', 'TrUe', '', 2, [], {}, 'null']) {
      await expect400({ include_claims_in_id_token: value }, { include_claims_in_id_token: ['Must be a valid boolean.'] });
    }
  });

  it('accepts numbers for strings but rejects lists, objects and booleans', async () => {
    assert.equal((await expectCreated({ client_id: 12345 })).client_id, '12345');
    for (const value of [['a'], { a: 1 }, true, false]) {
      await expect400({ name: value }, { name: ['Not a valid string.'] });
    }
  });

  it('checks UUID references: malformed, wrong type, and missing objects', async () => {
    await expect400({ authorization_flow: 'abc' }, { authorization_flow: ['“abc” is not a valid UUID.'] });
    await expect400({ authorization_flow: true }, { authorization_flow: ['Incorrect type. Expected pk value, received bool.'] });
    await expect400({ authorization_flow: NOT_A_FLOW }, { authorization_flow: [`Invalid pk "${NOT_A_FLOW}" - object does not exist.`] });
    await expect400({ authorization_flow: 123 }, { authorization_flow: ['Invalid pk "123" - object does not exist.'] });
    await expect400({ authorization_flow: -1 }, { authorization_flow: ['“-1” is not a valid UUID.'] });
    await expect400({ authorization_flow: ['x'] }, { authorization_flow: ['“[\'x\']” is not a valid UUID.'] });
    // The lookup is per table: a flow's UUID is not a key pair.
    const flow = server().seedObjects.flows.explicitConsent.pk;
    await expect400({ signing_key: flow }, { signing_key: [`Invalid pk "${flow}" - object does not exist.`] });
    // Any flow will do for either flow field; the designation is not checked.
    await expectCreated({ authorization_flow: server().seedObjects.flows.invalidation.pk });
  });

  it('checks list fields: a string is not a list, and the first bad item fails it', async () => {
    await expect400({ property_mappings: 'openid' }, { property_mappings: ['Expected a list of items but got type "str".'] });
    await expect400({ jwks_sources: 5 }, { jwks_sources: ['Expected a list of items but got type "int".'] });
    await expect400({ jwks_sources: true }, { jwks_sources: ['Expected a list of items but got type "bool".'] });
    const openid = server().seedObjects.scopeMappings.openid.pk;
    await expect400({ property_mappings: [openid, 'nope', NOT_A_FLOW] }, { property_mappings: ['“nope” is not a valid UUID.'] });
    await expect400({ property_mappings: [openid, null] }, { property_mappings: ['Invalid pk "None" - object does not exist.'] });
    await expect400({ property_mappings: [false] }, { property_mappings: ['Incorrect type. Expected pk value, received bool.'] });
    await expect400({ property_mappings: [''] }, { property_mappings: ['“” is not a valid UUID.'] });
    // An object is iterated by its keys, as Python does.
    const created = await expectCreated({ property_mappings: { [openid]: 'ignored' } });
    assert.deepEqual(created.property_mappings, [openid]);
  });

  it('rejects durations authentik cannot parse, and keeps the ones it can', async () => {
    for (const value of ['foo=1', 'hours', 'hours=1;', 'hours=abc', '5']) {
      await expect400({ access_token_validity: value }, { access_token_validity: [`${value} is not in the correct format of 'hours=3;minutes=1'.`] });
    }
    await expect400({ refresh_token_validity: 30 }, { refresh_token_validity: ["30 is not in the correct format of 'hours=3;minutes=1'."] });
    for (const value of ['hours=1; minutes=2', 'foo=1;hours=1', 'HOURS=1', 'minutes=-5']) {
      assert.equal((await expectCreated({ access_code_validity: value })).access_code_validity, value);
    }
  });

  it('answers a duration that crashes authentik like 2024.8.4 does: 405 with Allow GET, HEAD, OPTIONS', async () => {
    for (const value of ['hours=inf', 'days=1e10']) {
      const reply = await call(server(), 'POST', PROVIDERS, { body: validBody(server(), { access_token_validity: value, name: '' }) });
      assert.equal(reply.status, 405, value);
      assert.equal(reply.headers.get('allow'), 'GET, HEAD, OPTIONS');
      assert.equal(reply.text, '');
    }
    assert.deepEqual(server().providers(), []);
  });

  it('answers such a crash with the 500 page when the error views are fixed', async () => {
    const fixed = await startAuthentikTestServer({ legacyErrorViews: false });
    try {
      const reply = await call(fixed, 'POST', PROVIDERS, { body: validBody(fixed, { refresh_token_validity: 'weeks=inf' }) });
      assert.equal(reply.status, 500);
      assert.equal(reply.headers.get('content-type'), 'text/html; charset=utf-8');
      assert.match(reply.text, /Server Error \(500\)/);
    } finally {
      await fixed.close();
    }
  });

  it('reports every failing field, in the order of the schema', async () => {
    const reply = await call(server(), 'POST', PROVIDERS, {
      body: { jwks_sources: 'x', sub_mode: 'x', client_type: 'x', name: '', unknown: 1 },
    });
    assert.equal(reply.status, 400);
    assert.equal(
      reply.text,
      '{"name":["This field may not be blank."],"authorization_flow":["This field is required."],' +
        '"client_type":["\\"x\\" is not a valid choice."],"sub_mode":["\\"x\\" is not a valid choice."],' +
        '"jwks_sources":["Expected a list of items but got type \\"str\\"."]}',
    );
  });

  it('rejects a body that is not an object with non_field_errors naming its Python type', async () => {
    const cases: [string, string][] = [
      ['[]', 'list'],
      ['"x"', 'str'],
      ['1', 'int'],
      ['1.5', 'float'],
      ['true', 'bool'],
    ];
    for (const [body, type] of cases) {
      const reply = await call(server(), 'POST', PROVIDERS, { body });
      assert.equal(reply.status, 400);
      assert.deepEqual(reply.json, { non_field_errors: [`Invalid data. Expected a dictionary, but got ${type}.`] }, body);
    }
    assert.deepEqual((await call(server(), 'POST', PROVIDERS, { body: 'null' })).json, { non_field_errors: ['No data provided'] });
  });

  it('answers malformed JSON with "JSON parse error - ..." and where it broke', async () => {
    const cases: [string, string][] = [
      ['{"name": ', 'unexpected end of data: line 1 column 10 (char 9)'],
      ['{name: 1}', 'key must be a string: line 1 column 2 (char 1)'],
      ['{"a": 1,}', 'trailing comma is not allowed: line 1 column 9 (char 8)'],
      ['{"a": 1}\n{"b": 2}', 'unexpected content after document: line 2 column 1 (char 9)'],
      ['{"a": NaN}', 'unexpected character: line 1 column 7 (char 6)'],
    ];
    for (const [body, detail] of cases) {
      const reply = await call(server(), 'POST', PROVIDERS, { body });
      assert.equal(reply.status, 400);
      assert.deepEqual(reply.json, { detail: `JSON parse error - ${detail}` }, body);
    }
  });

  it('answers another content type with 415, naming it as sent', async () => {
    const body = JSON.stringify(validBody(server()));
    for (const type of ['application/yaml', 'text/plain;charset=UTF-8', 'application/x-www-form-urlencoded']) {
      const reply = await call(server(), 'POST', PROVIDERS, { body, headers: { 'Content-Type': type } });
      assert.equal(reply.status, 415);
      assert.deepEqual(reply.json, { detail: `Unsupported media type "${type}" in request.` });
    }
    const noType = await fetch(server().url + PROVIDERS, { method: 'POST', headers: { Authorization: `Bearer ${TOKEN}` }, body: new Uint8Array(Buffer.from(body)) });
    assert.equal(noType.status, 415);
    assert.deepEqual(await noType.json(), { detail: 'Unsupported media type "" in request.' });
    const upper = await call(server(), 'POST', PROVIDERS, { body, headers: { 'Content-Type': 'Application/JSON; charset=utf-8' } });
    assert.equal(upper.status, 201, upper.text);
  });

  it('keeps names unique across all provider types, and client ids unique', async () => {
    await createProvider(server(), { name: 'Grafana', client_id: 'grafana' });
    await expect400({ name: 'Grafana' }, { name: ['provider with this name already exists.'] });
    await expect400({ name: '  Grafana ' }, { name: ['provider with this name already exists.'] });
    await expect400({ name: 'Grafana proxy' }, { name: ['provider with this name already exists.'] });
    server().addOtherProvider('Wiki SAML', 'samlprovider');
    await expect400({ name: 'Wiki SAML' }, { name: ['provider with this name already exists.'] });
    await expect400({ name: 'other', client_id: 'grafana' }, { client_id: ['OAuth2/OpenID Provider with this Client ID already exists.'] });
    await expect400(
      { name: 'Grafana', client_id: 'grafana' },
      { name: ['provider with this name already exists.'], client_id: ['OAuth2/OpenID Provider with this Client ID already exists.'] },
    );
    // Exact comparison: another case is another name.
    await expectCreated({ name: 'grafana' });
  });
});
