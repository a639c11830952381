// `paxos check --fingerprints on --spill`: the search's level files (src/paxos/check/level-files.ts) as
// real files, in a folder of their own under the system's temporary folder, which is removed when the
// search ends, fails or is interrupted. Nothing is written anywhere else.
import { closeSync, mkdtempSync, openSync, readSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LevelFile, LevelFiles } from '../paxos/check/level-files.ts';

export interface TempLevelFiles extends LevelFiles {
  /** The folder the files are in. */
  readonly folder: string;
  /** Removes the folder and everything in it (safe to call twice). */
  dispose(): void;
}

export function tempLevelFiles(): TempLevelFiles {
  const folder = mkdtempSync(join(tmpdir(), 'paxos-check-'));
  let made = 0;
  let gone = false;
  const dispose = (): void => {
    if (gone) return;
    gone = true;
    rmSync(folder, { recursive: true, force: true });
  };
  return {
    folder,
    dispose,
    create(): LevelFile {
      if (gone) throw new Error(`paxos check: the level files' folder ${folder} was removed`);
      const path = join(folder, `level-${made++}.rows`);
      const fd = openSync(path, 'w+', 0o600);
      let words = 0;
      let open = true;
      return {
        write(data: Uint32Array): void {
          const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
          // writeSync may write less than asked: loop until every byte is down.
          for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done, words * 4 + done);
          words += data.length;
        },
        read(into: Uint32Array, offset: number): number {
          const bytes = new Uint8Array(into.buffer, into.byteOffset, into.byteLength);
          let got = 0;
          for (;;) {
            const n = readSync(fd, bytes, got, bytes.length - got, offset * 4 + got);
            got += n;
            if (n === 0 || got === bytes.length) break;
          }
          if (got % 4 !== 0) throw new Error(`paxos check: ${path} ends in a partial word`);
          return got / 4;
        },
        close(): void {
          if (!open) return;
          open = false;
          closeSync(fd);
          unlinkSync(path);
        },
      };
    },
  };
}
