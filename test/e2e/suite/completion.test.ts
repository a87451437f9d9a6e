import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { GRAFANA } from './fixtures';
import { openWithLanguageServer } from './helpers';

const labelOf = (item: vscode.CompletionItem): string => (typeof item.label === 'string' ? item.label : item.label.label);

describe('completion', () => {
  it('offers confidential and public after `client_type: `', async () => {
    const { document } = await openWithLanguageServer(GRAFANA.file);
    // Empty the value as a user would before asking for suggestions: the line becomes `client_type: `.
    const line = document.lineAt(GRAFANA.clientTypeLine);
    const valueStart = line.text.indexOf(':') + 2;
    const edit = new vscode.WorkspaceEdit();
    edit.delete(document.uri, new vscode.Range(GRAFANA.clientTypeLine, valueStart, GRAFANA.clientTypeLine, line.text.length));
    assert.equal(await vscode.workspace.applyEdit(edit), true);
    assert.equal(document.lineAt(GRAFANA.clientTypeLine).text, 'client_type: ');

    const cursor = new vscode.Position(GRAFANA.clientTypeLine, 'client_type: '.length);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, cursor);
    const ours = list.items.filter((item) => ['confidential', 'public'].includes(labelOf(item)));
    assert.deepEqual(ours.map(labelOf).sort(), ['confidential', 'public'], `items: ${list.items.map(labelOf).join(', ')}`);
    for (const item of ours) {
      assert.equal(item.kind, vscode.CompletionItemKind.EnumMember, labelOf(item));
      // Accepting the item inserts exactly the value at the cursor.
      assert.equal(typeof item.insertText === 'string' ? item.insertText : item.insertText?.value, labelOf(item));
      const range = item.range instanceof vscode.Range ? item.range : item.range?.inserting;
      assert.ok(range?.start.isEqual(cursor), `${labelOf(item)} replaces from ${JSON.stringify(range?.start)}`);
    }
  });
});
