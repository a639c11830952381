// Basic Paxos settings, node names and quorum sizes. One value is decided, in slot 0.
// Nodes: proposers P1..Pm (each also a learner) and acceptors A1..An.
//
// Quorums are flexible (Howard, Malkhi, Spiegelman, "Flexible Paxos", 2016, §3): phase 1 waits for q1
// promises, phase 2 (and the learner) for q2 acceptances, and safety needs only that every phase-1 quorum
// meets every phase-2 quorum, q1 + q2 > n. Two phase-2 quorums need not meet: one ballot carries one value.
// Both default to a majority, which is Paxos as Lamport wrote it.
import { ConfigError, type ProtocolConfig, type TimingConfig } from '../core/protocol.ts';
import type { NodeId, NodeInfo } from '../core/ids.ts';
import type { Quorums } from '../core/trace.ts';
import { MUTANTS, isMutantName } from '../core/mutants.ts';

export interface BasicConfig extends ProtocolConfig {
  readonly protocol: 'basic';
  /** q1: promises phase 1 waits for (default a majority). Present only when the run set it. */
  readonly phase1Quorum?: number;
  /** q2: acceptances that choose a value in one ballot (default a majority). Present only when set. */
  readonly phase2Quorum?: number;
}

export const DEFAULT_TIMING: TimingConfig = {
  proposerTimeout: 12,
  backoff: [1, 12],
  heartbeat: 5,
  electionTimeout: [15, 30],
};

export const proposerId = (i: number): NodeId => `P${i}`;
export const acceptorId = (i: number): NodeId => `A${i}`;

// Node lists are asked for on every broadcast; a config is immutable, so compute them once per config.
const proposerCache = new WeakMap<BasicConfig, readonly NodeId[]>();
const acceptorCache = new WeakMap<BasicConfig, readonly NodeId[]>();

export function proposerIds(config: BasicConfig): readonly NodeId[] {
  let ids = proposerCache.get(config);
  if (!ids) proposerCache.set(config, (ids = Array.from({ length: config.proposers }, (_, i) => proposerId(i + 1))));
  return ids;
}

export function acceptorIds(config: BasicConfig): readonly NodeId[] {
  let ids = acceptorCache.get(config);
  if (!ids) acceptorCache.set(config, (ids = Array.from({ length: config.acceptors }, (_, i) => acceptorId(i + 1))));
  return ids;
}

function positiveInt(field: string, v: unknown, min: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min) {
    throw new ConfigError(field, `must be an integer ≥ ${min}, got ${JSON.stringify(v)}`);
  }
  return v;
}

function range(field: string, v: unknown): readonly [number, number] {
  if (!Array.isArray(v) || v.length !== 2 || !v.every((x) => typeof x === 'number' && Number.isFinite(x) && x >= 0) || v[0] > v[1]) {
    throw new ConfigError(field, `must be [min, max] with 0 ≤ min ≤ max, got ${JSON.stringify(v)}`);
  }
  return [v[0], v[1]];
}

export function checkTiming(t: Partial<TimingConfig> | undefined, defaults: TimingConfig): TimingConfig {
  const merged = { ...defaults, ...(t ?? {}) };
  const proposerTimeout = merged.proposerTimeout;
  if (typeof proposerTimeout !== 'number' || !(proposerTimeout > 0)) {
    throw new ConfigError('timing.proposerTimeout', `must be a number > 0, got ${JSON.stringify(proposerTimeout)}`);
  }
  const heartbeat = merged.heartbeat;
  if (typeof heartbeat !== 'number' || !(heartbeat > 0)) {
    throw new ConfigError('timing.heartbeat', `must be a number > 0, got ${JSON.stringify(heartbeat)}`);
  }
  return {
    proposerTimeout,
    backoff: range('timing.backoff', merged.backoff),
    heartbeat,
    electionTimeout: range('timing.electionTimeout', merged.electionTimeout),
  };
}

export function basicConfig(partial: Partial<BasicConfig> & { readonly protocol: string }): BasicConfig {
  if (partial.protocol !== 'basic') throw new ConfigError('protocol', `expected "basic", got ${JSON.stringify(partial.protocol)}`);
  const acceptors = positiveInt('acceptors', partial.acceptors ?? 3, 1);
  const proposers = positiveInt('proposers', partial.proposers ?? 2, 1);
  const clients = positiveInt('clients', partial.clients ?? 0, 0);
  const nack = partial.nack ?? true;
  if (typeof nack !== 'boolean') throw new ConfigError('nack', `must be true or false, got ${JSON.stringify(nack)}`);
  const timing = checkTiming(partial.timing, DEFAULT_TIMING);
  const config: BasicConfig = { protocol: 'basic', acceptors, proposers, clients, nack, timing };
  let mutant: BasicConfig['mutant'];
  if (partial.mutant !== undefined) {
    const name: string = partial.mutant;
    if (!isMutantName(name)) throw new ConfigError('mutant', `unknown mutant ${JSON.stringify(name)}; run \`paxos mutants\` for the list`);
    const info = MUTANTS.find((m) => m.name === name);
    if (info && info.protocol !== 'basic') {
      throw new ConfigError('mutant', `"${name}" is a ${info.protocol} mutant; Basic Paxos mutants are ${MUTANTS.filter((m) => m.protocol === 'basic').map((m) => m.name).join(', ')}`);
    }
    mutant = name;
  }
  const sizes = flexibleQuorums(partial, acceptors, mutant === 'non-intersecting-quorums');
  return { ...config, ...sizes, ...(mutant === undefined ? {} : { mutant }) };
}

