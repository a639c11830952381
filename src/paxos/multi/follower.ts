// What any server does when it hears from a leader or loses its own bid: follow, reset the election timer,
// keep the lease, hand on the values it was asked to propose.
import { ballotLess, type Ballot } from '../core/ballot.ts';
import type { NodeId } from '../core/ids.ts';
import type { MultiConfig, ServerState } from './types.ts';
import { ELECTION, HEARTBEAT, type Effects } from './effects.ts';

export function armElection(config: MultiConfig, fx: Effects): void {
  fx.timers.push({ op: 'set', timer: ELECTION, delay: config.timing.electionTimeout });
}

/** Give up candidacy or leadership: the in-flight proposals are dropped (clients retry on their timeout). */
export function stepDown(s: ServerState, leader: NodeId | null, config: MultiConfig, fx: Effects): ServerState {
  if (s.role === 'leader') fx.timers.push({ op: 'cancel', timer: HEARTBEAT });
  armElection(config, fx);
  return { ...s, role: 'follower', leader, promisesFrom: [], reported: [], proposals: [] };
}

/**
 * Lease: while this server's lease on a leader runs, its acceptor ignores prepares from anyone else.
 * One clock for all nodes (the simulator's); see MultiConfig.lease for the assumption.
 */
export function leaseBlocks(s: ServerState, from: NodeId, config: MultiConfig, now: number): boolean {
  return config.lease > 0 && s.leaseHolder !== null && s.leaseHolder !== from && now < s.leaseUntil;
}

/**
 * `from` acts as leader with `ballot` (a heartbeat, or an accept this acceptor just took), and `ballot` is
 * at least this server's promise. A candidate or leader with a lower ballot steps down; a follower notes
 * the leader, renews the lease, pushes its election back and hands on its pending values.
 */
export function heardFromLeader(s: ServerState, from: NodeId, ballot: Ballot, config: MultiConfig, now: number, fx: Effects): ServerState {
  let next = s;
  if (s.role !== 'follower') {
    if (!ballotLess(s.lastBallot, ballot)) return s; // our own bid is higher: keep it
    next = stepDown(s, from, config, fx);
  } else {
    armElection(config, fx);
  }
  if (next.leader !== from || config.lease > 0) {
    next = { ...next, leader: from, leaseHolder: config.lease > 0 ? from : null, leaseUntil: config.lease > 0 ? now + config.lease : 0 };
  }
  return flushPending(next, fx);
}

/** Hand pending values to the known leader (a `client-request` from this server). */
export function flushPending(s: ServerState, fx: Effects): ServerState {
  if (s.pending.length === 0 || s.leader === null || s.leader === s.id) return s;
  for (const value of s.pending) fx.send.push({ kind: 'client-request', to: s.leader, value });
  return { ...s, pending: [] };
}

/**
 * A value this server cannot propose itself: pass it to the leader it knows of, or keep it until it knows
 * one. Never straight back to the server that handed it here (`cameFrom`), so two servers with stale ideas
 * of who leads cannot bounce a value between them.
 */
export function handOn(s: ServerState, value: string, fx: Effects, cameFrom: NodeId | null = null): ServerState {
  if (s.leader !== null && s.leader !== s.id && s.leader !== cameFrom) {
    fx.send.push({ kind: 'client-request', to: s.leader, value });
    return s;
  }
  return { ...s, pending: [...s.pending, value] };
}
