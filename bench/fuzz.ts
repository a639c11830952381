// Fuzz benchmark: every module in bench/fuzz/ that exports `fuzzClasses: FuzzClass[]` (bench/fuzz/class.ts)
// is loaded, and each class is fed seeds first, first+1, … for a fixed budget: --seeds inputs or --seconds
// of wall time, whichever ends first. Per class it prints the inputs tried, the crashes (an attempt that
// rejected), the hangs (an attempt over 1 s) and the slowest input with its seed and description; every
// crash and hang is listed with its seed, so `--first SEED --seeds 1` replays it. Progress goes to stderr.
//   npm run bench -- fuzz
//   npm exec -- node bench/fuzz.ts [--seeds 2000] [--seconds 20] [--first 1] [--class "share link"]
// Each class runs in a worker thread; an attempt still running after --kill seconds (default 10) is a hang
// that would never end, so the worker is stopped, the hang recorded and the class goes on from the next
// seed. Exit 1 when some class crashed (that is a bug, not a timing); 2 for a bad flag.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { FuzzClass } from './fuzz/class.ts';

const HANG_MS = 1000;

interface Job {
  readonly file: string;
  readonly index: number;
  readonly first: number;
  readonly last: number;
  /** Wall-clock deadline (ms since the epoch) for starting another attempt. */
  readonly deadline: number;
  /** [seed being tried, its start time in ms since the epoch]; NaN between attempts. */
  readonly live: SharedArrayBuffer;
}

type Report =
  | { readonly seed: number; readonly ms: number; readonly error?: string }
  /** An exception outside attempt's promise (a throw in a timer, an unhandled rejection) during `seed`. */
  | { readonly seed: number; readonly outside: string }
  | { readonly done: true };

async function classesOf(file: string): Promise<FuzzClass[]> {
  const mod = (await import(pathToFileURL(file).href)) as { fuzzClasses?: unknown };
  return Array.isArray(mod.fuzzClasses) ? (mod.fuzzClasses as FuzzClass[]) : [];
}

const now = (): number => performance.timeOrigin + performance.now();

function firstLine(e: unknown): string {
  const text = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  return text.split('\n')[0]!.slice(0, 300);
}

// ---- worker: runs one class over a range of seeds --------------------------------------------------------

async function work(job: Job): Promise<void> {
  const fuzz = (await classesOf(job.file))[job.index]!;
  const live = new Float64Array(job.live);
  const outside = (e: unknown): void => parentPort!.postMessage({ seed: live[0]!, outside: firstLine(e) } satisfies Report);
  process.on('uncaughtException', outside);
  process.on('unhandledRejection', outside);
  for (let seed = job.first; seed <= job.last && now() < job.deadline; seed++) {
    const start = now();
    live[0] = seed;
    live[1] = start;
    let error: string | undefined;
    try {
      await fuzz.attempt(seed);
    } catch (e) {
      error = firstLine(e);
    }
    live[1] = NaN;
    // Let the attempt's leftover timers run now, so an exception they throw is blamed on this seed.
    await new Promise((done) => setTimeout(done, 0));
    const report: Report = error === undefined ? { seed, ms: now() - start } : { seed, ms: now() - start, error };
    parentPort!.postMessage(report);
  }
  parentPort!.postMessage({ done: true } satisfies Report);
}

// ---- main: loads the classes, runs each in a worker with a watchdog, prints the table ------------------------

interface Tally {
  name: string;
  tried: number;
  crashes: { seed: number; message: string }[];
  hangs: { seed: number; ms: number }[];
  slowest: { seed: number; ms: number } | null;
  describe: (seed: number) => string;
}

function flag(argv: readonly string[], name: string, fallback: number): number {
  const i = argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const v = Number(argv[i + 1]);
  if (!Number.isSafeInteger(v) || v < (name === 'first' ? 0 : 1)) {
    process.stderr.write(`bench/fuzz: --${name} must be a whole number${name === 'first' ? '' : ' ≥ 1'}, got ${argv[i + 1] ?? 'nothing'}\n`);
    process.exit(2);
  }
  return v;
}

