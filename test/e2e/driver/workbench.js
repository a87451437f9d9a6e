// @ts-check
// Opens code-server's VS Code workbench in headless Chromium (Debian's), the way a user's browser would.
const { chromium } = require('playwright-core');
const { workbenchUrl } = require('./workbenchUrl');

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
// The machine has no network but the package registries: keep Chromium from trying to phone home.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

function launchBrowser() {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/**
 * Keeps the page's console for the failure report (printed live with E2E_VERBOSE=1).
 * @param {import('playwright-core').Page} page
 * @param {string[]} sink
 */
function recordConsole(page, sink) {
  page.on('console', (message) => {
    const line = `[${message.type()}] ${message.text()}`;
    sink.push(line);
    if (process.env.E2E_VERBOSE) console.log(`[workbench] ${line}`);
  });
  page.on('pageerror', (error) => sink.push(`[pageerror] ${error.message}`));
}

module.exports = { launchBrowser, workbenchUrl, recordConsole };
