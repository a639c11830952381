// Deterministic simulation testing, reusable for every protocol: many seeded random faulty runs, every
// trace checked against the seven safety properties, bounded in time, and a failing seed reported with the
// exact `paxos simulate` command that replays it.
//
//   const result = runDst({ protocol: 'multi', runs: 3000 });
//   assert.deepEqual(result.failures, [], formatFailures(result));
//
// The random scenarios use only settings the CLI has flags for, so the printed command is the whole story.
import { checkTrace, type Violation } from '../../src/paxos/check/properties.ts';
import type { ProtocolName } from '../../src/paxos/core/trace.ts';
import type { MutantName } from '../../src/paxos/core/mutants.ts';
import { Random } from '../../src/paxos/core/random.ts';
import type { NetworkSpec, Scenario } from '../../src/paxos/sim/scenario.ts';
import { Simulation } from '../../src/paxos/sim/simulation.ts';
import { getProtocol } from '../../src/paxos/registry.ts';
import { resolveScenario } from '../../src/paxos/sim/validate.ts';

export interface DstSettings {
  readonly protocol: ProtocolName;
  readonly acceptors: number;
  readonly proposers: number;
  readonly clients?: number;
  readonly seed: number;
  readonly drop: number;
  readonly duplicate: number;
  readonly crashes: number;
  readonly partitions: number;
  readonly nack: boolean;
  readonly maxTime: number;
  readonly mutant?: MutantName;
  /** Basic with flexible quorums (`--q1`, `--q2`); absent means a majority. */
  readonly phase1Quorum?: number;
  readonly phase2Quorum?: number;
}

/** Sizes and fault rates drawn from the seed (its own stream), so one number names the whole run. */
export function randomSettings(protocol: ProtocolName, seed: number, overrides: Partial<DstSettings> = {}): DstSettings {
  const r = new Random((seed * 2654435761) >>> 0);
  return {
    protocol,
    acceptors: r.pick([3, 3, 5]),
    proposers: r.pick([1, 2, 2, 3]),
    seed,
    drop: r.pick([0, 0.05, 0.1, 0.2]),
    duplicate: r.pick([0, 0.05, 0.15]),
    crashes: r.int(0, 3),
    partitions: r.int(0, 2),
    nack: r.chance(0.7),
    maxTime: 400,
    ...overrides,
  };
}

/**
 * A faulty network drawn from `r`: latency 1..maxLatency, loss, duplication, reordering and up to
 * `maxPartitions` partitions. The wider generators of the Fast and Multi DST tests share it; the draw order
 * is fixed, so a seed names the same network in both.
 */
export function randomFaultyNetwork(r: Random, maxLatency: number, maxPartitions: number): NetworkSpec {
  return {
    latency: [1, r.int(1, maxLatency)],
    drop: r.pick([0, 0.05, 0.15, 0.3]),
    duplicate: r.pick([0, 0.1, 0.25]),
    reorder: r.pick([0, 0.1, 0.3]),
    partitions: r.int(0, maxPartitions),
  };
}

export function toScenario(s: DstSettings): Scenario {
  return {
    protocol: s.protocol,
    acceptors: s.acceptors,
    proposers: s.proposers,
    ...(s.clients !== undefined ? { clients: s.clients } : {}),
    nack: s.nack,
    ...(s.mutant ? { mutant: s.mutant } : {}),
    ...(s.phase1Quorum !== undefined || s.phase2Quorum !== undefined
      ? { options: { ...(s.phase1Quorum !== undefined ? { phase1Quorum: s.phase1Quorum } : {}), ...(s.phase2Quorum !== undefined ? { phase2Quorum: s.phase2Quorum } : {}) } }
      : {}),
    seed: s.seed,
    network: { drop: s.drop, duplicate: s.duplicate, partitions: s.partitions },
    faults: { crashes: s.crashes },
    maxTime: s.maxTime,
  };
}

/** The command that prints the same trace. */
export function replayCommand(s: DstSettings, format: 'json' | 'text' | 'mermaid' = 'text'): string {
  const flags = [
    `--protocol ${s.protocol}`,
    `--acceptors ${s.acceptors}`,
    `--proposers ${s.proposers}`,
    ...(s.clients !== undefined ? [`--clients ${s.clients}`] : []),
    `--seed ${s.seed}`,
    `--drop ${s.drop}`,
    `--duplicate ${s.duplicate}`,
    `--crashes ${s.crashes}`,
    `--partitions ${s.partitions}`,
    `--nack ${s.nack ? 'on' : 'off'}`,
    `--max-time ${s.maxTime}`,
    ...(s.mutant ? [`--mutant ${s.mutant}`] : []),
    ...(s.phase1Quorum !== undefined ? [`--q1 ${s.phase1Quorum}`] : []),
    ...(s.phase2Quorum !== undefined ? [`--q2 ${s.phase2Quorum}`] : []),
    `--format ${format}`,
  ];
  return `npm run --silent paxos -- simulate ${flags.join(' ')}`;
}

export interface DstFailure {
  readonly settings: DstSettings;
  readonly violation: Violation;
  readonly command: string;
}

export interface DstResult {
  readonly runs: number;
  readonly events: number;
  /** Runs in which some node learned a chosen value. */
  readonly decided: number;
  readonly failures: readonly DstFailure[];
  readonly ms: number;
}

export interface DstOptions {
  readonly protocol: ProtocolName;
  /** Exactly this many runs (fewer only when stopping at a failure), seeds firstSeed … firstSeed+runs−1.
   *  A fixed count, never a time budget: the same test checks the same runs on every machine. */
  readonly runs: number;
  readonly firstSeed?: number;
  /** Fixed settings laid over the random ones (e.g. clients for Multi, a mutant). */
  readonly overrides?: Partial<DstSettings>;
  /** Stop at the first failure (default true). */
  readonly stopAtFirst?: boolean;
  /** Progress lines (default: stderr every 2 s). */
  readonly progress?: (line: string) => void;
}

export function runDst(opts: DstOptions): DstResult {
  const first = opts.firstSeed ?? 1;
  const progress = opts.progress ?? ((line: string) => process.stderr.write(`${line}\n`));
  const start = Date.now();
  let lastReport = start;
  let events = 0;
  let decided = 0;
  let runs = 0;
  const failures: DstFailure[] = [];
  for (let seed = first; seed < first + opts.runs; seed++) {
    const settings = randomSettings(opts.protocol, seed, opts.overrides);
    const sim = new Simulation(resolveScenario(toScenario(settings), getProtocol));
    sim.runSteps();
    const doc = sim.trace();
    runs++;
    events += doc.events.length;
    if (doc.events.some((e) => e.type === 'chosen')) decided++;
    const violation = checkTrace(doc);
    if (violation) {
      failures.push({ settings, violation, command: replayCommand(settings) });
      if (opts.stopAtFirst ?? true) break;
    }
    if (Date.now() - lastReport > 2000) {
      lastReport = Date.now();
      progress(`dst ${opts.protocol}: ${runs} runs, ${events} events, ${failures.length} violations`);
    }
  }
  return { runs, events, decided, failures, ms: Date.now() - start };
}

export function formatFailures(r: DstResult): string {
  return r.failures
    .map((f) => `seed ${f.settings.seed}: ${f.violation.property} at event ${f.violation.seq}: ${f.violation.message}\n  replay: ${f.command}`)
    .join('\n');
}
