import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import {
  bundledProfile,
  DEFAULT_CONVERSION_LIMITS,
  describeAvailability,
  isProfileError,
  parseVersion,
  Profile,
  profileFromOpenApi,
  RequestSchema,
} from '../../common/profiles';
import index from '../../schemas/profiles/index.json';
import seed from '../../schemas/oauth2provider.request.schema.json';

const ROOT = path.resolve(__dirname, '../..');
const SUBSET_DIR = path.join(ROOT, 'schemas/openapi');

/** A subset as a server would send it with ?format=json: parsed, then through JSON. */
function subset(file: string): Record<string, any> {
  return JSON.parse(JSON.stringify(parse(fs.readFileSync(path.join(SUBSET_DIR, file), 'utf8'))));
}

function serverProfile(document: unknown): Profile {
  const result = profileFromOpenApi(document);
  if (isProfileError(result)) assert.fail(result.error);
  return result;
}

function errorOf(document: unknown, limits = DEFAULT_CONVERSION_LIMITS): string {
  const result = profileFromOpenApi(document, limits);
  assert.ok(isProfileError(result), 'expected an error');
  return result.error;
}

const shape = (schema: RequestSchema) => ({ type: schema.type, properties: schema.properties, required: schema.required });

/** The newest subset with a change, as the document of a newer release. */
function newerRelease(version: string, change: (schemas: Record<string, any>) => void): Record<string, any> {
  const document = subset('authentik-2026.5-main-20260511.oauth2-subset.yml');
  document.info.version = version;
  change(document.components.schemas);
  return document;
}

describe('profileFromOpenApi: the subsets of every release line', () => {
  const files = fs.readdirSync(SUBSET_DIR).filter((f) => f.endsWith('.oauth2-subset.yml'));

  it('every subset is listed under exactly one bundled profile', () => {
    const listed = index.profiles.flatMap((p) => p.subsets).sort();
    assert.deepEqual(listed, [...files].sort());
    assert.equal(files.length, 13);
  });

  for (const entry of index.profiles) {
    for (const file of entry.subsets) {
      it(`${file} gives the request schema of the bundled profile ${entry.id}`, () => {
        const fromServer = serverProfile(subset(file));
        const bundled = bundledProfile(entry.id)!;
        assert.deepStrictEqual(shape(fromServer.requestSchema), shape(bundled.requestSchema));
        assert.deepStrictEqual(fromServer.redirectUris, bundled.redirectUris);
        assert.deepStrictEqual(fromServer.references, bundled.references);
        assert.deepStrictEqual(fromServer.fieldKinds, bundled.fieldKinds);
        assert.deepStrictEqual(Object.keys(fromServer.absentFields), Object.keys(bundled.absentFields));
        assert.equal(fromServer.source, 'server');
        assert.equal(fromServer.basedOn, entry.id);
      });
    }
  }

  it('the 2024.8.4 subset gives exactly the seed schema (its notes included)', () => {
    const fromServer = serverProfile(subset('authentik-2024.8.4.oauth2-subset.yml'));
    assert.deepStrictEqual(shape(fromServer.requestSchema), { type: seed.type, properties: seed.properties, required: seed.required });
  });

  it('names the server profile after its own release', () => {
    const fromServer = serverProfile(subset('authentik-2026.5-main-20260511.oauth2-subset.yml'));
    assert.equal(fromServer.id, 'server-2026.8.0-rc1');
    assert.equal(fromServer.label, 'authentik 2026.8.0-rc1');
    assert.deepEqual(fromServer.releases, { from: '2026.8.0-rc1', through: '2026.8.0-rc1' });
    assert.equal(fromServer.basedOn, '2026.5.0');
    assert.equal(fromServer.requestSchema.$id, 'https://authentik.local/schemas/server/2026.8.0-rc1.request.schema.json');
    assert.equal(fromServer.requestSchema.description, "Body of POST /api/v3/providers/oauth2/ (authentik 2026.8.0-rc1, from the server's own schema).");
  });
});

