// @ts-check
// Drives the workbench with the keyboard, as a user would: Quick Open, the squiggles and the Problems
// panel, completion with Ctrl+Space, then deploys from the command palette (deploySteps.js) and imports a
// provider of the server into the workspace (importSteps.js). Takes the
// README's screenshots on the way.
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { deploySteps } = require('./deploySteps');
const { importSteps } = require('./importSteps');
const { quickOpen, runCommand } = require('./workbenchActions');
const { recordConsole, workbenchUrl } = require('./workbench');

/** How long one awaited UI change may take (Playwright waits for it; this is only the deadline). */
const STEP_DEADLINE_MS = 20_000;
/** How the Running Extensions view names the extension: by displayName, or by id when run from its folder. */
const EXTENSION_NAMES = ['authentik OAuth2 Providers', 'authentik-config-as-code.authentik-oauth2'];
/** Loading the workbench and starting an extension host takes longest, on a busy machine 15 s. */
const WORKBENCH_DEADLINE_MS = 60_000;

/**
 * @typedef {import('./results').CaseResult} CaseResult
 * @typedef {{ base: string, folder: string, repo: string, screenshots: string, artifacts: string, consoleLog: string[], measurements: Record<string, string> }} UiOptions
 */

/**
 * @param {import('playwright-core').Browser} browser
 * @param {UiOptions} options
 * @returns {Promise<CaseResult[]>}
 */
