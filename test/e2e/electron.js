// @ts-check
// Runs the same mocha suite with @vscode/test-electron, in a desktop VS Code it downloads (not possible
// on machines without internet, where test/e2e/run.sh uses code-server instead). On Linux without a
// display, run it under xvfb-run. VSCODE_VERSION picks the VS Code release (default: code-server's).
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { runTests } = require('@vscode/test-electron');
const { printCases, readMochaReport, summaryLine } = require('./driver/results');

const repo = path.resolve(__dirname, '../..');

/** @param {string[]} args */
function node(args) {
  const result = spawnSync(process.execPath, args, { cwd: repo, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} failed`);
}

async function main() {
  node(['scripts/build.mjs']);
  node(['scripts/e2e/build-suite.mjs']);
  // A throwaway profile and a copy of the workspace, as in run.sh: tests may edit the fixtures.
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'authentik-e2e-electron-'));
  const workspace = path.join(runDir, 'workspace');
  const userData = path.join(runDir, 'user-data');
  const resultsFile = path.join(runDir, 'results.json');
  fs.cpSync(path.join(__dirname, 'workspace'), workspace, { recursive: true });
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.copyFileSync(path.join(__dirname, 'user-settings.json'), path.join(userData, 'User', 'settings.json'));

  let exitCode = 0;
  try {
    await runTests({
      version: process.env.VSCODE_VERSION || '1.100.3',
      extensionDevelopmentPath: repo,
      extensionTestsPath: path.join(repo, 'out/e2e/suite/index.js'),
      extensionTestsEnv: { AUTHENTIK_E2E_RESULTS: resultsFile },
      launchArgs: [workspace, '--user-data-dir', userData, '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
    });
  } catch (error) {
    // runTests rejects when VS Code exits non-zero, which failed tests do too: the report tells which.
    console.error(String(error));
    exitCode = 1;
  }
  const cases = readMochaReport(resultsFile);
  printCases('Extension tests in VS Code (Electron)', cases ?? []);
  if (!cases) console.log(`no report at ${resultsFile}: the suite did not run`);
  const all = cases ?? [{ title: 'extension test run', passed: false }];
  fs.rmSync(runDir, { recursive: true, force: true });
  console.log(summaryLine(all));
  return exitCode !== 0 || all.some((c) => !c.passed) ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
