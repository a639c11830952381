// Basic Paxos settings, node names and quorum sizes. One value is decided, in slot 0.
// Nodes: proposers P1..Pm (each also a learner) and acceptors A1..An.
import { ConfigError, type ProtocolConfig, type TimingConfig } from '../core/protocol.ts';
import type { NodeId, NodeInfo } from '../core/ids.ts';
import type { Quorums } from '../core/trace.ts';
import { MUTANTS, isMutantName } from '../core/mutants.ts';

export interface BasicConfig extends ProtocolConfig {
  readonly protocol: 'basic';
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
  if (partial.mutant === undefined) return config;
  const mutant: string = partial.mutant;
  if (!isMutantName(mutant)) throw new ConfigError('mutant', `unknown mutant ${JSON.stringify(mutant)}; run \`paxos mutants\` for the list`);
  const info = MUTANTS.find((m) => m.name === mutant);
  if (info && info.protocol !== 'basic') {
    throw new ConfigError('mutant', `"${mutant}" is a ${info.protocol} mutant; Basic Paxos mutants are ${MUTANTS.filter((m) => m.protocol === 'basic').map((m) => m.name).join(', ')}`);
  }
  return { ...config, mutant };
}

export function basicNodes(config: BasicConfig): NodeInfo[] {
  return [
    ...proposerIds(config).map((id): NodeInfo => ({ id, roles: ['proposer', 'learner'] })),
    ...acceptorIds(config).map((id): NodeInfo => ({ id, roles: ['acceptor'] })),
  ];
}

/** The correct sizes, reported in the trace: a checker judges a mutant run against these. */
export function basicQuorums(config: BasicConfig): Quorums {
  return { classic: Math.floor(config.acceptors / 2) + 1 };
}

/**
 * The quorum the proposer and learner actually wait for. This is the one place the `minority-quorum`
 * mutant lives: ⌊n/2⌋ replies (at least 1), so two disjoint groups can each believe they are a quorum.
 */
export function workingQuorum(config: BasicConfig): number {
  if (config.mutant === 'minority-quorum') return Math.max(1, Math.floor(config.acceptors / 2));
  return basicQuorums(config).classic;
}
