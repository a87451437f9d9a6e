import * as fs from 'node:fs';
import * as path from 'node:path';
import { globSync, isDynamicPattern } from 'tinyglobby';

export const PROVIDER_FILE = /\.oauth2provider\.ya?ml$/;

const NOT_A_FILE = 'not a regular file (a pipe, socket or device): skipped';

export interface FileList {
  files: string[];
  /** Paths that could not be read or matched nothing, with the reason. */
  problems: { path: string; message: string }[];
}

/**
 * Expands the command line's paths: files as given, directories searched for provider files,
 * glob patterns (quoted, so the shell left them alone) matched from the current directory.
 * Symlink loops, unreadable folders and missing paths become problems, never crashes.
 */
export function collectFiles(inputs: readonly string[], cwd = process.cwd()): FileList {
  const files: string[] = [];
  const problems: FileList['problems'] = [];
  const seen = new Set<string>();
  // `key`: the absolute path, which a directory walk knows without resolving each file again.
  const add = (file: string, key = path.resolve(cwd, file)) => {
    if (seen.has(key)) return;
    seen.add(key);
    files.push(file);
  };
  for (const input of inputs) {
    if (!fs.existsSync(path.resolve(cwd, input)) && isDynamicPattern(input)) {
      const matches = globSync(input, { cwd, dot: false, ignore: ['**/node_modules/**'], followSymbolicLinks: false });
      if (matches.length === 0) problems.push({ path: input, message: 'no file matches this pattern' });
      for (const match of matches.sort()) add(match);
      continue;
    }
    let stat: fs.Stats;
    try {
      stat = fs.statSync(path.resolve(cwd, input));
    } catch (error) {
      problems.push({ path: input, message: describeFsError(error) });
      continue;
    }
    if (stat.isDirectory()) walk(input, cwd, add, problems, new Set());
    else if (stat.isFile()) add(input);
    else problems.push({ path: input, message: NOT_A_FILE }); // reading a pipe or a device would block or never end
  }
  return { files, problems };
}

function walk(dir: string, cwd: string, add: (file: string, key: string) => void, problems: FileList['problems'], visited: Set<string>): void {
  const stack = [dir];
  while (stack.length) {
    const current = stack.pop()!;
    const absolute = path.resolve(cwd, current);
    const inside = absolute.endsWith(path.sep) ? absolute : absolute + path.sep;
    let real: string;
    let entries: fs.Dirent[];
    try {
      real = fs.realpathSync(absolute);
      if (visited.has(real)) continue; // a symlink loop or a second way to the same folder
      visited.add(real);
      entries = fs.readdirSync(absolute, { withFileTypes: true });
    } catch (error) {
      problems.push({ path: current, message: describeFsError(error) });
      continue;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const subdirectories: string[] = [];
    for (const entry of entries) {
      const child = path.join(current, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && entry.name !== '.git') subdirectories.push(child);
      } else if (entry.isSymbolicLink()) {
        try {
          const target = fs.statSync(inside + entry.name);
          if (target.isDirectory()) subdirectories.push(child);
          else if (PROVIDER_FILE.test(entry.name)) {
            if (target.isFile()) add(child, inside + entry.name);
            else problems.push({ path: child, message: NOT_A_FILE });
          }
        } catch (error) {
          if (PROVIDER_FILE.test(entry.name)) problems.push({ path: child, message: describeFsError(error) });
        }
      } else if (PROVIDER_FILE.test(entry.name)) {
        if (entry.isFile()) add(child, inside + entry.name);
        else problems.push({ path: child, message: NOT_A_FILE });
      }
    }
    // Depth-first in name order: push in reverse so the first name is visited first.
    stack.push(...subdirectories.reverse());
  }
}

export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ELOOP':
      return 'too many levels of symbolic links (a symlink loop)';
    case 'EISDIR':
      return 'is a directory';
    default:
      return (error as Error)?.message ?? String(error);
  }
}
