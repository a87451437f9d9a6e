import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { bundledProfile, newestProfile, Profile } from '../../common/profiles';
import { parseText } from '../../server/src/service/parsedDocument';
import { PORTABLE_CUSTOM_TAGS, scanTags } from '../../server/src/service/portable';
import { parseAllDocuments } from 'yaml';

const NEWEST = newestProfile();
const LEGACY = bundledProfile('2023.5.0')!;

/** Each finding as `code@start-end "covered text" message`. */
function findings(text: string, profile: Profile = NEWEST): string[] {
  return scanTags(parseText(text, { maxFileSize: 1 << 20 }), profile).findings.map(
    (f) => `${f.code}@${f.start}-${f.end} ${JSON.stringify(text.slice(f.start, f.end))} ${f.message}`,
  );
}

/** Each tag as `kind field path "covered text" argument`. */
function tags(text: string, profile: Profile = NEWEST): string[] {
  return scanTags(parseText(text, { maxFileSize: 1 << 20 }), profile).tags.map((t) => {
    const argument = t.kind === 'ref' ? t.text : t.kind === 'env' ? t.name : `${t.model} ${t.conditions.map((c) => `${c.lookup}=${c.value}`).join(' ')}`;
    return `${t.kind} ${JSON.stringify(t.path)} ${JSON.stringify(text.slice(t.start, t.end))} ${argument}`;
  });
}

describe('portable tags: what the yaml library does with them', () => {
  it('warns "Unresolved tag" for each one unless they are registered, and keeps the tag on the node either way', () => {
    const text = 'a: !ref x\nb: !Find [authentik_flows.flow, [slug, x]]\n';
    const plain = parseAllDocuments(text, { logLevel: 'error', prettyErrors: false });
    assert.ok(Array.isArray(plain));
    assert.deepEqual(plain[0].warnings.map((w) => [w.code, w.message, w.pos]), [
      ['TAG_RESOLVE_FAILED', 'Unresolved tag: !ref', [3, 7]],
      ['TAG_RESOLVE_FAILED', 'Unresolved tag: !Find', [13, 18]],
    ]);
    const registered = parseAllDocuments(text, { logLevel: 'error', prettyErrors: false, customTags: [...PORTABLE_CUSTOM_TAGS] });
    assert.ok(Array.isArray(registered));
    assert.deepEqual(registered[0].warnings, []);
    assert.deepEqual(registered[0].toJS(), { a: 'x', b: ['authentik_flows.flow', ['slug', 'x']] });
  });
});

describe('portable tags: with the tags registered in the parse options', () => {
  it('a tag on the wrong kind of node keeps its tag (the library still warns about it) and the scan reports it', () => {
    const text = 'encryption_key: !Find authentik_crypto.certificatekeypair\nclient_id: !env [A]\nproperty_mappings: [!ref {a: 1}]\nsigning_key: !ref 4\n';
    const documents = parseAllDocuments(text, { logLevel: 'error', prettyErrors: false, customTags: [...PORTABLE_CUSTOM_TAGS] });
    assert.ok(Array.isArray(documents));
    assert.deepEqual(documents[0].warnings.map((w) => w.message), ['Unresolved tag: !Find', 'Unresolved tag: !env', 'Unresolved tag: !ref']);
    const scan = scanTags({ text, documents }, NEWEST);
    assert.deepEqual(scan.findings.map((f) => `${f.code} ${JSON.stringify(text.slice(f.start, f.end))}`), [
      'tag-invalid "!Find authentik_crypto.certificatekeypair"',
      'tag-invalid "!env [A]"',
      'tag-invalid "!ref {a: 1}"',
    ]);
    assert.deepEqual(scan.tags.map((t) => t.kind === 'ref' && t.text), ['4']);
  });
});

