// The Fast Paxos acceptor. Classic rules (promise, the two promises, the reply) plus the fast-round rule:
// in a fast ballot for which it got "any", it votes for the first client request it receives, once.
// With uncoordinated recovery (FastConfig.recovery) it also tells the other acceptors its vote in that
// ballot, and recovers from a collision by itself (recoverAlone below).
import { compareBallots, ballotEquals, ZERO_BALLOT, type Ballot } from '../core/ballot.ts';
import type { Message, Outgoing } from '../core/message.ts';
import type { StepResult } from '../core/protocol.ts';
import type { Value } from '../core/ids.ts';
import { COORDINATOR, type FastConfig } from './config.ts';
import { acceptorTargets, learnerTargets } from './targets.ts';
import { compareIds, insertSorted } from '../core/sorted.ts';
import { pickRecoveryValue, type PhaseOneReport } from './recovery.ts';
import type { AcceptorState } from './state.ts';

/** Fast round 0: owned by the coordinator, open for requests from the start when the run opens fast. */
export const ROUND_ZERO: Ballot = { round: 0, node: COORDINATOR, fast: true };

const implicitAny = (config: FastConfig): Ballot | null => (config.opening === 'fast-zero' ? ROUND_ZERO : null);

const uncoordinated = (config: FastConfig): boolean => config.recovery === 'uncoordinated';

export function initAcceptor(id: string, config: FastConfig): AcceptorState {
  const s: AcceptorState = { role: 'acceptor', id, promised: ZERO_BALLOT, accepted: null, any: implicitAny(config), pending: null };
  return uncoordinated(config) ? { ...s, peers: [] } : s;
}

/** Only promised and accepted are on disk; the open "any" ballot, a buffered request and peers' votes are lost. */
export function crashAcceptor(s: AcceptorState, config: FastConfig): AcceptorState {
  const next: AcceptorState = { role: 'acceptor', id: s.id, promised: s.promised, accepted: s.accepted, any: implicitAny(config), pending: null };
  return uncoordinated(config) ? { ...next, peers: [] } : next;
}

const nothing = (state: AcceptorState): StepResult<AcceptorState> => ({ state, send: [], timers: [], chosen: [] });

const votedIn = (s: AcceptorState, b: Ballot): boolean => s.accepted !== null && ballotEquals(s.accepted.ballot, b);

function vote(s: AcceptorState, ballot: Ballot, value: Value, config: FastConfig, extra: Partial<AcceptorState> = {}): StepResult<AcceptorState> {
  const state: AcceptorState = { ...s, ...extra, promised: ballot, accepted: { ballot, value } };
  const send: Outgoing[] = [];
  for (const to of learnerTargets(config)) send.push({ kind: 'accepted', ballot, slot: 0, value, to });
  // Uncoordinated recovery: a vote in a ballot the coordinator opened for "any" goes to the other
  // acceptors as well, which treat it as a phase-1b reply for the next round.
  if (uncoordinated(config) && state.any !== null && ballotEquals(ballot, state.any)) {
    for (const to of acceptorTargets(config)) if (to !== s.id) send.push({ kind: 'accepted', ballot, slot: 0, value, to });
  }
  return { state, send, timers: [], chosen: [] };
}

/** The round an uncoordinated recovery from fast ballot `b` votes in: the next round, fast, same owner. */
export const recoveryBallot = (b: Ballot): Ballot => ({ round: b.round + 1, node: b.node, fast: true });

/**
 * Uncoordinated recovery. The acceptor holds round-i votes (its own and the other acceptors') from a fast
 * quorum — round i+1 is fast, so its phase-1 quorum is a fast quorum — and they show two values, so round i
 * may have collided. It then does what a coordinator would: the recovery rule on those votes as phase-1b
 * replies, and a vote in fast round i+1 for the value picked. Different acceptors may pick different values
 * (they saw different quorums); round i+1 is fast, so that is a collision at worst, never two values chosen —
 * provided 3·q_f > 2n, which makes the rule's "may have been chosen" name at most one value.
 */
