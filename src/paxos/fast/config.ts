// Fast Paxos settings, node names and quorum sizes (Lamport, "Fast Paxos", 2006). One value is decided,
// in slot 0. Nodes: the coordinator L1 (proposer + leader + learner), acceptors A1..An, clients C1..Ck
// that send `request` straight to the acceptors, and optional dedicated learners L2, L3 …
import { ConfigError, type ProtocolConfig, type TimingConfig } from '../core/protocol.ts';
import type { NodeId, NodeInfo } from '../core/ids.ts';
import type { Quorums } from '../core/trace.ts';
import { MUTANTS, isMutantName } from '../core/mutants.ts';

/**
 * How the run opens:
 * - `fast-zero`: fast round 0, which every acceptor has implicitly promised and for which the coordinator
 *   has implicitly sent "any" (nothing can have been accepted before round 0), so a client's request is
 *   accepted on arrival: client → acceptors → learners, two message delays.
 * - `fast-prepare`: the coordinator runs phase 1 for fast ballot 1, then sends `accept-any`.
 * - `classic`: no fast round at all; the coordinator runs phase 1 for classic ballot 1 in advance, clients
 *   send their request to it, and it runs phase 2: client → coordinator → acceptors → learners, three delays.
 */
export type FastOpening = 'fast-zero' | 'fast-prepare' | 'classic';
export const FAST_OPENINGS: readonly FastOpening[] = ['fast-zero', 'fast-prepare', 'classic'];

/**
 * How a collision in fast round i is left behind (Lamport, "Fast Paxos", 2006, §3.2):
 * - `classic` (the default): the coordinator starts classic round i+1 from phase 1.
 * - `coordinated`: a setting of the coordinator. The `accepted` messages (2b) of round i it already holds
 *   serve as round i+1's promises (1b): it sends round i+1's accept at once, one round trip saved.
 * - `uncoordinated`: a setting of the acceptors. They send their round-i votes to each other too; one that
 *   holds round-i votes from a fast quorum showing two values applies the coordinator's rule itself and
 *   votes in fast round i+1, with no coordinator in between. Its quorum is a fast quorum (round i+1 is fast),
 *   so the rule pins down one value only if any three fast quorums meet: 3·q_f > 2n.
 */
export type FastRecovery = 'classic' | 'coordinated' | 'uncoordinated';
export const FAST_RECOVERIES: readonly FastRecovery[] = ['classic', 'coordinated', 'uncoordinated'];

export interface FastConfig extends ProtocolConfig {
  readonly protocol: 'fast';
  /** q_c: phase 1 and classic-round phase 2 wait for this many acceptors. */
  readonly classicQuorum: number;
  /** q_f: a value is chosen in a fast round when this many acceptors accepted it in that round. */
  readonly fastQuorum: number;
  /** Dedicated learners besides the coordinator (L2, L3 …). */
  readonly learners: number;
  readonly opening: FastOpening;
  /**
   * The kind of every round after the opening (Lamport lets a coordinator start any round fast or classic).
   * `classic` (the default): recovery and retries run classic rounds. `fast`: they run fast rounds, so a
   * later recovery can find a fast round above a classic one — the case the recovery rule's "if V = {v},
   * v is forced" exists for; the checker's scope for fast-recovery-any-reported uses it.
   */
  readonly retries?: 'classic' | 'fast';
  /** How a collision is recovered from (FastRecovery); absent means classic. */
  readonly recovery?: 'coordinated' | 'uncoordinated';
}

export const DEFAULT_FAST_TIMING: TimingConfig = {
  proposerTimeout: 12,
  backoff: [1, 12],
  heartbeat: 5,
  electionTimeout: [15, 30],
};

export const COORDINATOR: NodeId = 'L1';
export const acceptorId = (i: number): NodeId => `A${i}`;
export const clientId = (i: number): NodeId => `C${i}`;
/** Dedicated learners are numbered after the coordinator, which is learner L1. */
export const learnerId = (i: number): NodeId => `L${i + 1}`;

