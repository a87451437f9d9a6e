import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { diffFields, diffSides } from '../../common/authentik/deployDiff';
import { SecretRedactor } from '../../common/authentik/secrets';
import { REQUEST_STORED_FIELDS, sameStored, storedFieldsOf, storedValue } from '../../common/authentik/storedValues';
import { pyFloatRepr, pyStrip } from '../../common/pythonText';
import { bundledProfile } from '../../common/profiles';
import { toUuid, validateBoolean, validateChar } from '../authentik-server/drf-fields';
import { parsePythonJson } from '../authentik-server/python-json';

const field = (key: string) => REQUEST_STORED_FIELDS.get(key);
const FLOW = 'c4a0c9b2-6b1f-4d8e-9a3c-2f1e5d7b8a01';

describe('the stored-value rules come from the request schema', () => {
  it('gives each field of the 2024.8 request schema its kind', () => {
    assert.deepEqual(Object.fromEntries([...REQUEST_STORED_FIELDS].map(([key, f]) => [key, `${f.kind}${f.nullable ? '?' : ''}`])), {
      name: 'text',
      authentication_flow: 'uuid?',
      authorization_flow: 'uuid',
      property_mappings: 'uuid-list',
      client_type: 'choice',
      client_id: 'text',
      client_secret: 'text',
      access_code_validity: 'text',
      access_token_validity: 'text',
      refresh_token_validity: 'text',
      include_claims_in_id_token: 'boolean',
      signing_key: 'uuid?',
      redirect_uris: 'text',
      sub_mode: 'choice',
      issuer_mode: 'choice',
      jwks_sources: 'uuid-list',
    });
  });

  it('reads an OpenAPI component the same way (nullable, enums by reference)', () => {
    const fields = storedFieldsOf({
      properties: {
        signing_key: { type: 'string', format: 'uuid', nullable: true },
        client_type: { allOf: [{ $ref: '#/components/schemas/ClientTypeEnum' }] },
        name: { type: 'string' },
      },
    });
    assert.deepEqual(Object.fromEntries(fields), { signing_key: { kind: 'uuid', nullable: true }, client_type: { kind: 'choice', nullable: false }, name: { kind: 'text', nullable: false } });
  });
});

describe('what the server stores', () => {
  const cases: [string, unknown, unknown][] = [
    ['name', '  Grafana ', 'Grafana'],
    ['redirect_uris', 'https://a\\.example/cb\n', 'https://a\\.example/cb'],
    ['redirect_uris', 'https://a\\.example/cb\nhttps://b\\.example/cb\n', 'https://a\\.example/cb\nhttps://b\\.example/cb'],
    ['access_code_validity', ' minutes=5', 'minutes=5'],
    ['name', '\u3000wide\u00a0spaces\u2029', 'wide\u00a0spaces'],
    ['name', 2024, '2024'],
    ['name', 1.5, '1.5'],
    ['name', 1e21, '1e+21'],
    ['name', 1.5e-7, '1.5e-07'],
    ['name', true, true],
    ['client_type', ' public', ' public'],
    ['include_claims_in_id_token', 'yes', true],
    ['include_claims_in_id_token', 'Off', false],
    ['include_claims_in_id_token', 1, true],
    ['include_claims_in_id_token', 0, false],
    ['include_claims_in_id_token', 'yes please', 'yes please'],
    ['include_claims_in_id_token', 'oN', 'oN'],
    ['authorization_flow', FLOW.toUpperCase(), FLOW],
    ['authorization_flow', FLOW.replace(/-/g, ''), FLOW],
    ['authorization_flow', `{${FLOW}}`, FLOW],
    ['authorization_flow', `urn:uuid:${FLOW}`, FLOW],
    ['authorization_flow', 'not-a-uuid', 'not-a-uuid'],
    ['authorization_flow', '', ''],
    ['signing_key', '', null],
    ['signing_key', null, null],
    ['property_mappings', [FLOW.toUpperCase(), `{${FLOW}}`, 'x'], [FLOW, 'x']],
  ];
  for (const [key, input, stored] of cases) {
    it(`${key}: ${JSON.stringify(input)} is stored as ${JSON.stringify(stored)}`, () => assert.deepEqual(storedValue(field(key), input), stored));
  }

  it('a redirect URI entry left without a field that has a default is stored with it (2026.5), in any key order', () => {
    const profile = bundledProfile('2026.5.0')!;
    const redirect = storedFieldsOf(profile.requestSchema).get('redirect_uris');
    assert.equal(redirect?.kind, 'object-list');
    const live = [{ matching_mode: 'strict', url: 'https://a.example.com/cb', redirect_uri_type: 'authorization' }];
    assert.equal(sameStored(redirect, [{ url: 'https://a.example.com/cb ', matching_mode: 'strict' }], live), true);
    assert.equal(sameStored(redirect, [{ matching_mode: 'strict', url: 'https://a.example.com/cb', redirect_uri_type: 'logout' }], live), false);
    assert.equal(sameStored(redirect, [{ matching_mode: 'regex', url: 'https://a.example.com/cb' }], live), false);
    // A release without the field: nothing is filled in.
    const older = storedFieldsOf(bundledProfile('2024.8.5')!.requestSchema).get('redirect_uris');
    assert.equal(sameStored(older, [{ matching_mode: 'strict', url: 'https://a.example.com/cb' }], live), false);
  });

  it('compares a list of references as the set the server keeps', () => {
    assert.ok(sameStored(field('property_mappings'), [FLOW, FLOW.toUpperCase()], [FLOW]));
    assert.ok(sameStored(field('property_mappings'), ['b0000000-0000-4000-8000-000000000000', FLOW], [FLOW, 'b0000000-0000-4000-8000-000000000000']));
    assert.ok(!sameStored(field('property_mappings'), [FLOW], [FLOW, 'b0000000-0000-4000-8000-000000000000']));
  });
});

