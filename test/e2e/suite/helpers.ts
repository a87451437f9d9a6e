import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

/** `publisher.name` from package.json. */
export const EXTENSION_ID = 'authentik-config-as-code.authentik-oauth2';
export const LANGUAGE_ID = 'authentik-oauth2provider';
export const DIAGNOSTIC_SOURCE = 'authentik';

/** How long an awaited editor event may take before the test fails (a deadline, never a pause). */
const EVENT_DEADLINE_MS = 15_000;

export function extension(): vscode.Extension<unknown> {
  const found = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(found, `extension ${EXTENSION_ID} is not loaded in this window`);
  return found;
}

/** A file of the test workspace (a copy of test/e2e/workspace made by the launcher). */
export function fixtureUri(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the window has no workspace folder: start it on a copy of test/e2e/workspace');
  return vscode.Uri.joinPath(folder.uri, name);
}

/** Opens a workspace file in an editor, as a user clicking it in the explorer would. */
export async function openFixture(name: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(fixtureUri(name));
  return vscode.window.showTextDocument(document);
}

/**
 * Opens a file of ours and waits until the language server has started (the extension starts it for
 * the first provider file), so that the providers it announced (completion, hover, code actions) are
 * registered before a test asks for them.
 */
export async function openWithLanguageServer(name: string): Promise<vscode.TextEditor> {
  const editor = await openFixture(name);
  const api = (await extension().activate()) as ExtensionApi;
  await api.languageServerReady();
  return editor;
}

/** What the extension's `activate` returns (client/src/extension.ts). */
export interface ExtensionApi {
  activation: { activateMs: number; languageServerStartMs?: number };
  languageServerReady(): Promise<void>;
}

/** `code@line:char-line:char "covered text"`, the same shape as the unit tests' `summarize`. */
export function summarize(document: vscode.TextDocument, diagnostics: readonly vscode.Diagnostic[]): string[] {
  return diagnostics.map((d) => {
    const { start, end } = d.range;
    return `${codeOf(d)}@${start.line}:${start.character}-${end.line}:${end.character} ${JSON.stringify(document.getText(d.range))}`;
  });
}

export function codeOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  return String(typeof code === 'object' ? code.value : code);
}

/**
 * Resolves with the diagnostics of `uri` once `done` accepts them, checking now and then on every
 * `onDidChangeDiagnostics` that concerns the file.
 */
export function waitForDiagnostics(
  uri: vscode.Uri,
  done: (diagnostics: vscode.Diagnostic[]) => boolean,
  what: string,
): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const settle = (): boolean => {
      const current = vscode.languages.getDiagnostics(uri);
      if (!done(current)) return false;
      stop();
      resolve(current);
      return true;
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((changed) => changed.toString() === uri.toString())) settle();
    });
    const deadline = setTimeout(() => {
      stop();
      const current = vscode.languages.getDiagnostics(uri).map((d) => `${codeOf(d)} ${d.message}`);
      reject(new Error(`no ${what} for ${uri.path} within ${EVENT_DEADLINE_MS} ms; diagnostics now: ${JSON.stringify(current)}`));
    }, EVENT_DEADLINE_MS);
    function stop(): void {
      subscription.dispose();
      clearTimeout(deadline);
    }
    settle();
  });
}

/** Waits until the diagnostics of the document, summarized, are exactly `expected`. */
export function waitForSummary(document: vscode.TextDocument, expected: string[]): Promise<vscode.Diagnostic[]> {
  const wanted = JSON.stringify(expected);
  return waitForDiagnostics(document.uri, (d) => JSON.stringify(summarize(document, d)) === wanted, `diagnostics ${wanted}`);
}

/**
 * Puts the window back as a test found it: edits made in memory are reverted (nothing is saved)
 * and every editor is closed, so tests do not depend on each other's order.
 */
export async function revertAndCloseEditors(): Promise<void> {
  for (const document of vscode.workspace.textDocuments) {
    if (!document.isDirty) continue;
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

export function lineText(document: vscode.TextDocument, line: number): string {
  return document.lineAt(line).text;
}

/**
 * Asks for completion at `position` until `done` accepts the items: now, and again whenever the file's
 * diagnostics change (the language server revalidates open files when looked-up references arrive).
 */
export function waitForCompletion(
  document: vscode.TextDocument,
  position: vscode.Position,
  done: (items: vscode.CompletionItem[]) => boolean,
  what: string,
): Promise<vscode.CompletionItem[]> {
  return new Promise((resolve, reject) => {
    let finished = false;
    let asking = false;
    let askAgain = false;
    let lastLabels: string[] = [];
    const ask = async (): Promise<void> => {
      // One request at a time; an event during a request asks once more after it.
      if (asking) {
        askAgain = true;
        return;
      }
      asking = true;
      try {
        do {
          askAgain = false;
          const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, position);
          lastLabels = list.items.map(completionLabel);
          if (!finished && done(list.items)) {
            stop();
            resolve(list.items);
          }
        } while (askAgain && !finished);
      } catch (error) {
        stop();
        reject(error);
      } finally {
        asking = false;
      }
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((changed) => changed.toString() === document.uri.toString())) void ask();
    });
    const deadline = setTimeout(() => {
      stop();
      reject(new Error(`no completion with ${what} within ${EVENT_DEADLINE_MS} ms; items now: ${lastLabels.join(', ')}`));
    }, EVENT_DEADLINE_MS);
    function stop(): void {
      finished = true;
      subscription.dispose();
      clearTimeout(deadline);
    }
    void ask();
  });
}

export function completionLabel(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

/**
 * Adds figures to the run's measurements (metrics.json beside mocha's results), which the launcher
 * prints after the cases.
 */
export function recordMeasurements(figures: Record<string, string>): void {
  const file = path.join(path.dirname(process.env.AUTHENTIK_E2E_RESULTS || path.resolve(__dirname, '..', 'results.json')), 'metrics.json');
  const known = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>) : {};
  fs.writeFileSync(file, JSON.stringify({ ...known, ...figures }, null, 2) + '\n');
}