function ids(count: number, name: (i: number) => NodeId): NodeId[] {
  const out: NodeId[] = [];
  for (let i = 1; i <= count; i++) out.push(name(i));
  return out;
}
export const acceptorIds = (c: FastConfig): NodeId[] => ids(c.acceptors, acceptorId);
export const clientIds = (c: FastConfig): NodeId[] => ids(c.clients, clientId);
/** Every learner: the coordinator first, then the dedicated ones. */
export const learnerIds = (c: FastConfig): NodeId[] => [COORDINATOR, ...ids(c.learners, learnerId)];

/** q_c > n/2: any two classic quorums intersect. */
export const smallestClassicQuorum = (n: number): number => Math.floor(n / 2) + 1;
/** Smallest q_f with q_c + 2·q_f > 2n: a classic quorum meets any two fast quorums. */
export const smallestFastQuorum = (n: number, classic: number): number => Math.floor((2 * n - classic) / 2) + 1;
/** Largest q_f that breaks q_c + 2·q_f > 2n (the small-fast-quorum mutant's default), at least 1. */
export const brokenFastQuorum = (n: number, classic: number): number => Math.max(1, Math.floor((2 * n - classic) / 2));

/** The defaults for n acceptors: the smallest q_c, then the smallest q_f that satisfies both formulas. */
export function defaultQuorums(n: number): { classic: number; fast: number } {
  const classic = smallestClassicQuorum(n);
  return { classic, fast: smallestFastQuorum(n, classic) };
}

function integer(field: string, v: unknown, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    const bound = max === Number.MAX_SAFE_INTEGER ? `≥ ${min}` : `between ${min} and ${max}`;
    throw new ConfigError(field, `must be an integer ${bound}, got ${JSON.stringify(v)}`);
  }
  return v;
}

function range(field: string, v: unknown): readonly [number, number] {
  if (!Array.isArray(v) || v.length !== 2 || !v.every((x) => typeof x === 'number' && Number.isFinite(x) && x >= 0) || v[0] > v[1]) {
    throw new ConfigError(field, `must be [min, max] with 0 ≤ min ≤ max, got ${JSON.stringify(v)}`);
  }
  return [v[0], v[1]];
}

function positive(field: string, v: unknown): number {
  if (typeof v !== 'number' || !(v > 0) || !Number.isFinite(v)) throw new ConfigError(field, `must be a number > 0, got ${JSON.stringify(v)}`);
  return v;
}

function timing(t: Partial<TimingConfig> | undefined): TimingConfig {
  const m = { ...DEFAULT_FAST_TIMING, ...(t ?? {}) };
  return {
    proposerTimeout: positive('timing.proposerTimeout', m.proposerTimeout),
    backoff: range('timing.backoff', m.backoff),
    heartbeat: positive('timing.heartbeat', m.heartbeat),
    electionTimeout: range('timing.electionTimeout', m.electionTimeout),
  };
}

