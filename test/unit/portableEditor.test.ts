import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CodeAction, CodeActionKind, CompletionItem, MarkupContent, Range, TextEdit } from 'vscode-languageserver-types';
import { checkMoveSecretArguments, MOVE_SECRET_COMMAND, MoveSecretArguments } from '../../common/moveSecret';
import { closestRefTexts, candidatesText, MAX_NAMED_CANDIDATES } from '../../server/src/service/portable';
import { StaticReferenceSource } from '../../server/src/service/references';
import { defaultReferences } from '../helpers/references';
import { applyEdits, documentWithCursor, FLOW_AUTHN, FLOW_EXPLICIT, KEY_PAIR, KEY_PAIR_NO_KEY, SCOPE_EMAIL, service, summarize } from '../helpers/service';
import { rulesOn, SettingsBuilder } from '../helpers/settings';
import { newestProfile } from '../../common/profiles';

const NAME_AND_FLOW = 'name: Grafana (prod)\n';
/** A source that lists nothing: as offline. */
const OFFLINE = new StaticReferenceSource({});

/** Diagnostics of a document, as `code@range "text" message`. */
function diagnostics(text: string, references = defaultReferences(), settings = rulesOn('references', 'clientSecret')) {
  const { document } = documentWithCursor(text);
  const found = service(references, settings).validate(document);
  // The documents here leave out required keys that are not what a test is about.
  return summarize(document, found).map((line, i) => `${line} ${found[i].message}`).filter((line) => !line.startsWith('missing-required'));
}

function complete(textWithCursor: string, references: StaticReferenceSource | undefined = defaultReferences(), snippets = false) {
  const { document, position } = documentWithCursor(textWithCursor);
  const list = service(references).complete(document, position, { snippetSupport: snippets, labelDetailsSupport: true });
  const items = [...list.items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label));
  const accept = (item: CompletionItem | undefined) => {
    assert.ok(item, 'no such item');
    return applyEdits(document, [item.textEdit as TextEdit]);
  };
  return { items, labels: items.map((i) => i.label), accept };
}

function hoverAt(textWithCursor: string, references: StaticReferenceSource | undefined = defaultReferences()) {
  const { document, position } = documentWithCursor(textWithCursor);
  const hover = service(references).hover(document, position);
  assert.ok(hover, 'expected a hover');
  return { markdown: (hover.contents as MarkupContent).value, text: document.getText(hover.range!) };
}

/** The code actions with the cursor at `$0`, each with the document after its edit. */
function actionsAt(textWithCursor: string, references: StaticReferenceSource | undefined = defaultReferences(), settings = rulesOn('references', 'clientSecret')) {
  const { document, position } = documentWithCursor(textWithCursor);
  const range: Range = { start: position, end: position };
  return service(references, settings)
    .codeActions(document, range)
    .map((action: CodeAction) => ({
      title: action.title,
      kind: action.kind,
      result: action.edit ? applyEdits(document, action.edit.changes![document.uri]) : undefined,
      command: action.command,
    }));
}

