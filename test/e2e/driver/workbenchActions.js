// @ts-check
// What a user does in the workbench with the keyboard and the mouse, as small steps that each wait for
// the change they cause (Playwright's waits, bounded by the page's default timeout).

/** @typedef {import('playwright-core').Page} Page */

/**
 * Opens a workspace file by Quick Open (Ctrl+P) and waits for its tab.
 * @param {Page} page
 * @param {string} file name in the workspace folder
 */
async function quickOpen(page, file) {
  await page.keyboard.press('Control+P');
  await page.locator('.quick-input-widget input').waitFor();
  await page.keyboard.type(file);
  // Click the entry: Enter could pick a row of a list not yet updated to what was typed.
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: file }).first().click();
  await page.locator('.tabs-container .tab.active', { hasText: file }).waitFor();
}

/**
 * Opens a workspace file with a click on its row in the Explorer and waits for its tab. Unlike a
 * shortcut, a click works wherever the focus is (a webview, such as a Markdown preview, keeps the keys).
 * @param {Page} page
 * @param {string} file name in the workspace folder
 */
async function openFromExplorer(page, file) {
  await page.locator('.explorer-folders-view .monaco-list-row', { hasText: file }).click();
  await page.locator('.tabs-container .tab.active', { hasText: file }).waitFor();
}

/**
 * Runs a command from the command palette (F1) by its title, e.g. `authentik: Deploy OAuth2 Provider`.
 * @param {Page} page
 * @param {string} title category and title, as the palette lists it
 */
async function runCommand(page, title) {
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget input').waitFor();
  await page.keyboard.type(title);
  // Click the entry itself: with Enter, a recently used command could come first.
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first().click();
}

/**
 * A notification toast with this exact message, once it is shown.
 * @param {Page} page
 * @param {string} message
 */
async function notification(page, message) {
  const toast = page.locator('.notifications-toasts .notification-toast', {
    has: page.locator('.notification-list-item-message', { hasText: message }),
  });
  await toast.waitFor();
  return toast;
}

/**
 * Presses a button of the modal dialog that asks `question`, once the dialog is shown.
 * @param {Page} page
 * @param {string} question the dialog's message
 * @param {string} button its label
 */
async function answerDialog(page, question, button) {
  const dialog = page.locator('.monaco-dialog-box', { hasText: question });
  await dialog.waitFor();
  await dialog.locator('.dialog-buttons .monaco-button', { hasText: button }).click();
  await dialog.waitFor({ state: 'detached' });
}

module.exports = { quickOpen, openFromExplorer, runCommand, notification, answerDialog };
