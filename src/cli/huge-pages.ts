// A fingerprint search's table is gigabytes read at random: every probe misses the cache and, in the
// kernel's 4 KB pages, the TLB as well. glibc (2.35 and later) asks the kernel for transparent huge pages
// for its large blocks, which is where Node keeps typed arrays, when the tunable glibc.malloc.hugetlb=1 is
// set; the kernel's default THP mode, "madvise", grants exactly such requests. Measured here on Multi's
// crash scope with the table sized for 170 M states, over its first 10 M states: 41.1 and 38.7 s without,
// 32.8 and 33.4 s with. Other systems ignore the tunable.
//
// glibc reads tunables when a process starts, so `paxos check --fingerprints on` starts itself once more
// with it. GLIBC_TUNABLES=glibc.malloc.hugetlb=0 in the environment keeps the search in the first process.
import { spawnSync } from 'node:child_process';
import { constants } from 'node:os';

const NAME = 'glibc.malloc.hugetlb';

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
export function againWithHugePages(): number | undefined {
  if (process.platform !== 'linux') return undefined;
  const env = hugePagesEnv(process.env);
  if (!env) return undefined;
  const child = spawnSync(process.execPath, [...process.execArgv, ...process.argv.slice(1)], { stdio: 'inherit', env });
  if (child.error) return undefined;
  if (child.signal) return 128 + (constants.signals[child.signal] ?? 0);
  return child.status ?? 1;
}
