import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { GRAFANA } from './fixtures';
import { openWithLanguageServer } from './helpers';

const markdownOf = (hover: vscode.Hover): string =>
  hover.contents.map((part) => (typeof part === 'string' ? part : part.value)).join('\n');

describe('hover', () => {
  it('describes the key under the mouse', async () => {
    const { document } = await openWithLanguageServer(GRAFANA.file);
    const onKey = new vscode.Position(GRAFANA.clientTypeLine, 'client_'.length);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, onKey);
    assert.equal(hovers.length, 1, JSON.stringify(hovers.map(markdownOf)));
    const [hover] = hovers;
    const text = markdownOf(hover);
    assert.match(text, /^\*\*client_type\*\* · optional · string · one of `confidential`, `public` · server default `confidential`/);
    assert.match(text, /Confidential clients are capable of maintaining the confidentiality of their credentials/);
    assert.equal(document.getText(hover.range), 'client_type');
  });
});