describe('the stored values agree with the test server’s model of Django REST framework', () => {
  // Values as they reach the server: the JSON text a JS number or string becomes, parsed as Python does.
  const py = (value: unknown) => parsePythonJson(JSON.stringify(value));
  const spaces = fc.constantFrom(' ', '\t', '\n', '\r', '\x0b', '\x0c', '\x1c', '\x1f', '\x85', '\xa0', '\u2003', '\u3000', '\u2028', '\ufeff', '\u200b');
  const textish = fc.array(fc.oneof(spaces, fc.constantFrom('a', 'Z', '0', '9', '-', '.', '=', '\\', 'é', '😀')), { maxLength: 12 }).map((parts) => parts.join(''));
  const numbers = fc.oneof(fc.integer({ min: -1e6, max: 1e6 }), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(1e21, 1e16, 123456789012345680000, 0.0001, 0.00001, -0));
  const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);

  it('text fields: trimmed, numbers as Python’s str()', () => {
    fc.assert(
      fc.property(fc.oneof(textish, numbers), (value) => {
        const server = validateChar(py(value), { allowBlank: true, modelValidators: [] });
        if (server.ok) assert.equal(storedValue(field('name'), value), server.value, JSON.stringify(value));
      }),
      { numRuns: RUNS },
    );
  });

  it('boolean fields: the words and numbers BooleanField accepts', () => {
    const words = fc.constantFrom('t', 'T', 'y', 'Y', 'yes', 'YES', 'Yes', 'yEs', 'on', 'ON', 'oN', '1', '0', 'f', 'n', 'no', 'off', 'OFF', 'true', 'False', 'fALSE', ' true', '', 'yes please');
    fc.assert(
      fc.property(fc.oneof(words, fc.boolean(), fc.constantFrom(1, 0, 2, -1, 0.5, 1.0)), (value) => {
        const server = validateBoolean(py(value));
        const stored = storedValue(field('include_claims_in_id_token'), value);
        if (server.ok) assert.equal(stored, server.value, JSON.stringify(value));
        else assert.equal(typeof stored === 'boolean' && typeof value !== 'boolean', false, `${JSON.stringify(value)} is refused, so it is not stored as a boolean`);
      }),
      { numRuns: RUNS },
    );
  });

  it('UUID fields: every form uuid.UUID reads, nothing else', () => {
    const hex = fc.array(fc.constantFrom(...'0123456789abcdefABCDEF'), { minLength: 30, maxLength: 34 }).map((d) => d.join(''));
    const decorated = fc
      .tuple(hex, fc.constantFrom('', '{', 'urn:uuid:', 'uuid:', '{{', ' ', '0x', '+', '-'), fc.constantFrom('', '}', '}}', ' ', '\n'), fc.boolean(), fc.constantFrom('', '_'))
      .map(([digits, before, after, dashes, underscore]) => {
        const body = dashes && digits.length >= 32 ? `${digits.slice(0, 8)}-${digits.slice(8, 12)}-${digits.slice(12, 16)}-${digits.slice(16, 20)}-${digits.slice(20)}` : digits;
        return `${before}${underscore ? body.replace(/^(.)(.)/, '$1_$2') : body}${after}`;
      });
    fc.assert(
      fc.property(fc.oneof(decorated, fc.integer({ min: -5, max: 2 ** 53 }), textish), (value) => {
        const server = toUuid(py(value));
        assert.equal(storedValue(field('authorization_flow'), value), server ?? value, JSON.stringify(value));
      }),
      { numRuns: RUNS },
    );
  });

  it('Python’s float repr and strip, on their edges', () => {
    assert.deepEqual([1e16, 1e15 + 0.5, 0.0001, 0.00001, -0, 5e-324, 1.7976931348623157e308].map(pyFloatRepr), ['1e+16', '1000000000000000.5', '0.0001', '1e-05', '-0.0', '5e-324', '1.7976931348623157e+308']);
    assert.equal(pyStrip('\ufeff x \u200b'), '\ufeff x \u200b');
    assert.equal(pyStrip('\x1c\x1d x \x1e\x1f\x85'), 'x');
  });
});

