import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { BROKEN } from './fixtures';
import { DIAGNOSTIC_SOURCE, openFixture, waitForSummary } from './helpers';

describe('diagnostics', () => {
  it('shows each misspelt value as an error on its own line, with our code and message', async () => {
    const { document } = await openFixture(BROKEN.file);
    const diagnostics = await waitForSummary(document, [BROKEN.clientTypeProblem, BROKEN.subModeProblem]);
    assert.deepEqual(
      diagnostics.map((d) => [d.severity, d.source, d.message]),
      [
        [vscode.DiagnosticSeverity.Error, DIAGNOSTIC_SOURCE, BROKEN.clientTypeMessage],
        [vscode.DiagnosticSeverity.Error, DIAGNOSTIC_SOURCE, BROKEN.subModeMessage],
      ],
    );
  });

  it('clears them when an edit fixes the values', async () => {
    const { document } = await openFixture(BROKEN.file);
    const [clientType, subMode] = await waitForSummary(document, [BROKEN.clientTypeProblem, BROKEN.subModeProblem]);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, clientType.range, 'confidential');
    edit.replace(document.uri, subMode.range, 'hashed_user_id');
    assert.equal(await vscode.workspace.applyEdit(edit), true);
    assert.equal(document.lineAt(BROKEN.clientTypeLine).text, 'client_type: confidential');
    await waitForSummary(document, []);
  });

  it('reports a problem the user brings in by typing, and only that one', async () => {
    const { document } = await openFixture(BROKEN.file);
    const [clientType] = await waitForSummary(document, [BROKEN.clientTypeProblem, BROKEN.subModeProblem]);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, clientType.range, 'public');
    edit.insert(document.uri, new vscode.Position(BROKEN.subModeLine, 0), 'redirect_uri: https://example.com\n');
    await vscode.workspace.applyEdit(edit);
    const inserted = BROKEN.subModeLine;
    const [unknown] = await waitForSummary(document, [`unknown-key@${inserted}:0-${inserted}:12 "redirect_uri"`, `invalid-enum@${inserted + 1}:10-${inserted + 1}:25 "hashed_user_idd"`]);
    assert.equal(unknown.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(unknown.message, 'Unknown key "redirect_uri": the server silently ignores it. Did you mean "redirect_uris"?');
  });
});
