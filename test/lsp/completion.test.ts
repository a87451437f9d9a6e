import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CompletionItem, CompletionItemKind, CompletionList, CompletionRequest, InsertTextFormat, Position, TextEdit } from 'vscode-languageserver-protocol/node';
import { LspClient } from '../helpers/lspClient';
import { applyEdits, position, range, TEST_TIMEOUT, uniqueUri, useServer } from './documents';

/**
 * A file without a version comment is checked for the newest release (2026.5): its required keys,
 * then the optional ones, each in schema order.
 */
const REQUIRED_KEYS_IN_SCHEMA_ORDER = ['authorization_flow', 'invalidation_flow', 'redirect_uris'];
const OPTIONAL_KEYS_IN_SCHEMA_ORDER = [
  'authentication_flow',
  'property_mappings',
  'grant_types',
  'client_id',
  'client_secret',
  'access_code_validity',
  'refresh_token_validity',
  'refresh_token_threshold',
  'include_claims_in_id_token',
  'signing_key',
  'encryption_key',
  'logout_uri',
  'logout_method',
  'sub_mode',
  'issuer_mode',
  'jwt_federation_sources',
  'jwt_federation_providers',
];

/** `name` and `client_type` and `access_token_validity` are present; line 2 is empty. */
const PARTIAL = 'name: x\nclient_type: \n\naccess_token_validity: hours=1\n';

async function completeAt(client: LspClient, text: string, at: Position): Promise<CompletionItem[]> {
  const uri = uniqueUri('complete');
  await client.open(uri, text);
  const result = (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: at })) as CompletionList | null;
  assert.ok(result && !Array.isArray(result), 'expected a CompletionList');
  return result.items;
}

const bySortText = (items: CompletionItem[]) => [...items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label));
const edit = (item: CompletionItem | undefined) => item?.textEdit as TextEdit | undefined;

describe('lsp: completion of values', TEST_TIMEOUT, () => {
  const server = useServer();

  it('offers confidential (preselected default) and public after "client_type: ", inserted at the cursor', async () => {
    const items = await completeAt(server(), PARTIAL, position(1, 13));
    assert.deepEqual(
      items.map((i) => ({ label: i.label, kind: i.kind, textEdit: i.textEdit, preselect: i.preselect })),
      [
        { label: 'confidential', kind: CompletionItemKind.EnumMember, textEdit: { range: range(1, 13, 1, 13), newText: 'confidential' }, preselect: true },
        { label: 'public', kind: CompletionItemKind.EnumMember, textEdit: { range: range(1, 13, 1, 13), newText: 'public' }, preselect: undefined },
      ],
    );
  });

  it('replaces the part of the value already typed, and the rest of the word after the cursor', async () => {
    const items = await completeAt(server(), 'name: x\nclient_type: pubXY\n', position(1, 16));
    const publicItem = items.find((i) => i.label === 'public');
    assert.deepEqual(edit(publicItem), { range: range(1, 13, 1, 18), newText: 'public' });
    assert.equal(applyEdits('name: x\nclient_type: pubXY\n', [edit(publicItem)!]), 'name: x\nclient_type: public\n');
  });

  it('adds the missing space after a colon typed just now', async () => {
    const items = await completeAt(server(), 'name: x\nclient_type:\n', position(1, 12));
    assert.deepEqual(edit(items.find((i) => i.label === 'confidential')), { range: range(1, 12, 1, 12), newText: ' confidential' });
  });
});

describe('lsp: completion of keys, client with snippet support', TEST_TIMEOUT, () => {
  const server = useServer({ capabilities: { textDocument: { completion: { completionItem: { snippetSupport: true } } } } });

  it('offers every absent key on an empty line, the required one first, present keys left out', async () => {
    const items = await completeAt(server(), PARTIAL, position(2, 0));
    assert.deepEqual(
      bySortText(items).map((i) => i.label),
      [...REQUIRED_KEYS_IN_SCHEMA_ORDER, ...OPTIONAL_KEYS_IN_SCHEMA_ORDER],
    );
    for (const item of items) {
      assert.equal(item.kind, CompletionItemKind.Property);
      assert.deepEqual(edit(item)?.range, range(2, 0, 2, 0), item.label);
    }
    assert.equal(items.find((i) => i.label === 'authorization_flow')?.detail, 'required UUID');
  });

  it('inserts snippets with choices for enums and booleans and a placeholder for durations', async () => {
    const items = await completeAt(server(), PARTIAL, position(2, 0));
    const snippet = (label: string) => {
      const item = items.find((i) => i.label === label);
      assert.equal(item?.insertTextFormat, InsertTextFormat.Snippet, label);
      return edit(item)?.newText;
    };
    assert.equal(snippet('authorization_flow'), 'authorization_flow: $1');
    assert.equal(snippet('issuer_mode'), 'issuer_mode: ${1|global,per_provider|}');
    assert.equal(snippet('include_claims_in_id_token'), 'include_claims_in_id_token: ${1|true,false|}');
    assert.equal(snippet('refresh_token_validity'), 'refresh_token_validity: ${1:days=30}');
    assert.equal(snippet('property_mappings'), 'property_mappings:\n  - $1');
    assert.equal(snippet('redirect_uris'), 'redirect_uris:\n  - matching_mode: ${1|strict,regex|}\n    url: ${2:https://app.example.com/callback}');
    assert.equal(snippet('logout_method'), 'logout_method: ${1|backchannel,frontchannel|}');
  });

  it('replaces the partly typed key', async () => {
    const items = await completeAt(server(), 'name: x\nsub_\n', position(1, 4));
    assert.deepEqual(edit(items.find((i) => i.label === 'sub_mode'))?.range, range(1, 0, 1, 4));
  });
});

describe('lsp: completion of keys, client without snippet support', TEST_TIMEOUT, () => {
  const server = useServer({ capabilities: { textDocument: { completion: { completionItem: { snippetSupport: false } } } } });

  it('inserts plain "key: " text', async () => {
    const items = await completeAt(server(), PARTIAL, position(2, 0));
    assert.deepEqual(bySortText(items).map((i) => i.label), [...REQUIRED_KEYS_IN_SCHEMA_ORDER, ...OPTIONAL_KEYS_IN_SCHEMA_ORDER]);
    for (const item of items) {
      assert.equal(item.insertTextFormat, InsertTextFormat.PlainText, item.label);
      assert.deepEqual(edit(item), { range: range(2, 0, 2, 0), newText: `${item.label}: ` });
    }
  });
});
