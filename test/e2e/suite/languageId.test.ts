import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { BROKEN, PLAIN_YAML, WIKI } from './fixtures';
import { DIAGNOSTIC_SOURCE, LANGUAGE_ID, openFixture, waitForSummary } from './helpers';

describe('language id', () => {
  it('gives *.oauth2provider.yaml and *.oauth2provider.yml files our language, not YAML', async () => {
    for (const file of [BROKEN.file, WIKI.file]) {
      const { document } = await openFixture(file);
      assert.equal(document.languageId, LANGUAGE_ID, file);
    }
  });

  it('leaves other YAML files to the built-in YAML support, without our diagnostics', async () => {
    const { document: provider } = await openFixture(BROKEN.file);
    const [clientType] = await waitForSummary(provider, [BROKEN.clientTypeProblem, BROKEN.subModeProblem]);
    const { document: plain } = await openFixture(PLAIN_YAML.file);
    assert.equal(plain.languageId, 'yaml');
    // The server validates in the order it hears of files: once an edit made after opening the YAML
    // file is validated, that file would have had our diagnostics by now had it been sent to the server.
    const edit = new vscode.WorkspaceEdit();
    edit.replace(provider.uri, clientType.range, 'public');
    await vscode.workspace.applyEdit(edit);
    await waitForSummary(provider, [BROKEN.subModeProblem]);
    assert.deepEqual(vscode.languages.getDiagnostics(plain.uri).filter((d) => d.source === DIAGNOSTIC_SOURCE), []);
  });
});