function recoverAlone(s: AcceptorState, config: FastConfig): StepResult<AcceptorState> {
  const b = s.any;
  const peers = s.peers ?? [];
  if (b === null || s.accepted === null || !ballotEquals(s.accepted.ballot, b) || !ballotEquals(s.promised, b)) return nothing(s);
  const own: PhaseOneReport = { acceptor: s.id, ballot: b, value: s.accepted.value };
  const reports = insertSorted(peers, own, (x, y) => compareIds(x.acceptor, y.acceptor));
  if (reports.length < config.fastQuorum || new Set(reports.map((r) => r.value)).size < 2) return nothing(s);
  const pick = pickRecoveryValue(reports, config.acceptors, config.fastQuorum, config.mutant);
  const value = pick.kind === 'forced' ? pick.value : pick.kind === 'any-of' ? (pick.values[0] as Value) : s.accepted.value;
  return vote(s, recoveryBallot(b), value, config, { peers: [] });
}

/** Another acceptor's vote in this acceptor's `any` ballot (uncoordinated recovery only). */
function onPeerVote(s: AcceptorState, msg: Message & { readonly kind: 'accepted' }, config: FastConfig): StepResult<AcceptorState> {
  const peers = s.peers;
  // Only while it is still in that ballot: once it promised higher, round i is behind it.
  if (!uncoordinated(config) || peers === undefined || s.any === null || !ballotEquals(msg.ballot, s.any) || compareBallots(s.any, s.promised) < 0) return nothing(s);
  if (peers.some((p) => p.acceptor === msg.from)) return nothing(s); // a duplicate counts once
  const next: AcceptorState = { ...s, peers: insertSorted(peers, { acceptor: msg.from, ballot: msg.ballot, value: msg.value }, (x, y) => compareIds(x.acceptor, y.acceptor)) };
  return recoverAlone(next, config);
}

function refuse(s: AcceptorState, msg: Message & { readonly ballot: Ballot }, config: FastConfig): StepResult<AcceptorState> {
  if (!config.nack) return nothing(s);
  return { state: s, send: [{ kind: 'nack', ballot: msg.ballot, promised: s.promised, slot: 0, to: msg.from }], timers: [], chosen: [] };
}

export function stepAcceptor(s: AcceptorState, msg: Message, config: FastConfig): StepResult<AcceptorState> {
  switch (msg.kind) {
    case 'prepare': {
      // First promise: never promise below an earlier promise (an equal ballot is a repeat: answer again).
      if (compareBallots(msg.ballot, s.promised) < 0) return refuse(s, msg, config);
      const state = ballotEquals(msg.ballot, s.promised) ? s : { ...s, promised: msg.ballot };
      const accepted = s.accepted ? [{ slot: 0, ballot: s.accepted.ballot, value: s.accepted.value }] : [];
      return { state, send: [{ kind: 'promise', ballot: msg.ballot, slot: 0, accepted, to: msg.from }], timers: [], chosen: [] };
    }
    case 'accept': {
      // Second promise: never vote below the promise; and at most one vote per ballot.
      if (compareBallots(msg.ballot, s.promised) < 0) return refuse(s, msg, config);
      if (votedIn(s, msg.ballot)) return nothing(s);
      return vote(s, msg.ballot, msg.value, config);
    }
    case 'accept-any': {
      if (compareBallots(msg.ballot, s.promised) < 0) return refuse(s, msg, config);
      if (s.pending !== null && !votedIn(s, msg.ballot)) return vote(s, msg.ballot, s.pending.value, config, { any: msg.ballot, pending: null, ...(uncoordinated(config) ? { peers: [] } : {}) });
      return nothing({ ...s, promised: msg.ballot, any: msg.ballot, ...(uncoordinated(config) ? { peers: [] } : {}) });
    }
    case 'request': {
      const any = s.any;
      if (any !== null && compareBallots(any, s.promised) >= 0 && !votedIn(s, any)) return afterVote(vote(s, any, msg.value, config), config);
      // No fast ballot open (yet): remember the first request, in case "any" comes later.
      if (s.pending === null) return nothing({ ...s, pending: { value: msg.value } });
      return nothing(s);
    }
    case 'accepted':
      return onPeerVote(s, msg, config);
    default:
      return nothing(s);
  }
}

/** Its own vote may complete the fast quorum of votes it already heard from the others. */
function afterVote(r: StepResult<AcceptorState>, config: FastConfig): StepResult<AcceptorState> {
  if (!uncoordinated(config)) return r;
  const more = recoverAlone(r.state, config);
  return more.state === r.state ? r : { ...more, send: [...r.send, ...more.send] };
}
