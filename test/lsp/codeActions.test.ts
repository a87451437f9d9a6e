import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CodeAction, CodeActionKind, CodeActionRequest, Diagnostic } from 'vscode-languageserver-protocol/node';
import { LspClient } from '../helpers/lspClient';
import { applyEdits, fixtureText, TEST_TIMEOUT, uniqueUri, useServer } from './documents';

/** Opens `text`, asks for the quick fixes at the first diagnostic with `code`, as an editor's light bulb does. */
async function fixesFor(client: LspClient, text: string, code: string): Promise<{ uri: string; diagnostic: Diagnostic; actions: CodeAction[] }> {
  const uri = uniqueUri('fix');
  const published = await client.open(uri, text);
  const diagnostic = published.diagnostics.find((d) => d.code === code);
  assert.ok(diagnostic, `no ${code} diagnostic in ${JSON.stringify(published.diagnostics)}`);
  const result = await client.connection.sendRequest(CodeActionRequest.type, {
    textDocument: { uri },
    range: diagnostic.range,
    context: { diagnostics: [diagnostic], only: [CodeActionKind.QuickFix] },
  });
  const actions = (result ?? []).filter((a): a is CodeAction => 'kind' in a || 'edit' in a);
  return { uri, diagnostic, actions };
}

function applied(uri: string, text: string, action: CodeAction | undefined): string {
  assert.ok(action, 'expected a code action');
  const edits = action.edit?.changes?.[uri];
  assert.ok(edits, `the action edits another document: ${JSON.stringify(action.edit)}`);
  return applyEdits(text, edits);
}

const TYPOS = fixtureText('mistakes/typos.oauth2provider.yaml');
const MISSING = fixtureText('mistakes/missing-required.oauth2provider.yaml');

describe('lsp: quick fixes', TEST_TIMEOUT, () => {
  const server = useServer();

  it('replaces a misspelt enum value with the one meant', async () => {
    const { uri, actions } = await fixesFor(server(), TYPOS, 'invalid-enum');
    assert.deepEqual(actions.map((a) => [a.title, a.kind, a.isPreferred, a.diagnostics?.map((d) => d.code)]), [
      ['Change to "confidential"', CodeActionKind.QuickFix, true, ['invalid-enum']],
    ]);
    assert.equal(applied(uri, TYPOS, actions[0]), TYPOS.replace('client_type: confidental', 'client_type: confidential'));
  });

  it('renames an unknown key to the field meant, or removes its line', async () => {
    const { uri, actions } = await fixesFor(server(), TYPOS, 'unknown-key');
    assert.deepEqual(actions.map((a) => [a.title, a.isPreferred === true]), [
      ['Rename to "redirect_uris"', true],
      ['Remove "redirect_uri"', false],
    ]);
    assert.equal(applied(uri, TYPOS, actions[0]), TYPOS.replace('redirect_uri:', 'redirect_uris:'));
    assert.equal(applied(uri, TYPOS, actions[1]), TYPOS.replace(/^redirect_uri:.*\n/m, ''));
  });

  it('adds the missing required keys at the end of the mapping', async () => {
    const { uri, actions } = await fixesFor(server(), MISSING, 'missing-required');
    // Both missing-required diagnostics sit on line 1; the light bulb offers their shared fix once.
    assert.deepEqual(actions.map((a) => [a.title, a.isPreferred]), [['Add missing required keys name, authorization_flow', true]]);
    assert.equal(applied(uri, MISSING, actions[0]), MISSING.replace(/\n$/, '\nname: \nauthorization_flow: \n'));
  });

  it('offers nothing where there is no diagnostic', async () => {
    const uri = uniqueUri('nothing');
    await server().open(uri, fixtureText('clean/grafana.oauth2provider.yaml'));
    const result = await server().connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: { start: { line: 1, character: 0 }, end: { line: 1, character: 4 } },
      context: { diagnostics: [] },
    });
    assert.deepEqual(result, []);
  });
});
