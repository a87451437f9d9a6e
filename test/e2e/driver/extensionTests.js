// @ts-check
// Runs the mocha suite inside the real extension host: the workbench starts it from the URL payload's
// extensionTestsPath and hands its exit code to `codeAutomationExit`, which the page exposes to us.
const { recordConsole, workbenchUrl } = require('./workbench');

/**
 * @param {import('playwright-core').Browser} browser
 * @param {{ base: string, folder: string, repo: string, testsIndex: string, deadlineMs: number, consoleLog: string[] }} options
 * @returns {Promise<number | 'timeout'>}
 */
async function runExtensionTests(browser, options) {
  const page = await browser.newPage();
  recordConsole(page, options.consoleLog);
  /** @type {(code: number) => void} */
  let onExit = () => undefined;
  /** @type {Promise<number>} */
  const exited = new Promise((resolve) => (onExit = resolve));
  await page.exposeFunction('codeAutomationExit', (/** @type {number} */ code) => onExit(code));
  /** @type {NodeJS.Timeout | undefined} */
  let timer;
  /** @type {Promise<'timeout'>} */
  const deadline = new Promise((resolve) => {
    timer = setTimeout(() => resolve('timeout'), options.deadlineMs);
  });
  try {
    const url = workbenchUrl(options.base, options.folder, {
      extensionDevelopmentPath: options.repo,
      extensionTestsPath: options.testsIndex,
    });
    await page.goto(url);
    return await Promise.race([exited, deadline]);
  } finally {
    clearTimeout(timer);
    await page.close();
  }
}

module.exports = { runExtensionTests };
