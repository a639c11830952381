// The contract between a protocol (basic/, multi/, fast/) and whoever drives it: the simulator, the model
// checker, the browser playground. A protocol is a set of pure functions over plain-data node states, in
// the style of etcd's raft (input in; new state, messages and timer requests out). No clock, socket or
// random number lives inside: the driver owns time, the network and the seed, which is what makes a run
// replayable and the state space enumerable.
import type { Ballot } from './ballot.ts';
import type { Outgoing, Message } from './message.ts';
import type { NodeInfo, Slot, Value } from './ids.ts';
import type { ProtocolName, Quorums } from './trace.ts';
import type { MutantName } from './mutants.ts';
import type { PhaseOneReport } from '../fast/recovery.ts';

/** Settings shared by all protocols. Each protocol may read more fields from its own config type. */
export interface ProtocolConfig {
  readonly protocol: ProtocolName;
  /** Number of acceptors (Multi-Paxos: servers, each proposer + acceptor + learner). */
  readonly acceptors: number;
  /** Number of proposers (Basic), ignored where the protocol has none. */
  readonly proposers: number;
  /** Number of clients (Multi: key-value clients; Fast: clients that send `request` straight to acceptors). */
  readonly clients: number;
  /** Acceptors answer a refused prepare/accept with `nack` carrying their promise. */
  readonly nack: boolean;
  /** One broken rule, for the notes' counterexamples; absent for the correct protocol. */
  readonly mutant?: MutantName;
  /** Fast Paxos only: quorum sizes (validated against q_c > n/2 and q_c + 2·q_f > 2n unless a mutant). */
  readonly classicQuorum?: number;
  readonly fastQuorum?: number;
  /** Timer lengths in simulated time units; the driver draws a back-off within [min, max]. */
  readonly timing: TimingConfig;
}

export interface TimingConfig {
  /** How long a proposer waits for a quorum before giving up on a ballot. */
  readonly proposerTimeout: number;
  /** Randomized back-off before retrying with a higher ballot: drawn uniformly from [min, max]. */
  readonly backoff: readonly [number, number];
  /** Multi-Paxos: heartbeat interval and how long a follower waits before it runs for leader. */
  readonly heartbeat: number;
  readonly electionTimeout: readonly [number, number];
}

/** What a driver hands a node. */
export type Input =
  | { readonly type: 'start' } // once, at time 0, so a node may arm its first timers
  | { readonly type: 'message'; readonly msg: Message }
  | { readonly type: 'timeout'; readonly timer: string }
  | { readonly type: 'propose'; readonly value: Value } // a client/test asks this node to get `value` chosen
  | { readonly type: 'recover' }; // the node restarts; its state is what `crash` kept

/** A timer request. `delay` is exact, or a [min, max] range the driver draws from with its seed. */
export type TimerCommand =
  | { readonly op: 'set'; readonly timer: string; readonly delay: number | readonly [number, number] }
  | { readonly op: 'cancel'; readonly timer: string };

export interface StepResult<S> {
  readonly state: S;
  readonly send: readonly Outgoing[];
  readonly timers: readonly TimerCommand[];
  /** Values this node has just learned as chosen (emitted as `chosen` trace events). */
  readonly chosen: readonly { readonly slot: Slot; readonly value: Value }[];
}

/** A read-only view of a node for tables and the playground: promised ballot, accepted per slot, chosen. */
export interface NodeView {
  readonly promised?: Ballot;
  readonly accepted: readonly { readonly slot: Slot; readonly ballot: Ballot; readonly value: Value }[];
  readonly chosen: readonly { readonly slot: Slot; readonly value: Value }[];
  /** Anything else worth a column (proposer phase, current ballot, leader, kv store …), as short strings. */
  readonly extra: Readonly<Record<string, string>>;
}

/**
 * A protocol. Node states are plain JSON data (no classes, Maps or undefined-vs-missing ambiguity) and are
 * never mutated: `step` returns a new state. That lets the model checker hash and share states and lets
 * the playground keep checkpoints by reference.
 */
export interface Protocol<S, C extends ProtocolConfig = ProtocolConfig> {
  readonly name: ProtocolName;
  /** Fills defaults and rejects impossible settings; the message names the field. Throws ConfigError. */
  config(partial: Partial<C> & { readonly protocol: ProtocolName }): C;
  nodes(config: C): readonly NodeInfo[];
  quorums(config: C): Quorums;
  init(node: NodeInfo, config: C): S;
  step(state: S, input: Input, config: C, now: number): StepResult<S>;
  /** The state a node restarts from: only what it had made durable (an acceptor's promise and accepted entries). */
  crash(state: S, config: C): S;
  view(state: S, config: C): NodeView;
  /**
   * For the model checker only: true when delivering `msg` to this node changes nothing now and can change
   * nothing in any state the node may reach from here (`mayCrash`: whether it may still crash and lose its
   * volatile state). It describes the correct protocol, never a mutant. The checker drops such messages
   * from its states, and certifies every answer it relied on after the search (auditStale in check/explore.ts): a
   * wrong hint makes the search fail, never report a false "safe". registry.ts attaches each protocol's hint
   * (its stale.ts), so the protocol modules a reader's page loads do without it.
   */
  stale?(state: S, msg: Message, config: C, mayCrash: boolean): boolean;
  /**
   * For the model checker only (its distance bound): at most how many values one step of a node votes for
   * in one slot; absent, 1. The bound's estimate adds the two values' missing votes when it is 1 and takes
   * the larger otherwise, and the checker audits the answer on every move that adds a vote.
   */
  valuesPerStep?(config: C): number;
  /** What a trace reader needs from this protocol beyond the trace format (see TraceRules). */
  readonly traceRules?: TraceRules;
}

/**
 * Rules the trace monitor (check/properties.ts) needs for some protocols' traces and not others. The
 * playground's monitor takes them from the protocol it loaded, so a page downloads only its own protocol's
 * rules; checkTrace passes every one. A monitor given a trace it lacks a rule for refuses it.
 */
export interface TraceRules {
  /** Fast Paxos's recovery rule (fast/recovery.ts): may a coordinator send this value after a fast round? */
  readonly recoveryPermits?: (reports: readonly PhaseOneReport[], value: Value, n: number, classicQuorum: number, fastQuorum: number, freePick: (v: Value) => boolean) => boolean;
}

export class ConfigError extends Error {
  readonly field: string;
  constructor(field: string, message: string) {
    super(`${field}: ${message}`);
    this.name = 'ConfigError';
    this.field = field;
  }
}

export const noEffects = <S>(state: S): StepResult<S> => ({ state, send: [], timers: [], chosen: [] });
