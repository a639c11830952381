// `paxos check --fingerprints on` starts itself once more with glibc's huge-pages tunable
// (src/cli/huge-pages.ts). The second process must be the same command: same output, same exit code,
// every flag passed on; the environment must be extended, never overwritten; and a user's own setting of
// the tunable, either way, keeps the search in the first process.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { hugePagesEnv } from '../../src/cli/huge-pages.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

function check(env: NodeJS.ProcessEnv, ...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['src/cli/paxos.ts', 'check', ...args], { cwd: root, encoding: 'utf8', timeout: 120_000, env });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('the tunable is added to what GLIBC_TUNABLES holds, and a setting of it either way is left alone', () => {
  assert.equal(hugePagesEnv({})?.['GLIBC_TUNABLES'], 'glibc.malloc.hugetlb=1');
  assert.equal(hugePagesEnv({ GLIBC_TUNABLES: '' })?.['GLIBC_TUNABLES'], 'glibc.malloc.hugetlb=1');
  assert.equal(hugePagesEnv({ GLIBC_TUNABLES: 'glibc.malloc.arena_max=2' })?.['GLIBC_TUNABLES'], 'glibc.malloc.arena_max=2:glibc.malloc.hugetlb=1');
  assert.equal(hugePagesEnv({ GLIBC_TUNABLES: 'glibc.malloc.hugetlb=0' }), undefined);
  assert.equal(hugePagesEnv({ GLIBC_TUNABLES: 'glibc.malloc.arena_max=2:glibc.malloc.hugetlb=2' }), undefined);
  // A name that only contains the tunable's is another tunable; odd bytes are passed on, not interpreted.
  assert.equal(hugePagesEnv({ GLIBC_TUNABLES: 'x.glibc.malloc.hugetlb=0' })?.['GLIBC_TUNABLES'], 'x.glibc.malloc.hugetlb=0:glibc.malloc.hugetlb=1');
  assert.equal(hugePagesEnv({ GLIBC_TUNABLES: '\u0007:..' })?.['GLIBC_TUNABLES'], '\u0007:..:glibc.malloc.hugetlb=1');
  // The rest of the environment goes with it.
  assert.equal(hugePagesEnv({ PATH: '/bin', GLIBC_TUNABLES: '' })?.['PATH'], '/bin');
});

test('started again with huge pages, a search prints and exits exactly as it does in one process', () => {
  const env = { ...process.env };
  delete env['GLIBC_TUNABLES'];
  const stay = { ...env, GLIBC_TUNABLES: 'glibc.malloc.hugetlb=0' };
  // A violation (exit 1, a counterexample on stdout) and a safe scope (exit 0).
  for (const args of [['--mutant', 'no-first-promise'], ['--max-round', '1']]) {
    const twice = check(env, '--fingerprints', 'on', ...args);
    const once = check(stay, '--fingerprints', 'on', ...args);
    assert.equal(twice.code, once.code, twice.stderr);
    assert.equal(twice.code, args[0] === '--mutant' ? 1 : 0, twice.stderr);
    // The same states, moves and verdict; only the time may differ.
    const strip = (out: string) => out.replace(/"ms":\d+/g, '"ms":0');
    assert.equal(strip(twice.stdout), strip(once.stdout));
    // Said once, by the first process (the second has the tunable); not said when the user chose.
    assert.equal(twice.stderr.match(/asking glibc for huge pages/g)?.length, process.platform === 'linux' ? 1 : undefined);
    assert.doesNotMatch(once.stderr, /huge pages/);
  }
  // --quiet keeps it quiet, and without --fingerprints nothing starts again.
  assert.doesNotMatch(check(env, '--fingerprints', 'on', '--max-round', '1', '--quiet').stderr, /huge pages/);
  assert.doesNotMatch(check(env, '--max-round', '1').stderr, /huge pages/);
});

/** Processes whose environment holds `entry` (the second process carries its first one's pid). */
function processesWith(entry: string): number[] {
  const found: number[] = [];
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').includes(entry)) found.push(Number(pid));
    } catch {
      // gone, or not ours to read
    }
  }
  return found;
}

test('the second process ends when the first is killed by pid (SIGKILL leaves it no time to pass anything on)', { skip: process.platform !== 'linux' }, async () => {
  const env = { ...process.env };
  delete env['GLIBC_TUNABLES'];
  // A search that runs for most of an hour.
  const first = spawn(process.execPath, ['src/cli/paxos.ts', 'check', '--protocol', 'multi', '--alpha', '1', '--fingerprints', 'on'], {
    cwd: root,
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const marker = `PAXOS_CHECK_FIRST_PID=${first.pid}`;
  await new Promise<void>((resolve, reject) => {
    let text = '';
    first.stderr.on('data', (d: Buffer) => {
      text += d.toString();
      if (/states\/s/.test(text)) resolve();
    });
    first.on('exit', () => reject(new Error(`the search ended before it was stopped: ${text.slice(-300)}`)));
  });
  assert.equal(processesWith(marker).length, 1, 'the search runs in a second process');
  first.kill('SIGKILL');
  await once(first, 'exit');
  const deadline = Date.now() + 10_000;
  while (processesWith(marker).length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  const left = processesWith(marker);
  for (const pid of left) process.kill(pid, 'SIGKILL');
  assert.deepEqual(left, [], 'the second process outlived the first by 10 s');
});
