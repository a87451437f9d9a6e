// @ts-check
// The launcher test/e2e/run.sh starts once code-server is up: runs the mocha suite in the extension
// host, then the UI scenario, prints every case and ends with the `N passed, N failed` line.
const fs = require('node:fs');
const path = require('node:path');
const { runExtensionTests } = require('./extensionTests');
const { printCases, printMeasurements, readMeasurements, readMochaReport, screenshotFolder, summaryLine } = require('./results');
const { runUiScenario } = require('./uiScenario');
const { launchBrowser } = require('./workbench');

const repo = path.resolve(__dirname, '../../..');

/** @param {string} name */
function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set (test/e2e/run.sh sets it)`);
  return value;
}

/** @param {number} since milliseconds */
function seconds(since) {
  return `${((Date.now() - since) / 1000).toFixed(1)} s`;
}

/** @param {import('./results').CaseResult[]} cases filled as the run goes, so a crash keeps what ran */
async function runAll(cases) {
  const base = required('E2E_CODE_SERVER_URL');
  const folder = required('E2E_WORKSPACE');
  const resultsFile = required('AUTHENTIK_E2E_RESULTS');
  const screenshots = screenshotFolder(repo);
  const artifacts = process.env.E2E_ARTIFACTS || path.join(repo, 'out/e2e/artifacts');
  fs.mkdirSync(screenshots, { recursive: true });

  /** @type {string[]} */
  const consoleLog = [];
  const browser = await launchBrowser();
  try {
    let started = Date.now();
    const exitCode = await runExtensionTests(browser, {
      base,
      folder,
      repo,
      testsIndex: path.join(repo, 'out/e2e/suite/index.js'),
      deadlineMs: Number(process.env.E2E_SUITE_DEADLINE_MS || 150_000),
      consoleLog,
    });
    const mocha = readMochaReport(resultsFile) ?? [];
    printCases(`Extension tests in the extension host: exit code ${exitCode}, ${seconds(started)}`, mocha);
    cases.push(...mocha);
    // A suite that did not load, or hung, may leave no failed test behind: count the run itself.
    if (exitCode !== 0 && !mocha.some((c) => !c.passed)) {
      cases.push({ title: 'extension test run', passed: false, error: `ended with ${exitCode} and no failed test in ${resultsFile}` });
    }

    started = Date.now();
    /** @type {Record<string, string>} */
    const measurements = readMeasurements(resultsFile);
    const ui = await runUiScenario(browser, { base, folder, repo, screenshots, artifacts, consoleLog, measurements });
    printCases(`UI scenario in the workbench: ${seconds(started)}`, ui);
    cases.push(...ui);
    printMeasurements(measurements);
  } finally {
    await browser.close();
    if (cases.some((c) => !c.passed)) {
      fs.mkdirSync(artifacts, { recursive: true });
      fs.writeFileSync(path.join(artifacts, 'workbench-console.log'), consoleLog.join('\n') + '\n');
      console.log(`\nLogs and screenshots of failures: ${artifacts}`);
    }
  }
}

async function main() {
  /** @type {import('./results').CaseResult[]} */
  const cases = [];
  try {
    await runAll(cases);
  } catch (error) {
    console.error(error);
    cases.push({ title: 'end-to-end launcher', passed: false, error: String(error) });
  }
  const startedAt = Number(process.env.E2E_STARTED_AT_MS);
  if (startedAt) console.log(`\nEnd-to-end run: ${seconds(startedAt)} in all`);
  // The closing line CI reads: nothing is printed after it.
  console.log(summaryLine(cases));
  return cases.some((c) => !c.passed) ? 1 : 0;
}

main().then((code) => process.exit(code));
