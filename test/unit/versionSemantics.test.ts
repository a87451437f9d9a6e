import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CompletionItem, Range, TextEdit } from 'vscode-languageserver-types';
import { StaticReferenceSource } from '../../server/src/service/references';
import { isServerHttpUrl } from '../../server/src/service/urlFields';
import { applyEdits, documentWithCursor, FLOW_AUTHN, FLOW_EXPLICIT, KEY_PAIR, service, summarize } from '../helpers/service';
import { SettingsBuilder } from '../helpers/settings';

const FLOW_INVALIDATION = '8f3b0c7e-6a44-4b1e-9a5e-1f2d3c4b5a63';
const FLOW_LOGOUT_OTHER = '8f3b0c7e-6a44-4b1e-9a5e-1f2d3c4b5a64';
const CERT_ONLY = '5d7a3a7e-0c1b-4a43-8a3c-2b9a1e0f4c11';

/** A 2026 server's objects: two invalidation flows, a key pair with and one without a private key, two OAuth2 providers. */
function references(): StaticReferenceSource {
  return new StaticReferenceSource({
    flow: [
      { pk: FLOW_EXPLICIT, name: 'Authorize Application', slug: 'default-provider-authorization-explicit-consent', designation: 'authorization' },
      { pk: FLOW_AUTHN, name: 'Welcome to authentik!', slug: 'default-authentication-flow', designation: 'authentication' },
      { pk: FLOW_INVALIDATION, name: 'Logged out of application', slug: 'default-provider-invalidation-flow', designation: 'invalidation' },
      { pk: FLOW_LOGOUT_OTHER, name: 'Sign out everywhere', slug: 'sign-out-everywhere', designation: 'invalidation' },
    ],
    certificateKeyPair: [
      { pk: KEY_PAIR, name: 'authentik Self-signed Certificate', privateKeyAvailable: true },
      { pk: CERT_ONLY, name: 'Partner certificate', privateKeyAvailable: false },
    ],
    oauth2Provider: [
      { pk: '3', name: 'Grafana' },
      { pk: '12', name: 'CI tokens' },
    ],
  });
}

/** The newest release unless a version is given; every rule on. */
const settingsFor = (version = 'auto') => new SettingsBuilder().withAllRules().withServerVersion(version).build();

/** A valid 2026.5 provider; line 4 onwards is up to each test. */
const HEAD = `name: App
authorization_flow: ${FLOW_EXPLICIT}
invalidation_flow: ${FLOW_INVALIDATION}
redirect_uris: [{matching_mode: strict, url: "https://app.example.com/cb"}]
`;

function diagnostics(text: string, version = 'auto', source: StaticReferenceSource | null = references()) {
  const { document } = documentWithCursor(text);
  const found = service(source ?? undefined, settingsFor(version)).validate(document);
  return { found, brief: summarize(document, found), messages: found.map((d) => d.message) };
}

function complete(textWithCursor: string, version = 'auto', source: StaticReferenceSource | null = references()) {
  const { document, position } = documentWithCursor(textWithCursor);
  const list = service(source ?? undefined, settingsFor(version)).complete(document, position, { snippetSupport: true, labelDetailsSupport: true });
  const items: CompletionItem[] = [...list.items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label));
  const accept = (label: string) => applyEdits(document, [items.find((i) => i.label === label)!.textEdit as TextEdit]);
  return { items, labels: items.map((i) => i.label), accept };
}

function fixes(text: string, version = 'auto', source: StaticReferenceSource | null = references()) {
  const { document } = documentWithCursor(text);
  const whole: Range = { start: { line: 0, character: 0 }, end: document.positionAt(text.length) };
  return service(source ?? undefined, settingsFor(version))
    .codeActions(document, whole)
    .map((a) => ({ title: a.title, code: a.diagnostics?.[0].code, result: applyEdits(document, a.edit!.changes![document.uri]) }));
}

function hoverText(textWithCursor: string, version = 'auto', source: StaticReferenceSource | null = references()): string | undefined {
  const { document, position } = documentWithCursor(textWithCursor);
  const hover = service(source ?? undefined, settingsFor(version)).hover(document, position);
  return hover ? (hover.contents as { value: string }).value : undefined;
}

