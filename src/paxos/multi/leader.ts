// Candidate and leader. A follower whose election timer fires runs phase 1 once, for every slot from its
// first unchosen slot k on: prepare(b, k) to all servers (itself included, through the network). With
// promises from a quorum it leads: for each slot ≥ k that any of those promises reported, it re-proposes
// the value with the highest ballot there (a value that may already be chosen must survive); slots between
// them that nobody reported are holes and get a no-op (null); new values go after the last reported slot.
// From then on it skips phase 1: one accept per slot, to every server, in its ballot. It learns a slot
// from a quorum of `accepted`, tells the others with `commit`, and sends heartbeats that also re-send the
// accepts still short of a quorum (messages get lost) and tell followers how far the log is chosen.
import { ballotEquals, ballotLess } from '../core/ballot.ts';
import type { AcceptedBody, AcceptedEntry, NackBody, PromiseBody } from '../core/message.ts';
import type { NodeId, Value } from '../core/ids.ts';
import type { MultiConfig, Proposal, ServerState, WaitingValue } from './types.ts';
import { ELECTION, HEARTBEAT, withSlot, type Effects } from './effects.ts';
import { compareIds, insertSorted } from '../core/sorted.ts';
import { quorumSize, serverIds } from './config.ts';
import { armElection, stepDown } from './follower.ts';
import { learn } from './learner.ts';
import { countIn, inWindow, majority, membersOf, reconfigures } from './membership.ts';

export function startElection(s: ServerState, config: MultiConfig, fx: Effects): ServerState {
  const k = s.firstUnchosen;
  // With reconfiguration, the prepare goes to the acceptors of slot k (known: slots ≤ k − α are chosen);
  // a server that is not one of them does not run (a spare that has not joined, a server that left).
  const members = reconfigures(config) ? membersOf(s, k, config) : null;
  if (members !== null && !members.includes(s.id)) {
    armElection(config, fx);
    return s;
  }
  const round = Math.max(s.promised.round, s.lastBallot.round, s.seenRound) + 1;
  const ballot = { round, node: s.id };
  for (const to of members ?? serverIds(config)) fx.send.push({ kind: 'prepare', to, ballot, slot: k });
  if (s.role === 'leader') fx.timers.push({ op: 'cancel', timer: HEARTBEAT });
  armElection(config, fx); // no quorum by then: try again with a higher ballot
  return { ...s, role: 'candidate', lastBallot: ballot, leader: null, prepareSlot: k, promisesFrom: [], reported: [], proposals: [], nextSlot: k, asked: members ?? [] };
}

export function onPromise(s: ServerState, from: NodeId, m: PromiseBody, config: MultiConfig, now: number, fx: Effects): ServerState {
  // With reconfiguration a leader still counts promises: those of a new membership's acceptors.
  const counting = s.role === 'candidate' || (s.role === 'leader' && reconfigures(config));
  if (!counting || !ballotEquals(m.ballot, s.lastBallot) || s.promisesFrom.includes(from)) return s;
  // Keep, per slot, the highest-ballot entry among the promises counted so far (a leader: only in slots
  // it has not proposed in yet; those it has were decided by the promises it had then).
  const from0 = s.role === 'leader' ? s.nextSlot : s.prepareSlot;
  let reported: (AcceptedEntry | null)[] | null = null;
  for (const e of m.accepted) {
    if (e.slot < from0) continue;
    const current = (reported ?? s.reported)[e.slot] ?? null;
    if (current !== null && !ballotLess(current.ballot, e.ballot)) continue;
    reported ??= s.reported.slice();
    while (reported.length < e.slot) reported.push(null);
    reported[e.slot] = e;
  }
  const next: ServerState = { ...s, promisesFrom: insertSorted(s.promisesFrom, from, compareIds), reported: reported ?? s.reported };
  if (reconfigures(config)) {
    if (next.role === 'leader') return next; // stepServer fills the window after every step
    const members = membersOf(next, next.prepareSlot, config) ?? [];
    return countIn(next.promisesFrom, members) >= majority(members) ? becomeLeaderInWindow(next, config, now, fx) : next;
  }
  return next.promisesFrom.length >= quorumSize(config) ? becomeLeader(next, config, now, fx) : next;
}

/** Phase 2a for one slot, to the slot's acceptors (every server without reconfiguration) but `skip`. */
function sendAccepts(s: ServerState, slot: number, value: Value, config: MultiConfig, fx: Effects, skip: readonly NodeId[]): void {
  const to_ = reconfigures(config) ? (membersOf(s, slot, config) ?? []) : serverIds(config);
  for (const to of to_) {
    if (!skip.includes(to)) fx.send.push({ kind: 'accept', to, ballot: s.lastBallot, slot, value });
  }
}

