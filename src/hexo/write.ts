// Atomic file writes: the content goes to a temporary file in the target folder first, then takes
// the target name in one step, so a reader (or a crash) never sees half a note. Without `force` the
// final step is a hard link, which the file system refuses if the name exists (no check-then-write race).
import { closeSync, existsSync, fsyncSync, linkSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';

export class AlreadyExists extends Error {
  readonly path: string;
  constructor(path: string) {
    super(`${path} already exists`);
    this.path = path;
  }
}

export function writeFileAtomic(path: string, content: string | Uint8Array, options: { force: boolean }): void {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true });
  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const fd = openSync(temp, 'wx');
  try {
    writeSync(fd, typeof content === 'string' ? Buffer.from(content, 'utf8') : content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    if (options.force) {
      renameSync(temp, path);
      return;
    }
    try {
      linkSync(temp, path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') throw new AlreadyExists(path);
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV') throw error;
      // A file system without hard links: check, then rename (a small race, but still atomic content).
      if (existsSync(path)) throw new AlreadyExists(path);
      renameSync(temp, path);
    }
  } finally {
    rmSync(temp, { force: true });
  }
}
