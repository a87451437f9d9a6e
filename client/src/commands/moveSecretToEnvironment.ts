import * as vscode from 'vscode';
import { checkMoveSecretArguments, MoveSecretArguments } from '../../../common/moveSecret';

export type MoveSecretOutcome = { kind: 'moved'; variable: string } | { kind: 'refused'; message: string };

const toRange = (r: MoveSecretArguments['range']) => new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);

/**
 * "Move to an environment variable", run from the quick fix on a literal client secret: the secret
 * goes to the clipboard, `!env <NAME>` takes its place in the editor's buffer (undoable, not saved).
 * The secret is read here, from the buffer, and never shown or logged. When the file changed since
 * the fix was offered, nothing is done: the range may hold something else now.
 */
export function moveSecretToEnvironment() {
  return async (args?: unknown): Promise<MoveSecretOutcome> => {
    const refuse = (message: string): MoveSecretOutcome => {
      void vscode.window.showWarningMessage(`authentik: ${message}`);
      return { kind: 'refused', message };
    };
    const problem = checkMoveSecretArguments(args);
    if (problem) return refuse(`the client secret was not moved: ${problem}.`);
    const { uri, version, range, valueRange, variable } = args as MoveSecretArguments;
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
    if (!document) return refuse('the client secret was not moved: the file is not open.');
    if (document.version !== version) return refuse('the file changed since the fix was offered; nothing was moved. Ask for the fix again.');
    const whole = toRange(range);
    const inner = toRange(valueRange);
    const written = document.getText(whole);
    const secret = document.getText(inner);
    // What the range holds must still be the literal: not a tag, not empty, the value within it.
    if (!whole.contains(inner) || secret === '' || written.startsWith('!') || /[\r\n]/.test(secret)) {
      return refuse('the client secret is no longer a literal value there; nothing was moved.');
    }
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, whole, `!env ${variable}`);
    await vscode.env.clipboard.writeText(secret);
    if (!(await vscode.workspace.applyEdit(edit))) return refuse('the editor did not apply the change; the file is unchanged (the secret is in the clipboard).');
    void vscode.window.showInformationMessage(`authentik: the client secret is in the clipboard; set it as ${variable} in the environment the deploy runs in.`);
    return { kind: 'moved', variable };
  };
}