function becomeLeader(s: ServerState, config: MultiConfig, now: number, fx: Effects): ServerState {
  const k = s.prepareSlot;
  const end = Math.max(k, s.reported.length);
  const proposals: (Proposal | null)[] = [];
  for (let slot = 0; slot < end; slot++) {
    if (slot < k) {
      proposals.push(null);
      continue;
    }
    // The one rule that makes takeover safe: the highest-ballot reported value, or a no-op for a hole.
    const value = s.reported[slot]?.value ?? null;
    proposals.push({ value, acks: [], client: null, sentAt: now });
    sendAccepts(s, slot, value, config, fx, []);
  }
  fx.timers.push({ op: 'cancel', timer: ELECTION });
  let next: ServerState = {
    ...s,
    role: 'leader',
    leader: s.id,
    promisesFrom: [],
    reported: [],
    proposals,
    nextSlot: end,
    pending: [],
    leaseHolder: config.lease > 0 ? s.id : null,
    leaseUntil: config.lease > 0 ? now + config.lease : 0,
  };
  for (const p of s.pending) next = propose(next, p.value, s.id, config, now, fx);
  return heartbeat(next, config, now, fx);
}

/** A new value in the next free slot: phase 2 only. */
export function propose(s: ServerState, value: string, client: NodeId | null, config: MultiConfig, now: number, fx: Effects): ServerState {
  // With reconfiguration a value waits for room in the window; stepServer fills it after the step.
  if (reconfigures(config)) return { ...s, waiting: [...s.waiting, { value, client }] };
  const slot = s.nextSlot;
  sendAccepts(s, slot, value, config, fx, []);
  return { ...s, proposals: withSlot(s.proposals, slot, { value, acks: [], client, sentAt: now }), nextSlot: slot + 1 };
}

export function onAccepted(s: ServerState, from: NodeId, m: AcceptedBody, config: MultiConfig, fx: Effects): ServerState {
  if (s.role !== 'leader' || !ballotEquals(m.ballot, s.lastBallot)) return s;
  const p = s.proposals[m.slot] ?? null;
  if (p === null || p.value !== m.value || p.acks.includes(from)) return s;
  const acks = insertSorted(p.acks, from, compareIds);
  const next: ServerState = { ...s, proposals: withSlot(s.proposals, m.slot, { ...p, acks }) };
  if (!reachesQuorum(next, m.slot, acks, config) || (next.learned[m.slot] ?? null) !== null) return next;
  // Chosen: learn it (apply and answer the client), then tell the other servers.
  const learned = learn(next, m.slot, m.ballot, m.value, config, fx);
  for (const to of audience(learned, m.slot, config)) {
    if (to !== s.id) fx.send.push({ kind: 'commit', to, slot: m.slot, ballot: m.ballot, value: m.value });
  }
  return learned;
}

/**
 * Who hears the leader's heartbeats and commits: every server without reconfiguration; with it, the
 * acceptors of the slots in its window (a server that left stops hearing from it; a spare starts once it
 * is an acceptor there, and catches up from the heartbeat) and, for a commit, the slot's own acceptors.
 */
function audience(s: ServerState, slot: number | null, config: MultiConfig): readonly NodeId[] {
  if (!reconfigures(config)) return serverIds(config);
  const out = new Set<NodeId>(slot === null ? [] : (membersOf(s, slot, config) ?? []));
  for (let k = s.firstUnchosen; k < s.firstUnchosen + (config.alpha ?? 1); k++) for (const id of membersOf(s, k, config) ?? []) out.add(id);
  return serverIds(config).filter((id) => out.has(id));
}

/** Do these acks make a quorum of the slot's acceptors? (A majority of all servers without reconfiguration.) */
function reachesQuorum(s: ServerState, slot: number, acks: readonly NodeId[], config: MultiConfig): boolean {
  if (!reconfigures(config)) return acks.length >= quorumSize(config);
  const members = membersOf(s, slot, config) ?? [];
  return countIn(acks, members) >= majority(members);
}

/**
 * Reconfiguration: a candidate with promises from a majority of slot k's acceptors leads. Unlike
 * becomeLeader it proposes nothing itself: every reported slot, hole and pending value waits in line for
 * fillWindow, which proposes only where the slot's acceptors are known and have promised.
 */