describe('invalidation_flow', () => {
  const WITHOUT = `name: App\nauthorization_flow: ${FLOW_EXPLICIT}\nredirect_uris: []\n`;

  it('is required from 2024.10.0, not before', () => {
    const missing = 'missing-required@0:0-0:9 "name: App"';
    assert.deepEqual(diagnostics(WITHOUT, '2024.10.0').brief.filter((d) => d.startsWith('missing-required')), [missing]);
    assert.deepEqual(diagnostics(WITHOUT, '2026.5').brief.filter((d) => d.startsWith('missing-required')), [missing]);
    assert.equal(diagnostics(WITHOUT, '2026.5').messages[0], 'Missing required key "invalidation_flow": Flow used ending the session from a provider.');
    assert.deepEqual(diagnostics(`name: App\nauthorization_flow: ${FLOW_EXPLICIT}\nredirect_uris: ""\n`, '2024.8.4').brief.filter((d) => d.startsWith('missing-required')), []);
  });

  it('is added with the server\'s default invalidation flow when the server is known', () => {
    assert.deepEqual(fixes(WITHOUT).filter((f) => f.code === 'missing-required'), [
      {
        title: 'Add missing required key invalidation_flow: Logged out of application (default-provider-invalidation-flow)',
        code: 'missing-required',
        result: `${WITHOUT}invalidation_flow: ${FLOW_INVALIDATION}\n`,
      },
      // A missing invalidation_flow is also a shape of another release: the whole file can be converted.
      {
        title: 'Convert to authentik 2026.5 format',
        code: 'missing-required',
        result: `# authentik-version: 2026.5\nname: App\nauthorization_flow: ${FLOW_EXPLICIT}\ninvalidation_flow: ${FLOW_INVALIDATION}\nredirect_uris: []\n`,
      },
    ]);
  });

  it('offline, is added empty: an error until it is filled in', () => {
    const [fix] = fixes(WITHOUT, 'auto', null).filter((f) => f.code === 'missing-required');
    assert.deepEqual(fix, { title: 'Add missing required key invalidation_flow', code: 'missing-required', result: `${WITHOUT}invalidation_flow: \n` });
    const after = diagnostics(fix.result, 'auto', null);
    assert.deepEqual(after.brief.filter((d) => d.startsWith('not-nullable')), ['not-nullable@3:0-3:17 "invalidation_flow"']);
    assert.equal(after.found.find((d) => d.code === 'not-nullable')?.message, '"invalidation_flow" may not be null: give it a value (the field is required).');
  });

  it('is completed from flows of designation invalidation only, by slug, inserting the UUID', () => {
    const { labels, accept } = complete(`name: App\ninvalidation_flow: $0\n`);
    assert.deepEqual(labels, ['default-provider-invalidation-flow', 'sign-out-everywhere', '!ref']);
    assert.equal(accept('sign-out-everywhere'), `name: App\ninvalidation_flow: ${FLOW_LOGOUT_OTHER}\n`);
  });

  it('a flow of another designation there is a warning', () => {
    const text = HEAD.replace(`invalidation_flow: ${FLOW_INVALIDATION}`, `invalidation_flow: ${FLOW_AUTHN}`);
    assert.deepEqual(diagnostics(text).brief, [`reference-wrong-kind@2:19-2:55 "${FLOW_AUTHN}"`]);
    assert.equal(diagnostics(text).messages[0], '"Welcome to authentik! (default-authentication-flow)" is an authentication flow; invalidation_flow expects an invalidation flow.');
  });

  it('on 2024.8.4 it is a field of a later release, with a fix that removes it', () => {
    const text = `name: App\nauthorization_flow: ${FLOW_EXPLICIT}\nredirect_uris: ""\ninvalidation_flow: ${FLOW_INVALIDATION}\n`;
    const found = diagnostics(text, '2024.8.4');
    assert.deepEqual(found.brief, ['redirect-uris-empty@2:15-2:17 "\\"\\""', 'field-not-in-version@3:0-3:17 "invalidation_flow"']);
    assert.equal(found.messages[1], '"invalidation_flow" is not a field of authentik 2024.8.4; it exists from 2024.10.0. The server ignores it.');
    assert.deepEqual(fixes(text, '2024.8.4').filter((f) => f.code === 'field-not-in-version').map((f) => f.title), ['Remove "invalidation_flow"', 'Convert to authentik 2024.8.4 format']);
  });
});

