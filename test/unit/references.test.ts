import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticSeverity, DiagnosticTag } from 'vscode-languageserver-types';
import { StaticReferenceSource } from '../../server/src/service/references';
import { defaultReferences } from '../helpers/references';
import { applyEdits, diagnose, documentWithCursor, FLOW_AUTHN, FLOW_EXPLICIT, FLOW_IMPLICIT, KEY_PAIR, KEY_PAIR_NO_KEY, MAPPING_SAML, SCOPE_EMAIL, SCOPE_OPENID, service, summarize, VALID } from '../helpers/service';
import { noRules, rulesOn, SettingsBuilder } from '../helpers/settings';

/** The rule under test, and nothing else. */
const SETTINGS = rulesOn('references');

const UNKNOWN = '11111111-2222-4333-8444-555555555555';
const EXPLICIT_LABEL = 'Authorize Application (default-provider-authorization-explicit-consent)';
const IMPLICIT_LABEL = 'Authorize Application (default-provider-authorization-implicit-consent)';

/** VALID with its authorization_flow set to `uuid`. */
const withAuthorizationFlow = (uuid: string) => VALID.replace(`authorization_flow: ${FLOW_EXPLICIT}`, `authorization_flow: ${uuid}`);

describe('references: a UUID the server does not know', () => {
  it('is a warning on the UUID naming what was expected', () => {
    const { document, diagnostics } = diagnose(withAuthorizationFlow(UNKNOWN), { references: defaultReferences(), settings: SETTINGS });
    assert.deepEqual(summarize(document, diagnostics), [`reference-not-found@1:20-1:56 "${UNKNOWN}"`]);
    assert.equal(diagnostics[0].severity, DiagnosticSeverity.Warning);
    assert.equal(diagnostics[0].message, `No authorization flow with UUID ${UNKNOWN} exists on the server.`);
  });

  it('offers the valid choices as quick fixes; applying one writes its UUID', () => {
    const references = defaultReferences();
    const { document, diagnostics } = diagnose(withAuthorizationFlow(UNKNOWN), { references, settings: SETTINGS });
    const actions = service(references, SETTINGS).codeActions(document, diagnostics[0].range);
    // Only authorization flows: the authentication flow is not offered.
    assert.deepEqual(actions.map((a) => a.title), [`Use ${EXPLICIT_LABEL}`, `Use ${IMPLICIT_LABEL}`]);
    assert.deepEqual(actions.map((a) => a.isPreferred), [false, false]);
    assert.equal(applyEdits(document, actions[1].edit!.changes![document.uri]), withAuthorizationFlow(FLOW_IMPLICIT));
    assert.equal(applyEdits(document, actions[0].edit!.changes![document.uri]), VALID);
  });

  it('a single valid choice is the preferred fix', () => {
    const references = defaultReferences();
    const { document, diagnostics } = diagnose(VALID + `signing_key: ${UNKNOWN}\n`, { references, settings: SETTINGS });
    assert.deepEqual(summarize(document, diagnostics), [`reference-not-found@9:13-9:49 "${UNKNOWN}"`]);
    assert.equal(diagnostics[0].message, `No certificate key pair with UUID ${UNKNOWN} exists on the server.`);
    const actions = service(references, SETTINGS).codeActions(document, diagnostics[0].range);
    assert.deepEqual(actions.map((a) => [a.title, a.isPreferred]), [['Use authentik Self-signed Certificate', true]]);
    assert.equal(applyEdits(document, actions[0].edit!.changes![document.uri]), VALID + `signing_key: ${KEY_PAIR}\n`);
  });

  it('UUIDs are compared in the form the server reads them: upper case, no dashes, braces, urn:uuid:', () => {
    for (const written of [FLOW_EXPLICIT.toUpperCase(), FLOW_EXPLICIT.replace(/-/g, ''), `"{${FLOW_EXPLICIT}}"`, `urn:uuid:${FLOW_EXPLICIT}`]) {
      const { diagnostics } = diagnose(withAuthorizationFlow(written), { references: defaultReferences(), settings: SETTINGS });
      // Only the schema's note on the form; the flow is found.
      assert.deepEqual(diagnostics.map((d) => d.code), ['uuid-not-canonical'], written);
    }
  });

  it('an unknown UUID in another form is not found, named as written', () => {
    const written = UNKNOWN.replace(/1/g, 'a').replace(/-/g, '').toUpperCase();
    const { document, diagnostics } = diagnose(withAuthorizationFlow(written), { references: defaultReferences(), settings: SETTINGS });
    assert.deepEqual(summarize(document, diagnostics), [`uuid-not-canonical@1:20-1:52 "${written}"`, `reference-not-found@1:20-1:52 "${written}"`]);
    assert.equal(diagnostics[1].message, `No authorization flow with UUID ${written} exists on the server.`);
  });

  it('a list says when it comes from a stale cache', () => {
    const references = new StaticReferenceSource({ flow: { objects: defaultReferences().list('flow')!.objects, stale: true } });
    const { diagnostics } = diagnose(withAuthorizationFlow(UNKNOWN), { references, settings: SETTINGS });
    assert.equal(diagnostics[0].message, `No authorization flow with UUID ${UNKNOWN} exists on the server (as last seen; the server is unreachable).`);
  });
});