function becomeLeaderInWindow(s: ServerState, config: MultiConfig, now: number, fx: Effects): ServerState {
  fx.timers.push({ op: 'cancel', timer: ELECTION });
  const proposals: (Proposal | null)[] = [];
  for (let slot = 0; slot < s.prepareSlot; slot++) proposals.push(null);
  const waiting: WaitingValue[] = s.pending.map((p) => ({ value: p.value, client: s.id }));
  const next: ServerState = {
    ...s,
    role: 'leader',
    leader: s.id,
    proposals,
    nextSlot: s.prepareSlot,
    waiting,
    pending: [],
    leaseHolder: config.lease > 0 ? s.id : null,
    leaseUntil: config.lease > 0 ? now + config.lease : 0,
  };
  return heartbeat(fillWindow(next, config, now, fx), config, now, fx);
}

/**
 * Reconfiguration: propose in the next free slots while they are inside the window. A slot whose
 * acceptors have not given a majority of promises for this ballot (a membership that changed since the
 * election) gets phase 1 first: prepare(ballot, slot) to those not asked yet, and the leader waits. A slot
 * takes the highest-ballot value the promises reported there, a no-op for a hole below the last reported
 * slot, and after that the oldest waiting value.
 */
export function fillWindow(s: ServerState, config: MultiConfig, now: number, fx: Effects): ServerState {
  let next = s;
  for (let slot = next.nextSlot; inWindow(next, slot, config); slot++) {
    const members = membersOf(next, slot, config);
    if (members === null) break;
    if (countIn(next.promisesFrom, members) < majority(members)) {
      const ask = members.filter((id) => !next.asked.includes(id));
      for (const to of ask) fx.send.push({ kind: 'prepare', to, ballot: next.lastBallot, slot });
      if (ask.length > 0) next = { ...next, asked: [...next.asked, ...ask].sort(compareIds) };
      break;
    }
    let value: Value;
    let client: NodeId | null = null;
    let waiting = next.waiting;
    const first = waiting[0];
    if (slot < next.reported.length) value = next.reported[slot]?.value ?? null;
    else if (first !== undefined) [value, client, waiting] = [first.value, first.client, waiting.slice(1)];
    else break;
    next = { ...next, waiting, proposals: withSlot(next.proposals, slot, { value, acks: [], client, sentAt: now }), nextSlot: slot + 1 };
    sendAccepts(next, slot, value, config, fx, []);
  }
  return next;
}

/** A refusal of our current ballot: someone promised higher. Yield and remember how high to go next time. */
export function onNack(s: ServerState, m: NackBody, config: MultiConfig, fx: Effects): ServerState {
  if (s.role === 'follower' || !ballotEquals(m.ballot, s.lastBallot) || !ballotLess(s.lastBallot, m.promised)) return s;
  const seenRound = Math.max(s.seenRound, m.promised.round);
  return stepDown({ ...s, seenRound }, null, config, fx);
}

/**
 * Every `timing.heartbeat`: a heartbeat to each other server, and the accepts of unchosen slots that have
 * waited a whole interval again, to the servers that have not acknowledged them (messages get lost).
 */
export function heartbeat(s: ServerState, config: MultiConfig, now: number, fx: Effects): ServerState {
  if (s.role !== 'leader') return s;
  for (const to of audience(s, null, config)) {
    if (to !== s.id) fx.send.push({ kind: 'heartbeat', to, ballot: s.lastBallot, chosenUpTo: s.firstUnchosen });
  }
  let proposals: (Proposal | null)[] | null = null;
  // Every slot below firstUnchosen is known chosen: only the window above it can still need its accepts.
  for (let slot = Math.max(s.prepareSlot, s.firstUnchosen); slot < s.nextSlot; slot++) {
    const p = s.proposals[slot] ?? null;
    if (p === null || (s.learned[slot] ?? null) !== null || now - p.sentAt < config.timing.heartbeat) continue;
    sendAccepts(s, slot, p.value, config, fx, p.acks);
    proposals ??= s.proposals.slice();
    proposals[slot] = { ...p, sentAt: now };
  }
  fx.timers.push({ op: 'set', timer: HEARTBEAT, delay: config.timing.heartbeat });
  if (proposals === null && config.lease === 0) return s;
  return {
    ...s,
    proposals: proposals ?? s.proposals,
    leaseHolder: config.lease > 0 ? s.id : s.leaseHolder,
    leaseUntil: config.lease > 0 ? now + config.lease : s.leaseUntil,
  };
}