describe('renamed and removed fields', () => {
  it('jwks_sources on 2024.12 and later: a warning naming jwt_federation_sources, with a rename fix', () => {
    const text = `${HEAD}jwks_sources: []\n`;
    for (const version of ['2024.12.0', '2025.8.6', '2026.5']) {
      const found = diagnostics(text, version);
      assert.deepEqual(found.brief, ['field-renamed@4:0-4:12 "jwks_sources"'], version);
    }
    assert.equal(diagnostics(text).messages[0], '"jwks_sources" is not a field of authentik 2026.5.0: it was renamed jwt_federation_sources in 2024.12.0, and the server ignores the old name.');
    assert.deepEqual(fixes(text).map((f) => [f.title, f.result]), [
      ['Rename to "jwt_federation_sources"', `${HEAD}jwt_federation_sources: []\n`],
      ['Remove "jwks_sources"', HEAD],
      ['Convert to authentik 2026.5 format', `# authentik-version: 2026.5\n${HEAD}jwt_federation_sources: []\n`],
    ]);
  });

  it('jwks_sources is a field up to 2024.10, and jwt_federation_sources there is named as its later name', () => {
    const old = `name: App\nauthorization_flow: ${FLOW_EXPLICIT}\ninvalidation_flow: ${FLOW_INVALIDATION}\nredirect_uris: [{matching_mode: strict, url: "https://a.example.com"}]\n`;
    assert.deepEqual(diagnostics(`${old}jwks_sources: []\n`, '2024.10.5').brief, []);
    const found = diagnostics(`${old}jwt_federation_sources: []\n`, '2024.10.5');
    assert.deepEqual(found.brief, ['field-not-in-version@4:0-4:22 "jwt_federation_sources"']);
    assert.equal(found.messages[0], '"jwt_federation_sources" is not a field of authentik 2024.10.5; it exists from 2024.12.0; before, it was jwks_sources. The server ignores it.');
    assert.deepEqual(fixes(`${old}jwt_federation_sources: []\n`, '2024.10.5')[0].result, `${old}jwks_sources: []\n`);
  });

  it('backchannel_logout_uri exists only on 2025.8', () => {
    const text = `${HEAD}backchannel_logout_uri: https://app.example.com/bcl\n`;
    assert.deepEqual(diagnostics(text, '2025.8.3').brief, []);
    const newer = diagnostics(text, '2025.10.0');
    assert.deepEqual(newer.brief, ['field-not-in-version@4:0-4:22 "backchannel_logout_uri"']);
    assert.equal(newer.messages[0], '"backchannel_logout_uri" is not a field of authentik 2025.10.0; it exists only from 2025.8.0 to 2025.8.6; from 2025.10.0 it is logout_uri with logout_method: backchannel. The server ignores it.');
    assert.equal(diagnostics(text, '2025.6').messages[0], '"backchannel_logout_uri" is not a field of authentik 2025.6.4; it exists only from 2025.8.0 to 2025.8.6; from 2025.10.0 it is logout_uri with logout_method: backchannel. The server ignores it.');
  });

  it('a key no release has is still an unknown key, with a did-you-mean among the release\'s fields', () => {
    const found = diagnostics(`${HEAD}grant_type: [implicit]\n`);
    assert.deepEqual(found.brief, ['unknown-key@4:0-4:10 "grant_type"']);
    assert.equal(found.messages[0], 'Unknown key "grant_type": the server silently ignores it. Did you mean "grant_types"?');
  });

  it('the hover on such a key says the same', () => {
    assert.equal(hoverText(`${HEAD}jwk$0s_sources: []\n`), '**jwks_sources**\n\n"jwks_sources" is not a field of authentik 2026.5.0: it was renamed jwt_federation_sources in 2024.12.0, and the server ignores the old name.');
    assert.equal(hoverText(`name: x\ngrant_$0types: []\n`, '2024.8.4'), '**grant_types**\n\n"grant_types" is not a field of authentik 2024.8.4; it exists from 2026.5.0. The server ignores it.');
  });
});

