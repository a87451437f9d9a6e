import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import Module from 'node:module';
import * as path from 'node:path';
import type { ProfileStatusBar as ProfileStatusBarClass } from '../../client/src/profileStatusBar';

/** The part of VS Code the status-bar item uses, recorded. */
function fakeVscode() {
  const item = { text: '', tooltip: '' as unknown, command: '' as unknown, name: '', visible: false, show() { this.visible = true; }, hide() { this.visible = false; }, dispose() {} };
  const listeners: { active?: () => void; close?: (d: unknown) => void } = {};
  const api = {
    StatusBarAlignment: { Left: 1, Right: 2 },
    window: {
      activeTextEditor: undefined as undefined | { document: { uri: { toString(): string }; languageId: string } },
      createStatusBarItem: () => item,
      onDidChangeActiveTextEditor: (listener: () => void) => ((listeners.active = listener), { dispose() {} }),
    },
    workspace: { onDidCloseTextDocument: (listener: (d: unknown) => void) => ((listeners.close = listener), { dispose() {} }) },
  };
  return { api, item, listeners };
}

function load(vscode: unknown): typeof ProfileStatusBarClass {
  const loader = Module as unknown as { _resolveFilename(request: string, ...rest: unknown[]): string };
  const resolve = loader._resolveFilename;
  const standIn = path.join(__dirname, 'vscode (status bar stand-in)');
  require.cache[standIn] = { id: standIn, filename: standIn, loaded: true, exports: vscode } as NodeJS.Module;
  loader._resolveFilename = function (request: string, ...rest: unknown[]) {
    return request === 'vscode' ? standIn : resolve.call(this, request, ...rest);
  };
  try {
    const file = require.resolve('../../client/src/profileStatusBar');
    delete require.cache[file];
    return (require(file) as typeof import('../../client/src/profileStatusBar')).ProfileStatusBar;
  } finally {
    loader._resolveFilename = resolve;
    delete require.cache[standIn];
  }
}

const editorOf = (uri: string, languageId = 'authentik-oauth2provider') => ({ document: { uri: { toString: () => uri }, languageId } });

describe('client: the status-bar item of the active provider file', () => {
  it("shows the active file's release, says why in the tooltip, and opens the version picker", () => {
    const { api, item, listeners } = fakeVscode();
    const bar = new (load(api))();
    api.window.activeTextEditor = editorOf('file:///w/a.oauth2provider.yaml');
    bar.update({ uri: 'file:///w/b.oauth2provider.yaml', release: '2024.8.4', label: 'authentik 2023.5.0 to 2024.8.4', source: 'comment', reason: 'from the comment on line 1' });
    assert.equal(item.visible, false, 'another file than the active one');
    bar.update({ uri: 'file:///w/a.oauth2provider.yaml', release: '2026.2.2', label: 'authentik 2026.2.2', source: 'server', reason: 'the connected server runs 2026.2.2' });
    assert.equal(item.visible, true);
    assert.equal(item.text, 'authentik 2026.2.2');
    assert.equal(item.tooltip, 'Checked for authentik 2026.2.2: the connected server runs 2026.2.2.\nClick to choose another version or insert the "# authentik-version:" comment.');
    assert.equal(item.command, 'authentik.pickVersion');

    api.window.activeTextEditor = editorOf('file:///w/b.oauth2provider.yaml');
    listeners.active!();
    assert.equal(item.text, 'authentik 2024.8.4');
    api.window.activeTextEditor = editorOf('file:///w/notes.md', 'markdown');
    listeners.active!();
    assert.equal(item.visible, false, 'not a provider file');

    api.window.activeTextEditor = editorOf('file:///w/b.oauth2provider.yaml');
    listeners.close!({ uri: { toString: () => 'file:///w/b.oauth2provider.yaml' } });
    assert.equal(item.visible, false, 'a closed file has no status any more');
  });
});
