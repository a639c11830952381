// The real site, built once per `npm test` run and shared by every test file that needs it
// (reader, playground and diagram e2e tests):
//
//   const dist = await ensureBuiltSite();   // absolute path of <project>/dist
//
// `node --test` runs test files in child processes of one runner; the first file to get here takes
// a lock directory and runs `npm run build` (exactly what the README's Quick start does), the others
// wait for the marker it leaves for this runner (keyed by the runner's pid), then reuse dist/.
// Set PAXOS_TEST_REUSE_DIST=1 to skip the build and use an existing dist/ (local iteration only).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from './project.ts';

const STATE_DIR = join(PROJECT_ROOT, 'node_modules', '.cache', 'site-test-build');
const LOCK = join(STATE_DIR, 'lock');
const STALE_MS = 15 * 60 * 1000;

interface Marker {
  code: number;
  output: string;
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function lockIsStale(): boolean {
  try {
    const owner = Number(readFileSync(join(LOCK, 'pid'), 'utf8'));
    if (owner && !alive(owner)) return true;
    return Date.now() - statSync(LOCK).mtimeMs > STALE_MS;
  } catch {
    // No pid file yet: the owner is between mkdir and writing it, unless it has been like that for long.
    try {
      return Date.now() - statSync(LOCK).mtimeMs > 60_000;
    } catch {
      return false;
    }
  }
}

function runBuild(): Promise<Marker> {
  return new Promise((resolve) => {
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const child = spawn(npm, ['run', 'build'], { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const take = (d: Buffer) => {
      output += d;
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.on('error', (err) => resolve({ code: 1, output: `${output}\n${err.message}` }));
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

let memo: Promise<string> | undefined;

/** Build the real site into <project>/dist once per test run; resolves to the dist path. */
export function ensureBuiltSite(): Promise<string> {
  memo ??= ensure();
  return memo;
}

async function ensure(): Promise<string> {
  const dist = join(PROJECT_ROOT, 'dist');
  if (process.env['PAXOS_TEST_REUSE_DIST'] === '1' && existsSync(join(dist, 'index.html'))) return dist;
  mkdirSync(STATE_DIR, { recursive: true });
  const marker = join(STATE_DIR, `built-for-runner-${process.ppid}.json`);
  for (;;) {
    if (existsSync(marker)) {
      const result = JSON.parse(readFileSync(marker, 'utf8')) as Marker;
      if (result.code !== 0) {
        throw new Error(`npm run build failed (exit ${result.code}):\n${result.output.slice(-4000)}`);
      }
      return dist;
    }
    try {
      mkdirSync(LOCK);
    } catch {
      if (lockIsStale()) rmSync(LOCK, { recursive: true, force: true });
      await sleep(500);
      continue;
    }
    try {
      writeFileSync(join(LOCK, 'pid'), String(process.pid));
      // Markers of earlier runs whose runner has exited are of no use to anyone.
      for (const old of readdirSync(STATE_DIR)) {
        const m = /^built-for-runner-(\d+)\.json$/.exec(old);
        if (m && !alive(Number(m[1]))) rmSync(join(STATE_DIR, old), { force: true });
      }
      process.stderr.write('[built-site] building the site (npm run build)…\n');
      const result = await runBuild();
      process.stderr.write(`[built-site] build finished with exit code ${result.code}\n`);
      writeFileSync(marker, JSON.stringify(result));
    } finally {
      rmSync(LOCK, { recursive: true, force: true });
    }
  }
}
