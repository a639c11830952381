// What any server does when it hears from a leader or loses its own bid: follow, reset the election timer,
// keep the lease, hand on the values it was asked to propose.
import { ballotLess, type Ballot } from '../core/ballot.ts';
import type { NodeId } from '../core/ids.ts';
import type { ClientReplyBody, MultiConfig, PendingValue, ServerState } from './types.ts';
import { ELECTION, HEARTBEAT, type Effects } from './effects.ts';

export function armElection(config: MultiConfig, fx: Effects): void {
  fx.timers.push({ op: 'set', timer: ELECTION, delay: config.timing.electionTimeout });
}

/**
 * Give up candidacy or leadership. Clients retry their own commands on their timeout; the values this
 * server was asked to propose itself and has not seen chosen go back to `pending`, for the next leader.
 */
export function stepDown(s: ServerState, leader: NodeId | null, config: MultiConfig, fx: Effects): ServerState {
  if (s.role === 'leader') fx.timers.push({ op: 'cancel', timer: HEARTBEAT });
  armElection(config, fx);
  let pending = s.pending;
  for (let slot = s.prepareSlot; slot < s.proposals.length; slot++) {
    const p = s.proposals[slot];
    if (p && p.client === s.id && p.value !== null && (s.learned[slot] ?? null) === null) pending = [...pending, { value: p.value, sentAt: null }];
  }
  // With reconfiguration: its own values still waiting for room in the window, too.
  for (const w of s.waiting) if (w.client === s.id) pending = [...pending, { value: w.value, sentAt: null }];
  // A follower never reads prepareSlot or nextSlot (an election sets both), so they go back to their
  // initial values rather than keep a past term's numbers in the state.
  return { ...s, role: 'follower', leader, prepareSlot: 0, promisesFrom: [], reported: [], proposals: [], nextSlot: 0, pending, waiting: [], asked: [] };
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
  return resendPending(next, config, now, fx);
}

/** Hand the pending values that were never sent, or have waited a whole proposerTimeout, to the known leader. */
export function resendPending(s: ServerState, config: MultiConfig, now: number, fx: Effects): ServerState {
  const leader = s.leader;
  if (s.pending.length === 0 || leader === null || leader === s.id) return s;
  let changed = false;
  const pending = s.pending.map((p): PendingValue => {
    if (p.sentAt !== null && now - p.sentAt < config.timing.proposerTimeout) return p;
    fx.send.push({ kind: 'client-request', to: leader, value: p.value });
    changed = true;
    return { value: p.value, sentAt: now };
  });
  return changed ? { ...s, pending } : s;
}

/** A value this server cannot propose itself: hand it to the leader it knows of (if any) and keep it pending. */
export function handOn(s: ServerState, value: string, now: number, fx: Effects): ServerState {
  const leader = s.leader !== null && s.leader !== s.id ? s.leader : null;
  if (leader !== null) fx.send.push({ kind: 'client-request', to: leader, value });
  return { ...s, pending: [...s.pending, { value, sentAt: leader === null ? null : now }] };
}

/**
 * The leader's answer to a value this server handed on: done (forget it), or "not the leader" with a hint
 * (hand it to the hinted server at once, unless the hint points back at the one that answered or at us).
 */
export function onPendingReply(s: ServerState, from: NodeId, m: ClientReplyBody, now: number, fx: Effects): ServerState {
  const i = s.pending.findIndex((p) => p.value === m.value);
  if (i < 0) return s;
  if (m.ok) return { ...s, pending: [...s.pending.slice(0, i), ...s.pending.slice(i + 1)] };
  if (m.leader === undefined || m.leader === from || m.leader === s.id) return s;
  fx.send.push({ kind: 'client-request', to: m.leader, value: m.value });
  const pending = s.pending.slice();
  pending[i] = { value: m.value, sentAt: now };
  return { ...s, pending };
}
