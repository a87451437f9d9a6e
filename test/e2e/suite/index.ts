import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { revertAndCloseEditors } from './helpers';

/** Where mocha's JSON reporter writes; the launchers read it (console output of the extension host is mangled). */
export function resultsFile(): string {
  return process.env.AUTHENTIK_E2E_RESULTS || path.resolve(__dirname, '..', 'results.json');
}

/** Entry point called by VS Code's extension test runner (code-server payload or @vscode/test-electron). */
export function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    timeout: 30_000,
    reporter: 'json',
    reporterOptions: { output: resultsFile() },
    rootHooks: { afterEach: revertAndCloseEditors },
  });
  const files = fs
    .readdirSync(__dirname)
    .filter((name) => name.endsWith('.test.js'))
    .sort();
  for (const name of files) mocha.addFile(path.join(__dirname, name));
  fs.rmSync(resultsFile(), { force: true });
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} end-to-end test(s) failed`)) : resolve()));
  });
}