export function fastConfig(partial: Partial<FastConfig> & { readonly protocol: string }): FastConfig {
  if (partial.protocol !== 'fast') throw new ConfigError('protocol', `expected "fast", got ${JSON.stringify(partial.protocol)}`);
  const n = integer('acceptors', partial.acceptors ?? 3, 1);
  const clients = integer('clients', partial.clients ?? 2, 0);
  const learners = integer('learners', partial.learners ?? 0, 0);
  const nack = partial.nack ?? true;
  if (typeof nack !== 'boolean') throw new ConfigError('nack', `must be true or false, got ${JSON.stringify(nack)}`);
  const opening = partial.opening ?? 'fast-zero';
  if (!FAST_OPENINGS.includes(opening)) {
    throw new ConfigError('opening', `must be one of ${FAST_OPENINGS.join(', ')}, got ${JSON.stringify(opening)}`);
  }

  let mutant: FastConfig['mutant'];
  if (partial.mutant !== undefined) {
    const name: string = partial.mutant;
    if (!isMutantName(name)) throw new ConfigError('mutant', `unknown mutant ${JSON.stringify(name)}; run \`paxos mutants\` for the list`);
    const info = MUTANTS.find((m) => m.name === name);
    if (info && info.protocol !== 'fast') {
      throw new ConfigError('mutant', `"${name}" is a ${info.protocol} mutant; the Fast Paxos mutants are ${MUTANTS.filter((m) => m.protocol === 'fast').map((m) => m.name).join(', ')}`);
    }
    mutant = name;
  }

  const recovery = partial.recovery ?? (mutant === 'uncoordinated-small-fast-quorum' ? 'uncoordinated' : 'classic');
  if (!FAST_RECOVERIES.includes(recovery)) throw new ConfigError('recovery', `must be one of ${FAST_RECOVERIES.join(', ')}, got ${JSON.stringify(recovery)}`);
  const smallUncoordinated = mutant === 'uncoordinated-small-fast-quorum';
  if (smallUncoordinated && recovery !== 'uncoordinated') throw new ConfigError('recovery', `mutant "uncoordinated-small-fast-quorum" breaks uncoordinated recovery; recovery must be "uncoordinated", got ${JSON.stringify(recovery)}`);
  // The variant's sizes: every acceptor in a classic quorum, then the smallest q_f that q_c + 2·q_f > 2n
  // allows — legal for a classic or coordinated recovery, too small for an uncoordinated one when 3·q_f ≤ 2n.
  const classicDefault = smallUncoordinated ? n : smallestClassicQuorum(n);
  const classic = integer('classicQuorum', partial.classicQuorum ?? classicDefault, 1, n);
  if (2 * classic <= n) {
    throw new ConfigError('classicQuorum', `${classic} breaks q_c > n/2 with ${n} acceptors; use at least ${smallestClassicQuorum(n)}`);
  }
  const small = mutant === 'small-fast-quorum';
  const fastDefault = small ? brokenFastQuorum(n, classic) : smallestFastQuorum(n, classic);
  const fast = integer('fastQuorum', partial.fastQuorum ?? fastDefault, 1, n);
  if (!small && classic + 2 * fast <= 2 * n) {
    throw new ConfigError(
      'fastQuorum',
      `${fast} breaks q_c + 2·q_f > 2n (${classic} + 2·${fast} ≤ ${2 * n}) with ${n} acceptors and classicQuorum ${classic}; ` +
        `use at least ${smallestFastQuorum(n, classic)} (or mutant "small-fast-quorum" to break it on purpose)`,
    );
  }

  if (recovery === 'uncoordinated' && !smallUncoordinated && 3 * fast <= 2 * n) {
    throw new ConfigError(
      'fastQuorum',
      `${fast} breaks 3·q_f > 2n (3·${fast} ≤ ${2 * n}) with ${n} acceptors, which uncoordinated recovery needs; ` +
        `use q_f ≥ ${Math.floor((2 * n) / 3) + 1} (or mutant "uncoordinated-small-fast-quorum" to break it on purpose)`,
    );
  }
  if (smallUncoordinated && 3 * fast > 2 * n) {
    throw new ConfigError('fastQuorum', `3·${fast} > ${2 * n}: mutant "uncoordinated-small-fast-quorum" needs sizes with 3·q_f ≤ 2n`);
  }

  const retries = partial.retries ?? 'classic';
  if (retries !== 'classic' && retries !== 'fast') throw new ConfigError('retries', `must be "classic" or "fast", got ${JSON.stringify(retries)}`);

  const config: FastConfig = {
    protocol: 'fast',
    acceptors: n,
    proposers: 1,
    clients,
    learners,
    nack,
    classicQuorum: classic,
    fastQuorum: fast,
    opening,
    ...(retries === 'fast' ? { retries } : {}),
    ...(recovery === 'classic' ? {} : { recovery }),
    timing: timing(partial.timing),
  };
  return mutant === undefined ? config : { ...config, mutant };
}

/** In the order a sequence diagram reads best for the fast path: clients → acceptors → learners. */
export function fastNodes(config: FastConfig): NodeInfo[] {
  return [
    ...clientIds(config).map((id): NodeInfo => ({ id, roles: ['client'] })),
    ...acceptorIds(config).map((id): NodeInfo => ({ id, roles: ['acceptor'] })),
    { id: COORDINATOR, roles: ['proposer', 'leader', 'learner'] },
    ...ids(config.learners, learnerId).map((id): NodeInfo => ({ id, roles: ['learner'] })),
  ];
}

/** The sizes this run uses (a small-fast-quorum run reports its broken q_f, so a checker judges by it). */
export function fastQuorums(config: FastConfig): Quorums {
  return { classic: config.classicQuorum, fast: config.fastQuorum };
}
