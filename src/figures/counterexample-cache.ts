// Counterexamples for the site, cached on disk so that a build re-runs the model checker only when the
// question or the engine changed. The key is a hash of (mutant, resolved scope, search bound, hash of every
// src/paxos/**/*.ts file): edit any rule of the engine and every counterexample is searched again; change
// nothing and the build reads node_modules/.cache/paxos-counterexamples/<key>.json.
//
//   const cx = await getCounterexample('no-reply');            // standard scope of the mutant
//   const cx = await getCounterexample('no-reply', { acceptors: 2 });
//   cx.result === 'violation' → cx.trace (paxos-trace/1), cx.property, cx.broken, cx.steps, cx.values
//   cx.cached: whether it came from disk; cx.scripted: a scripted run (forget-promise-on-learn), not a search
//
// Node-only (fs, crypto): the engine itself stays free of Node; this file lives outside src/paxos.
//
// In an Astro build this file is bundled into dist/.prerender, where neither the cache folder nor the
// engine sources are found from its own location; <PaxosCounterexample> therefore calls
// loadCounterexample(), which takes both from the project root the diagrams integration records. The hash
// is the same function either way, so the CLI, the tests and the build share one cache entry per mutant.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MUTANTS, type MutantName } from '../paxos/core/mutants.ts';
import { checkEngine, checkHunted, checkRecorded, checkWitness, type CheckResult } from '../paxos/check/model-check.ts';
import { resolveScope, type ScopeOptions } from '../paxos/check/scopes.ts';
import { SCRIPTED_BY_DEFAULT, WITNESSES } from '../paxos/check/witnesses.ts';
import type { SearchLimits } from '../paxos/check/limits.ts';
import { diagramSettings } from '../diagrams/settings.ts';
import { counterexampleLogLine } from './counterexample.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const cacheDirAt = (root: string): string => join(root, 'node_modules', '.cache', 'paxos-counterexamples');
export const DEFAULT_CACHE_DIR = cacheDirAt(ROOT);
/** A deterministic bound (unlike a time limit), so a cached "incomplete" means the same on every machine. */
export const DEFAULT_MAX_STATES = 1_000_000;

export type CachedResult = CheckResult & { readonly mutant: MutantName; readonly key: string; readonly cached: boolean };

export interface CacheOptions {
  readonly cacheDir?: string;
  readonly maxStates?: number;
  /** Overrides the engine hash (tests); default: hash of src/paxos/**\/*.ts. */
  readonly engineHash?: string;
  /**
   * Serve the mutant's scripted run (witnesses.ts) instead of searching: forget-promise-on-learn (default
   * for it, whose search cannot finish) and small-fast-quorum (the 5-acceptor recovery case).
   */
  readonly scripted?: boolean;
  /** The search to run on a miss (tests count calls); default: checkEngine. */
  readonly run?: (options: ScopeOptions, limits: SearchLimits) => CheckResult;
}

const engineHashMemo = new Map<string, string>();

/** Hash of every engine source file under `root`/src/paxos (path and contents, in path order). */
export function engineSourceHash(root = ROOT): string {
  const known = engineHashMemo.get(root);
  if (known) return known;
  const dir = join(root, 'src', 'paxos');
  const files = (readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts')).sort();
  const h = createHash('sha256');
  for (const f of files) {
    h.update(relative(dir, join(dir, f)).split('\\').join('/'));
    h.update('\0');
    h.update(readFileSync(join(dir, f)));
    h.update('\0');
  }
  const digest = h.digest('hex');
  engineHashMemo.set(root, digest);
  return digest;
}

export async function getCounterexample(mutant: MutantName, scope: Partial<ScopeOptions> = {}, options: CacheOptions = {}): Promise<CachedResult> {
  const info = MUTANTS.find((m) => m.name === mutant);
  if (!info) throw new Error(`getCounterexample: unknown mutant "${mutant}"; run \`paxos mutants\` for the list`);
  const resolved = resolveScope({ ...scope, protocol: scope.protocol ?? info.protocol, mutant });
  const maxStates = options.maxStates ?? DEFAULT_MAX_STATES;
  const engine = options.engineHash ?? engineSourceHash();
  const key = createHash('sha256')
    .update(JSON.stringify({ format: 2, mutant, scope: { ...resolved, timeouts: String(resolved.timeouts) }, maxStates, engine, scripted: options.scripted ?? null }))
    .digest('hex')
    .slice(0, 32);
  const dir = options.cacheDir ?? DEFAULT_CACHE_DIR;
  const file = join(dir, `${key}.json`);
  try {
    const hit = JSON.parse(readFileSync(file, 'utf8')) as CheckResult & { mutant: MutantName };
    return { ...hit, key, cached: true };
  } catch {
    // Missing or unreadable: search again.
  }
  const run = options.run ?? checkEngine;
  // A mutant whose counterexample is beyond the search's reach in its standard scope has a recorded
  // result of the bounded search (witnesses.ts SEARCHED), a hunted run (hunt.ts, HUNTED) or else a scripted
  // one, in that order; `scripted: true` asks for the script.
  // Asked for a particular scope, the search runs instead.
  const useScript = options.scripted ?? (Object.keys(scope).length === 0 && SCRIPTED_BY_DEFAULT.includes(mutant));
  const scripted = useScript ? ((options.scripted === undefined ? (checkRecorded(mutant) ?? checkHunted(mutant)) : undefined) ?? checkWitness(mutant)) : undefined;
  if (useScript && !scripted) throw new Error(`getCounterexample: "${mutant}" has no scripted run; scripted ones: ${Object.keys(WITNESSES).join(', ')}`);
  const result = scripted ?? run(resolved, { maxStates });
  mkdirSync(dir, { recursive: true });
  // Write then rename, so a build killed mid-write never leaves a half file that parses.
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify({ ...result, mutant }));
  renameSync(tmp, file);
  return { ...result, mutant, key, cached: false };
}

/**
 * The mutant's counterexample in its standard scope for the project at `root` (during a build: the
 * Astro config's root), from the disk cache or a fresh search; stderr says which when it searched.
 */
export async function loadCounterexample(mutant: MutantName, root = diagramSettings().root): Promise<CachedResult> {
  const started = performance.now();
  const found = await getCounterexample(mutant, {}, { cacheDir: cacheDirAt(root), engineHash: engineSourceHash(root) });
  const seconds = (performance.now() - started) / 1000;
  if (!found.cached && found.result === 'violation') process.stderr.write(counterexampleLogLine(mutant, found, seconds));
  else if (!found.cached) process.stderr.write(`[paxos] counterexample for ${mutant}: ${found.result} after ${found.states} states in ${seconds.toFixed(1)} s (cached for next time)\n`);
  return found;
}