describe('portable tags: well-formed ones, with their field path and range', () => {
  it('finds !ref, !env and !Find on single references, list items and any string field', () => {
    const text = [
      'name: Grafana',
      'authorization_flow: !ref default-provider-authorization-explicit-consent',
      'invalidation_flow: !Find [authentik_flows.flow, [slug, default-provider-invalidation-flow]]',
      'property_mappings:',
      '  - !ref goauthentik.io/providers/oauth2/scope-openid',
      '  - !Find [authentik_providers_oauth2.scopemapping, [managed, goauthentik.io/providers/oauth2/scope-email]]',
      'client_secret: !env GRAFANA_CLIENT_SECRET',
      'redirect_uris:',
      '  - matching_mode: strict',
      '    url: !env GRAFANA_CALLBACK',
      'signing_key: !Find [authentik_crypto.certificatekeypair, [name, authentik Self-signed Certificate]]',
      'jwt_federation_providers: [!ref Nextcloud, !Find [authentik_providers_oauth2.oauth2provider, [pk, 4]]]',
      '',
    ].join('\n');
    assert.deepEqual(findings(text), []);
    assert.deepEqual(tags(text), [
      'ref ["authorization_flow"] "!ref default-provider-authorization-explicit-consent" default-provider-authorization-explicit-consent',
      'find ["invalidation_flow"] "!Find [authentik_flows.flow, [slug, default-provider-invalidation-flow]]" authentik_flows.flow slug=default-provider-invalidation-flow',
      'ref ["property_mappings",0] "!ref goauthentik.io/providers/oauth2/scope-openid" goauthentik.io/providers/oauth2/scope-openid',
      'find ["property_mappings",1] "!Find [authentik_providers_oauth2.scopemapping, [managed, goauthentik.io/providers/oauth2/scope-email]]" authentik_providers_oauth2.scopemapping managed=goauthentik.io/providers/oauth2/scope-email',
      'env ["client_secret"] "!env GRAFANA_CLIENT_SECRET" GRAFANA_CLIENT_SECRET',
      'env ["redirect_uris",0,"url"] "!env GRAFANA_CALLBACK" GRAFANA_CALLBACK',
      'find ["signing_key"] "!Find [authentik_crypto.certificatekeypair, [name, authentik Self-signed Certificate]]" authentik_crypto.certificatekeypair name=authentik Self-signed Certificate',
      'ref ["jwt_federation_providers",0] "!ref Nextcloud" Nextcloud',
      'find ["jwt_federation_providers",1] "!Find [authentik_providers_oauth2.oauth2provider, [pk, 4]]" authentik_providers_oauth2.oauth2provider pk=4',
    ]);
  });

  it('reads the property_mappings of authentik\'s own oidc-conformance blueprint as they are written', () => {
    // attrs of the first provider of blueprints/testing/oidc-conformance.yaml (authentik 2026.2.2), client secret left out.
    const text = [
      'authorization_flow: !Find [authentik_flows.flow, [slug, default-provider-authorization-implicit-consent]]',
      'invalidation_flow: !Find [authentik_flows.flow, [slug, default-provider-invalidation-flow]]',
      '# Required as OIDC Conformance test requires issues to be the same across multiple clients',
      'issuer_mode: global',
      'property_mappings:',
      '  - !Find [authentik_providers_oauth2.scopemapping, [managed, goauthentik.io/providers/oauth2/scope-openid]]',
      '  - !Find [authentik_providers_oauth2.scopemapping, [managed, goauthentik.io/providers/oauth2/scope-offline_access]]',
      'signing_key: !Find [authentik_crypto.certificatekeypair, [name, authentik Self-signed Certificate]]',
      '',
    ].join('\n');
    assert.deepEqual(findings(text), []);
    assert.equal(tags(text).length, 5);
  });

  it('keeps the tag\'s range across a comment and an anchor, and finds a tag used through an alias at each place', () => {
    const text = 'signing_key: !ref # the default one\n  authentik Self-signed Certificate\nencryption_key: &pair !ref Example Corp Root CA\nproperty_mappings: [!ref &m email, *m]\n';
    assert.deepEqual(tags(text), [
      'ref ["signing_key"] "!ref # the default one\\n  authentik Self-signed Certificate" authentik Self-signed Certificate',
      'ref ["encryption_key"] "!ref Example Corp Root CA" Example Corp Root CA',
      'ref ["property_mappings",0] "!ref &m email" email',
      'ref ["property_mappings",1] "!ref &m email" email',
    ]);
  });

  it('follows the profile: jwks_sources is a reference field up to 2024.8, an unknown key later', () => {
    const text = 'jwks_sources: [!ref github]\n';
    assert.deepEqual(tags(text, LEGACY), ['ref ["jwks_sources",0] "!ref github" github']);
    assert.deepEqual(findings(text, NEWEST), [
      'tag-misplaced@15-26 "!ref github" `!ref` names an object on the server; jwks_sources is not a field that refers to one.',
    ]);
  });
});

