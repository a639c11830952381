// Runs one function of tests/hostile/replays.ts in a worker thread with a deadline. A replay that never
// ends must fail its test, not hang the run: a worker can be stopped in the middle of a loop, the test's
// own thread cannot. The deadline is a safety net for a hang, far above any honest replay, never a timing
// target (those live in bench/fuzz.ts).
import { Worker } from 'node:worker_threads';

export type Ending =
  | { readonly ended: 'value'; readonly value: unknown }
  | { readonly ended: 'error'; readonly name: string; readonly path?: string; readonly message: string }
  | { readonly ended: 'timeout'; readonly ms: number };

const REPLAYS = new URL('./replays.ts', import.meta.url).href;

// Plain JavaScript: an eval'd worker is not type-stripped. It loads replays.ts (which is) by import().
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
import(workerData.module)
  .then((m) => m[workerData.fn](...workerData.args))
  .then(
    (value) => parentPort.postMessage({ ended: 'value', value }),
    (e) => parentPort.postMessage({ ended: 'error', name: e && e.name, path: e && e.path, message: String(e && e.message) }),
  );
`;

export function bounded(fn: string, args: readonly unknown[], ms = 30_000): Promise<Ending> {
  return new Promise((resolve) => {
    const worker = new Worker(WORKER, { eval: true, workerData: { module: REPLAYS, fn, args } });
    const timer = setTimeout(() => {
      void worker.terminate();
      resolve({ ended: 'timeout', ms });
    }, ms);
    worker.once('message', (m: Ending) => {
      clearTimeout(timer);
      void worker.terminate();
      resolve(m);
    });
    worker.once('error', (e) => {
      clearTimeout(timer);
      resolve({ ended: 'error', name: e.name, message: e.message });
    });
  });
}