describe('jwt_federation_providers: integer pks of OAuth2 providers', () => {
  it('is completed by provider name, inserting the integer pk', () => {
    const { items, accept } = complete(`${HEAD}jwt_federation_providers:\n  - $0\n`);
    assert.deepEqual(items.map((i) => [i.label, i.labelDetails?.description]), [['Grafana', 'pk 3'], ['CI tokens', 'pk 12'], ['!ref', undefined]]);
    assert.equal(accept('CI tokens'), `${HEAD}jwt_federation_providers:\n  - 12\n`);
  });

  it('a UUID or a quoted number there is a type error on the item', () => {
    const found = diagnostics(`${HEAD}jwt_federation_providers: [3, "12"]\n`);
    assert.deepEqual(found.brief, ['wrong-type@4:30-4:34 "\\"12\\""']);
    assert.equal(found.messages[0], '"jwt_federation_providers[1]" must be an integer, not a string.');
  });

  it('a pk the server does not have is a warning on that item, the others fixed to by name', () => {
    const found = diagnostics(`${HEAD}jwt_federation_providers:\n  - 3\n  - 7\n`);
    assert.deepEqual(found.brief, ['reference-not-found@6:4-6:5 "7"']);
    assert.equal(found.messages[0], 'No OAuth2 provider with pk 7 exists on the server.');
    assert.deepEqual(fixes(`${HEAD}jwt_federation_providers:\n  - 3\n  - 7\n`).map((f) => f.title), ['Use Grafana', 'Use CI tokens']);
  });

  it('hover and inlay hints name the provider', () => {
    assert.match(hoverText(`${HEAD}jwt_federation_providers:\n  - 1$02\n`)!, /^\*\*CI tokens\*\* · OAuth2 provider\n\n---\n\n\*\*jwt_federation_providers\*\* · optional · list of integer pks/);
    const { document } = documentWithCursor(`${HEAD}jwt_federation_providers: [12]\n`);
    const hints = service(references(), new SettingsBuilder().withInlayHints().withServerVersion('auto').build()).inlayHints(document, { start: { line: 0, character: 0 }, end: { line: 9, character: 0 } });
    assert.deepEqual(hints.filter((h) => h.position.line === 4).map((h) => [h.position, h.label]), [[{ line: 4, character: 29 }, ' CI tokens']]);
  });

  it('is not a field before 2024.12.0', () => {
    const old = `name: App\nauthorization_flow: ${FLOW_EXPLICIT}\ninvalidation_flow: ${FLOW_INVALIDATION}\nredirect_uris: [{matching_mode: strict, url: "https://app.example.com/cb"}]\njwt_federation_providers: [3]\n`;
    assert.deepEqual(diagnostics(old, '2024.10.4').brief, ['field-not-in-version@4:0-4:24 "jwt_federation_providers"']);
  });
});

describe('key pairs: signing_key needs a private key, encryption_key does not', () => {
  it('completion offers only pairs with a private key for signing_key, every pair for encryption_key', () => {
    assert.deepEqual(complete(`${HEAD}signing_key: $0\n`).labels.filter((l) => l !== 'null'), ['authentik Self-signed Certificate', '!ref']);
    assert.deepEqual(complete(`${HEAD}encryption_key: $0\n`).labels.filter((l) => l !== 'null'), ['authentik Self-signed Certificate', 'Partner certificate', '!ref']);
  });

  it('a certificate without a key is an error as signing_key and fine as encryption_key', () => {
    const found = diagnostics(`${HEAD}signing_key: ${CERT_ONLY}\nencryption_key: ${CERT_ONLY}\n`);
    assert.deepEqual(found.brief, [`reference-without-private-key@4:13-4:49 "${CERT_ONLY}"`]);
    assert.equal(found.messages[0], '"Partner certificate" has no private key: the server accepts it as signing_key, but then fails every token request and its OpenID configuration (Invalid private key type). Choose a key pair with a private key, or remove signing_key to sign with the client secret (HS256).');
    const unknown = diagnostics(`${HEAD}encryption_key: 11111111-2222-4333-8444-555555555555\n`);
    assert.deepEqual(unknown.messages, ['No certificate key pair with UUID 11111111-2222-4333-8444-555555555555 exists on the server.']);
  });
});

