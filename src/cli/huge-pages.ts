// A fingerprint search's table is gigabytes read at random: every probe misses the cache and, in the
// kernel's 4 KB pages, the TLB as well. glibc (2.35 and later) asks the kernel for transparent huge pages
// for its large blocks, which is where Node keeps typed arrays, when the tunable glibc.malloc.hugetlb=1 is
// set; the kernel's default THP mode, "madvise", grants exactly such requests. Measured here on Multi's
// crash scope with the table sized for 170 M states, over its first 10 M states: 41.1 and 38.7 s without,
// 32.8 and 33.4 s with. Other systems ignore the tunable.
//
// glibc reads tunables when a process starts, so `paxos check --fingerprints on` starts itself once more
// with it. GLIBC_TUNABLES=glibc.malloc.hugetlb=0 in the environment keeps the search in the first process.
// The second process stops when the first one is gone (killed by pid, say, where Ctrl-C reaches both).
import { spawnSync } from 'node:child_process';
import { constants } from 'node:os';

const NAME = 'glibc.malloc.hugetlb';
/** Set in the second process to the first one's pid. */
const FIRST = 'PAXOS_CHECK_FIRST_PID';

/** `env` with huge pages asked for, or undefined when it already says either way. */
export function hugePagesEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv | undefined {
  const tunables = env['GLIBC_TUNABLES'] ?? '';
  if (tunables.split(':').some((t) => t.startsWith(`${NAME}=`))) return undefined;
  return { ...env, GLIBC_TUNABLES: tunables === '' ? `${NAME}=1` : `${tunables}:${NAME}=1` };
}

/**
 * The exit code of this same command run again with huge pages asked for, or undefined to go on in this
 * process: off Linux, when the environment already says, or when the second process cannot start.
 */
export function againWithHugePages(say?: (line: string) => void): number | undefined {
  if (process.platform !== 'linux') return undefined;
  const env = hugePagesEnv(process.env);
  if (!env) return undefined;
  say?.(`asking glibc for huge pages for the fingerprint table (${NAME}=1; ${NAME}=0 in GLIBC_TUNABLES does without)`);
  const child = spawnSync(process.execPath, [...process.execArgv, ...process.argv.slice(1)], { stdio: 'inherit', env: { ...env, [FIRST]: String(process.pid) } });
  if (child.error) return undefined;
  if (child.signal) return 128 + (constants.signals[child.signal] ?? 0);
  return child.status ?? 1;
}

/**
 * In the second process: whether the first one is gone, so this one should stop too. The search holds the
 * event loop, so no timer could ask; the CLI asks from the search's progress hook, about once a second.
 */
export function firstProcessGone(): boolean {
  const first = process.env[FIRST];
  return first !== undefined && String(process.ppid) !== first;
}