describe('!ref in the editor: findings', () => {
  it('an unknown slug is an error on the tag that names the flows the field may take, closest first', () => {
    assert.deepEqual(diagnostics(`${NAME_AND_FLOW}authorization_flow: !ref default-provider-authorization-implicit\n`), [
      'reference-unresolved@1:20-1:64 "!ref default-provider-authorization-implicit" No authorization flow on the server has the slug "default-provider-authorization-implicit". ' +
        `The server's authorization flows: "default-provider-authorization-implicit-consent" and "default-provider-authorization-explicit-consent".`,
    ]);
  });

  it('with many objects: the closest five, and how many there are', () => {
    const flows = Array.from({ length: 12 }, (_, i) => ({ pk: `8f3b0c7e-6a44-4b1e-9a5e-1f2d3c4b5b${String(i).padStart(2, '0')}`, name: `App ${i}`, slug: `app-${i}-authorization`, designation: 'authorization' }));
    const references = new StaticReferenceSource({ flow: flows });
    const [message] = diagnostics(`${NAME_AND_FLOW}authorization_flow: !ref app-1-authorizaton\n`, references);
    assert.match(message, /No authorization flow on the server has the slug "app-1-authorizaton"\. Closest of the server's 12 authorization flows: "app-1-authorization", /);
    assert.equal(message.match(/"app-\d+-authorization"/g)?.length, MAX_NAMED_CANDIDATES);
  });

  it('the fix writes a named candidate as !ref', () => {
    const actions = actionsAt(`${NAME_AND_FLOW}authorization_flow: !ref default-provider-authorization-ex$0\n`);
    const fix = actions.find((a) => a.title === 'Use !ref default-provider-authorization-explicit-consent');
    assert.equal(fix?.kind, CodeActionKind.QuickFix);
    assert.equal(fix?.result, `${NAME_AND_FLOW}authorization_flow: !ref default-provider-authorization-explicit-consent\n`);
  });

  it('a !ref to a flow of another designation is said as for its UUID, with fixes in the !ref form', () => {
    const text = `${NAME_AND_FLOW}authorization_flow: !ref default-authentication-flow\n`;
    assert.deepEqual(diagnostics(text), [
      'reference-wrong-kind@1:20-1:52 "!ref default-authentication-flow" "Welcome to authentik! (default-authentication-flow)" is an authentication flow; authorization_flow expects an authorization flow.',
    ]);
    const titles = actionsAt(text.replace('!ref default', '!ref def$0ault')).map((a) => a.title);
    assert.deepEqual(titles, ['Use !ref default-provider-authorization-explicit-consent', 'Use !ref default-provider-authorization-implicit-consent']);
  });

  it('a !ref or !Find to a key pair without private key as signing_key is the UUID rule\'s error', () => {
    const found = diagnostics(`# authentik-version: 2026.5\n${NAME_AND_FLOW}signing_key: !ref Example Corp Root CA\nencryption_key: !Find [authentik_crypto.certificatekeypair, [name, Example Corp Root CA]]\n`);
    assert.equal(found.length, 1);
    assert.match(found[0], /^reference-without-private-key@2:13-2:38 "!ref Example Corp Root CA" "Example Corp Root CA" has no private key: the server accepts it as signing_key/);
  });

  it('with the references rule off, the resolved object is not checked; what does not resolve still is', () => {
    const text = `${NAME_AND_FLOW}authorization_flow: !ref default-authentication-flow\nsigning_key: !ref nope\n`;
    assert.deepEqual(diagnostics(text, defaultReferences(), rulesOn()).map((d) => d.split('@')[0]), ['reference-unresolved']);
  });

  it('offline an unknown !ref is information: it is resolved when deploying', () => {
    assert.deepEqual(diagnostics(`${NAME_AND_FLOW}authorization_flow: !ref anything\n`, OFFLINE), [
      `reference-deferred@1:20-1:33 "!ref anything" Resolved when deploying: the server's flows are not known now.`,
    ]);
  });

  it('!env on a list or an entry is an error with the server\'s message; on a boolean, a string or an item it is accepted', () => {
    const text = '# authentik-version: 2026.5\nname: x\nauthorization_flow: !env FLOW\ninvalidation_flow: !env FLOW\nredirect_uris: [!env URI]\nproperty_mappings: !env MAPPINGS\ngrant_types: [!env GRANT]\ninclude_claims_in_id_token: !env CLAIMS\n';
    assert.deepEqual(diagnostics(text), [
      'env-wrong-type@4:16-4:24 "!env URI" `!env` gives one string, and redirect_uris[0] is an entry with fields of its own: the server rejects a string there (Invalid data. Expected a dictionary, but got str.).',
      'env-wrong-type@5:19-5:32 "!env MAPPINGS" `!env` gives one string, and property_mappings is a list: the server rejects a string there (Expected a list of items but got type "str"). Put `!env` on an item instead.',
    ]);
  });

  it('client_secret: !env X is not a literal secret kept in the file; a literal one still is', () => {
    assert.deepEqual(diagnostics(`${NAME_AND_FLOW}client_secret: !env GRAFANA_CLIENT_SECRET\n`), []);
    assert.deepEqual(diagnostics(`${NAME_AND_FLOW}client_secret: s3cr3t\n`).map((d) => d.split(' ')[0]), ['secret-in-file@1:15-1:21']);
  });
});

describe('!ref in the editor: candidates', () => {
  const reference = newestProfile().references.authorization_flow;
  const objects = ['alpha', 'beta', 'gamma'].map((slug, i) => ({ pk: `p${i}`, name: slug, slug }));

  it('a prefix first, then a part, then by edit distance', () => {
    assert.deepEqual(closestRefTexts(reference, 'gam', objects, { flow: objects }).texts.slice(0, 1), ['gamma']);
    assert.deepEqual(closestRefTexts(reference, 'eta', objects, { flow: objects }).texts, ['beta', 'alpha', 'gamma']);
    assert.deepEqual(closestRefTexts(reference, 'alpah', objects, { flow: objects }).texts.slice(0, 1), ['alpha']);
  });

  it('a server without any says so', () => {
    assert.equal(candidatesText(reference, closestRefTexts(reference, 'x', [], { flow: [] })), "The server has no authorization flows.");
    assert.equal(candidatesText(reference, closestRefTexts(reference, 'x', objects.slice(0, 1), { flow: objects })), 'The server\'s only authorization flow: "alpha".');
  });
});

describe('!ref in the editor: completion', () => {
  it('after `!ref `: the slugs of the authorization flows, the name beside each, inserting the slug', () => {
    const { items, accept } = complete(`${NAME_AND_FLOW}authorization_flow: !ref $0\n`);
    assert.deepEqual(items.map((i) => [i.label, i.labelDetails?.description, i.detail]), [
      ['default-provider-authorization-explicit-consent', 'Authorize Application', 'authorization flow'],
      ['default-provider-authorization-implicit-consent', 'Authorize Application', 'authorization flow'],
    ]);
    assert.equal(accept(items[1]), `${NAME_AND_FLOW}authorization_flow: !ref default-provider-authorization-implicit-consent\n`);
  });

  it('a partly typed slug is replaced as a whole, up to a comment', () => {
    const { items, accept } = complete(`${NAME_AND_FLOW}authentication_flow: !ref default-auth$0entic # the default\n`);
    assert.deepEqual(items.map((i) => i.label), ['default-authentication-flow']);
    assert.equal(accept(items[0]), `${NAME_AND_FLOW}authentication_flow: !ref default-authentication-flow # the default\n`);
  });

  it('signing_key: key pairs with a private key by name, a name with spaces typed in part', () => {
    const { items, accept } = complete(`${NAME_AND_FLOW}signing_key: !ref authentik Self$0\n`);
    assert.deepEqual(items.map((i) => [i.label, i.labelDetails?.description]), [['authentik Self-signed Certificate', `UUID ${KEY_PAIR.slice(0, 8)}…`]]);
    assert.equal(accept(items[0]), `${NAME_AND_FLOW}signing_key: !ref authentik Self-signed Certificate\n`);
  });

  it('property_mappings items: by name, quoted where YAML needs it, the scope name can be typed to filter', () => {
    const { items, accept } = complete(`${NAME_AND_FLOW}property_mappings:\n  - !ref $0\n`);
    const email = items.find((i) => i.labelDetails?.description === 'scope email');
    assert.ok(email?.filterText?.split(' ').includes('email'), email?.filterText);
    assert.equal(accept(email), `${NAME_AND_FLOW}property_mappings:\n  - !ref "authentik default OAuth Mapping: OpenID 'email'"\n`);
  });

  it('a name two objects share is not offered: it would not resolve', () => {
    const references = new StaticReferenceSource({ certificateKeyPair: [
      { pk: KEY_PAIR, name: 'twin', privateKeyAvailable: true },
      { pk: KEY_PAIR_NO_KEY, name: 'twin', privateKeyAvailable: true },
      { pk: SCOPE_EMAIL, name: 'single', privateKeyAvailable: true },
    ] });
    assert.deepEqual(complete(`${NAME_AND_FLOW}signing_key: !ref $0\n`, references).labels, ['single']);
  });

  it('nothing after `!ref ` on a field that refers to nothing, nor without a server', () => {
    assert.deepEqual(complete(`${NAME_AND_FLOW}client_id: !ref $0\n`).items, []);
    assert.deepEqual(complete(`${NAME_AND_FLOW}authorization_flow: !ref $0\n`, OFFLINE).items, []);
  });

  it('in `!Find [authentik_flows.flow, [slug, |]]`: the slugs of the authorization flows, up to the bracket', () => {
    const { items, accept } = complete(`${NAME_AND_FLOW}authorization_flow: !Find [authentik_flows.flow, [slug, default-provider-authorization-ex$0pl]]\n`);
    assert.deepEqual(items.map((i) => [i.label, i.labelDetails?.description]), [
      ['default-provider-authorization-explicit-consent', 'Authorize Application'],
      ['default-provider-authorization-implicit-consent', 'Authorize Application'],
    ]);
    assert.equal(accept(items[0]), `${NAME_AND_FLOW}authorization_flow: !Find [authentik_flows.flow, [slug, default-provider-authorization-explicit-consent]]\n`);
  });

  it('in a !Find list item by name: quoted where a flow sequence needs it; a name two flows share, or a model of another kind, gives nothing', () => {
    const references = new StaticReferenceSource({ scopeMapping: [{ pk: SCOPE_EMAIL, name: 'email, with a comma', scopeName: 'email' }] });
    const mapping = complete(`${NAME_AND_FLOW}property_mappings:\n  - !Find [authentik_providers_oauth2.scopemapping, [name, $0]]\n`, references);
    assert.equal(mapping.accept(mapping.items[0]), `${NAME_AND_FLOW}property_mappings:\n  - !Find [authentik_providers_oauth2.scopemapping, [name, "email, with a comma"]]\n`);
    assert.deepEqual(complete(`${NAME_AND_FLOW}authorization_flow: !Find [authentik_flows.flow, [name, $0]]\n`).labels, []);
    assert.deepEqual(complete(`${NAME_AND_FLOW}authorization_flow: !Find [authentik_crypto.certificatekeypair, [name, $0]]\n`).labels, []);
  });

  it('!ref is offered beside the UUIDs and asks for the next list; !env beside client_secret, with the name derived from the provider', () => {
    const flow = complete(`${NAME_AND_FLOW}authorization_flow: $0\n`).items.find((i) => i.label === '!ref');
    assert.equal((flow?.textEdit as TextEdit).newText, '!ref ');
    assert.equal(flow?.command?.command, 'editor.action.triggerSuggest');
    const secret = complete(`${NAME_AND_FLOW}client_secret: $0\n`);
    assert.deepEqual(secret.labels, ['!env']);
    assert.equal(secret.accept(secret.items[0]), `${NAME_AND_FLOW}client_secret: !env GRAFANA_PROD_CLIENT_SECRET\n`);
    const id = complete(`${NAME_AND_FLOW}client_id: $0\n`, OFFLINE, true);
    assert.equal((id.items[0].textEdit as TextEdit).newText, '!env ${1:GRAFANA_PROD_CLIENT_ID}');
    assert.deepEqual(complete(`${NAME_AND_FLOW}name: $0\n`).labels, []);
  });
});

describe('!ref in the editor: hover and inlay hints', () => {
  it('a !ref that resolves: the object, its slug and UUID on the connected server', () => {
    const { markdown, text } = hoverAt(`${NAME_AND_FLOW}authorization_flow: !ref default-provider-authorization-ex$0plicit-consent\n`);
    assert.equal(text, '!ref default-provider-authorization-explicit-consent');
    assert.ok(
      markdown.startsWith(
        `**Authorize Application** · authorization flow\n\nslug \`default-provider-authorization-explicit-consent\` · UUID \`${FLOW_EXPLICIT}\` on the connected server (matched by slug). Each server resolves it when deploying.\n\n---\n\n**authorization_flow**`,
      ),
      markdown,
    );
  });

  it('a !ref to a flow of another designation says so', () => {
    assert.match(hoverAt(`${NAME_AND_FLOW}authorization_flow: !ref default-authentication$0-flow\n`).markdown, /^\*\*Welcome to authentik!\*\* · authorization flow \(designation: authentication\)/);
  });

  it('not found: the closest candidates; offline: resolved when deploying', () => {
    const missing = hoverAt(`${NAME_AND_FLOW}authentication_flow: !ref default-auth$0\n`).markdown;
    assert.ok(missing.startsWith('**Not found on the connected server** · authentication flow\n\nNo authentication flow on the server has the slug "default-auth"\\.\n\nOn the server: `default-authentication-flow`'), missing);
    const offline = hoverAt(`${NAME_AND_FLOW}authentication_flow: !ref default-auth$0\n`, OFFLINE).markdown;
    assert.ok(offline.startsWith("**Resolved when deploying** · authentication flow\n\nThe server's flows are not known now"), offline);
  });

  it('ambiguous: every match, names escaped', () => {
    const references = new StaticReferenceSource({ certificateKeyPair: [
      { pk: KEY_PAIR, name: '*twin*', privateKeyAvailable: true },
      { pk: KEY_PAIR_NO_KEY, name: '*twin*', privateKeyAvailable: true },
    ] });
    const { markdown } = hoverAt(`${NAME_AND_FLOW}signing_key: !ref "*tw$0in*"\n`, references);
    assert.ok(markdown.startsWith(`**Matches 2 certificate key pairs** · a deploy stops here\n\n\\*twin\\* \`${KEY_PAIR}\` · \\*twin\\* \`${KEY_PAIR_NO_KEY}\``), markdown);
  });

  it('ambiguous: a fix per match writes its UUID', () => {
    const references = new StaticReferenceSource({ certificateKeyPair: [
      { pk: KEY_PAIR, name: 'twin', privateKeyAvailable: true },
      { pk: KEY_PAIR_NO_KEY, name: 'twin', privateKeyAvailable: true },
    ] });
    const actions = actionsAt(`${NAME_AND_FLOW}signing_key: !ref tw$0in\n`, references);
    assert.deepEqual(actions.map((a) => [a.title, a.result]), [
      [`Use twin (${KEY_PAIR})`, `${NAME_AND_FLOW}signing_key: ${KEY_PAIR}\n`],
      [`Use twin (${KEY_PAIR_NO_KEY})`, `${NAME_AND_FLOW}signing_key: ${KEY_PAIR_NO_KEY}\n`],
    ]);
  });

  it('a hostile name from the server stays text', () => {
    const references = new StaticReferenceSource({ flow: [{ pk: FLOW_AUTHN, name: '[click](javascript:alert(1)) <img>', slug: 'evil', designation: 'authentication' }] });
    const { markdown } = hoverAt(`${NAME_AND_FLOW}authentication_flow: !ref ev$0il\n`, references);
    assert.ok(markdown.startsWith('**\\[click\\](javascript\\:alert(1)) \\<img\\>** · authentication flow'), markdown);
  });

  it('!env: read from the environment when deploying, never shown; a boolean says how its text is read', () => {
    const secret = hoverAt(`${NAME_AND_FLOW}client_secret: !env GRAFANA_$0SECRET\n`);
    assert.equal(secret.text, '!env GRAFANA_SECRET');
    assert.ok(secret.markdown.startsWith('**!env GRAFANA_SECRET** · environment variable\n\nRead from the environment when deploying'), secret.markdown);
    assert.match(secret.markdown, /never written to the file, shown or logged/);
    assert.match(hoverAt(`${NAME_AND_FLOW}include_claims_in_id_token: !env CL$0AIMS\n`).markdown, /reads the text as a boolean: `true`\/`false`/);
  });

  it('the inlay hint after a !ref that resolves is the start of its UUID', () => {
    const { document } = documentWithCursor(`${NAME_AND_FLOW}authorization_flow: !ref default-provider-authorization-explicit-consent\nsigning_key: !ref nope\n`);
    const hints = service(defaultReferences(), new SettingsBuilder().withInlayHints().build()).inlayHints(document, { start: { line: 0, character: 0 }, end: { line: 3, character: 0 } });
    assert.deepEqual(hints.map((h) => [h.position, h.label]), [[{ line: 1, character: 72 }, ` → ${FLOW_EXPLICIT.slice(0, 8)}…`]]);
    assert.match((hints[0].tooltip as MarkupContent).value, new RegExp(`UUID \`${FLOW_EXPLICIT}\` on the connected server`));
  });
});

describe('!ref in the editor: rewrites and moving a secret', () => {
  it('a UUID the server knows becomes !ref <slug>, and a !ref becomes the UUID again', () => {
    const uuid = actionsAt(`${NAME_AND_FLOW}authorization_flow: ${FLOW_EXPLICIT.slice(0, 4)}$0${FLOW_EXPLICIT.slice(4)}\n`);
    assert.deepEqual(uuid, [
      { title: 'Use !ref default-provider-authorization-explicit-consent', kind: CodeActionKind.RefactorRewrite, result: `${NAME_AND_FLOW}authorization_flow: !ref default-provider-authorization-explicit-consent\n`, command: undefined },
    ]);
    const back = actionsAt(`${NAME_AND_FLOW}authorization_flow: !ref default-provider-$0authorization-explicit-consent\n`);
    assert.deepEqual(back, [{ title: `Use the UUID ${FLOW_EXPLICIT}`, kind: CodeActionKind.RefactorRewrite, result: `${NAME_AND_FLOW}authorization_flow: ${FLOW_EXPLICIT}\n`, command: undefined }]);
  });

  it('a scope mapping is named in a flow list by its name, quoted', () => {
    const [action] = actionsAt(`${NAME_AND_FLOW}property_mappings: [${SCOPE_EMAIL.slice(0, 3)}$0${SCOPE_EMAIL.slice(3)}]\n`);
    assert.equal(action.result, `${NAME_AND_FLOW}property_mappings: [!ref "authentik default OAuth Mapping: OpenID 'email'"]\n`);
  });

  it('no rewrite where no text names only this object, nor offline, nor on a !ref with an anchor', () => {
    const references = new StaticReferenceSource({ certificateKeyPair: [
      { pk: KEY_PAIR, name: 'twin', privateKeyAvailable: true },
      { pk: KEY_PAIR_NO_KEY, name: 'twin', privateKeyAvailable: true },
    ] });
    assert.deepEqual(actionsAt(`${NAME_AND_FLOW}signing_key: ${KEY_PAIR.slice(0, 3)}$0${KEY_PAIR.slice(3)}\n`, references), []);
    assert.deepEqual(actionsAt(`${NAME_AND_FLOW}authorization_flow: ${FLOW_EXPLICIT.slice(0, 3)}$0${FLOW_EXPLICIT.slice(3)}\n`, OFFLINE), []);
    assert.deepEqual(actionsAt(`${NAME_AND_FLOW}authorization_flow: !ref &f default-provider-$0authorization-explicit-consent\n`), []);
  });

  it('a literal client secret: the fix is a command with the ranges and the variable, never the secret', () => {
    const text = `${NAME_AND_FLOW}client_secret: 's3cr$0et'\n`;
    const [move] = actionsAt(text).filter((a) => a.command);
    assert.equal(move.title, 'Move to an environment variable (!env GRAFANA_PROD_CLIENT_SECRET)');
    assert.equal(move.kind, CodeActionKind.QuickFix);
    assert.equal(move.result, undefined);
    assert.equal(move.command?.command, MOVE_SECRET_COMMAND);
    const args = move.command?.arguments?.[0] as MoveSecretArguments;
    assert.deepEqual({ range: args.range, valueRange: args.valueRange, variable: args.variable }, {
      range: { start: { line: 1, character: 15 }, end: { line: 1, character: 23 } },
      valueRange: { start: { line: 1, character: 16 }, end: { line: 1, character: 22 } },
      variable: 'GRAFANA_PROD_CLIENT_SECRET',
    });
    assert.ok(!JSON.stringify(move.command).includes('s3cret'));
  });

  it('a secret written with escapes is not moved: the copy would not be the secret', () => {
    assert.deepEqual(actionsAt(`${NAME_AND_FLOW}client_secret: "s3\\tc$0ret"\n`).filter((a) => a.command), []);
    assert.equal(actionsAt(`${NAME_AND_FLOW}client_secret: s3c$0ret\n`).filter((a) => a.command).length, 1);
  });

  it('the command refuses arguments that are not what the language server sends', () => {
    const at = { line: 1, character: 15 };
    const good = { uri: 'file:///a.oauth2provider.yaml', version: 3, range: { start: at, end: at }, valueRange: { start: at, end: at }, variable: 'GRAFANA_CLIENT_SECRET' };
    assert.equal(checkMoveSecretArguments(good), undefined);
    assert.equal(checkMoveSecretArguments(undefined), 'the arguments are not an object');
    assert.equal(checkMoveSecretArguments({ ...good, version: '3' }), 'version must be an integer');
    assert.equal(checkMoveSecretArguments({ ...good, valueRange: { start: at } }), 'valueRange must be a range');
    assert.equal(checkMoveSecretArguments({ ...good, variable: 'X; rm -rf ~' }), 'variable must be an environment variable name');
  });
});