describe('references: a flow of the wrong designation', () => {
  it('an authentication flow as authorization_flow', () => {
    const references = defaultReferences();
    const { document, diagnostics } = diagnose(withAuthorizationFlow(FLOW_AUTHN), { references, settings: SETTINGS });
    assert.deepEqual(summarize(document, diagnostics), [`reference-wrong-kind@1:20-1:56 "${FLOW_AUTHN}"`]);
    assert.equal(
      diagnostics[0].message,
      '"Welcome to authentik! (default-authentication-flow)" is an authentication flow; authorization_flow expects an authorization flow.',
    );
    const actions = service(references, SETTINGS).codeActions(document, diagnostics[0].range);
    assert.deepEqual(actions.map((a) => a.title), [`Use ${EXPLICIT_LABEL}`, `Use ${IMPLICIT_LABEL}`]);
  });

  it('an authorization flow as authentication_flow, with the one fitting flow as preferred fix', () => {
    const references = defaultReferences();
    const { document, diagnostics } = diagnose(VALID + `authentication_flow: ${FLOW_IMPLICIT}\n`, { references, settings: SETTINGS });
    assert.deepEqual(summarize(document, diagnostics), [`reference-wrong-kind@9:21-9:57 "${FLOW_IMPLICIT}"`]);
    const actions = service(references, SETTINGS).codeActions(document, diagnostics[0].range);
    assert.deepEqual(actions.map((a) => [a.title, a.isPreferred]), [['Use Welcome to authentik! (default-authentication-flow)', true]]);
    assert.equal(applyEdits(document, actions[0].edit!.changes![document.uri]), VALID + `authentication_flow: ${FLOW_AUTHN}\n`);
  });
});

describe('references: list items', () => {
  it('each property_mappings item is checked on its own', () => {
    const text = VALID.replace(`  - ${SCOPE_EMAIL}`, `  - ${UNKNOWN}\n  - ${SCOPE_EMAIL}`);
    const references = defaultReferences();
    const { document, diagnostics } = diagnose(text, { references, settings: SETTINGS });
    assert.deepEqual(summarize(document, diagnostics), [`reference-not-found@7:4-7:40 "${UNKNOWN}"`]);
    // The server looks property_mappings up among property mappings of every kind.
    assert.equal(diagnostics[0].message, `No property mapping with UUID ${UNKNOWN} exists on the server.`);
    const actions = service(references, SETTINGS).codeActions(document, diagnostics[0].range);
    assert.deepEqual(actions.map((a) => a.title), [
      "Use authentik default OAuth Mapping: OpenID 'openid' (openid)",
      "Use authentik default OAuth Mapping: OpenID 'email' (email)",
    ]);
    assert.equal(applyEdits(document, actions[0].edit!.changes![document.uri]), text.replace(UNKNOWN, SCOPE_OPENID));
  });

  it('a flow-style jwks_sources list', () => {
    const { document, diagnostics } = diagnose(VALID + `jwks_sources: [${UNKNOWN}]\n`, { references: defaultReferences(), settings: SETTINGS });
    assert.deepEqual(summarize(document, diagnostics), [`reference-not-found@9:15-9:51 "${UNKNOWN}"`]);
    assert.equal(diagnostics[0].message, `No OAuth source with JWKS with UUID ${UNKNOWN} exists on the server.`);
  });

  it('a malformed UUID is a schema error only, not also an unknown reference', () => {
    const { diagnostics } = diagnose(VALID.replace(`  - ${SCOPE_EMAIL}`, '  - not-a-uuid'), { references: defaultReferences(), settings: SETTINGS });
    assert.deepEqual(diagnostics.map((d) => d.code), ['invalid-uuid']);
  });
});

describe('references: nothing to compare against', () => {
  it('without a source nothing is reported', () => {
    const text = withAuthorizationFlow(UNKNOWN) + `authentication_flow: ${FLOW_EXPLICIT}\njwks_sources: [${UNKNOWN}]\n`;
    assert.deepEqual(diagnose(text, { references: undefined, settings: SETTINGS }).diagnostics, []);
  });

  it('only kinds the source lists are checked; an empty list offers no fixes', () => {
    const references = new StaticReferenceSource({ certificateKeyPair: [] });
    const { document, diagnostics } = diagnose(withAuthorizationFlow(UNKNOWN) + `signing_key: ${UNKNOWN}\n`, { references, settings: SETTINGS });
    assert.deepEqual(summarize(document, diagnostics), [`reference-not-found@9:13-9:49 "${UNKNOWN}"`]);
    // With no key pairs at all there is nothing to offer.
    assert.deepEqual(service(references, SETTINGS).codeActions(document, diagnostics[0].range), []);
  });

  it('rules.references: false switches the check off', () => {
    const settings = noRules();
    const text = withAuthorizationFlow(FLOW_AUTHN) + `signing_key: ${UNKNOWN}\n`;
    assert.deepEqual(diagnose(text, { references: defaultReferences(), settings }).diagnostics, []);
    assert.equal(diagnose(text, { references: defaultReferences(), settings: SETTINGS }).diagnostics.length, 2);
  });
});

