import { describe, it, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { LiveReferenceSource } from '../../server/src/authentik/liveReferences';
import { parseText } from '../../server/src/service/parsedDocument';
import { validate } from '../../server/src/service/validation';
import { ReferencesStatusNotification } from '../../common/protocol';
import { LspClient } from '../helpers/lspClient';
import { rulesOn } from '../helpers/settings';
import { LEGACY } from '../helpers/profiles';
import { apiFor, providerYaml, SEED_IDS, TOKEN, useTestServer } from './harness';

const server = useTestServer();

/** The findings of the references rule for `text`, with the lists fetched from the test server. */
async function referenceFindings(text: string) {
  const references = new LiveReferenceSource(apiFor(server().url), { ttlMs: 60_000 });
  assert.equal((await references.refresh()).ok, true);
  return validate(parseText(text, { maxFileSize: 1 << 20 }), { rules: rulesOn('references').rules, maxFileSize: 1 << 20, references, profile: LEGACY });
}

const CERTIFICATE_ONLY = SEED_IDS.keyPairs.certificateOnly;
const SAML_EMAIL = SEED_IDS.propertyMappings.samlEmail;

describe('references the server accepts but that do not work', () => {
  beforeEach(() => server().reset());

  it('the server takes a key pair without a private key as signing_key and a SAML mapping as a property mapping', async () => {
    // What the rule relies on: the API stores both (201), so "not found" would be wrong.
    const body = {
      name: 'Accepted',
      authorization_flow: SEED_IDS.flows.explicitConsent,
      signing_key: CERTIFICATE_ONLY,
      property_mappings: [SEED_IDS.scopeMappings.openid, SAML_EMAIL],
    };
    const created = await apiFor(server().url).request<Record<string, unknown>>('POST', '/api/v3/providers/oauth2/', { body });
    assert.equal(created.ok && created.status, 201);
    assert.ok(created.ok);
    assert.equal(created.body.signing_key, CERTIFICATE_ONLY);
    assert.deepEqual(created.body.property_mappings, [SEED_IDS.scopeMappings.openid, SAML_EMAIL]);
  });

  it('signing_key without a private key: an error naming the pair, with the pair that has one as fix', async () => {
    const text = providerYaml('Grafana').replace(`signing_key: ${SEED_IDS.keyPairs.selfSigned}`, `signing_key: ${CERTIFICATE_ONLY}`);
    const findings = await referenceFindings(text);
    assert.deepEqual(findings.map((f) => [f.code, f.severity, text.slice(f.start, f.end)]), [['reference-without-private-key', 'error', CERTIFICATE_ONLY]]);
    assert.match(findings[0].message, /^"Example Corp Root CA" has no private key: the server accepts it as signing_key, but then fails every token request/);
    assert.deepEqual(findings[0].data?.choices, [{ pk: SEED_IDS.keyPairs.selfSigned, label: 'authentik Self-signed Certificate' }]);
  });

  it('a SAML property mapping in property_mappings: found, and said to have no effect', async () => {
    const text = providerYaml('Grafana').replace(`  - ${SEED_IDS.scopeMappings.email}`, `  - ${SAML_EMAIL}`);
    const findings = await referenceFindings(text);
    assert.deepEqual(findings.map((f) => [f.code, f.severity, f.unnecessary, text.slice(f.start, f.end)]), [['reference-wrong-kind', 'warning', true, SAML_EMAIL]]);
    assert.equal(
      findings[0].message,
      '"authentik default SAML Mapping: Email" is a SAML Provider Property Mapping, not a scope mapping: the server accepts it, but an OAuth2 provider only uses scope mappings, so it has no effect.',
    );
  });

  it('a mapping the server does not have is not found among property mappings of every kind', async () => {
    const missing = '00000000-0000-4000-8000-00000000beef';
    const findings = await referenceFindings(providerYaml('Grafana').replace(`  - ${SEED_IDS.scopeMappings.email}`, `  - ${missing}`));
    assert.deepEqual(findings.map((f) => [f.code, f.message]), [['reference-not-found', `No property mapping with UUID ${missing} exists on the server.`]]);
  });

  it('a UUID in another form is compared as the server reads it', async () => {
    const written = `"{${SEED_IDS.keyPairs.selfSigned.replace(/-/g, '').toUpperCase()}}"`;
    const findings = await referenceFindings(providerYaml('Grafana').replace(`signing_key: ${SEED_IDS.keyPairs.selfSigned}`, `signing_key: ${written}`));
    assert.deepEqual(findings.map((f) => f.code), ['uuid-not-canonical']);
  });
});

describe('completion from the test server through the stdio server', () => {
  it('signing_key offers the pairs with a private key; property_mappings the scope mappings first, then the others', { timeout: 30_000 }, async () => {
    const { client } = await LspClient.start({
      env: { AUTHENTIK_URL: server().url, AUTHENTIK_TOKEN: TOKEN },
      capabilities: { textDocument: { completion: { completionItem: { labelDetailsSupport: true } } } },
    });
    try {
      const loaded = new Promise<{ state: string }>((resolve) => client.connection.onNotification(ReferencesStatusNotification, resolve));
      const uri = 'file:///work/kinds.oauth2provider.yaml';
      await client.open(uri, 'name: Kinds\nsigning_key: \nproperty_mappings:\n  - \n');
      assert.equal((await loaded).state, 'ok');
      type Items = { items: { label: string; detail?: string; sortText?: string; textEdit: { newText: string } }[] };
      const at = (line: number, character: number) => client.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line, character } }) as Promise<Items>;
      const keys = await at(1, 13);
      assert.deepEqual(keys.items.map((i) => [i.label, i.textEdit.newText]), [
        ['authentik Self-signed Certificate', SEED_IDS.keyPairs.selfSigned],
        ['!ref', '!ref '],
        ['null', 'null'],
      ]);
      const mappings = (await at(3, 4)).items.sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? ''));
      assert.deepEqual(mappings.map((i) => [i.label, i.detail]), [
        ["authentik default OAuth Mapping: OpenID 'email'", 'scope mapping'],
        ["authentik default OAuth Mapping: OpenID 'offline_access'", 'scope mapping'],
        ["authentik default OAuth Mapping: OpenID 'openid'", 'scope mapping'],
        ["authentik default OAuth Mapping: OpenID 'profile'", 'scope mapping'],
        ['authentik default SAML Mapping: Email', 'SAML Provider Property Mapping: no effect on an OAuth2 provider'],
        ['!ref', 'scope mapping by name, managed id or scope name'],
      ]);
      assert.equal(mappings[4].textEdit.newText, SAML_EMAIL);
    } finally {
      await client.dispose();
    }
  });
});
