// @ts-check
// Turns mocha's JSON report and the UI checks into one list of cases, printed the same way by every launcher.
const fs = require('node:fs');
const path = require('node:path');

/** @typedef {{ title: string, passed: boolean, durationMs?: number, error?: string }} CaseResult */

/**
 * Reads the report written by mocha's JSON reporter inside the extension host.
 * @param {string} file
 * @returns {CaseResult[] | undefined} undefined when the suite wrote no report (it did not load or run)
 */
function readMochaReport(file) {
  if (!fs.existsSync(file)) return undefined;
  /** @type {{ tests: { fullTitle: string, duration?: number, err: { message?: string, stack?: string } }[] }} */
  const report = JSON.parse(fs.readFileSync(file, 'utf8'));
  return report.tests.map((test) => {
    const failed = Boolean(test.err && (test.err.message || test.err.stack));
    return {
      title: test.fullTitle,
      passed: !failed,
      durationMs: test.duration,
      error: failed ? test.err.stack || test.err.message : undefined,
    };
  });
}

/**
 * Prints one line per case, the errors indented below, then the closing line CI reads.
 * @param {string} heading
 * @param {CaseResult[]} cases
 */
function printCases(heading, cases) {
  console.log(`\n${heading}`);
  for (const c of cases) {
    const duration = c.durationMs === undefined ? '' : ` (${c.durationMs} ms)`;
    console.log(`  ${c.passed ? 'ok  ' : 'FAIL'} ${c.title}${duration}`);
    // Playwright's messages carry terminal colours; CI logs want plain text.
    if (c.error) console.log(c.error.replace(/\x1b\[[0-9;]*m/g, '').replace(/^/gm, '         '));
  }
}

/**
 * The plain closing line, alone on its line: `N passed, N failed`.
 * @param {CaseResult[]} cases
 */
function summaryLine(cases) {
  const passed = cases.filter((c) => c.passed).length;
  return `${passed} passed, ${cases.length - passed} failed`;
}

/**
 * The figures the suite measured (metrics.json beside mocha's report), by name.
 * @param {string} resultsFile
 * @returns {Record<string, string>}
 */
function readMeasurements(resultsFile) {
  const file = path.join(path.dirname(resultsFile), 'metrics.json');
  return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
}

/** @param {Record<string, string>} measurements */
function printMeasurements(measurements) {
  const entries = Object.entries(measurements);
  if (entries.length === 0) return;
  console.log('\nMeasured');
  for (const [name, value] of entries) console.log(`  ${name}: ${value}`);
}

/**
 * Where screenshots go: out/e2e/screenshots (ignored by git), or with E2E_SCREENSHOTS=1 the README's
 * pictures in test/e2e/screenshots, to refresh them.
 * @param {string} repo
 */
function screenshotFolder(repo) {
  return process.env.E2E_SCREENSHOTS === '1' ? path.join(repo, 'test/e2e/screenshots') : path.join(repo, 'out/e2e/screenshots');
}

module.exports = { readMochaReport, printCases, printMeasurements, readMeasurements, screenshotFolder, summaryLine };