describe('profileFromOpenApi: a release newer than every bundled one', () => {
  it('takes its new fields from its own schema and the rest of the knowledge from the nearest profile', () => {
    const document = newerRelease('2026.11.0', (schemas) => {
      const request = schemas.OAuth2ProviderRequest;
      request.properties.recovery_flow = { type: 'string', format: 'uuid', nullable: true, description: 'Flow used to recover the account.' };
      request.properties.id_token_validity = { type: 'string', minLength: 1, description: 'ID tokens not valid after this (Format: hours=1;minutes=2;seconds=3).' };
      request.properties.client_name = { type: 'string', maxLength: 64 };
      delete request.properties.jwt_federation_sources;
    });
    const fromServer = serverProfile(document);
    assert.equal(fromServer.id, 'server-2026.11.0');
    assert.equal(fromServer.basedOn, '2026.5.0');
    assert.deepEqual(fromServer.requestSchema.properties.recovery_flow, { type: ['string', 'null'], format: 'uuid', description: 'Flow used to recover the account.' });
    assert.deepEqual(fromServer.references.recovery_flow, { kind: 'flow', designation: 'recovery', label: 'recovery flow', pk: 'uuid', many: false, nullable: true });
    assert.equal(fromServer.references.client_name, undefined);
    assert.equal(fromServer.fieldKinds.id_token_validity, 'duration');
    assert.equal(fromServer.fieldsSince.recovery_flow, '2026.11.0');
    assert.equal(fromServer.fieldsSince.invalidation_flow, '2024.10.0');
    assert.deepEqual(Object.keys(fromServer.absentFields), ['jwks_sources', 'jwt_federation_sources', 'backchannel_logout_uri']);
    assert.equal(describeAvailability(fromServer.absentFields.jwt_federation_sources, parseVersion('2026.11.0')!), 'it exists only from 2024.12.0 to 2026.5.0');
  });

  it('a server that went back to the one-string form is read as such', () => {
    const fromServer = serverProfile(
      newerRelease('2026.11.0', (schemas) => {
        schemas.OAuth2ProviderRequest.properties.redirect_uris = { type: 'string' };
      }),
    );
    assert.equal(fromServer.redirectUris.kind, 'string');
    assert.equal(fromServer.requestSchema.properties.redirect_uris.default, '');
    assert.equal(fromServer.absentFields['redirect_uris[].url'], undefined);
  });

  it('its own flow designations count for new <designation>_flow fields', () => {
    const fromServer = serverProfile(
      newerRelease('2026.11.0', (schemas) => {
        schemas.FlowDesignationEnum.enum.push('device_authorization');
        schemas.OAuth2ProviderRequest.properties.device_authorization_flow = { type: 'string', format: 'uuid' };
        schemas.OAuth2ProviderRequest.properties.made_up_flow = { type: 'string', format: 'uuid' };
      }),
    );
    assert.equal(fromServer.references.device_authorization_flow.designation, 'device_authorization');
    assert.equal(fromServer.references.device_authorization_flow.label, 'device authorization flow');
    assert.equal(fromServer.references.made_up_flow, undefined);
  });

  it('converts nullable enums, oneOf, bounds and OpenAPI 3.0 exclusive bounds', () => {
    const fromServer = serverProfile(
      newerRelease('2026.11.0', (schemas) => {
        schemas.NullEnum = { enum: [null] };
        schemas.OAuth2ProviderRequest.properties.issuer_mode = { allOf: [{ $ref: '#/components/schemas/IssuerModeEnum' }], nullable: true, description: 'How the issuer is set.' };
        schemas.OAuth2ProviderRequest.properties.pkce = { oneOf: [{ $ref: '#/components/schemas/ClientTypeEnum' }, { $ref: '#/components/schemas/NullEnum' }], nullable: true };
        schemas.OAuth2ProviderRequest.properties.max_sessions = { type: 'integer', minimum: 0, exclusiveMinimum: true, maximum: 100, 'x-spec-extension': 1 };
        schemas.OAuth2ProviderRequest.properties.slug = { type: 'string', pattern: '^(?P<x>[a-z]+)$', maxLength: 50 };
      }),
    );
    const props = fromServer.requestSchema.properties;
    assert.deepEqual(props.issuer_mode, { enum: ['global', 'per_provider', null], type: ['string', 'null'], title: 'IssuerModeEnum', description: 'How the issuer is set.', default: 'per_provider' });
    assert.deepEqual(props.pkce, {
      anyOf: [{ oneOf: [{ enum: ['confidential', 'public'], type: 'string', title: 'ClientTypeEnum' }, { enum: [null], title: 'NullEnum' }] }, { type: 'null' }],
    });
    assert.deepEqual(props.max_sessions, { type: 'integer', maximum: 100, exclusiveMinimum: 0 });
    assert.deepEqual(props.slug, { type: 'string', maxLength: 50 }, 'a Python pattern is not handed to a JavaScript validator');
  });
});

