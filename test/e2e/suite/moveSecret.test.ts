import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { GRAFANA } from './fixtures';
import { codeOf, openWithLanguageServer, waitForDiagnostics } from './helpers';

const SECRET = 'e2e-secret-4f3a2b1c';

describe('move a client secret to an environment variable', () => {
  it('puts the secret in the clipboard and !env GRAFANA_CLIENT_SECRET in its place', async () => {
    const { document } = await openWithLanguageServer(GRAFANA.file);
    const line = GRAFANA.clientTypeLine + 1;
    const edit = new vscode.WorkspaceEdit();
    edit.insert(document.uri, new vscode.Position(line, 0), `client_secret: ${SECRET}\n`);
    assert.equal(await vscode.workspace.applyEdit(edit), true);
    const diagnostics = await waitForDiagnostics(document.uri, (all) => all.some((d) => codeOf(d) === 'secret-in-file'), 'the secret-in-file information');
    const info = diagnostics.find((d) => codeOf(d) === 'secret-in-file')!;
    assert.deepEqual([info.range.start.line, info.range.start.character, info.range.end.character], [line, 15, 15 + SECRET.length]);

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, info.range, vscode.CodeActionKind.QuickFix.value);
    const move = actions.find((a) => a.title === 'Move to an environment variable (!env GRAFANA_CLIENT_SECRET)');
    assert.ok(move?.command, `actions offered: ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.equal(move.edit, undefined);
    assert.ok(!JSON.stringify(move.command.arguments).includes(SECRET), 'the action does not carry the secret');

    await vscode.env.clipboard.writeText('');
    await vscode.commands.executeCommand(move.command.command, ...(move.command.arguments ?? []));
    assert.equal(document.lineAt(line).text, 'client_secret: !env GRAFANA_CLIENT_SECRET');
    assert.equal(await vscode.env.clipboard.readText(), SECRET);
    await waitForDiagnostics(document.uri, (all) => !all.some((d) => codeOf(d) === 'secret-in-file'), 'no secret-in-file information');
  });

  it('does nothing when the file changed since the fix was offered', async () => {
    const { document } = await openWithLanguageServer(GRAFANA.file);
    const line = GRAFANA.clientTypeLine + 1;
    const insert = new vscode.WorkspaceEdit();
    insert.insert(document.uri, new vscode.Position(line, 0), `client_secret: ${SECRET}\n`);
    assert.equal(await vscode.workspace.applyEdit(insert), true);
    const diagnostics = await waitForDiagnostics(document.uri, (all) => all.some((d) => codeOf(d) === 'secret-in-file'), 'the secret-in-file information');
    const info = diagnostics.find((d) => codeOf(d) === 'secret-in-file')!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, info.range, vscode.CodeActionKind.QuickFix.value);
    const move = actions.find((a) => a.command?.command === 'authentik.moveSecretToEnvironment');
    assert.ok(move?.command);
    const later = new vscode.WorkspaceEdit();
    later.insert(document.uri, new vscode.Position(0, 0), '# edited\n');
    assert.equal(await vscode.workspace.applyEdit(later), true);
    const before = document.getText();
    const outcome = await vscode.commands.executeCommand<{ kind: string }>(move.command.command, ...(move.command.arguments ?? []));
    assert.equal(outcome.kind, 'refused');
    assert.equal(document.getText(), before);
  });
});
