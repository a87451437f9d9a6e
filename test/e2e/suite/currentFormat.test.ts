import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { CURRENT, INVALIDATION_FLOWS, OLD_FORMAT } from './fixtures';
import { completionLabel as labelOf, openWithLanguageServer, summarize, waitForCompletion, waitForDiagnostics, waitForSummary } from './helpers';

/**
 * Points the extension at the authentik 2026.5 test server while a block runs: the user setting
 * authentik.serverUrl (as run.sh sets the first server's), and AUTHENTIK_URL in the extension host's
 * environment, which this suite shares, since the editor gives the environment's token (the same for
 * both test servers) only to the server AUTHENTIK_URL names.
 */
function against2026(): void {
  let previousSetting: string | undefined;
  let previousUrl: string | undefined;
  before(async () => {
    assert.ok(process.env.AUTHENTIK_URL_2026, 'AUTHENTIK_URL_2026 is not set: test/e2e/run.sh starts the authentik 2026.5 test server');
    const settings = vscode.workspace.getConfiguration('authentik');
    previousSetting = settings.inspect<string>('serverUrl')?.globalValue;
    previousUrl = process.env.AUTHENTIK_URL;
    process.env.AUTHENTIK_URL = process.env.AUTHENTIK_URL_2026;
    await settings.update('serverUrl', process.env.AUTHENTIK_URL_2026, vscode.ConfigurationTarget.Global);
  });
  after(async () => {
    process.env.AUTHENTIK_URL = previousUrl;
    await vscode.workspace.getConfiguration('authentik').update('serverUrl', previousSetting, vscode.ConfigurationTarget.Global);
  });
}

/** Waits until the server's invalidation flows are offered after `invalidation_flow: ` (the lists come in the background). */
async function invalidationFlowItems(document: vscode.TextDocument, line: number): Promise<vscode.CompletionItem[]> {
  const text = document.lineAt(line).text;
  assert.ok(text.startsWith('invalidation_flow: '), `line ${line} is ${JSON.stringify(text)}`);
  const edit = new vscode.WorkspaceEdit();
  edit.delete(document.uri, new vscode.Range(line, 'invalidation_flow: '.length, line, text.length));
  assert.equal(await vscode.workspace.applyEdit(edit), true);
  const cursor = new vscode.Position(line, 'invalidation_flow: '.length);
  return waitForCompletion(document, cursor, (all) => all.some((item) => labelOf(item) === INVALIDATION_FLOWS.provider.label), INVALIDATION_FLOWS.provider.label);
}

describe('authentik 2026.5 files, against a 2026.5 server', () => {
  against2026();

  it("completes invalidation_flow with the server's invalidation flows only, inserting their UUID", async () => {
    const { document } = await openWithLanguageServer(CURRENT.file);
    const items = await invalidationFlowItems(document, CURRENT.invalidationFlowLine);
    const flows = items.filter((item) => item.kind === vscode.CompletionItemKind.Reference);
    assert.deepEqual(flows.map(labelOf).sort(), [INVALIDATION_FLOWS.logout.label, INVALIDATION_FLOWS.provider.label]);
    const provider = flows.find((f) => labelOf(f) === INVALIDATION_FLOWS.provider.label)!;
    assert.equal(typeof provider.insertText === 'string' ? provider.insertText : provider.insertText?.value, INVALIDATION_FLOWS.provider.pk);
    assert.equal(provider.detail, 'invalidation flow');
  });

  it('a file in the 2026.5 shape is clean, references checked against the server', async () => {
    const { document } = await openWithLanguageServer(CURRENT.file);
    // The references are loaded once completion offers the server's flows; then every check has run.
    await invalidationFlowItems(document, CURRENT.invalidationFlowLine);
    await vscode.commands.executeCommand('undo');
    assert.equal(document.lineAt(CURRENT.invalidationFlowLine).text, `invalidation_flow: ${INVALIDATION_FLOWS.provider.pk}`);
    await waitForSummary(document, []);
    // A UUID the server does not have is flagged, so the clean result above did look at the references.
    const edit = new vscode.WorkspaceEdit();
    const line = document.lineAt(CURRENT.invalidationFlowLine);
    edit.replace(document.uri, line.range, 'invalidation_flow: 00000000-0000-4000-8000-000000000000');
    assert.equal(await vscode.workspace.applyEdit(edit), true);
    const flagged = await waitForDiagnostics(document.uri, (d) => d.length > 0, 'a finding on the unknown flow');
    assert.deepEqual(summarize(document, flagged), [`reference-not-found@4:19-4:55 "00000000-0000-4000-8000-000000000000"`]);
  });

  it('"Convert to authentik <version> Format" rewrites a 2024.8-shaped file in the editor, with the server\'s invalidation flow', async () => {
    const { document } = await openWithLanguageServer(OLD_FORMAT.file);
    const before = document.getText();
    // No comment: checked against the connected server's own schema (authentik 2026.5.0), the old shape is
    // flagged, and the quick fix offers the conversion to that release.
    const problems = await waitForDiagnostics(document.uri, (d) => d.some((x) => x.message.includes('invalidation_flow')), 'the missing invalidation_flow');
    const redirect = problems.find((d) => d.message.includes('redirect_uris'));
    assert.ok(redirect, JSON.stringify(problems.map((d) => d.message)));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, redirect.range);
    assert.ok(actions.some((a) => a.title === 'Convert to authentik 2026.5.0 format'), actions.map((a) => a.title).join(' | '));
    // The command, with the release given as the quick pick would give it.
    const outcome = await vscode.commands.executeCommand<{ kind: string }>('authentik.convertFormat', document.uri, '2026.5');
    assert.equal(outcome?.kind, 'converted');
    assert.equal(document.getText(), `# authentik-version: 2026.5
# Written for authentik 2024.8 (no version comment): checked for the newest release, it has the old shape.
name: Legacy
authorization_flow: c4a0c9b2-6b1f-4d8e-9a3c-2f1e5d7b8a01
invalidation_flow: ${INVALIDATION_FLOWS.provider.pk}
redirect_uris:
  - matching_mode: strict
    url: https://legacy.example.com/cb
jwt_federation_sources: []
client_type: confidential
`);
    // Applied to the editor's buffer only: the file on disk is unchanged until the user saves.
    assert.equal(document.isDirty, true);
    assert.equal(Buffer.from(await vscode.workspace.fs.readFile(document.uri)).toString('utf8'), before);
    await waitForSummary(document, []);
    // Converting again changes nothing.
    const again = await vscode.commands.executeCommand<{ kind: string }>('authentik.convertFormat', document.uri, '2026.5');
    assert.equal(again?.kind, 'unchanged');
  });
});
