import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CompletionItem, CompletionItemKind, InsertTextFormat, TextEdit } from 'vscode-languageserver-types';
import { ReferenceSource, StaticReferenceSource } from '../../server/src/service/references';
import { defaultReferences } from '../helpers/references';
import { applyEdits, documentWithCursor, FLOW_AUTHN, FLOW_EXPLICIT, FLOW_IMPLICIT, KEY_PAIR, MAPPING_SAML, SCOPE_EMAIL, SCOPE_OPENID, service, SOURCE_JWKS } from '../helpers/service';

interface Options {
  snippets?: boolean;
  /** Default true, as VS Code says. */
  labelDetails?: boolean;
  references?: ReferenceSource | undefined;
}

/** Completion at `$0`, items in the order the editor shows them (by sortText). */
function complete(textWithCursor: string, options: Options = {}) {
  const { document, position } = documentWithCursor(textWithCursor);
  const references = 'references' in options ? options.references : defaultReferences();
  const list = service(references).complete(document, position, { snippetSupport: options.snippets ?? true, labelDetailsSupport: options.labelDetails ?? true });
  const items = [...list.items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label));
  /** The document after accepting the item with this label. */
  const accept = (label: string): string => {
    const item = items.find((i) => i.label === label);
    assert.ok(item, `no item "${label}" among ${items.map((i) => i.label).join(', ')}`);
    return applyEdits(document, [item.textEdit as TextEdit]);
  };
  return { document, items, labels: items.map((i) => i.label), item: (label: string) => items.find((i) => i.label === label), accept };
}

const ALL_KEYS = [
  'name',
  'authorization_flow',
  'authentication_flow',
  'property_mappings',
  'client_type',
  'client_id',
  'client_secret',
  'access_code_validity',
  'access_token_validity',
  'refresh_token_validity',
  'include_claims_in_id_token',
  'signing_key',
  'redirect_uris',
  'sub_mode',
  'issuer_mode',
  'jwks_sources',
];

describe('completion: keys', () => {
  it('on an empty file: every field, the two required ones first', () => {
    const { labels, item } = complete('$0');
    assert.deepEqual(labels, ALL_KEYS);
    assert.equal(item('name')?.detail, 'required string');
    assert.equal(item('authorization_flow')?.detail, 'required UUID');
    assert.equal(item('client_type')?.detail, 'confidential | public');
    assert.equal(item('client_type')?.kind, CompletionItemKind.Property);
  });

  it('keys already present, above or below the cursor, are not offered', () => {
    const { labels } = complete('name: x\n$0\nclient_type: public\n');
    assert.deepEqual(labels, ALL_KEYS.filter((k) => k !== 'name' && k !== 'client_type'));
  });

  it('the key being typed on the cursor’s own line is still offered, replacing what was typed', () => {
    const { labels, accept } = complete('name: x\nclient_type: public\nissuer_m$0\n');
    assert.ok(labels.includes('issuer_mode'));
    assert.ok(!labels.includes('client_type'));
    assert.equal(accept('issuer_mode'), 'name: x\nclient_type: public\nissuer_mode: ${1|global,per_provider|}\n');
  });

  it('completing an existing key that has a value replaces only the key name', () => {
    const typo = complete('name: x\nclient_tpe$0: public\n');
    assert.ok(typo.labels.includes('client_type'));
    assert.equal(typo.accept('client_type'), 'name: x\nclient_type: public\n');
    assert.equal(typo.item('client_type')?.insertTextFormat, InsertTextFormat.PlainText);
    const inside = complete('name: x\nclient_t$0ype: public\n');
    assert.ok(inside.labels.includes('client_type'), 'the key on the cursor’s line is not excluded');
    assert.equal(inside.accept('client_type'), 'name: x\nclient_type: public\n');
  });

  it('with snippet support: choices for enums and booleans, the server default for durations, a list skeleton', () => {
    const { accept, item } = complete('name: x\n$0');
    assert.equal(item('client_type')?.insertTextFormat, InsertTextFormat.Snippet);
    assert.equal(accept('client_type'), 'name: x\nclient_type: ${1|confidential,public|}');
    assert.equal(accept('include_claims_in_id_token'), 'name: x\ninclude_claims_in_id_token: ${1|true,false|}');
    assert.equal(accept('refresh_token_validity'), 'name: x\nrefresh_token_validity: ${1:days=30}');
    assert.equal(accept('property_mappings'), 'name: x\nproperty_mappings:\n  - $1');
    assert.equal(accept('redirect_uris'), 'name: x\nredirect_uris: |\n  ${1:https://app.example.com/callback}');
    assert.equal(accept('client_id'), 'name: x\nclient_id: $1');
  });

  it('without snippet support: plain "key: "', () => {
    const { items, accept } = complete('name: x\n$0', { snippets: false });
    assert.ok(items.every((i) => i.insertTextFormat === InsertTextFormat.PlainText));
    assert.ok(items.every((i) => !(i.textEdit as TextEdit).newText.includes('$')));
    assert.equal(accept('client_type'), 'name: x\nclient_type: ');
    assert.equal(accept('property_mappings'), 'name: x\nproperty_mappings: ');
  });

  it('the documentation explains the field', () => {
    const doc = complete('$0').item('client_type')?.documentation as { value: string };
    assert.match(doc.value, /^optional · string · one of `confidential`, `public` · server default `confidential`\n\nConfidential clients/);
  });

  it('CRLF documents: the key is inserted on the cursor’s line', () => {
    const { document, accept, labels } = complete('name: x\r\n$0\r\nclient_type: public\r\n', { snippets: false });
    assert.ok(!labels.includes('name'));
    assert.equal(accept('issuer_mode'), 'name: x\r\nissuer_mode: \r\nclient_type: public\r\n');
    assert.equal(document.lineCount, 4);
  });
});