/** Largest q1 + q2 that breaks q1 + q2 > n: q1 = ⌊n/2⌋ (at least 1) and q2 = n − q1 (at least 1). */
export function brokenFlexibleQuorums(n: number): { phase1Quorum: number; phase2Quorum: number } {
  const q1 = Math.max(1, Math.floor(n / 2));
  return { phase1Quorum: q1, phase2Quorum: Math.max(1, n - q1) };
}

/**
 * The explicit quorum sizes of a config, validated: each between 1 and n, and q1 + q2 > n unless the
 * `non-intersecting-quorums` variant asks to break it (whose defaults are then the largest sizes that do).
 * Sizes left unset stay unset and mean a majority, so a config that never names them echoes as before.
 */
function flexibleQuorums(partial: Partial<BasicConfig>, n: number, broken: boolean): { phase1Quorum?: number; phase2Quorum?: number } {
  const given = { phase1Quorum: partial.phase1Quorum, phase2Quorum: partial.phase2Quorum };
  const defaults = broken ? brokenFlexibleQuorums(n) : { phase1Quorum: majority(n), phase2Quorum: majority(n) };
  const out: { phase1Quorum?: number; phase2Quorum?: number } = {};
  for (const field of ['phase1Quorum', 'phase2Quorum'] as const) {
    const v = given[field];
    if (v === undefined) {
      if (broken) out[field] = defaults[field];
      continue;
    }
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > n) {
      throw new ConfigError(field, `must be an integer between 1 and the ${n} acceptors, got ${JSON.stringify(v)}`);
    }
    out[field] = v;
  }
  const q1 = out.phase1Quorum ?? majority(n);
  const q2 = out.phase2Quorum ?? majority(n);
  if (!broken && q1 + q2 <= n) {
    throw new ConfigError(
      'phase2Quorum',
      `q1 + q2 = ${q1} + ${q2} ≤ ${n} acceptors: a phase-1 quorum and a phase-2 quorum may not meet; ` +
        `use q2 ≥ ${n - q1 + 1} (or mutant "non-intersecting-quorums" to break it on purpose)`,
    );
  }
  if (broken && q1 + q2 > n) {
    throw new ConfigError('phase2Quorum', `q1 + q2 = ${q1} + ${q2} > ${n}: mutant "non-intersecting-quorums" needs sizes that break q1 + q2 > n`);
  }
  return out;
}

const majority = (n: number): number => Math.floor(n / 2) + 1;

export function basicNodes(config: BasicConfig): NodeInfo[] {
  return [
    ...proposerIds(config).map((id): NodeInfo => ({ id, roles: ['proposer', 'learner'] })),
    ...acceptorIds(config).map((id): NodeInfo => ({ id, roles: ['acceptor'] })),
  ];
}

/**
 * The configured sizes, reported in the trace: `classic` is phase 2's (what makes a value chosen) and
 * `phase1` appears only when q1 differs. A minority-quorum run reports the correct sizes, so a checker
 * judges it against them; a non-intersecting-quorums run reports its broken ones (the sizes are its rule).
 */
export function basicQuorums(config: BasicConfig): Quorums {
  const q1 = config.phase1Quorum ?? majority(config.acceptors);
  const q2 = config.phase2Quorum ?? majority(config.acceptors);
  return q1 === q2 ? { classic: q2 } : { classic: q2, phase1: q1 };
}

/**
 * The quorum the proposer (phase 1) or the learner (phase 2) actually waits for. This is the one place the
 * `minority-quorum` mutant lives: ⌊n/2⌋ replies (at least 1), so two disjoint groups can each believe they
 * are a quorum.
 */
export function workingQuorum(config: BasicConfig, phase: 1 | 2): number {
  if (config.mutant === 'minority-quorum') return Math.max(1, Math.floor(config.acceptors / 2));
  const q = basicQuorums(config);
  return phase === 1 ? (q.phase1 ?? q.classic) : q.classic;
}
