import * as fs from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';

export const PROVIDER_FILE = /\.oauth2provider\.ya?ml$/;

const NOT_A_FILE = 'not a regular file (a pipe, socket or device): skipped';

/** Folders a search never enters, and a symbolic link never leads into. */
const SKIPPED_FOLDERS = new Set(['node_modules', '.git']);

/** How far a search goes; each limit, when reached, is said on stderr and makes the run exit with 2. */
export interface SearchLimits {
  /** Provider files to check, over all paths of the command line. */
  maxFiles: number;
  /** Folder levels below the folder a search starts in (a followed link counts as a level). */
  maxDepth: number;
}

export const DEFAULT_SEARCH_LIMITS: SearchLimits = { maxFiles: 20_000, maxDepth: 32 };

export interface FoundFile {
  /** As shown in the output: relative to where the search started, as the command line gave it. */
  path: string;
  /** The resolved path that was checked (no symbolic link left), which is the one read. */
  real: string;
}

/**
 * What the search says besides the files, in the order it found it: `error` for a path that could not be
 * read or matched nothing and for a limit reached (the run exits with 2), `warning` for a symbolic link
 * that was not followed (the run goes on).
 */
export interface SearchNote {
  level: 'error' | 'warning';
  path: string;
  message: string;
}

export interface FileList {
  files: FoundFile[];
  notes: SearchNote[];
}

/**
 * Expands the command line's paths: files as given, directories searched for provider files, glob
 * patterns (quoted, so the shell left them alone) matched by walking from their fixed leading folder.
 *
 * One rule for symbolic links in all three: a link is followed only while it leads to a place the
 * search itself would reach, inside the folder it started in (for a path named on the command line
 * inside the working directory, that is the working directory) and not into `.git` or `node_modules`.
 * Any other link is reported and not read: a pull request cannot make the CLI read `.git/config`,
 * `/etc/passwd` or the whole machine. Links inside are followed once (each folder is walked once, so
 * loops end). Missing paths and unreadable folders become problems, never crashes.
 */
export function collectFiles(inputs: readonly string[], cwd = process.cwd(), limits: SearchLimits = DEFAULT_SEARCH_LIMITS): FileList {
  const search = new Search(cwd, limits);
  for (const input of inputs) {
    if (search.stopped) break;
    const scan = picomatch.scan(input);
    if (scan.isGlob && !fs.existsSync(path.resolve(cwd, input))) search.glob(input, scan.base || '.', scan.glob);
    else search.path(input);
  }
  return search.result();
}

/** Whether `target` (a resolved path) is where a search from `root` (resolved) may go; else why not. */
function whyOutside(target: string, root: string): string | undefined {
  const relative = path.relative(root, target);
  if (relative === '') return undefined;
  if (isOutsideRelative(relative)) return 'outside';
  const skipped = relative.split(path.sep).find((part) => SKIPPED_FOLDERS.has(part));
  return skipped ? `into ${skipped}` : undefined;
}

interface Folder {
  /** As shown. */
  shown: string;
  /** Resolved: read from here, so that no link is followed twice. */
  real: string;
  depth: number;
}

class Search {
  readonly files: FoundFile[] = [];
  readonly notes: SearchNote[] = [];
  stopped = false;
  private readonly seen = new Set<string>();
  private readonly visited = new Set<string>();
  private tooDeep: { first: string; count: number } | undefined;
  private readonly cwdReal: string;

  constructor(private readonly cwd: string, private readonly limits: SearchLimits) {
    this.cwdReal = safeRealpath(cwd) ?? path.resolve(cwd);
  }

  result(): FileList {
    if (this.tooDeep) {
      const others = this.tooDeep.count > 1 ? ` (and ${this.tooDeep.count - 1} more)` : '';
      this.problem(this.tooDeep.first, `more than ${this.limits.maxDepth} folder levels deep (--max-depth): not searched${others}`);
    }
    return { files: this.files, notes: this.notes };
  }

  private problem(file: string, message: string): void {
    this.notes.push({ level: 'error', path: file, message });
  }

  private warning(file: string, message: string): void {
    this.notes.push({ level: 'warning', path: file, message });
  }

  /** A file or folder named on the command line. */
  path(input: string): void {
    const real = this.namedTarget(input);
    if (!real) return;
    let stat: fs.Stats;
    try {
      stat = fs.statSync(real);
    } catch (error) {
      this.problem(input, describeFsError(error));
      return;
    }
    if (stat.isDirectory()) this.walk(input, real, (shown) => PROVIDER_FILE.test(shown));
    else if (stat.isFile()) this.add(input, real);
    else this.problem(input, NOT_A_FILE); // reading a pipe or a device would block or never end
  }

  /** A glob: its fixed leading folder walked, each path as shown matched against the whole pattern. */
  glob(pattern: string, base: string, rest: string): void {
    const matcher = picomatch(pattern, { dot: false });
    const before = this.files.length + this.notes.length;
    const real = fs.existsSync(path.resolve(this.cwd, base)) ? this.namedTarget(base) : undefined;
    if (real && safeStat(real)?.isDirectory()) {
      // Without `**` a pattern reaches only as deep as its own folders: no need to walk further.
      const depth = rest.includes('**') ? undefined : rest.split('/').length - 1;
      this.walk(base, real, (shown) => matcher(shown.split(path.sep).join('/')), depth);
    }
    if (this.files.length + this.notes.length === before) this.problem(pattern, 'no file matches this pattern');
  }