describe('completion: values', () => {
  it('client_type: both choices, the server default preselected', () => {
    const { items, accept } = complete('client_type: $0\n');
    assert.deepEqual(items.map((i) => [i.label, i.detail, i.preselect ?? false, i.kind]), [
      ['confidential', 'default', true, CompletionItemKind.EnumMember],
      ['public', 'client_type', false, CompletionItemKind.EnumMember],
    ]);
    assert.equal(accept('public'), 'client_type: public\n');
  });

  it('sub_mode and issuer_mode: every choice, in schema order', () => {
    assert.deepEqual(complete('sub_mode: $0\n').labels, ['hashed_user_id', 'user_id', 'user_uuid', 'user_username', 'user_email', 'user_upn']);
    const issuer = complete('issuer_mode: $0\n');
    assert.deepEqual(issuer.labels, ['global', 'per_provider']);
    assert.equal(issuer.item('per_provider')?.preselect, true);
  });

  it('booleans, the default marked', () => {
    const { items } = complete('include_claims_in_id_token: $0\n');
    assert.deepEqual(items.map((i) => [i.label, i.detail]), [
      ['true', 'default'],
      ['false', 'boolean'],
    ]);
  });

  it('null only where the field is nullable', () => {
    assert.ok(complete('signing_key: $0\n').labels.includes('null'));
    assert.ok(complete('authentication_flow: $0\n').labels.includes('null'));
    for (const key of ['authorization_flow', 'client_type', 'include_claims_in_id_token', 'access_token_validity', 'name']) {
      assert.ok(!complete(`${key}: $0\n`).labels.includes('null'), key);
    }
  });

  it('durations: snippets with the amount as placeholder, the field’s default first', () => {
    const { items, accept } = complete('access_code_validity: $0\n');
    assert.deepEqual(items.map((i) => [i.label, i.detail]), [
      ['minutes=1', 'duration (server default)'],
      ['minutes=5', 'duration'],
      ['hours=1', 'duration'],
      ['days=30', 'duration'],
    ]);
    assert.ok(items.every((i) => i.insertTextFormat === InsertTextFormat.Snippet));
    assert.equal(accept('hours=1'), 'access_code_validity: hours=${1:1}\n');
  });

  it('durations without snippet support insert the plain value', () => {
    const { accept, labels } = complete('access_token_validity: $0\n', { snippets: false });
    assert.deepEqual(labels, ['hours=1', 'minutes=5', 'days=30']);
    assert.equal(accept('days=30'), 'access_token_validity: days=30\n');
  });

  it('"key:" without a space: the value is inserted with a leading space', () => {
    const { accept } = complete('client_type:$0\n');
    assert.equal(accept('public'), 'client_type: public\n');
    assert.equal(complete(`authorization_flow:$0\n`).accept('default-provider-authorization-explicit-consent'), `authorization_flow: ${FLOW_EXPLICIT}\n`);
  });

  it('a partly typed value is replaced, also when the cursor is inside it', () => {
    assert.equal(complete('client_type: pub$0\nname: x\n').accept('public'), 'client_type: public\nname: x\n');
    assert.equal(complete('client_type: pu$0blik\n').accept('public'), 'client_type: public\n');
  });

  it('nothing inside a block scalar or a comment', () => {
    assert.deepEqual(complete('redirect_uris: |\n  https://a\\.b/c\n  $0\n').items, []);
    assert.deepEqual(complete('# $0\nname: x\n').items, []);
    assert.deepEqual(complete('client_type: public # $0\n').items, []);
  });

  it('CRLF documents: the value range stays on its line', () => {
    const { accept } = complete('name: x\r\nclient_type: con$0\r\nsub_mode: user_id\r\n');
    assert.equal(accept('confidential'), 'name: x\r\nclient_type: confidential\r\nsub_mode: user_id\r\n');
  });
});

