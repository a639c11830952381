// `paxos check --fingerprints on --spill`: the search's level files (src/paxos/check/level-files.ts) as
// real files under the system's temporary folder that have no name. Each is created in a fresh private
// folder, opened for reading and writing, and unlinked at once, folder and all: the open descriptor is the
// only way to it, so the kernel frees its blocks when the descriptor is closed or the process ends, however
// it ends. A signal handler could not promise that: the search is one synchronous loop, so a handler for
// SIGINT would run only after the search, and Ctrl-C would do nothing for an hour; SIGKILL and the
// out-of-memory killer run no handler at all.
import { closeSync, mkdtempSync, openSync, readSync, rmdirSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LevelFile, LevelFiles } from '../paxos/check/level-files.ts';

export interface TempLevelFiles extends LevelFiles {
  /** Closes every level file still open (a search that threw leaves some); safe to call twice. */
  dispose(): void;
}

export function tempLevelFiles(): TempLevelFiles {
  const open = new Set<number>();
  let gone = false;
  return {
    dispose(): void {
      gone = true;
      for (const fd of open) closeSync(fd);
      open.clear();
    },
    create(): LevelFile {
      if (gone) throw new Error('paxos check: the level files were disposed of');
      const folder = mkdtempSync(join(tmpdir(), 'paxos-check-'));
      const path = join(folder, 'level.rows');
      let fd: number;
      try {
        fd = openSync(path, 'wx+', 0o600);
      } finally {
        // Whether or not it opened, nothing stays behind by name.
        try {
          unlinkSync(path);
        } catch {
          // not created
        }
        rmdirSync(folder);
      }
      open.add(fd);
      let words = 0;
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
          if (got % 4 !== 0) throw new Error('paxos check: a level file ends in a partial word');
          return got / 4;
        },
        close(): void {
          if (!open.delete(fd)) return;
          closeSync(fd);
        },
      };
    },
  };
}