describe('new fields', () => {
  it('logout_uri: an http(s) URL or blank, as the server\'s validator says', () => {
    const found = diagnostics(`${HEAD}logout_uri: ftp://app.example.com/logout\n`);
    assert.deepEqual(found.brief, ['invalid-url@4:12-4:40 "ftp://app.example.com/logout"']);
    assert.equal(found.messages[0], '"logout_uri" must be an http(s) URL such as https://app.example.com/logout, or blank: the server answers "Enter a valid URL.".');
    for (const fine of ['""', 'https://app.example.com/logout', 'http://localhost:8080/bye', 'https://intranet/logout?x=1', '" https://trimmed.example.com "', 'http://10.0.0.1/out', 'http://[::1]:3000/']) {
      assert.deepEqual(diagnostics(`${HEAD}logout_uri: ${fine}\n`).brief, [], fine);
    }
    for (const bad of ['app.example.com/logout', 'https://', 'https://-bad.example.com/', 'javascript:alert(1)', 'https://exa mple.com/']) {
      assert.equal(isServerHttpUrl(bad), false, bad);
    }
  });

  it('logout_uri and logout_method exist from 2025.10.0; backchannel_logout_uri on 2025.8 is checked as a URL too', () => {
    assert.deepEqual(diagnostics(`${HEAD}logout_uri: https://a.example.com/\n`, '2025.8.0').brief, ['field-not-in-version@4:0-4:10 "logout_uri"']);
    assert.deepEqual(diagnostics(`${HEAD}backchannel_logout_uri: not a url\n`, '2025.8.0').brief, ['invalid-url@4:24-4:33 "not a url"']);
  });

  it('logout_method: one of backchannel and frontchannel, completed with the default preselected', () => {
    const found = diagnostics(`${HEAD}logout_method: front\n`);
    assert.deepEqual(found.brief, ['invalid-enum@4:15-4:20 "front"']);
    assert.equal(found.messages[0], '"front" is not a valid choice for "logout_method". Did you mean "frontchannel"? Valid choices: backchannel, frontchannel.');
    const { items } = complete(`${HEAD}logout_method: $0\n`);
    assert.deepEqual(items.map((i) => [i.label, i.preselect]), [['backchannel', true], ['frontchannel', undefined]]);
  });

  it('refresh_token_threshold: a duration, with the same parser; its default seconds=0 is no warning', () => {
    const found = diagnostics(`${HEAD}refresh_token_threshold: hours=1;minuts=5\n`);
    assert.deepEqual(found.brief, ['duration-ignored-part@4:33-4:41 "minuts=5"']);
    assert.deepEqual(diagnostics(`${HEAD}refresh_token_threshold: hour=1\n`).brief, ['duration-invalid@4:25-4:31 "hour=1"']);
    assert.deepEqual(diagnostics(`${HEAD}refresh_token_threshold: seconds=0\n`).brief, []);
    assert.deepEqual(diagnostics(`${HEAD}refresh_token_validity: seconds=0\n`).brief, ['duration-negative@4:24-4:33 "seconds=0"']);
    assert.match(hoverText(`${HEAD}refresh_token_threshold: days=$01\n`)!, /^`days=1` = \*\*1 day\*\*/);
  });

  it('grant_types: a list of choices, each item checked and completed from the choices not yet listed', () => {
    const found = diagnostics(`${HEAD}grant_types: [authorization_code, refresh-token]\n`);
    assert.deepEqual(found.brief, ['invalid-enum@4:34-4:47 "refresh-token"']);
    assert.equal(found.messages[0], '"refresh-token" is not a valid choice for "grant_types[1]". Did you mean "refresh_token"? Valid choices: authorization_code, implicit, hybrid, refresh_token, client_credentials, password, urn:ietf:params:oauth:grant-type:device_code.');
    const { labels, accept } = complete(`${HEAD}grant_types:\n  - authorization_code\n  - $0\n`);
    assert.deepEqual(labels, ['implicit', 'hybrid', 'refresh_token', 'client_credentials', 'password', 'urn:ietf:params:oauth:grant-type:device_code']);
    assert.equal(accept('refresh_token'), `${HEAD}grant_types:\n  - authorization_code\n  - refresh_token\n`);
    const key = complete(`${HEAD}grant$0\n`).items.find((i) => i.label === 'grant_types');
    assert.equal((key?.textEdit as TextEdit).newText, 'grant_types:\n  - ${1|authorization_code,implicit,hybrid,refresh_token,client_credentials,password,urn:ietf:params:oauth:grant-type:device_code|}');
  });
});