describe('the diff shows what the server stores', () => {
  const live = {
    pk: 3,
    name: 'Gitea',
    component: 'ak-provider-oauth2-form',
    redirect_uris: 'https://git\\.example\\.com/user/oauth2/authentik/callback',
    property_mappings: ['2e1f3a4b-5c6d-4e7f-9081-a2b3c4d5e642', '1f0e2d3c-4b5a-4697-8a8b-9c0d1e2f3a41'],
    authorization_flow: FLOW,
    client_secret: 'live-secret-Hj7Kl2',
  };

  it('a block scalar’s newline, a UUID’s spelling and a set’s order are no change', () => {
    const body = {
      name: 'Gitea ',
      redirect_uris: 'https://git\\.example\\.com/user/oauth2/authentik/callback\n',
      property_mappings: ['1F0E2D3C-4B5A-4697-8A8B-9C0D1E2F3A41', '2e1f3a4b5c6d4e7f9081a2b3c4d5e642'],
      authorization_flow: `{${FLOW}}`,
    };
    assert.deepEqual(diffFields(body, live), []);
    const sides = diffSides(body, live, new SecretRedactor());
    assert.deepEqual(sides.file, sides.server);
    assert.equal(sides.server.client_secret, '••••••••');
    assert.equal('pk' in sides.server || 'component' in sides.server, false);
  });

  it('a real change shows the stored value on the file’s side, and a new secret only as changed', () => {
    const body = { redirect_uris: 'https://new\\.example/cb\n', property_mappings: ['1f0e2d3c-4b5a-4697-8a8b-9c0d1e2f3a41'], client_secret: 'file-secret-Qw3Er4' };
    assert.deepEqual(diffFields(body, live), [
      { key: 'redirect_uris', from: live.redirect_uris, to: 'https://new\\.example/cb' },
      { key: 'property_mappings', from: live.property_mappings, to: ['1f0e2d3c-4b5a-4697-8a8b-9c0d1e2f3a41'] },
      { key: 'client_secret', from: live.client_secret, to: 'file-secret-Qw3Er4' },
    ]);
    const redactor = new SecretRedactor();
    redactor.remember('file-secret-Qw3Er4');
    const sides = diffSides(body, live, redactor);
    assert.equal(sides.file.redirect_uris, 'https://new\\.example/cb');
    assert.deepEqual(sides.file.property_mappings, ['1f0e2d3c-4b5a-4697-8a8b-9c0d1e2f3a41']);
    assert.equal(sides.file.client_secret, '•••••••• (changed)');
    assert.ok(!JSON.stringify(sides).includes('Qw3Er4') && !JSON.stringify(sides).includes('Hj7Kl2'));
  });
});
