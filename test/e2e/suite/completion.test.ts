import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { GRAFANA, SEED } from './fixtures';
import { completionLabel as labelOf, openWithLanguageServer, waitForCompletion } from './helpers';

/** Empties the value of a `key: value` line as a user would before asking for suggestions; returns the cursor after `key: `. */
async function emptyValue(document: vscode.TextDocument, line: number, key: string): Promise<vscode.Position> {
  const text = document.lineAt(line).text;
  assert.ok(text.startsWith(`${key}: `), `line ${line} is ${JSON.stringify(text)}`);
  const edit = new vscode.WorkspaceEdit();
  edit.delete(document.uri, new vscode.Range(line, key.length + 2, line, text.length));
  assert.equal(await vscode.workspace.applyEdit(edit), true);
  assert.equal(document.lineAt(line).text, `${key}: `);
  return new vscode.Position(line, key.length + 2);
}

const insertedText = (item: vscode.CompletionItem) => (typeof item.insertText === 'string' ? item.insertText : item.insertText?.value);
const replacedRange = (item: vscode.CompletionItem) => (item.range instanceof vscode.Range ? item.range : item.range?.inserting);

describe('completion', () => {
  it('offers confidential and public after `client_type: `', async () => {
    const { document } = await openWithLanguageServer(GRAFANA.file);
    const cursor = await emptyValue(document, GRAFANA.clientTypeLine, 'client_type');
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, cursor);
    const ours = list.items.filter((item) => ['confidential', 'public'].includes(labelOf(item)));
    assert.deepEqual(ours.map(labelOf).sort(), ['confidential', 'public'], `items: ${list.items.map(labelOf).join(', ')}`);
    for (const item of ours) {
      assert.equal(item.kind, vscode.CompletionItemKind.EnumMember, labelOf(item));
      // Accepting the item inserts exactly the value at the cursor.
      assert.equal(insertedText(item), labelOf(item));
      assert.ok(replacedRange(item)?.start.isEqual(cursor), `${labelOf(item)} replaces from ${JSON.stringify(replacedRange(item)?.start)}`);
    }
  });

  it("offers the test server's authorization flows by name after `authorization_flow: `, inserting their UUID", async () => {
    assert.ok(process.env.AUTHENTIK_URL, 'AUTHENTIK_URL is not set: test/e2e/run.sh starts the authentik test server');
    const { document } = await openWithLanguageServer(GRAFANA.file);
    const cursor = await emptyValue(document, GRAFANA.authorizationFlowLine, 'authorization_flow');
    // The extension looks the flows up in the background: wait until they are offered.
    const items = await waitForCompletion(
      document,
      cursor,
      (all) => all.some((item) => labelOf(item) === SEED.explicitConsentFlow.label),
      SEED.explicitConsentFlow.label,
    );
    const flows = items.filter((item) => item.kind === vscode.CompletionItemKind.Reference);
    // Only flows designated for authorization: the seed's authentication and invalidation flows are not offered.
    assert.deepEqual(flows.map(labelOf).sort(), [SEED.explicitConsentFlow.label, SEED.implicitConsentFlow.label]);
    for (const [flow, seed] of [
      [flows.find((f) => labelOf(f) === SEED.explicitConsentFlow.label), SEED.explicitConsentFlow],
      [flows.find((f) => labelOf(f) === SEED.implicitConsentFlow.label), SEED.implicitConsentFlow],
    ] as const) {
      assert.ok(flow);
      assert.equal(insertedText(flow), seed.pk, labelOf(flow));
      assert.ok(replacedRange(flow)?.start.isEqual(cursor), `${labelOf(flow)} replaces from ${JSON.stringify(replacedRange(flow)?.start)}`);
      assert.equal(flow.detail, 'authorization flow');
      // Both flows are called "Authorize Application": the slug tells them apart, the name stands beside it.
      assert.equal(typeof flow.label === 'string' ? undefined : flow.label.description, 'Authorize Application');
    }
  });

  it("offers the test server's authorization flow slugs after `authorization_flow: !ref `, inserting the slug", async () => {
    assert.ok(process.env.AUTHENTIK_URL, 'AUTHENTIK_URL is not set: test/e2e/run.sh starts the authentik test server');
    const { document } = await openWithLanguageServer(GRAFANA.file);
    const start = await emptyValue(document, GRAFANA.authorizationFlowLine, 'authorization_flow');
    const edit = new vscode.WorkspaceEdit();
    edit.insert(document.uri, start, '!ref ');
    assert.equal(await vscode.workspace.applyEdit(edit), true);
    const cursor = start.translate(0, '!ref '.length);
    const items = await waitForCompletion(
      document,
      cursor,
      (all) => all.some((item) => labelOf(item) === SEED.implicitConsentFlow.label),
      SEED.implicitConsentFlow.label,
    );
    const slugs = items.filter((item) => item.kind === vscode.CompletionItemKind.Reference);
    // Only the authorization flows, by slug: the seed's authentication and invalidation flows are not offered.
    assert.deepEqual(slugs.map(labelOf).sort(), [SEED.explicitConsentFlow.label, SEED.implicitConsentFlow.label]);
    for (const item of slugs) {
      assert.equal(insertedText(item), labelOf(item));
      assert.ok(replacedRange(item)?.start.isEqual(cursor), `${labelOf(item)} replaces from ${JSON.stringify(replacedRange(item)?.start)}`);
      assert.equal(typeof item.label === 'string' ? undefined : item.label.description, 'Authorize Application');
    }
  });
});
