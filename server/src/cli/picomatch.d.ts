// The part of picomatch 4 that the file search uses (the package ships no types).
declare module 'picomatch' {
  interface PicomatchOptions {
    /** Match names that start with a dot (default false: `*` and `**` skip them, as a shell does). */
    dot?: boolean;
  }
  interface ScanResult {
    /** The leading part of the pattern without glob characters ('' when the pattern starts with one). */
    base: string;
    /** The rest of the pattern, from the first segment with a glob character. */
    glob: string;
    isGlob: boolean;
  }
  interface Picomatch {
    (glob: string | string[], options?: PicomatchOptions): (test: string) => boolean;
    scan(pattern: string): ScanResult;
  }
  const picomatch: Picomatch;
  export default picomatch;
}
