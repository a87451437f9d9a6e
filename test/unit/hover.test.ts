import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MarkupKind } from 'vscode-languageserver-types';
import { ReferenceSource } from '../../server/src/service/references';
import { defaultReferences } from '../helpers/references';
import { documentWithCursor, FLOW_AUTHN, FLOW_EXPLICIT, SCOPE_EMAIL, service } from '../helpers/service';

/** The hover at `$0`: its markdown and the text its range covers, or undefined for no hover. */
function hoverAt(textWithCursor: string, options: { references?: ReferenceSource } = {}) {
  const { document, position } = documentWithCursor(textWithCursor);
  const references = 'references' in options ? options.references : defaultReferences();
  const result = service(references).hover(document, position);
  if (!result) return undefined;
  const contents = result.contents as { kind: string; value: string };
  assert.equal(contents.kind, MarkupKind.Markdown);
  return { markdown: contents.value, covered: document.getText(result.range!) };
}

/** `text` with `$0` inserted `at` characters into `needle`. */
const cursorIn = (text: string, needle: string, at = 1) => text.replace(needle, needle.slice(0, at) + '$0' + needle.slice(at));

describe('hover: keys', () => {
  it('a required key: description and "required"', () => {
    const hover = hoverAt('na$0me: Grafana\n');
    assert.deepEqual(hover, {
      covered: 'name',
      markdown: "**name** · **required** · string · non-empty\n\nThe provider's name, unique across all providers on the server.",
    });
  });

  it('an enum key: type, allowed values and server default', () => {
    const hover = hoverAt('client_type$0: public\n');
    assert.equal(hover?.covered, 'client_type');
    assert.equal(
      hover?.markdown,
      '**client_type** · optional · string · one of `confidential`, `public` · server default `confidential`\n\n' +
        'Confidential clients are capable of maintaining the confidentiality of their credentials, such as the client secret (an application running on a server). ' +
        'Public clients are incapable of it (an application in a browser or on a device): they use no client secret.',
    );
  });

  it('a boolean key with its default', () => {
    assert.match(hoverAt('$0include_claims_in_id_token: false\n')?.markdown ?? '', /^\*\*include_claims_in_id_token\*\* · optional · boolean · server default `true`\n\nInclude User claims/);
  });

  it('a duration key names the units', () => {
    const markdown = hoverAt('refresh_token_validity$0: days=30\n')?.markdown ?? '';
    assert.match(markdown, /^\*\*refresh_token_validity\*\* · optional · duration string · non-empty · server default `days=30`/);
    assert.match(markdown, /Units: `microseconds`, `milliseconds`, `seconds`, `minutes`, `hours`, `days`, `weeks`, joined by `;` without spaces\.$/);
  });

  it('a reference key says what it refers to', () => {
    const markdown = hoverAt('property_mapp$0ings:\n  - x\n')?.markdown ?? '';
    assert.match(markdown, /^\*\*property_mappings\*\* · optional · list of UUIDs\n\n/);
    assert.match(markdown, /Refers to: scope mappings on the server, by UUID\.$/);
    assert.match(hoverAt('signing_key$0: null\n')?.markdown ?? '', /^\*\*signing_key\*\* · optional · UUID or `null`/);
  });

  it('an unknown key is explained as ignored', () => {
    assert.deepEqual(hoverAt('redirect_ur$0i: https://a\\.b/c\n'), {
      covered: 'redirect_uri',
      markdown: '**redirect_uri**\n\nNot a field of an OAuth2 provider: the server ignores it.',
    });
  });

  it('a read-only response key is explained as ignored in a request', () => {
    assert.deepEqual(hoverAt('name: x\nverbose_$0name: OAuth2/OpenID Provider\n'), {
      covered: 'verbose_name',
      markdown: '**verbose_name**\n\nRead-only response field: the server ignores it in a request.',
    });
  });
});

describe('hover: UUID values', () => {
  it('names the flow a UUID refers to, above the field’s documentation', () => {
    const hover = hoverAt(cursorIn(`authorization_flow: ${FLOW_EXPLICIT}\n`, FLOW_EXPLICIT, 10));
    assert.equal(hover?.covered, FLOW_EXPLICIT);
    assert.ok(
      hover?.markdown.startsWith(
        '**Authorize Application (default-provider-authorization-explicit-consent)** · authorization flow\n\n---\n\n**authorization_flow** · **required** · UUID',
      ),
      hover?.markdown,
    );
  });

  it('a flow of another designation shows its own designation', () => {
    const hover = hoverAt(cursorIn(`authorization_flow: ${FLOW_AUTHN}\n`, FLOW_AUTHN));
    assert.ok(hover?.markdown.startsWith('**Welcome to authentik! (default-authentication-flow)** · authorization flow (designation: authentication)'), hover?.markdown);
  });

  it('names a list item', () => {
    const hover = hoverAt(cursorIn(`property_mappings:\n  - ${SCOPE_EMAIL}\n`, SCOPE_EMAIL, 30));
    assert.equal(hover?.covered, SCOPE_EMAIL);
    assert.ok(hover?.markdown.startsWith("**authentik default OAuth Mapping: OpenID 'email' (email)** · scope mapping\n\n---"), hover?.markdown);
  });

  it('an unknown UUID says the server has no such object', () => {
    const unknown = '11111111-2222-4333-8444-555555555555';
    const hover = hoverAt(cursorIn(`signing_key: ${unknown}\n`, unknown));
    assert.ok(hover?.markdown.startsWith('No certificate key pair with this UUID on the server.\n\n---\n\n**signing_key**'), hover?.markdown);
  });

  it('without a references source only the field is documented', () => {
    const hover = hoverAt(cursorIn(`authorization_flow: ${FLOW_EXPLICIT}\n`, FLOW_EXPLICIT), { references: undefined });
    assert.ok(hover?.markdown.startsWith('**authorization_flow** · **required** · UUID'), hover?.markdown);
    assert.doesNotMatch(hover?.markdown ?? '', /Authorize Application|No authorization flow/);
  });
});

describe('hover: nothing to say', () => {
  it('nothing on a blank line, after a value or in a comment', () => {
    assert.equal(hoverAt('name: x\n$0\nclient_type: public\n'), undefined);
    assert.equal(hoverAt('name: x\n\n   $0\nclient_type: public\n'), undefined);
    assert.equal(hoverAt('name: x     $0\n'), undefined);
    assert.equal(hoverAt('# a comm$0ent\nname: x\n'), undefined);
  });

  it('nothing in a document that is not a mapping', () => {
    assert.equal(hoverAt('- na$0me: x\n'), undefined);
  });
});
