import * as fs from 'node:fs';
import * as path from 'node:path';

/** Put in by the bundler (esbuild `define` in scripts/build.mjs) from package.json's version. */
declare const PACKAGE_VERSION: string | undefined;

/** The version in package.json; read from the file itself when the sources run unbundled (tests, tsx). */
export const VERSION: string =
  typeof PACKAGE_VERSION === 'string' ? PACKAGE_VERSION : (JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')) as { version: string }).version;
