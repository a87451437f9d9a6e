import * as fs from 'node:fs';

/** Provider files are a few KiB: one read into this reused buffer gets a whole file and tells its size. */
const SHARED = Buffer.allocUnsafe(64 * 1024);

/**
 * The bytes of a file, or its size when that is over `limit`: a file over the limit is not read
 * at all (one of several hundred MiB would end the whole run; no string is that long).
 * A small file costs one open, one read and one close; the bytes returned for it are a view of a
 * buffer the next call reuses, so use them before reading another file.
 */
export function readWithinLimit(file: string, limit: number): Buffer | { tooLarge: number } {
  const fd = fs.openSync(file, 'r');
  try {
    const first = Math.min(SHARED.length, limit + 1);
    const length = readInto(fd, SHARED, first);
    if (length < first) return SHARED.subarray(0, length); // the whole file, within the limit
    const { size } = fs.fstatSync(fd);
    if (size > limit) return { tooLarge: size };
    const buffer = Buffer.allocUnsafe(size);
    return buffer.subarray(0, readInto(fd, buffer, size));
  } finally {
    fs.closeSync(fd);
  }
}

/** Reads from the start of the file until `want` bytes or its end; returns how many bytes were read. */
function readInto(fd: number, buffer: Buffer, want: number): number {
  let length = 0;
  while (length < want) {
    const read = fs.readSync(fd, buffer, length, want - length, length);
    if (read === 0) break;
    length += read;
  }
  return length;
}