/** Runs one class from `first` until the budget ends; restarts the worker after a hang. */
function runClass(file: string, index: number, tally: Tally, first: number, last: number, deadline: number, killMs: number): Promise<void> {
  return new Promise((resolve) => {
    let next = first;
    const start = (): void => {
      if (next > last || now() >= deadline) {
        resolve();
        return;
      }
      const live = new SharedArrayBuffer(16);
      new Float64Array(live).fill(NaN);
      const job: Job = { file, index, first: next, last, deadline, live };
      const worker = new Worker(fileURLToPath(import.meta.url), { workerData: job });
      let finished = false;
      const finish = (restartFrom?: number): void => {
        if (finished) return;
        finished = true;
        clearInterval(watchdog);
        if (restartFrom === undefined) {
          void worker.terminate().then(() => resolve());
          return;
        }
        next = restartFrom;
        void worker.terminate().then(start);
      };
      const watchdog = setInterval(() => {
        const [seed, since] = new Float64Array(live);
        if (!Number.isNaN(since!) && now() - since! > killMs) {
          tally.tried++;
          tally.hangs.push({ seed: seed!, ms: now() - since! });
          finish(seed! + 1);
        }
      }, 100);
      worker.on('message', (r: Report) => {
        if ('done' in r) {
          finish();
          return;
        }
        if ('outside' in r) {
          tally.crashes.push({ seed: r.seed, message: `outside the attempt: ${r.outside}` });
          return;
        }
        tally.tried++;
        if (r.error !== undefined) tally.crashes.push({ seed: r.seed, message: r.error });
        if (r.ms > HANG_MS) tally.hangs.push({ seed: r.seed, ms: r.ms });
        if (!tally.slowest || r.ms > tally.slowest.ms) tally.slowest = { seed: r.seed, ms: r.ms };
        next = r.seed + 1;
      });
      worker.on('error', (e) => {
        // The worker itself failed (it could not load the class): blame the seed it was on and go on.
        const seed = new Float64Array(live)[0]!;
        tally.tried++;
        tally.crashes.push({ seed, message: `outside the attempt: ${firstLine(e)}` });
        finish(seed + 1);
      });
      worker.on('exit', () => finish(next));
    };
    start();
  });
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const seeds = flag(argv, 'seeds', 2000);
  const seconds = flag(argv, 'seconds', 20);
  const first = flag(argv, 'first', 1);
  const killMs = flag(argv, 'kill', 10) * 1000;
  const only = argv.includes('--class') ? argv[argv.indexOf('--class') + 1] : undefined;

  const dir = join(dirname(fileURLToPath(import.meta.url)), 'fuzz');
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts') && f !== 'class.ts').sort();
  const tallies: Tally[] = [];
  for (const f of files) {
    const file = join(dir, f);
    const classes = await classesOf(file);
    for (let index = 0; index < classes.length; index++) {
      const c = classes[index]!;
      if (only !== undefined && c.name !== only) continue;
      const tally: Tally = { name: `${c.name} (${f})`, tried: 0, crashes: [], hangs: [], slowest: null, describe: (s) => c.describe(s) };
      tallies.push(tally);
      const began = now();
      const progress = setInterval(() => {
        process.stderr.write(`fuzz: ${tally.name}: ${tally.tried} inputs, ${tally.crashes.length} crashes, ${tally.hangs.length} hangs, ${((now() - began) / 1000).toFixed(0)} s\n`);
      }, 1000);
      await runClass(file, index, tally, first, first + seeds - 1, began + seconds * 1000, killMs);
      clearInterval(progress);
    }
  }
  if (tallies.length === 0) {
    process.stderr.write(`bench/fuzz: no fuzz class found${only ? ` named "${only}"` : ''} in bench/fuzz/\n`);
    process.exit(2);
  }

  console.log(`fuzz: up to ${seeds} seeds from ${first} or ${seconds} s per class; a hang is an input over ${HANG_MS} ms`);
  const width = Math.max(...tallies.map((t) => t.name.length));
  console.log(`${'class'.padEnd(width)}  inputs  crashes  hangs  slowest`);
  for (const t of tallies) {
    const slow = t.slowest ? `${Math.round(t.slowest.ms)} ms, seed ${t.slowest.seed}: ${t.describe(t.slowest.seed)}` : '-';
    console.log(`${t.name.padEnd(width)}  ${String(t.tried).padStart(6)}  ${String(t.crashes.length).padStart(7)}  ${String(t.hangs.length).padStart(5)}  ${slow.slice(0, 160)}`);
  }
  for (const t of tallies) {
    for (const c of t.crashes.slice(0, 10)) console.log(`crash  ${t.name} seed ${c.seed}: ${c.message}\n       input: ${t.describe(c.seed).slice(0, 300)}`);
    for (const h of t.hangs.slice(0, 10)) console.log(`hang   ${t.name} seed ${h.seed}: ${Math.round(h.ms)} ms\n       input: ${t.describe(h.seed).slice(0, 300)}`);
  }
  process.exit(tallies.some((t) => t.crashes.length > 0) ? 1 : 0);
}

if (isMainThread) await main();
else await work(workerData as Job);
