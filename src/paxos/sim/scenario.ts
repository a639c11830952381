// Scenarios: plain JSON data that describe one run — protocol, sizes, network, faults, seed and optionally a
// script of steps. They cross into the browser and into share links, so validation is hand-written (no
// dependency) and every complaint names the field path, e.g.
//   steps[3].node: unknown node "A9"; nodes are P1, P2, A1, A2, A3
//
// Schema (every field but `protocol` optional; defaults in brackets):
//   {
//     "protocol": "basic" | "multi" | "fast",
//     "acceptors": int ≥ 1 [3], "proposers": int ≥ 1 [2], "clients": int ≥ 0 [protocol's default; Basic
//         has no client nodes: its proposers take the proposals],
//     "nack": bool [true], "mutant": one of `paxos mutants` for this protocol,
//     "classicQuorum", "fastQuorum": ints, Fast Paxos only (q_c > n/2, q_c + 2·q_f > 2n unless mutant
//         "small-fast-quorum"),
//     "timing": { "proposerTimeout", "backoff": [min,max], "heartbeat", "electionTimeout": [min,max] },
//     "options": { protocol-specific config fields: "lease" (multi), "learners", "opening" (fast); or one of
//         acceptors … timing above, given here instead of at the top level, never in both },
//     "seed": int [1],
//     "network": { "latency": [min,max] [1,3], "drop": p [0], "duplicate": p [0],
//                  "reorder": p [0] (a message is held back an extra [max, 4·max], so later ones overtake it),
//                  "partitions": int (that many random ones) | [{ "nodes": [ids], "from": t, "to": t }]
//                      (the listed nodes are cut off from the rest from t to t) },
//     "faults": { "crashes": int (that many random ones) | [{ "node": id, "at": t, "recover"?: t }] },
//     "workload": bool [true without steps, false with steps] — each proposing node (clients if the protocol
//         has any, else proposers) is asked to propose `proposals` values v1, v2, … at random early times,
//         and again after it recovers from a crash while its value is not chosen,
//     "proposals": int ≥ 0 [1],
//     "maxTime": t [500], "maxEvents": int [20000],
//     "steps": [Step, …] — without steps the run is `[{ "type": "run", "until": "quiet" }]`,
//     "title", "description", "expect": free, for the notes (ignored by the engine)
//   }
// Every other field, at any level (`options.acceptorz`, `timing.hartbeat`), is rejected naming its path.
// Sizes, fault counts, steps, maxTime and maxEvents are capped by SCENARIO_LIMITS (limits.ts), the same for
// every protocol and every way a scenario enters; a replay that would record more than maxEvents events or
// hold more than SCENARIO_LIMITS.inFlight messages in flight stops with a ReplayBudgetError naming the step.
// Step (also the playground's Action; `at` = do it at this simulated time, default: now, or when the
// message/timer is due). deliver/drop/duplicate/timeout steps overrule the network (its loss draws and
// partitions apply only when time runs by itself, in tick and run); a message to a crashed node is lost
// either way:
//   { "type": "propose", "node": id, "value": string | null }
//   { "type": "deliver" | "drop" | "duplicate", "match": Pattern, "count"?: int | "all" }
//       the next in-flight message(s) matching; order: due time, then send order
//   { "type": "crash" | "recover", "node": id }
//   { "type": "timeout", "node": id, "timer"?: name }        fire a pending timer (default: its earliest)
//   { "type": "tick" }                                       the next scheduled event, whatever it is
//   { "type": "run", "until": "quiet" | t }                  ticks until nothing is left, or up to time t
// Any step may carry "narration": a short caption (≤ NARRATION_MAX characters, zh-CN in the notes) that a
// playground shows beside the picture when the run reaches that step; the engine ignores it.
// Pattern: { "kind"?, "from"?, "to"?, "id"?, "copy"?, "slot"?, "value"?, "ballot"?: { "round"?, "node"? } }
//   (`copy` tells a duplicate apart from its original: 0 is the original.)
import type { NodeId, Value } from '../core/ids.ts';
import type { TimingConfig } from '../core/protocol.ts';
import type { ProtocolName } from '../core/trace.ts';
import type { MutantName } from '../core/mutants.ts';
import { SCENARIO_LIMITS } from './limits.ts';

export interface PartitionSpec {
  readonly nodes: readonly NodeId[];
  readonly from: number;
  readonly to: number;
}

export interface CrashSpec {
  readonly node: NodeId;
  readonly at: number;
  readonly recover?: number;
}

export interface NetworkSpec {
  readonly latency?: readonly [number, number];
  readonly drop?: number;
  readonly duplicate?: number;
  readonly reorder?: number;
  readonly partitions?: number | readonly PartitionSpec[];
}

export interface Pattern {
  readonly kind?: string;
  readonly from?: NodeId;
  readonly to?: NodeId;
  readonly id?: number;
  readonly copy?: number;
  readonly slot?: number;
  readonly value?: Value;
  readonly ballot?: { readonly round?: number; readonly node?: NodeId };
}

/** Longest narration caption: a sentence beside the picture, not a paragraph. */
export const NARRATION_MAX = 120;

export type Step = { readonly narration?: string } & (
  | { readonly type: 'propose'; readonly node: NodeId; readonly value: Value; readonly at?: number }
  | { readonly type: 'deliver' | 'drop' | 'duplicate'; readonly match: Pattern; readonly count?: number | 'all'; readonly at?: number }
  | { readonly type: 'crash' | 'recover'; readonly node: NodeId; readonly at?: number }
  | { readonly type: 'timeout'; readonly node: NodeId; readonly timer?: string; readonly at?: number }
  | { readonly type: 'tick' }
  | { readonly type: 'run'; readonly until: 'quiet' | number }
);

/** The playground drives a Simulation with the same data a script is made of. */
export type Action = Step;

export interface Scenario {
  readonly protocol: ProtocolName;
  readonly acceptors?: number;
  readonly proposers?: number;
  readonly clients?: number;
  readonly nack?: boolean;
  readonly mutant?: MutantName;
  readonly classicQuorum?: number;
  readonly fastQuorum?: number;
  readonly timing?: Partial<TimingConfig>;
  readonly options?: Readonly<Record<string, unknown>>;
  readonly seed?: number;
  readonly network?: NetworkSpec;
  readonly faults?: { readonly crashes?: number | readonly CrashSpec[] };
  readonly workload?: boolean;
  readonly proposals?: number;
  readonly maxTime?: number;
  readonly maxEvents?: number;
  readonly steps?: readonly Step[];
  readonly title?: string;
  readonly description?: string;
  readonly expect?: unknown;
}

export class ScenarioError extends Error {
  /** Field path such as `steps[3].node`, or `scenario` for the whole document. */
  readonly path: string;
  constructor(path: string, message: string) {
    super(`${path}: ${message}`);
    this.name = 'ScenarioError';
    this.path = path;
  }
}

export const DEFAULTS = {
  seed: 1,
  latency: [1, 3] as readonly [number, number],
  maxTime: 500,
  maxEvents: SCENARIO_LIMITS.maxEvents,
  proposals: 1,
} as const;