async function runUiScenario(browser, options) {
  // The same fixture facts as the mocha suite, from its compiled copy.
  const { BROKEN } = require(path.join(options.repo, 'out/e2e/suite/fixtures.js'));
  const context = await browser.newContext({ viewport: { width: 1440, height: 810 } });
  const page = await context.newPage();
  page.setDefaultTimeout(STEP_DEADLINE_MS);
  recordConsole(page, options.consoleLog);

  const problems = page.locator('.markers-panel');
  const editorLine = (/** @type {RegExp} */ text) => page.locator('.editor-instance .view-line', { hasText: text });
  // Evaluated in the page (a string, as this file is type-checked for Node, not the DOM).
  const squiggleCount = (/** @type {number} */ count) =>
    page.waitForFunction(`document.querySelectorAll('.editor-instance .squiggly-error').length === ${count}`);
  // Animations finished, so that toasts are not caught half faded in.
  const screenshot = (/** @type {string} */ name) => page.screenshot({ path: path.join(options.screenshots, name), animations: 'disabled' });

  /** @type {[string, () => Promise<void>][]} */
  const steps = [
    [
      'ui: Quick Open (Ctrl+P) opens a provider file; the status bar shows the release it is checked for; squiggles and our message show in the Problems panel',
      async () => {
        await page.goto(workbenchUrl(options.base, options.folder, { extensionDevelopmentPath: options.repo }));
        // The explorer lists the folder once the workbench is connected to the server.
        await page.locator('.explorer-folders-view .monaco-list-row', { hasText: BROKEN.file }).waitFor({ timeout: WORKBENCH_DEADLINE_MS });
        await quickOpen(page, BROKEN.file);
        await editorLine(/client_type:\s+confidental/).waitFor();
        // The status bar names our language for the file, not YAML.
        await page.locator('.statusbar-item', { hasText: 'authentik OAuth2 Provider' }).first().waitFor();
        // ...and the release the file is checked for, from its `# authentik-version:` comment, with the reason on hover.
        const release = page.locator('.statusbar-item', { hasText: 'authentik 2024.8.4' }).first();
        await release.waitFor();
        await release.hover();
        await page.getByText(/from the comment on line 1/).first().waitFor();
        await page.mouse.move(0, 0);
        await squiggleCount(2);
        await page.keyboard.press('Control+Shift+M');
        await problems.getByText(BROKEN.clientTypeMessage, { exact: true }).waitFor();
        await problems.getByText(BROKEN.subModeMessage, { exact: true }).waitFor();
        await screenshot('diagnostics.png');
      },
    ],
    [
      'ui: Ctrl+Space after `client_type: ` lists confidential and public',
      async () => {
        // Go to the line, select the misspelt value and delete it: the cursor is after `client_type: `.
        await page.keyboard.press('Control+G');
        await page.keyboard.type(String(BROKEN.clientTypeLine + 1));
        await page.keyboard.press('Enter');
        await page.keyboard.press('End');
        await page.keyboard.press('Control+Shift+ArrowLeft');
        await page.keyboard.press('Backspace');
        await editorLine(/^client_type:\s$/).waitFor();
        await page.keyboard.press('Control+Space');
        const suggestions = page.locator('.editor-widget.suggest-widget.visible .monaco-list-row');
        await suggestions.filter({ hasText: 'confidential' }).waitFor();
        await suggestions.filter({ hasText: 'public' }).waitFor();
        await screenshot('completion.png');
      },
    ],
    [
      'ui: accepting `confidential` removes its problem from the editor and the Problems panel',
      async () => {
        await page.locator('.suggest-widget .monaco-list-row.focused', { hasText: 'confidential' }).waitFor();
        await page.keyboard.press('Enter');
        await editorLine(/client_type:\s+confidential/).waitFor();
        await problems.getByText(BROKEN.clientTypeMessage, { exact: true }).waitFor({ state: 'detached' });
        await problems.getByText(BROKEN.subModeMessage, { exact: true }).waitFor();
        await squiggleCount(1);
      },
    ],
    ...deploySteps({ page, folder: options.folder, repo: options.repo, screenshot }),
    ...importSteps({ page, folder: options.folder }),
    [
      'ui: "Developer: Show Running Extensions" lists the extension with its activation time',
      async () => {
        await runCommand(page, 'Developer: Show Running Extensions');
        const list = page.locator('.runtime-extensions-editor .monaco-list');
        await list.locator('.monaco-list-row .activation-time', { hasText: /\d+\s*ms/ }).first().waitFor();
        // The list renders only the rows in view: read the rows from the top down until ours shows.
        /** @type {Map<string, string>} */
        const seen = new Map();
        await list.hover();
        await page.mouse.wheel(0, -10_000);
        const ours = () => EXTENSION_NAMES.map((name) => seen.get(name)).find(Boolean);
        for (let step = 0; step < 40 && !ours(); step++) {
          for (const line of await list.locator('.monaco-list-row').evaluateAll((rows) =>
            rows.map((row) => `${row.querySelector('.name')?.textContent ?? ''}\t${row.querySelector('.activation-time')?.textContent ?? ''}`),
          )) {
            const [name, time] = line.split('\t');
            seen.set(name, time);
          }
          await page.mouse.wheel(0, 140);
        }
        const time = ours();
        assert.ok(time && /\d+\s*ms/.test(time), `no activation time for ${EXTENSION_NAMES[0]}; rows seen: ${JSON.stringify([...seen])}`);
        // VS Code's own figure: loading the extension's code plus the `activate` call.
        options.measurements['extension activation as VS Code reports it (code loading + activate call)'] = time.trim();
      },
    ],
  ];

  /** @type {CaseResult[]} */
  const cases = [];
  let failedBefore = false;
  for (const [title, step] of steps) {
    if (failedBefore) {
      cases.push({ title, passed: false, error: 'not run: an earlier UI step failed' });
      continue;
    }
    const started = Date.now();
    try {
      await step();
      cases.push({ title, passed: true, durationMs: Date.now() - started });
    } catch (error) {
      failedBefore = true;
      fs.mkdirSync(options.artifacts, { recursive: true });
      const shot = path.join(options.artifacts, `ui-failure-${cases.length + 1}.png`);
      await page.screenshot({ path: shot }).catch(() => undefined);
      const message = error instanceof Error ? error.message : String(error);
      cases.push({ title, passed: false, durationMs: Date.now() - started, error: `${message}\nscreenshot: ${shot}` });
    }
  }
  await context.close();
  return cases;
}

module.exports = { runUiScenario };
