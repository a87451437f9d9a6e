import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import Module from 'node:module';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CommandContext } from '../../client/src/context';

class Position {
  constructor(readonly line: number, readonly character: number) {}
}
class Range {
  readonly start: Position;
  readonly end: Position;
  constructor(sl: number, sc: number, el: number, ec: number) {
    this.start = new Position(sl, sc);
    this.end = new Position(el, ec);
  }
}
class WorkspaceEdit {
  readonly edits: { range: Range; newText: string }[] = [];
  replace(_uri: unknown, range: Range, newText: string) {
    this.edits.push({ range, newText });
  }
  insert(_uri: unknown, at: Position, newText: string) {
    this.edits.push({ range: new Range(at.line, at.character, at.line, at.character), newText });
  }
}

/** VS Code with one open provider file and scripted quick-pick answers (by label). */
function fakeVscode(text: string, answers: string[]) {
  const document = TextDocument.create('file:///w/a.oauth2provider.yaml', 'authentik-oauth2provider', 1, text);
  const state = { text, updates: [] as unknown[][], picks: [] as string[][] };
  const vscodeDocument = {
    uri: { toString: () => document.uri },
    languageId: 'authentik-oauth2provider',
    get lineCount() {
      return state.text.split('\n').length;
    },
    lineAt: (line: number) => ({ text: state.text.split('\n')[line] }),
  };
  const api = {
    Position,
    Range,
    WorkspaceEdit,
    ConfigurationTarget: { Global: 1, Workspace: 2, WorkspaceFolder: 3 },
    window: {
      activeTextEditor: { document: vscodeDocument },
      async showQuickPick(items: { label: string }[]) {
        state.picks.push(items.map((i) => i.label));
        const answer = answers.shift();
        return items.find((i) => i.label === answer);
      },
    },
    workspace: {
      workspaceFolders: [{ uri: 'file:///w' }],
      getWorkspaceFolder: () => ({ uri: 'file:///w' }),
      getConfiguration: () => ({ get: (_key: string, fallback: string) => fallback, update: async (...args: unknown[]) => void state.updates.push(args) }),
      async applyEdit(edit: WorkspaceEdit) {
        const current = TextDocument.create(document.uri, 'x', 1, state.text);
        state.text = TextDocument.applyEdits(current, edit.edits);
        return true;
      },
    },
  };
  return { api, state };
}

function loadCommand(vscode: unknown) {
  const loader = Module as unknown as { _resolveFilename(request: string, ...rest: unknown[]): string };
  const resolve = loader._resolveFilename;
  const standIn = path.join(__dirname, 'vscode (pick version stand-in)');
  require.cache[standIn] = { id: standIn, filename: standIn, loaded: true, exports: vscode } as NodeJS.Module;
  loader._resolveFilename = function (request: string, ...rest: unknown[]) {
    return request === 'vscode' ? standIn : resolve.call(this, request, ...rest);
  };
  try {
    const file = require.resolve('../../client/src/commands/pickVersion');
    delete require.cache[file];
    return (require(file) as typeof import('../../client/src/commands/pickVersion')).pickVersion({} as CommandContext);
  } finally {
    loader._resolveFilename = resolve;
    delete require.cache[standIn];
  }
}

describe('client: choosing the authentik version of a file', () => {
  it('offers auto and the known release lines, newest first, and inserts the comment as the first line', async () => {
    const { api, state } = fakeVscode('name: x\n', ['2024.8', 'Insert the comment in this file']);
    await loadCommand(api)();
    assert.equal(state.picks[0][0], 'auto');
    assert.equal(state.picks[0][1], '2026.5');
    assert.ok(state.picks[0].includes('2024.8'));
    assert.equal(state.text, '# authentik-version: 2024.8\nname: x\n');
    assert.deepEqual(state.updates, []);
  });

  it('replaces the version of an existing leading comment, keeping the rest of the file', async () => {
    const { api, state } = fakeVscode('# grafana\n# authentik-version: 2024.8.4  \nname: x\n', ['2026.2', 'Insert the comment in this file']);
    await loadCommand(api)();
    assert.equal(state.text, '# grafana\n# authentik-version: 2026.2  \nname: x\n');
  });

  it('sets authentik.serverVersion for the folder instead, and offers only the setting for auto', async () => {
    const { api, state } = fakeVscode('name: x\n', ['auto', 'Set authentik.serverVersion']);
    await loadCommand(api)();
    assert.deepEqual(state.picks[1], ['Set authentik.serverVersion']);
    assert.deepEqual(state.updates, [['serverVersion', 'auto', 3]]);
    assert.equal(state.text, 'name: x\n');
  });

  it('changes nothing when a pick is dismissed', async () => {
    const { api, state } = fakeVscode('name: x\n', ['2024.8']);
    await loadCommand(api)();
    assert.equal(state.text, 'name: x\n');
    assert.deepEqual(state.updates, []);
  });
});