describe('portable tags: malformed and misplaced ones', () => {
  it('an empty !ref is an error on the tag, naming what it needs', () => {
    assert.deepEqual(findings('signing_key: !ref\nauthorization_flow: !ref ""\nproperty_mappings: [!ref  ]\n'), [
      'tag-invalid@13-17 "!ref" `!ref` needs the name of a certificate key pair.',
      'tag-invalid@38-45 "!ref \\"\\"" `!ref` needs the slug of an authorization flow.',
      'tag-invalid@66-70 "!ref" `!ref` needs the name, managed id or scope name of a property mapping.',
    ]);
  });

  it('an !env name that is not a POSIX variable name is a warning on the name, and the tag is still kept', () => {
    const text = 'client_id: !env grafana-id\nclient_secret: !env 1SECRET\nname: !env Ok_Name_2\n';
    assert.deepEqual(findings(text), [
      'env-name-invalid@16-26 "grafana-id" "grafana-id" is not a valid environment variable name: use letters, digits and _, not starting with a digit.',
      'env-name-invalid@47-54 "1SECRET" "1SECRET" is not a valid environment variable name: use letters, digits and _, not starting with a digit.',
    ]);
    assert.deepEqual(tags(text).map((t) => t.split(' ').pop()), ['grafana-id', '1SECRET', 'Ok_Name_2']);
    const severities = scanTags(parseText(text, { maxFileSize: 1 << 20 }), NEWEST).findings.map((f) => f.severity);
    assert.deepEqual(severities, ['warning', 'warning']);
  });

  it('an !env without a name, or on a list, is an error', () => {
    assert.deepEqual(findings('client_secret: !env\nclient_id: !env [A]\n'), [
      'tag-invalid@15-19 "!env" `!env` needs the name of an environment variable: `!env GRAFANA_CLIENT_SECRET`.',
      'tag-invalid@31-39 "!env [A]" `!env` takes the name of an environment variable, not a list or mapping.',
    ]);
  });

  it('!env AUTHENTIK_TOKEN is an error: the API token is never a provider value, and nothing resolves it', () => {
    const text = 'name: x\nclient_secret: !env AUTHENTIK_TOKEN\n';
    assert.deepEqual(findings(text), [
      'tag-invalid@23-43 "!env AUTHENTIK_TOKEN" `!env AUTHENTIK_TOKEN` would send the API token as the provider\'s client_secret: read the value from a variable of its own.',
    ]);
    assert.deepEqual(tags(text), []);
  });

  it('!ref on a field that refers to nothing, on a whole list, or inside a reference is misplaced', () => {
    assert.deepEqual(findings('client_id: !ref grafana\nproperty_mappings: !ref email\nredirect_uris:\n  - url: !ref x\n    matching_mode: strict\n'), [
      'tag-misplaced@11-23 "!ref grafana" `!ref` names an object on the server; client_id is not a field that refers to one.',
      'tag-misplaced@43-53 "!ref email" property_mappings is a list: put `!ref` on each item.',
      'tag-misplaced@78-84 "!ref x" `!ref` names an object on the server; redirect_uris is not a field that refers to one.',
    ]);
  });

  it('!Find with an unknown model, a model of another kind, an unsupported lookup or a wrong form', () => {
    const text = [
      'authorization_flow: !Find [authentik_flows.flowstagebinding, [slug, x]]',
      'signing_key: !Find [authentik_flows.flow, [slug, x]]',
      'invalidation_flow: !Find [authentik_flows.flow, [designation, invalidation]]',
      'authentication_flow: !Find [authentik_flows.flow, [managed, x]]',
      'encryption_key: !Find authentik_crypto.certificatekeypair',
      'property_mappings: [!Find [authentik_core.propertymapping, [name]], !Find [authentik_core.propertymapping]]',
      'jwt_federation_sources: [!Find [authentik_sources_oauth.oauthsource, [slug, !Context x]]]',
      '',
    ].join('\n');
    const models =
      'authentik_flows.flow, authentik_crypto.certificatekeypair, authentik_core.propertymapping, authentik_providers_oauth2.scopemapping, authentik_sources_oauth.oauthsource and authentik_providers_oauth2.oauth2provider';
    const usage = '`!Find` takes a list: `!Find [authentik_flows.flow, [slug, default-provider-invalidation-flow]]`.';
    assert.deepEqual(findings(text), [
      `tag-invalid@27-59 "authentik_flows.flowstagebinding" \`!Find\` supports the models ${models}; "authentik_flows.flowstagebinding" is not one of them.`,
      'tag-invalid@92-112 "authentik_flows.flow" signing_key refers to a certificate key pair: look it up in authentik_crypto.certificatekeypair, not authentik_flows.flow.',
      'tag-invalid@174-185 "designation" `!Find` on authentik_flows.flow supports the lookups slug, name and pk; "designation" is not supported.',
      'tag-invalid@253-260 "managed" `!Find` on authentik_flows.flow supports the lookups slug, name and pk; authentik_flows.flow has no managed.',
      `tag-invalid@282-323 "!Find authentik_crypto.certificatekeypair" ${usage}`,
      'tag-invalid@383-389 "[name]" Each condition of `!Find` is a pair: `[slug, default-provider-invalidation-flow]`.',
      `tag-invalid@392-430 "!Find [authentik_core.propertymapping]" ${usage}`,
      'tag-invalid@501-519 "[slug, !Context x]" Tags inside `!Find` are not resolved here: write the value itself.',
    ]);
    assert.deepEqual(tags(text), []);
  });

  it('any other tag is an error on the tag (its value would be sent as written); YAML\'s own tags are not', () => {
    assert.deepEqual(findings('client_id: !KeyOf grafana\nname: !!str 2024\naccess_code_validity: !<!Format> x\n'), [
      'tag-unsupported@11-17 "!KeyOf" The tag !KeyOf is not resolved: only `!ref`, `!env` and `!Find` are, and the value would be sent as written.',
      'tag-unsupported@65-75 "!<!Format>" The tag !Format is not resolved: only `!ref`, `!env` and `!Find` are, and the value would be sent as written.',
    ]);
  });

  it('a tag on a key is misplaced', () => {
    assert.deepEqual(findings('!env client_id: x\n'), ['tag-misplaced@0-14 "!env client_id" A tag on a key is not resolved: !env belongs on the value.']);
  });
});