  /**
   * The resolved path of something named on the command line, or undefined (said why). Inside the working
   * directory, a name that passes through a link must stay inside it; outside, the user chose the place.
   */
  private namedTarget(input: string): string | undefined {
    const absolute = path.resolve(this.cwd, input);
    let real: string;
    try {
      real = fs.realpathSync(absolute);
    } catch (error) {
      this.problem(input, describeFsError(error));
      return undefined;
    }
    const relative = path.relative(this.cwd, absolute);
    const named = isOutsideRelative(relative) ? undefined : path.join(this.cwdReal, relative);
    if (named !== undefined && real !== named) {
      const outside = whyOutside(real, this.cwdReal);
      if (outside) {
        this.warning(input, linkMessage(outside, 'the working directory'));
        return undefined;
      }
    }
    return real;
  }

  private add(shown: string, real: string): void {
    if (this.seen.has(real)) return; // the same file by a second name (a link, or named twice)
    if (this.files.length >= this.limits.maxFiles) {
      this.stopped = true;
      this.problem(shown, `stopped at ${this.limits.maxFiles} files (--max-files): this file and the rest were not checked`);
      return;
    }
    this.seen.add(real);
    this.files.push({ path: shown, real });
  }

  /**
   * Depth-first in name order, so output is the same on every machine; symbolic links wait until the
   * folders themselves were walked, so a file is shown by its own path, not by a link's. `accept`: whether
   * a file, by the path shown, is wanted. `patternDepth`: how deep a glob without `**` reaches (deeper is
   * not an error).
   */
  private walk(start: string, startReal: string, accept: (shown: string) => boolean, patternDepth?: number): void {
    const maxDepth = Math.min(this.limits.maxDepth, patternDepth ?? Infinity);
    const where = start === '.' ? 'the folder searched' : `the folder searched (${start})`;
    const stack: Folder[] = [{ shown: start, real: startReal, depth: 0 }];
    const links: Folder[] = [];
    const below = (parent: Folder, shown: string, real: string): Folder | undefined => {
      if (parent.depth + 1 <= maxDepth) return { shown, real, depth: parent.depth + 1 };
      if (patternDepth === undefined || patternDepth > this.limits.maxDepth) this.tooDeep = { first: this.tooDeep?.first ?? shown, count: (this.tooDeep?.count ?? 0) + 1 };
      return undefined;
    };
    while (!this.stopped && (stack.length || links.length)) {
      if (!stack.length) {
        // `link.depth` is that of the folder holding the link.
        const link = links.shift()!;
        this.link(link.shown, link.real, startReal, where, accept, (shown, real) => {
          const folder = below(link, shown, real);
          if (folder) stack.push(folder);
        });
        continue;
      }
      const folder = stack.pop()!;
      if (this.visited.has(folder.real)) continue; // a link loop, or a second way to the same folder
      this.visited.add(folder.real);
      let entries: fs.Dirent[];
      try {
        entries = fs.readdirSync(folder.real, { withFileTypes: true });
      } catch (error) {
        this.problem(folder.shown, describeFsError(error));
        continue;
      }
      entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      const subfolders: Folder[] = [];
      for (const entry of entries) {
        if (this.stopped) break;
        const shown = path.join(folder.shown, entry.name);
        const real = path.join(folder.real, entry.name);
        if (entry.isDirectory()) {
          const sub = SKIPPED_FOLDERS.has(entry.name) ? undefined : below(folder, shown, real);
          if (sub) subfolders.push(sub);
        } else if (entry.isSymbolicLink()) {
          links.push({ shown, real, depth: folder.depth });
        } else if (accept(shown)) {
          if (entry.isFile()) this.add(shown, real);
          else this.problem(shown, NOT_A_FILE);
        }
      }
      // Push in reverse so the first name is visited first.
      stack.push(...subfolders.reverse());
    }
  }

  private link(shown: string, real: string, root: string, where: string, accept: (shown: string) => boolean, enter: (shown: string, real: string) => void): void {
    const wanted = accept(shown);
    let target: string;
    let stat: fs.Stats;
    try {
      target = fs.realpathSync(real);
      stat = fs.statSync(target);
    } catch (error) {
      // A dangling link or a loop: a problem only where a provider file was expected.
      if (wanted) this.problem(shown, describeFsError(error));
      return;
    }
    if (!stat.isDirectory() && !wanted) return;
    const outside = whyOutside(target, root);
    if (outside) this.warning(shown, linkMessage(outside, where));
    else if (stat.isDirectory()) enter(shown, target);
    else if (stat.isFile()) this.add(shown, target);
    else this.problem(shown, NOT_A_FILE);
  }
}

const isOutsideRelative = (relative: string) => relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative);

function linkMessage(outside: string, where: string): string {
  return outside === 'outside'
    ? `a symbolic link that leads outside ${where}: not followed`
    : `a symbolic link that leads ${outside}, which a search never enters: not followed`;
}

function safeRealpath(file: string): string | undefined {
  try {
    return fs.realpathSync(file);
  } catch {
    return undefined;
  }
}

function safeStat(file: string): fs.Stats | undefined {
  try {
    return fs.statSync(file);
  } catch {
    return undefined;
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
    case 'ENOTDIR':
      return 'not a directory';
    default:
      return (error as Error)?.message ?? String(error);
  }
}
