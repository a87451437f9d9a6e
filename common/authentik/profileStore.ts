import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ProfileStore } from './serverSchema';

/** A cached schema is a few KiB; anything much larger in the directory is not one of ours. */
const MAX_ENTRY_BYTES = 4 * 1024 * 1024;

/** One file per key in `directory` (created when first written); writes replace the file whole. */
export function directoryStore(directory: string): ProfileStore {
  const fileOf = (key: string) => path.join(directory, path.basename(key));
  return {
    async read(key) {
      try {
        const file = fileOf(key);
        const stat = await fs.stat(file);
        if (!stat.isFile() || stat.size > MAX_ENTRY_BYTES) return undefined;
        return await fs.readFile(file, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },
    async write(key, text) {
      await fs.mkdir(directory, { recursive: true });
      const file = fileOf(key);
      // Written beside and renamed, so a reader never sees half an entry.
      const partial = `${file}.${process.pid}.partial`;
      await fs.writeFile(partial, text, 'utf8');
      await fs.rename(partial, file);
    },
  };
}

/** The CLI's cache: `$XDG_CACHE_HOME/authentik-oauth2`, else `~/.cache/authentik-oauth2`. */
export function cliCacheDirectory(env: NodeJS.ProcessEnv, home = os.homedir()): string {
  const xdg = env.XDG_CACHE_HOME;
  return path.join(xdg && path.isAbsolute(xdg) ? xdg : path.join(home, '.cache'), 'authentik-oauth2');
}
