// Where <PaxosCounterexample> gets the checker's result during an Astro build. src/counterexamples/cache.ts
// finds the project (its cache folder and the engine sources it hashes) from its own file's location, and in
// a build that file is bundled into dist/.prerender, where neither exists. So the component passes both
// explicitly, from the project root the diagrams integration records (the Astro config's root). The hash is
// computed the way cache.ts computes it (path and contents of every src/paxos/**/*.ts, in path order), so
// the CLI, the tests and the build share one cache.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getCounterexample, type CachedResult } from '../../counterexamples/cache.ts';
import type { MutantName } from '../../paxos/core/mutants.ts';
import { diagramSettings } from '../../diagrams/settings.ts';
import { counterexampleLogLine } from './counterexample.ts';

const memo = new Map<string, string>();

export function engineHashAt(root: string): string {
  const hit = memo.get(root);
  if (hit) return hit;
  const dir = join(root, 'src', 'paxos');
  const files = (readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts')).sort();
  const h = createHash('sha256');
  for (const f of files) {
    h.update(f.split('\\').join('/'));
    h.update('\0');
    h.update(readFileSync(join(dir, f)));
    h.update('\0');
  }
  const digest = h.digest('hex');
  memo.set(root, digest);
  return digest;
}

/** The mutant's counterexample in its standard scope, from the disk cache or a fresh search (stderr says so). */
export async function loadCounterexample(mutant: MutantName, root = diagramSettings().root): Promise<CachedResult> {
  const started = performance.now();
  const found = await getCounterexample(mutant, {}, { cacheDir: join(root, 'node_modules', '.cache', 'paxos-counterexamples'), engineHash: engineHashAt(root) });
  if (!found.cached && found.result === 'violation') process.stderr.write(counterexampleLogLine(mutant, found, (performance.now() - started) / 1000));
  else if (!found.cached) process.stderr.write(`[paxos] counterexample for ${mutant}: ${found.result} after ${found.states} states in ${((performance.now() - started) / 1000).toFixed(1)} s (cached for next time)\n`);
  return found;
}
