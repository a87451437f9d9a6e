import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after } from 'node:test';

/** Creates a temporary folder holding `files` (relative path -> content), removed after the suite. */
export function tempTree(files: Record<string, string | Buffer>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'authentik-cli-test-'));
  for (const [relative, content] of Object.entries(files)) {
    const file = path.join(root, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
  after(() => fs.rmSync(root, { recursive: true, force: true }));
  return root;
}

/** A provider body that passes validation for the newest release (what a file without a version comment is checked for): six lines. */
export function validProvider(name: string): string {
  return [
    `name: ${name}`,
    'authorization_flow: 8f3b0c7e-6a44-4b1e-9a5e-1f2d3c4b5a60',
    'invalidation_flow: 8f3b0c7e-6a44-4b1e-9a5e-1f2d3c4b5a63',
    'redirect_uris:',
    '  - matching_mode: strict',
    '    url: https://app.example.com/cb',
    '',
  ].join('\n');
}
