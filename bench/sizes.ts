import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO } from './servers';

export interface SizeMeasurements {
  /** Bytes of authentik-oauth2.vsix, or undefined when it has not been packaged. */
  vsixBytes?: number;
  /** Production bundles built by scripts/build.mjs --production in a scratch copy (dist/ is left alone). */
  production: { extension: number; server: number; serverPath: string };
  /** The bundles in dist/ as they are now, and whether that build is the development one (source maps). */
  current: { extension?: number; server?: number; build: 'development' | 'production' | 'missing' };
}

const SOURCES = ['client', 'common', 'server', 'schemas', 'scripts', 'syntaxes', 'package.json', 'tsconfig.json', 'tsconfig.base.json', 'LICENSE'];

function sizeOf(file: string): number | undefined {
  try {
    return fs.statSync(file).size;
  } catch {
    return undefined;
  }
}

export function measureSizes(workDir: string): SizeMeasurements {
  const copy = path.join(workDir, 'production-build');
  fs.mkdirSync(copy, { recursive: true });
  for (const entry of SOURCES) {
    const source = path.join(REPO, entry);
    if (fs.existsSync(source)) fs.cpSync(source, path.join(copy, entry), { recursive: true });
  }
  fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(copy, 'node_modules'), 'dir');
  execFileSync(process.execPath, ['scripts/build.mjs', '--production'], { cwd: copy, stdio: 'pipe' });
  const built = (name: string) => {
    const size = sizeOf(path.join(copy, 'dist', name));
    if (size === undefined) throw new Error(`production build did not produce dist/${name}`);
    return size;
  };

  const distServer = path.join(REPO, 'dist', 'server.js');
  const build = !fs.existsSync(distServer) ? 'missing' : fs.existsSync(`${distServer}.map`) ? 'development' : 'production';
  return {
    vsixBytes: sizeOf(path.join(REPO, 'authentik-oauth2.vsix')),
    production: { extension: built('extension.js'), server: built('server.js'), serverPath: path.join(copy, 'dist', 'server.js') },
    current: { extension: sizeOf(path.join(REPO, 'dist', 'extension.js')), server: sizeOf(distServer), build },
  };
}
