// @ts-check
// Checks the one-command demo as a user meets it: `npm start`, open the printed URL in a browser, open an
// example (the extension activates, reports problems and names the test server's flows), then Ctrl+C
// stops every process the demo started. Run: `node test/e2e/driver/demoCheck.js` (prints `N passed, N failed`).
const { spawn, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { createInterface } = require('node:readline');
const { printCases, screenshotFolder, summaryLine } = require('./results');
const { launchBrowser, recordConsole } = require('./workbench');
const { openFromExplorer } = require('./workbenchActions');

const repo = path.resolve(__dirname, '../../..');
/** npm start builds, may install code-server on a first run (about 1.5 minutes), then starts two servers. */
const START_DEADLINE_MS = Number(process.env.DEMO_START_DEADLINE_MS || 240_000);
const STEP_DEADLINE_MS = 20_000;
const WORKBENCH_DEADLINE_MS = 60_000;
const STOP_DEADLINE_MS = 15_000;

/** @typedef {import('./results').CaseResult} CaseResult */

/**
 * Every process below `pid` (ps walks the tree), for checking afterwards that none is left.
 * @param {number} pid
 * @returns {number[]}
 */
function descendants(pid) {
  const table = execFileSync('ps', ['-eo', 'pid=,ppid='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number));
  /** @type {number[]} */
  const found = [];
  const visit = (/** @type {number} */ parent) => {
    for (const [child, ppid] of table) {
      if (ppid === parent) {
        found.push(child);
        visit(child);
      }
    }
  };
  visit(pid);
  return found;
}

/** @param {number} pid */
function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Resolves once `npm start` printed both URLs; rejects if it exits first.
 * @param {import('node:child_process').ChildProcess} demo
 * @param {string[]} output every line, for the failure report
 * @returns {Promise<{ workbench: string, authentik: string }>}
 */
function waitForUrls(demo, output) {
  return new Promise((resolve, reject) => {
    let authentik = '';
    const deadline = setTimeout(() => reject(new Error(`npm start printed no workbench URL within ${START_DEADLINE_MS} ms`)), START_DEADLINE_MS);
    demo.on('exit', (code) => reject(new Error(`npm start exited (${code}) before printing the URL:\n${output.join('\n')}`)));
    createInterface({ input: /** @type {import('node:stream').Readable} */ (demo.stdout) }).on('line', (line) => {
      output.push(line);
      authentik = /authentik test server: (http:\/\/\S+)/.exec(line)?.[1] ?? authentik;
      const workbench = /^\s*(http:\/\/127\.0\.0\.1:\d+\/\?folder=\S+)$/.exec(line)?.[1];
      if (workbench) {
        clearTimeout(deadline);
        resolve({ workbench, authentik });
      }
    });
  });
}

async function main() {
  /** @type {CaseResult[]} */
  const cases = [];
  /** @type {string[]} */
  const output = [];
  /** @type {string[]} */
  const consoleLog = [];
  // In a process group of its own, like a terminal's foreground job, so Ctrl+C can be sent to all of it.
  const demo = spawn('npm', ['start'], { cwd: repo, detached: true, stdio: ['ignore', 'pipe', 'inherit'] });
  const demoPid = /** @type {number} */ (demo.pid);
  /** @type {Promise<void>} */
  const exited = new Promise((resolve) => demo.on('exit', () => resolve()));
  /** @type {number[]} */
  let started = [];

  /** @param {string} title @param {() => Promise<void>} step */
  const check = async (title, step) => {
    const begun = Date.now();
    try {
      await step();
      cases.push({ title, passed: true, durationMs: Date.now() - begun });
      return true;
    } catch (error) {
      cases.push({ title, passed: false, durationMs: Date.now() - begun, error: error instanceof Error ? error.message : String(error) });
      return false;
    }
  };

  /** @type {{ workbench: string, authentik: string }} */
  let urls = { workbench: '', authentik: '' };
  const up = await check('demo: `npm start` prints the workbench URL and the test server URL, and both answer', async () => {
    urls = await waitForUrls(demo, output);
    started = descendants(demoPid);
    const page = await fetch(urls.workbench);
    if (page.status !== 200 || !/<html/i.test(await page.text())) throw new Error(`GET the workbench URL answered ${page.status}`);
    const live = await fetch(`${urls.authentik}/-/health/live/`);
    if (live.status !== 204) throw new Error(`the test server's health check answered ${live.status}`);
  });

  if (up) {
    await check('demo: an example opened in the browser gets our language, its problems, and the test server\'s flow names', async () => {
      const browser = await launchBrowser();
      try {
        const page = await browser.newPage({ viewport: { width: 1440, height: 810 } });
        page.setDefaultTimeout(STEP_DEADLINE_MS);
        recordConsole(page, consoleLog);
        await page.goto(urls.workbench);
        await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'wiki.oauth2provider.yaml' }).waitFor({ timeout: WORKBENCH_DEADLINE_MS });
        // The demo opens examples/README.md on start: once it is there, it no longer takes the focus.
        await page.locator('.tabs-container .tab', { hasText: 'README.md' }).waitFor();
        await openFromExplorer(page, 'grafana.oauth2provider.yaml');
        await page.locator('.statusbar-item', { hasText: 'authentik OAuth2 Provider' }).first().waitFor();
        // The inlay hint after the UUID names the flow: the extension reached the test server with the demo's token.
        await page.locator('.editor-instance .view-line', { hasText: /authorization_flow:\s\S+\s+Authorize\sApplication/ }).waitFor();
        await openFromExplorer(page, 'wiki.oauth2provider.yaml');
        await page.keyboard.press('Control+Shift+M');
        await page
          .locator('.markers-panel')
          .getByText('"confidental" is not a valid choice for "client_type". Did you mean "confidential"? Valid choices: confidential, public.', { exact: true })
          .waitFor();
        fs.mkdirSync(screenshotFolder(repo), { recursive: true });
        await page.screenshot({ path: path.join(screenshotFolder(repo), 'demo.png'), animations: 'disabled' });
      } finally {
        await browser.close();
      }
    });
  }

  await check('demo: Ctrl+C stops npm start, code-server, the test server and everything they started', async () => {
    if (started.length === 0) started = descendants(demoPid);
    // As a terminal does: SIGINT to the whole foreground job (npm, its shell, the demo script).
    process.kill(-demoPid, 'SIGINT');
    // Processes that are not our children give no exit event: look until none is left, within a deadline.
    const deadline = Date.now() + STOP_DEADLINE_MS;
    let left = started.filter(alive);
    while (left.length > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      left = started.filter(alive);
    }
    if (left.length > 0) {
      const listing = execFileSync('ps', ['-o', 'pid=,cmd=', '-p', left.join(',')], { encoding: 'utf8' }).replace(/--token \S+/g, '--token ***');
      throw new Error(`still running ${STOP_DEADLINE_MS} ms after Ctrl+C:\n${listing}`);
    }
    await exited;
    if (urls.authentik && (await fetch(`${urls.authentik}/-/health/live/`).then(() => true, () => false))) throw new Error('the test server still answers');
    if (!output.some((line) => line.includes('[demo] stopping code-server and the authentik test server'))) throw new Error('the demo did not say it was stopping');
  });

  printCases('The demo (npm start)', cases);
  if (cases.some((c) => !c.passed)) console.log(`\nnpm start printed:\n${output.join('\n')}\n\nworkbench console:\n${consoleLog.slice(-40).join('\n')}`);
  // Whatever failed, leave nothing running.
  for (const pid of [demoPid, ...started, ...descendants(demoPid)]) if (alive(pid)) process.kill(pid, 'SIGKILL');
  console.log(summaryLine(cases));
  return cases.some((c) => !c.passed) ? 1 : 0;
}

main().then((code) => process.exit(code));
