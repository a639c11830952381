// Hunting a counterexample where breadth-first search cannot reach: random runs through the engine's own
// roles, then the first run that chooses two values is shortened by deleting steps while it still does.
//
// Breadth-first search proves its counterexample shortest but pays for every state up to its depth; two
// mutants' runs lie at 23+ steps, where the levels about double at each step (forget-promise-on-learn's
// hunting scope: 2.6 M states by step 18 with a set network, 29 M by step 22). A random run costs its length and nothing
// else, and a bug that some schedule triggers is triggered by a fair share of random schedules (the DST loop
// of tests/engine catches forget-promise-on-learn the same way). What a hunt finds is a real run — every
// step an enabled move of the scope, every outcome the engine's — but not a shortest one: the result says
// so (`shortest: false`) and carries the breadth-first bound instead when the caller has one.
//
// Shortening: delete one step at a time, from the last to the first, and keep the deletion when the rest
// still replays (every remaining step names an enabled move, by content — moveKey, not ordinal) and still
// chooses two values; repeat until no single step can go. The run that remains has no step that can be
// removed on its own; fewer steps may still exist, which is why nothing here says "shortest".
//
// Deterministic: the seed fixes every walk, so the same scope and seed give the same run everywhere.
import { Random } from '../core/random.ts';
import type { Slot, Value } from '../core/ids.ts';
import type { TraceDocument } from '../core/trace.ts';
import { EngineExplorer, type EngineScope } from './explore.ts';
import { clockMs } from './limits.ts';

export interface HuntOptions {
  readonly seed?: number;
  /**
   * The walk to start from (1-based; default 1). Each walk draws from a generator seeded by (seed, walk
   * number) alone, so walk k is the same run whether the hunt starts at 1 or at k: a hunt found once at
   * walk k is reproduced by starting there (witnesses.ts does, and bench/checker.ts runs the whole hunt).
   */
  readonly firstWalk?: number;
  /** Random runs to try at most before giving up. */
  readonly walks?: number;
  /** Moves in one random run at most (a run that has chosen two values by then stops there). */
  readonly maxSteps?: number;
  /** Rounds of step deletion at most (each round tries every step once). */
  readonly shortenRounds?: number;
}

export type HuntResult =
  | { readonly result: 'not-found'; readonly walks: number; readonly ms: number }
  | {
      readonly result: 'violation';
      /** The seed the walks were drawn from, which random run found it (1-based walk number) and how long it was before shortening. */
      readonly seed: number;
      readonly walk: number;
      readonly foundSteps: number;
      /** Moves of the shortened run (the trace adds `epilogue` deliveries so the learners announce). */
      readonly steps: number;
      readonly epilogue: number;
      readonly slot: Slot;
      readonly values: readonly Value[];
      readonly trace: TraceDocument;
      /** A hunt never proves its run shortest. */
      readonly shortest: false;
      readonly ms: number;
    };

/** The weights a walk draws from for each class of move (a class at 0 never moves in that walk). */
const SWARM: readonly number[] = [0, 0.05, 1, 1, 4];

/** Random runs, then shortening (see the file comment). The explorer is built unreduced: a replay wants every message. */
export function hunt(scope: EngineScope, options: HuntOptions = {}): HuntResult {
  const t0 = clockMs();
  const explorer = new EngineExplorer(scope, { reduce: false });
  const seed = options.seed ?? 1;
  let random = new Random(seed);
  const float = (): number => random.float();
  // Swarm weights: each walk gives every class of move (moveClass) a weight of its own, drawn afresh, so
  // that some walks all but never deliver heartbeats, others crash late or keep one server out of a phase:
  // schedules a uniform walk reaches once in millions come up once in thousands.
  const classes = new Map<string, number>();
  const weight = (c: string): number => {
    let w = classes.get(c);
    if (w === undefined) {
      w = SWARM[random.int(0, SWARM.length - 1)]!;
      classes.set(c, w);
    }
    return w;
  };
  const walks = options.walks ?? 100_000;
  const maxSteps = options.maxSteps ?? 60;
  const first = options.firstWalk ?? 1;
  for (let w = first; w < first + walks; w++) {
    random = new Random((Math.imul(seed, 0x9e3779b1) ^ w) >>> 0);
    classes.clear();
    const keys = explorer.walk(float, maxSteps, weight);
    if (!keys) continue;
    const short = shorten(explorer, keys, options.shortenRounds ?? 20);
    const cx = explorer.counterexample(short.path);
    return {
      result: 'violation',
      seed,
      walk: w,
      foundSteps: keys.length,
      steps: short.path.length,
      epilogue: cx.epilogue,
      slot: cx.slot,
      values: cx.values,
      trace: cx.trace,
      shortest: false,
      ms: Math.round(clockMs() - t0),
    };
  }
  return { result: 'not-found', walks, ms: Math.round(clockMs() - t0) };
}

/** Deletes steps while the run still chooses two values (see the file comment); bounded by `rounds`. */
function shorten(explorer: EngineExplorer, found: readonly string[], rounds: number): { path: number[]; keys: string[] } {
  let best = explorer.replayKeys(found);
  if (!best) throw new Error('model checker: a hunted run did not replay by its move keys');
  for (let round = 0; round < rounds; round++) {
    let changed = false;
    for (let k = best.keys.length - 1; k >= 0; k--) {
      const fewer = explorer.replayKeys([...best.keys.slice(0, k), ...best.keys.slice(k + 1)]);
      if (fewer && fewer.keys.length < best.keys.length) {
        best = fewer;
        changed = true;
        k = Math.min(k, best.keys.length);
      }
    }
    if (!changed) break;
  }
  return best;
}
