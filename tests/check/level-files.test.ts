// Level files (SearchOptions.levelFiles): a fingerprint search's levels written to files and read back
// once, in order. Held against in-memory levels: the same rows, across buffer refills and short reads; the
// same search results; and the command line's files (src/cli/level-files.ts) leave nothing behind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SpilledLevel, type LevelFile, type LevelFiles } from '../../src/paxos/check/level-files.ts';
import { checkBounded } from '../../src/paxos/check/model-check.ts';
import { checkTrace } from '../../src/paxos/check/properties.ts';
import { tempLevelFiles } from '../../src/cli/level-files.ts';

/** Files in memory that hand out at most `chunk` words a read, to exercise the reader's loop. */
function memoryFiles(chunk = Infinity): LevelFiles & { open: number; made: number } {
  const files = {
    open: 0,
    made: 0,
    create(): LevelFile {
      files.open++;
      files.made++;
      let data = new Uint32Array(1024);
      let size = 0;
      let closed = false;
      return {
        write(words) {
          if (size + words.length > data.length) {
            const bigger = new Uint32Array(Math.max(data.length * 2, size + words.length));
            bigger.set(data.subarray(0, size));
            data = bigger;
          }
          data.set(words, size);
          size += words.length;
        },
        read(into, offset) {
          const n = Math.max(0, Math.min(into.length, size - offset, chunk));
          into.set(data.subarray(offset, offset + n));
          return n;
        },
        close() {
          assert.ok(!closed, 'a level file closed twice');
          closed = true;
          files.open--;
        },
      };
    },
  };
  return files;
}

/** A deterministic row of 1..40 words for seed i. */
function rowOf(i: number): Uint32Array {
  const row = new Uint32Array(1 + (i % 40));
  for (let k = 0; k < row.length; k++) row[k] = Math.imul(i + 1, 0x9e3779b1 + k) >>> 0;
  return row;
}

test('SpilledLevel: rows come back as written, in order, across buffer refills and short reads; out-of-order use is refused', () => {
  const files = memoryFiles(777);
  const level = new SpilledLevel(100, files.create(), 0x10001);
  const n = 20_000; // about 400,000 words: several buffers' worth
  for (let i = 0; i < n; i++) level.push(rowOf(i), rowOf(i).length);
  assert.throws(() => level.row(100), /still being written/);
  level.seal();
  assert.throws(() => level.push(rowOf(0), 1), /already being expanded/);
  for (let i = 0; i < n; i += i < 1000 ? 1 : 7) assert.deepEqual([...level.row(100 + i)], [...rowOf(i)], `row ${i}`);
  assert.throws(() => level.row(100 + 5), /read already/);
  assert.throws(() => level.row(100 + n), /no state/);
  level.close();
  level.close();
  assert.equal(files.open, 0);
  assert.throws(() => new SpilledLevel(0, files.create(), 1000), /longest row/);
});

test('SpilledLevel: a file that ends inside a row is reported, not read past', () => {
  const files = memoryFiles();
  const file = files.create();
  const level = new SpilledLevel(0, { write: (w) => file.write(w.subarray(0, w.length - 1)), read: file.read, close: file.close }, 0x10001);
  level.push(rowOf(3), rowOf(3).length);
  level.seal();
  assert.throws(() => level.row(0), /ended inside a row/);
});

const SCOPES = [
  { name: 'basic no-first-promise (a violation)', scope: { protocol: 'basic', mutant: 'no-first-promise' } as const },
  { name: 'multi, one slot, a crash (safe)', scope: { protocol: 'multi', slots: 1, maxRound: 1, crashes: 1, timeouts: 1 } as const },
];

for (const { name, scope } of SCOPES) {
  test(`level files give the in-memory fingerprint search's result: ${name}`, () => {
    const memory = checkBounded(scope, undefined, {}, { fingerprints: true });
    const files = memoryFiles(5000);
    const spilled = checkBounded(scope, undefined, {}, { fingerprints: true, levelFiles: files });
    const { ms: _a, ...m } = memory;
    const { ms: _b, ...s } = spilled;
    assert.deepEqual(s, m);
    assert.ok(files.made > 5, `one file per level (${files.made})`);
    assert.equal(files.open, 0, 'every level file closed when the search ends');
    if (spilled.result === 'violation') assert.ok(checkTrace(spilled.trace), 'the trace checker sees the violation');
  });
}

test('level files need fingerprints', () => {
  assert.throws(() => checkBounded({ protocol: 'basic', acceptors: 2 }, undefined, {}, { levelFiles: memoryFiles() }), /fingerprints on/);
});

test('the command line\'s level files have no name: nothing under the temporary folder while they are used, and they are closed by the search or by dispose', () => {
  const before = readdirSync(tmpdir()).filter((n) => n.startsWith('paxos-check-'));
  const files = tempLevelFiles();
  const seen: string[] = [];
  const watched = {
    create() {
      const file = files.create();
      seen.push(...readdirSync(tmpdir()).filter((n) => n.startsWith('paxos-check-') && !before.includes(n)));
      return file;
    },
  };
  const r = checkBounded({ protocol: 'basic', mutant: 'no-first-promise' }, undefined, {}, { fingerprints: true, levelFiles: watched });
  assert.equal(r.result, 'violation');
  assert.deepEqual(seen, [], 'no level file or folder has a name once created');
  const left = files.create();
  left.write(Uint32Array.of(1, 2, 3));
  files.dispose();
  files.dispose();
  assert.throws(() => left.read(new Uint32Array(3), 0), /EBADF|bad file descriptor/i, 'dispose closed the file a search left open');
  assert.throws(() => files.create(), /disposed of/);
});

test('paxos check --spill stopped by SIGINT or SIGKILL in the middle of a search: it stops at once and leaves nothing in the temporary folder', async () => {
  for (const signal of ['SIGINT', 'SIGKILL'] as const) {
    const tmp = mkdtempSync(join(tmpdir(), 'paxos-spill-test-'));
    try {
      const child = spawn(process.execPath, ['src/cli/paxos.ts', 'check', '--protocol', 'multi', '--alpha', '1', '--fingerprints', 'on', '--spill', '--format', 'text'], {
        env: { ...process.env, TMPDIR: tmp },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      // Wait until the search has written a few levels, then stop it.
      await new Promise<void>((resolve, reject) => {
        let text = '';
        child.stderr.on('data', (d: Buffer) => {
          text += d.toString();
          if (/depth (9|\d\d)/.test(text)) resolve();
        });
        child.on('exit', () => reject(new Error(`the search ended before it was stopped: ${text.slice(-300)}`)));
      });
      const stopped = Date.now();
      child.kill(signal);
      // A search that ignores the signal would run for most of an hour: end it here and fail below.
      const guard = setTimeout(() => child.kill('SIGKILL'), 10_000);
      const [code, by] = (await once(child, 'exit')) as [number | null, string | null];
      clearTimeout(guard);
      assert.equal(by, signal, `ended by ${signal} (exit ${code})`);
      assert.ok(Date.now() - stopped < 5000, `${signal} took effect in ${Date.now() - stopped} ms`);
      assert.deepEqual(readdirSync(tmp), [], `nothing left after ${signal}`);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  }
});