describe('references: a signing key pair without a private key', () => {
  const text = VALID + `signing_key: ${KEY_PAIR_NO_KEY}\n`;

  it('is an error saying what the server then does, not "not found"', () => {
    const { document, diagnostics } = diagnose(text, { references: defaultReferences(), settings: SETTINGS });
    assert.deepEqual(summarize(document, diagnostics), [`reference-without-private-key@9:13-9:49 "${KEY_PAIR_NO_KEY}"`]);
    assert.equal(diagnostics[0].severity, DiagnosticSeverity.Error);
    assert.equal(
      diagnostics[0].message,
      '"Example Corp Root CA" has no private key: the server accepts it as signing_key, but then fails every token request and its OpenID configuration (Invalid private key type). Choose a key pair with a private key, or remove signing_key to sign with the client secret (HS256).',
    );
  });

  it('offers the key pairs that have a private key', () => {
    const references = defaultReferences();
    const { document, diagnostics } = diagnose(text, { references, settings: SETTINGS });
    const actions = service(references, SETTINGS).codeActions(document, diagnostics[0].range);
    assert.deepEqual(actions.map((a) => [a.title, a.isPreferred]), [['Use authentik Self-signed Certificate', true]]);
    assert.equal(applyEdits(document, actions[0].edit!.changes![document.uri]), VALID + `signing_key: ${KEY_PAIR}\n`);
  });

  it('a pair whose key state the source does not know is taken as it is', () => {
    const references = new StaticReferenceSource({ certificateKeyPair: [{ pk: KEY_PAIR_NO_KEY, name: 'Example Corp Root CA' }] });
    assert.deepEqual(diagnose(text, { references, settings: SETTINGS }).diagnostics, []);
  });

  it('hover says so', () => {
    const { document } = documentWithCursor(text);
    const hover = service(defaultReferences(), SETTINGS).hover(document, { line: 9, character: 20 });
    assert.match((hover!.contents as { value: string }).value, /^\*\*Example Corp Root CA\*\* · certificate key pair \(no private key\)/);
  });
});

describe('references: property mappings of another kind', () => {
  const text = VALID.replace(`  - ${SCOPE_EMAIL}`, `  - ${MAPPING_SAML}`);

  it('exist on the server, so they are not "not found": a warning that they have no effect, faded', () => {
    const { document, diagnostics } = diagnose(text, { references: defaultReferences(), settings: SETTINGS });
    assert.deepEqual(summarize(document, diagnostics), [`reference-wrong-kind@7:4-7:40 "${MAPPING_SAML}"`]);
    assert.equal(diagnostics[0].severity, DiagnosticSeverity.Warning);
    assert.deepEqual(diagnostics[0].tags, [DiagnosticTag.Unnecessary]);
    assert.equal(
      diagnostics[0].message,
      '"authentik default SAML Mapping: Email" is a SAML Provider Property Mapping, not a scope mapping: the server accepts it, but an OAuth2 provider only uses scope mappings, so it has no effect.',
    );
    const actions = service(defaultReferences(), SETTINGS).codeActions(document, diagnostics[0].range);
    assert.deepEqual(actions.map((a) => a.title), [
      "Use authentik default OAuth Mapping: OpenID 'openid' (openid)",
      "Use authentik default OAuth Mapping: OpenID 'email' (email)",
    ]);
  });

  it('without the list of every mapping, an unknown scope mapping is not found as before', () => {
    const references = new StaticReferenceSource({ scopeMapping: defaultReferences().list('scopeMapping')!.objects });
    const { diagnostics } = diagnose(text, { references, settings: SETTINGS });
    assert.deepEqual(diagnostics.map((d) => [d.code, d.message]), [['reference-not-found', `No property mapping with UUID ${MAPPING_SAML} exists on the server.`]]);
  });

  it('hover and inlay hints name it with its kind', () => {
    const { document } = documentWithCursor(text);
    const hover = service(defaultReferences(), SETTINGS).hover(document, { line: 7, character: 10 });
    assert.match((hover!.contents as { value: string }).value, /^\*\*authentik default SAML Mapping: Email\*\* · SAML Provider Property Mapping \(no effect here: not a scope mapping\)/);
    const withHints = new SettingsBuilder().withRules('references').withInlayHints().build();
    const hints = service(defaultReferences(), withHints).inlayHints(document, { start: { line: 7, character: 0 }, end: { line: 8, character: 0 } });
    assert.deepEqual(hints.map((h) => [h.label, h.tooltip]), [[' authentik default SAML Mapping: Email', { kind: 'markdown', value: '**authentik default SAML Mapping: Email** · SAML Provider Property Mapping' }]]);
  });
});