describe('completion: UUID references', () => {
  it('authorization_flow: only authorization flows, labelled by slug with the name beside it, inserting the UUID', () => {
    const { items, accept } = complete('authorization_flow: $0\n');
    // Both default authorization flows are called "Authorize Application": the slug tells them apart.
    assert.deepEqual(items.map((i) => [i.label, i.labelDetails, i.detail, i.kind]), [
      ['default-provider-authorization-explicit-consent', { description: 'Authorize Application' }, 'authorization flow', CompletionItemKind.Reference],
      ['default-provider-authorization-implicit-consent', { description: 'Authorize Application' }, 'authorization flow', CompletionItemKind.Reference],
      ['!ref', undefined, 'authorization flow by slug', CompletionItemKind.Keyword],
    ]);
    assert.equal(accept('default-provider-authorization-implicit-consent'), `authorization_flow: ${FLOW_IMPLICIT}\n`);
    assert.match((items[0].documentation as { value: string }).value, new RegExp(`UUID \`${FLOW_EXPLICIT}\``));
  });

  it('a client without labelDetails gets the name in the detail', () => {
    const { items } = complete('authorization_flow: $0\n', { labelDetails: false });
    assert.deepEqual(items.map((i) => [i.label, i.labelDetails, i.detail]), [
      ['default-provider-authorization-explicit-consent', undefined, 'Authorize Application · authorization flow'],
      ['default-provider-authorization-implicit-consent', undefined, 'Authorize Application · authorization flow'],
      ['!ref', undefined, 'authorization flow by slug'],
    ]);
  });

  it('the UUID, name and slug can all be typed to filter', () => {
    const item = complete('authorization_flow: $0\n').items[0];
    for (const typed of ['Authorize', 'explicit-consent', FLOW_EXPLICIT.slice(0, 8)]) assert.ok(item.filterText?.includes(typed), typed);
  });

  it('a partly typed UUID is replaced as a whole', () => {
    assert.equal(complete('authorization_flow: 8f3b$0c7e\n').accept('default-provider-authorization-explicit-consent'), `authorization_flow: ${FLOW_EXPLICIT}\n`);
  });

  it('authentication_flow: the authentication flow, and null', () => {
    const { items, accept } = complete('authentication_flow: $0\n');
    assert.deepEqual(items.map((i) => [i.label, i.labelDetails?.description, i.detail]), [
      ['default-authentication-flow', 'Welcome to authentik!', 'authentication flow'],
      ['!ref', undefined, 'authentication flow by slug'],
      ['null', undefined, 'no value'],
    ]);
    assert.equal(accept('default-authentication-flow'), `authentication_flow: ${FLOW_AUTHN}\n`);
  });

  it('signing_key: the key pairs with a private key by name, the start of the UUID beside it', () => {
    // "Example Corp Root CA" holds no private key: as signing_key it would break every token request.
    const { items, accept } = complete('signing_key: $0\n');
    assert.deepEqual(items.map((i) => [i.label, i.labelDetails?.description]), [
      ['authentik Self-signed Certificate', `UUID ${KEY_PAIR.slice(0, 8)}…`],
      ['!ref', undefined],
      ['null', undefined],
    ]);
    assert.equal(accept('authentik Self-signed Certificate'), `signing_key: ${KEY_PAIR}\n`);
  });

  it('property_mappings list items: scope mappings by name with the scope beside it, then the other mappings the server takes', () => {
    const { items, accept } = complete('property_mappings:\n  - $0\n');
    assert.deepEqual(items.map((i) => [i.label, i.labelDetails?.description, i.detail, i.sortText]), [
      ["authentik default OAuth Mapping: OpenID 'openid'", 'scope openid', 'scope mapping', '10000'],
      ["authentik default OAuth Mapping: OpenID 'email'", 'scope email', 'scope mapping', '10001'],
      ['authentik default SAML Mapping: Email', 'SAML Provider Property Mapping', 'SAML Provider Property Mapping: no effect on an OAuth2 provider', '20000'],
      ['!ref', undefined, 'scope mapping by name, managed id or scope name', '3'],
    ]);
    assert.equal(accept("authentik default OAuth Mapping: OpenID 'email'"), `property_mappings:\n  - ${SCOPE_EMAIL}\n`);
    assert.equal(accept('authentik default SAML Mapping: Email'), `property_mappings:\n  - ${MAPPING_SAML}\n`);
  });

  it('a later list item, and a dash without a space', () => {
    const later = complete(`property_mappings:\n  - ${SCOPE_OPENID}\n  - $0\n`);
    assert.equal(later.accept("authentik default OAuth Mapping: OpenID 'email'"), `property_mappings:\n  - ${SCOPE_OPENID}\n  - ${SCOPE_EMAIL}\n`);
    const tight = complete('property_mappings:\n  -$0\n');
    assert.equal(tight.accept("authentik default OAuth Mapping: OpenID 'openid'"), `property_mappings:\n  - ${SCOPE_OPENID}\n`);
  });

  it('jwks_sources list items: by slug, the name beside it', () => {
    const { items, accept } = complete('jwks_sources:\n  - $0\n');
    assert.deepEqual(items.map((i) => [i.label, i.labelDetails?.description]), [['github-actions', 'GitHub Actions'], ['!ref', undefined]]);
    assert.equal(accept('github-actions'), `jwks_sources:\n  - ${SOURCE_JWKS}\n`);
  });

  it('without a references source: no UUID items, no crash, and !ref (resolved when deploying)', () => {
    assert.deepEqual(complete('authorization_flow: $0\n', { references: undefined }).labels, ['!ref']);
    assert.deepEqual(complete('property_mappings:\n  - $0\n', { references: undefined }).labels, ['!ref']);
    assert.deepEqual(complete('authentication_flow: $0\n', { references: undefined }).labels, ['!ref', 'null']);
  });

  it('a stale list says the items are cached', () => {
    const references = new StaticReferenceSource({ flow: { objects: defaultReferences().list('flow')!.objects, stale: true } });
    const { items } = complete('authorization_flow: $0\n', { references });
    assert.deepEqual(items.map((i: CompletionItem) => i.detail), [
      'authorization flow (cached: the server cannot be asked now)',
      'authorization flow (cached: the server cannot be asked now)',
      'authorization flow by slug',
    ]);
  });
});
