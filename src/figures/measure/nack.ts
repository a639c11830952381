// Does a refusal need a message? Time to choose under contention with nack on and off, over many seeds.
// Pure and deterministic (no Node, no DOM, no clock): the note's chart computes it at build time and
// tests/charts/ checks it. The runs are the engine's default Basic workload — every proposer is asked for
// its own value at a random time in the first few message delays, so their rounds overlap — exactly what
// `paxos simulate --protocol basic --proposers N --runs R --nack on|off --drop P` runs, seed for seed.
import { runScenario } from '../../paxos/sim/run.ts';
import { DEFAULTS, type Scenario } from '../../paxos/sim/scenario.ts';
import { DEFAULT_TIMING } from '../../paxos/basic/config.ts';
import type { TraceDocument } from '../../paxos/core/trace.ts';

/** One measured point: one setting, nack on or off, summarised over `runs` seeds. */
export interface NackPoint {
  readonly proposers: number;
  /** Probability that any one message is lost. */
  readonly drop: number;
  readonly nack: boolean;
  readonly runs: number;
  /** Runs in which nothing was chosen before the time limit (left out of the statistics). */
  readonly unchosen: number;
  /** Time to choose, in simulated time units (nearest-rank quantiles). */
  readonly median: number;
  readonly p90: number;
  readonly p95: number;
  readonly mean: number;
}

export interface NackMeasurement {
  readonly firstSeed: number;
  readonly seeds: number;
  readonly acceptors: number;
  readonly latency: readonly [number, number];
  readonly proposerTimeout: number;
  readonly backoff: readonly [number, number];
  readonly proposers: readonly number[];
  readonly drops: readonly number[];
  /** For each drop, each proposer count: nack on, then off. */
  readonly points: readonly NackPoint[];
}

export interface NackOptions {
  readonly firstSeed?: number;
  readonly seeds?: number;
  readonly proposers?: readonly number[];
  readonly drops?: readonly number[];
}

export const NACK_DEFAULTS = { firstSeed: 1, seeds: 500, proposers: [2, 3, 4, 5], drops: [0, 0.1] } as const;

/**
 * From the first proposal to the first node that learns a chosen value (the earliest moment anyone can act
 * on the decision); null when nothing is chosen.
 */
export function timeToChoose(doc: TraceDocument): number | null {
  let proposed: number | null = null;
  for (const e of doc.events) {
    if (e.type === 'propose' && proposed === null) proposed = e.time;
    else if (e.type === 'chosen') return proposed === null ? null : e.time - proposed;
  }
  return null;
}

/** Nearest-rank quantile of an ascending array: the smallest value with at least p of the data at or below it. */
export function quantile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new RangeError('quantile of no data');
  if (!(p > 0 && p <= 1)) throw new RangeError(`quantile p must be in (0, 1], got ${p}`);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
}

export function nackScenario(proposers: number, drop: number, nack: boolean, seed: number): Scenario {
  return { protocol: 'basic', acceptors: 3, proposers, nack, seed, network: { drop } };
}

export function measurePoint(proposers: number, drop: number, nack: boolean, firstSeed: number, seeds: number): NackPoint {
  const times: number[] = [];
  let unchosen = 0;
  for (let seed = firstSeed; seed < firstSeed + seeds; seed++) {
    const t = timeToChoose(runScenario(nackScenario(proposers, drop, nack, seed)));
    if (t === null) unchosen++;
    else times.push(t);
  }
  times.sort((a, b) => a - b);
  const empty = times.length === 0;
  return {
    proposers,
    drop,
    nack,
    runs: seeds,
    unchosen,
    median: empty ? NaN : quantile(times, 0.5),
    p90: empty ? NaN : quantile(times, 0.9),
    p95: empty ? NaN : quantile(times, 0.95),
    mean: empty ? NaN : times.reduce((a, b) => a + b, 0) / times.length,
  };
}

export function measureNack(options: NackOptions = {}): NackMeasurement {
  const firstSeed = options.firstSeed ?? NACK_DEFAULTS.firstSeed;
  const seeds = options.seeds ?? NACK_DEFAULTS.seeds;
  const proposers = options.proposers ?? NACK_DEFAULTS.proposers;
  const drops = options.drops ?? NACK_DEFAULTS.drops;
  if (!Number.isInteger(seeds) || seeds < 1) throw new RangeError(`measureNack: seeds must be an integer ≥ 1, got ${seeds}`);
  const points: NackPoint[] = [];
  for (const drop of drops) {
    for (const n of proposers) {
      for (const nack of [true, false]) points.push(measurePoint(n, drop, nack, firstSeed, seeds));
    }
  }
  return {
    firstSeed,
    seeds,
    acceptors: 3,
    latency: DEFAULTS.latency,
    proposerTimeout: DEFAULT_TIMING.proposerTimeout,
    backoff: DEFAULT_TIMING.backoff,
    proposers,
    drops,
    points,
  };
}

/** The point for one setting, or a message naming what is missing. */
export function pointFor(m: NackMeasurement, proposers: number, drop: number, nack: boolean): NackPoint {
  const p = m.points.find((q) => q.proposers === proposers && q.drop === drop && q.nack === nack);
  if (!p) throw new Error(`nack measurement has no point for proposers=${proposers} drop=${drop} nack=${nack}`);
  return p;
}

// One measurement per build (the chart and any other page share it); the engine is deterministic, so the
// cache can never be stale within a process.
let defaultMeasurement: NackMeasurement | null = null;

/** The default measurement (NACK_DEFAULTS), computed once per process. */
export function nackMeasurement(): NackMeasurement {
  defaultMeasurement ??= measureNack();
  return defaultMeasurement;
}
