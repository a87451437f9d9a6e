import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { BROKEN } from './fixtures';
import { openWithLanguageServer, waitForSummary } from './helpers';

describe('quick fix', () => {
  it('replaces a misspelt enum value, and its diagnostic goes away', async () => {
    const { document } = await openWithLanguageServer(BROKEN.file);
    const [clientType] = await waitForSummary(document, [BROKEN.clientTypeProblem, BROKEN.subModeProblem]);

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      document.uri,
      clientType.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const fix = actions.find((action) => action.title === 'Change to "confidential"');
    assert.ok(fix, `actions offered: ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.equal(fix.kind?.value, vscode.CodeActionKind.QuickFix.value);
    assert.equal(fix.isPreferred, true);
    assert.ok(fix.edit, 'the fix carries its edit');

    assert.equal(await vscode.workspace.applyEdit(fix.edit), true);
    assert.equal(document.lineAt(BROKEN.clientTypeLine).text, 'client_type: confidential');
    await waitForSummary(document, [BROKEN.subModeProblem]);
  });
});