describe('profileFromOpenApi: documents it refuses', () => {
  const base = () => subset('authentik-2025.10.4.oauth2-subset.yml');
  const request = (document: Record<string, any>) => document.components.schemas.OAuth2ProviderRequest;

  it('what is not authentik\'s OpenAPI schema', () => {
    assert.equal(errorOf(null), "The document is not authentik's OpenAPI schema: it is not a JSON object.");
    assert.equal(errorOf([base()]), "The document is not authentik's OpenAPI schema: it is not a JSON object.");
    assert.equal(errorOf('<html>Login</html>'), "The document is not authentik's OpenAPI schema: it is not a JSON object.");
    assert.equal(errorOf({ ...base(), openapi: undefined, swagger: '2.0' }), "The document is not authentik's OpenAPI schema: it is not an OpenAPI 3 document.");
    assert.equal(errorOf({ ...base(), info: { title: 'Gitea API', version: '1.22' } }), 'The document is not authentik\'s OpenAPI schema: its info.title is "Gitea API".');
    assert.equal(errorOf({ ...base(), info: { version: '2025.10.4' } }), "The document is not authentik's OpenAPI schema: it has no info.title.");
    assert.equal(errorOf({ ...base(), info: { title: 'authentik', version: 'latest' } }), 'The document is not authentik\'s OpenAPI schema: its info.version "latest" is not an authentik version.');
    assert.equal(errorOf({ ...base(), info: { title: 'authentik', version: 2025.1 } }), "The document is not authentik's OpenAPI schema: it has no info.version.");
    const noRequest = base();
    delete noRequest.components.schemas.OAuth2ProviderRequest;
    assert.equal(errorOf(noRequest), "The document is not authentik's OpenAPI schema: it has no components.schemas.OAuth2ProviderRequest.");
    assert.equal(errorOf({ ...base(), components: [] }), "The document is not authentik's OpenAPI schema: it has no components.schemas.OAuth2ProviderRequest.");
  });

  it('a release older than every profile', () => {
    assert.equal(errorOf({ ...base(), info: { title: 'authentik', version: '2023.4.3' } }), 'authentik 2023.4.3 is older than every supported release: the profiles start at 2023.5.0.');
  });

  it('a malformed OAuth2ProviderRequest, naming the place', () => {
    const cases: [string, (document: Record<string, any>) => void][] = [
      ['components.schemas.OAuth2ProviderRequest.properties.redirect_uris.items.$ref "#/components/schemas/RedirectURIRequest" does not resolve', (d) => delete d.components.schemas.RedirectURIRequest],
      ['components.schemas.OAuth2ProviderRequest.properties.client_type.allOf[0].$ref is not a reference to #/components/schemas/…', (d) => (request(d).properties.client_type.allOf[0].$ref = 'https://example.com/enum.json')],
      ['components.schemas.RedirectURIRequest.properties.next.$ref "#/components/schemas/RedirectURIRequest" refers back to itself', (d) => (d.components.schemas.RedirectURIRequest.properties.next = { $ref: '#/components/schemas/RedirectURIRequest' })],
      ['components.schemas.OAuth2ProviderRequest.properties has a property named "__proto__", which is not a field name', (d) => Object.defineProperty(request(d).properties, '__proto__', { value: { type: 'string' }, enumerable: true })],
      ['components.schemas.OAuth2ProviderRequest.properties has a property named "client id", which is not a field name', (d) => (request(d).properties['client id'] = { type: 'string' })],
      ['components.schemas.OAuth2ProviderRequest.required names "client_uuid", which is not one of the properties', (d) => request(d).required.push('client_uuid')],
      ['components.schemas.OAuth2ProviderRequest.required is not a list of names', (d) => (request(d).required = 'name')],
      ['components.schemas.OAuth2ProviderRequest.properties.name.type is not a JSON type', (d) => (request(d).properties.name.type = 'text')],
      ['components.schemas.OAuth2ProviderRequest.properties.name.maxLength is not a number', (d) => (request(d).properties.name.maxLength = '255')],
      ['components.schemas.OAuth2ProviderRequest.properties.name is not a schema object', (d) => (request(d).properties.name = 'string')],
      ['components.schemas.ClientTypeEnum.enum holds a value that is not a string, number, boolean or null', (d) => d.components.schemas.ClientTypeEnum.enum.push({ value: 'x' })],
      ['components.schemas.OAuth2ProviderRequest.properties.client_id.default is not a JSON value', (d) => (request(d).properties.client_id.default = undefined)],
      ['components.schemas.OAuth2ProviderRequest.properties.client_id.default has a key named "__proto__"', (d) => (request(d).properties.client_id.default = JSON.parse('{"__proto__": {"polluted": true}}'))],
    ];
    for (const [message, change] of cases) {
      const document = base();
      change(document);
      assert.equal(errorOf(document), `The OAuth2ProviderRequest of authentik 2025.10.4's schema cannot be read: ${message}.`);
    }
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('a request without redirect_uris, or with one of an unknown shape', () => {
    const none = base();
    delete request(none).properties.redirect_uris;
    request(none).required = request(none).required.filter((k: string) => k !== 'redirect_uris');
    assert.equal(errorOf(none), "The OAuth2ProviderRequest of authentik 2025.10.4's schema cannot be used: OAuth2ProviderRequest has no redirect_uris.");
    const odd = base();
    request(odd).properties.redirect_uris = { type: 'array', items: { type: 'string' } };
    assert.equal(errorOf(odd), "The OAuth2ProviderRequest of authentik 2025.10.4's schema cannot be used: redirect_uris is neither a string nor a list of {matching_mode, url}.");
    const notObject = base();
    request(notObject).type = 'array';
    assert.equal(errorOf(notObject), "The OAuth2ProviderRequest of authentik 2025.10.4's schema cannot be read: OAuth2ProviderRequest is not an object with properties.");
  });

  it('holds to its limits', () => {
    const many = base();
    for (let i = 0; i < 250; i++) request(many).properties[`field_${i}`] = { type: 'string' };
    assert.equal(errorOf(many), "The OAuth2ProviderRequest of authentik 2025.10.4's schema cannot be read: components.schemas.OAuth2ProviderRequest.properties has more than 200 properties.");

    const deep = base();
    let node: Record<string, any> = (request(deep).properties.nested = { type: 'object', properties: {} });
    for (let i = 0; i < 30; i++) node = node.properties.inner = { type: 'object', properties: {} };
    assert.match(errorOf(deep), /^The OAuth2ProviderRequest of authentik 2025\.10\.4's schema cannot be read: components\.schemas\.OAuth2ProviderRequest\.properties\.nested(\.properties\.inner)+ nests deeper than 16 levels\.$/);

    // A component used many times, each use expanding again: bounded by the count of converted parts.
    const wide = base();
    const schemas = wide.components.schemas;
    for (let level = 0; level < 5; level++) {
      schemas[`Level${level}`] = { type: 'object', properties: Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`f${i}`, { $ref: `#/components/schemas/Level${level + 1}` }])) };
    }
    schemas.Level5 = { type: 'string' };
    request(wide).properties.tree = { $ref: '#/components/schemas/Level0' };
    assert.equal(errorOf(wide), "The OAuth2ProviderRequest of authentik 2025.10.4's schema cannot be read: the schema has more than 5000 parts.");

    const longText = base();
    request(longText).properties.name.description = 'x'.repeat(5000);
    const profile = serverProfile(longText);
    assert.equal(profile.requestSchema.properties.name.description, `${'x'.repeat(2000)}…`);

    assert.equal(errorOf(base(), { ...DEFAULT_CONVERSION_LIMITS, maxEnumValues: 5 }), "The OAuth2ProviderRequest of authentik 2025.10.4's schema cannot be read: components.schemas.SubModeEnum.enum has more than 5 values.");
  });
});
