// Multi-Paxos settings, node names and quorum sizes. Nodes: servers S1..Sn, each proposer + acceptor +
// learner (and leader while it leads), and optional key-value clients C1..Ck.
import { ConfigError, type TimingConfig } from '../core/protocol.ts';
import type { NodeId, NodeInfo } from '../core/ids.ts';
import type { Quorums } from '../core/trace.ts';
import { MUTANTS, isMutantName } from '../core/mutants.ts';
import type { MultiConfig } from './types.ts';

/**
 * Defaults in simulated time units. A heartbeat well inside the shortest election timeout, so that one or
 * two lost heartbeats do not start an election; the election range is wide so that two followers rarely
 * time out together (the randomness is what ends duelling candidates).
 */
export const DEFAULT_TIMING: TimingConfig = {
  proposerTimeout: 40, // a client's wait for an answer before it tries the next server
  backoff: [1, 12], // unused by Multi-Paxos: a candidate's retry is its next (random) election timeout
  heartbeat: 5,
  electionTimeout: [20, 40],
};

export const serverId = (i: number): NodeId => `S${i}`;
export const clientId = (i: number): NodeId => `C${i}`;

// The server list is asked for on every broadcast; keep one frozen array per cluster size.
const serverLists: NodeId[][] = [];
export function serverIds(config: MultiConfig): readonly NodeId[] {
  const n = config.acceptors;
  let ids = serverLists[n];
  if (!ids) {
    ids = [];
    for (let i = 1; i <= n; i++) ids.push(serverId(i));
    Object.freeze(ids);
    serverLists[n] = ids;
  }
  return ids;
}

export function clientIds(config: MultiConfig): NodeId[] {
  const ids: NodeId[] = [];
  for (let i = 1; i <= config.clients; i++) ids.push(clientId(i));
  return ids;
}

/** Majority of the servers: any two such sets share a server, which is what carries a chosen value forward. */
export function quorumSize(config: MultiConfig): number {
  return Math.floor(config.acceptors / 2) + 1;
}

function intAtLeast(field: string, v: unknown, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    throw new ConfigError(field, `must be an integer from ${min} to ${max}, got ${JSON.stringify(v)}`);
  }
  return v;
}

function positive(field: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || !(v > 0)) {
    throw new ConfigError(field, `must be a number > 0, got ${JSON.stringify(v)}`);
  }
  return v;
}

function range(field: string, v: unknown): readonly [number, number] {
  if (!Array.isArray(v) || v.length !== 2 || !v.every((x) => typeof x === 'number' && Number.isFinite(x) && x > 0) || v[0] > v[1]) {
    throw new ConfigError(field, `must be [min, max] with 0 < min ≤ max, got ${JSON.stringify(v)}`);
  }
  return [v[0], v[1]];
}

function multiTiming(t: Partial<TimingConfig> | undefined): TimingConfig {
  const merged = { ...DEFAULT_TIMING, ...(t ?? {}) };
  const timing: TimingConfig = {
    proposerTimeout: positive('timing.proposerTimeout', merged.proposerTimeout),
    backoff: range('timing.backoff', merged.backoff),
    heartbeat: positive('timing.heartbeat', merged.heartbeat),
    electionTimeout: range('timing.electionTimeout', merged.electionTimeout),
  };
  if (timing.heartbeat >= timing.electionTimeout[0]) {
    throw new ConfigError(
      'timing.heartbeat',
      `must be shorter than the shortest election timeout (${timing.electionTimeout[0]}), got ${timing.heartbeat}: followers would depose a healthy leader between two heartbeats`,
    );
  }
  return timing;
}

export function multiConfig(partial: Partial<MultiConfig> & { readonly protocol: string }): MultiConfig {
  if (partial.protocol !== 'multi') throw new ConfigError('protocol', `expected "multi", got ${JSON.stringify(partial.protocol)}`);
  const acceptors = intAtLeast('acceptors', partial.acceptors ?? 3, 1, 99);
  const clients = intAtLeast('clients', partial.clients ?? 0, 0, 99);
  const nack = partial.nack ?? true;
  if (typeof nack !== 'boolean') throw new ConfigError('nack', `must be true or false, got ${JSON.stringify(nack)}`);
  const lease = partial.lease ?? 0;
  if (typeof lease !== 'number' || !Number.isFinite(lease) || lease < 0) {
    throw new ConfigError('lease', `must be a number ≥ 0 (0 turns leases off), got ${JSON.stringify(lease)}`);
  }
  const timing = multiTiming(partial.timing);
  // Every server is a proposer: `proposers` is echoed as the server count so traces read consistently.
  // Reconfiguration fields only when set, so that a run without them echoes exactly what it always did.
  const config: MultiConfig = { protocol: 'multi', acceptors, proposers: acceptors, clients, nack, lease, timing, ...reconfigFields(partial, acceptors) };
  if (partial.mutant === 'reconfigure-immediately' && config.alpha === undefined) {
    throw new ConfigError('mutant', '"reconfigure-immediately" changes how a configuration change takes effect: turn reconfiguration on with alpha (options.alpha, or --alpha)');
  }
  if (partial.mutant === undefined) return config;
  const mutant: string = partial.mutant;
  if (!isMutantName(mutant)) throw new ConfigError('mutant', `unknown mutant ${JSON.stringify(mutant)}; run \`paxos mutants\` for the list`);
  const info = MUTANTS.find((m) => m.name === mutant);
  if (info && info.protocol !== 'multi') {
    throw new ConfigError('mutant', `"${mutant}" is a ${info.protocol} mutant; Multi-Paxos mutants are ${MUTANTS.filter((m) => m.protocol === 'multi').map((m) => m.name).join(', ')}`);
  }
  return { ...config, mutant };
}

/** alpha (the window, ≥ 1) and members (the first membership's size); members only with alpha. */
function reconfigFields(partial: Partial<MultiConfig>, servers: number): { alpha?: number; members?: number } {
  if (partial.alpha === undefined) {
    if (partial.members !== undefined) throw new ConfigError('members', 'a first membership smaller than the servers needs reconfiguration on: set alpha too');
    return {};
  }
  const alpha = intAtLeast('alpha', partial.alpha, 1, 99);
  if (partial.members === undefined) return { alpha };
  return { alpha, members: intAtLeast('members', partial.members, 1, servers) };
}

export function multiNodes(config: MultiConfig): NodeInfo[] {
  return [
    ...serverIds(config).map((id): NodeInfo => ({ id, roles: ['proposer', 'acceptor', 'learner'] })),
    ...clientIds(config).map((id): NodeInfo => ({ id, roles: ['client'] })),
  ];
}

export function multiQuorums(config: MultiConfig): Quorums {
  if (config.alpha === undefined) return { classic: quorumSize(config) };
  const initial = config.members === undefined ? serverIds(config) : serverIds(config).slice(0, config.members);
  return { classic: Math.floor(initial.length / 2) + 1, reconfig: { initial, alpha: config.alpha } };
}
