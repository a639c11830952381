// The Fast Paxos coordinator (proposer + leader + learner). It opens the run (fast round 0, a prepared
// fast ballot, or a prepared classic ballot), learns from `accepted`, detects a collision in its fast
// ballot, and recovers with a classic round whose value comes from pickRecoveryValue — the same function
// the trace checker applies, so the coordinator and the checker agree on what "may have been chosen" means.
// Once it learns the value it tells every client (`client-reply`), which stops their re-sending.
import { ballotEquals, type Ballot } from '../core/ballot.ts';
import type { Message, Outgoing } from '../core/message.ts';
import type { Input, StepResult, TimerCommand } from '../core/protocol.ts';
import type { NodeId, Slot, Value } from '../core/ids.ts';
import { compareIds, insertSorted } from '../core/sorted.ts';
import { COORDINATOR, type FastConfig } from './config.ts';
import { ROUND_ZERO } from './acceptor.ts';
import { EMPTY_TALLY, isCollision, recordVote } from './learner.ts';
import { pickRecoveryValue, type PhaseOneReport } from './recovery.ts';
import { acceptorTargets, clientTargets } from './targets.ts';
import type { CoordinatorState } from './state.ts';

/** Timer names: `round` bounds one ballot; `retry` is the randomized back-off before the next one. */
export const ROUND_TIMER = 'round';
export const RETRY_TIMER = 'retry';

type Result = StepResult<CoordinatorState>;
type Chosen = readonly { readonly slot: Slot; readonly value: Value }[];

export function initCoordinator(config: FastConfig): CoordinatorState {
  const fastZero = config.opening === 'fast-zero';
  return {
    role: 'coordinator',
    id: COORDINATOR,
    round: 0,
    ballot: fastZero ? ROUND_ZERO : null,
    phase: fastZero ? 'accepting' : 'idle',
    promises: [],
    sent: fastZero ? 'any' : null,
    candidates: [],
    armed: false,
    tally: EMPTY_TALLY,
  };
}

/**
 * Only the highest round begun survives a restart: it keeps the next ballot above every earlier one. With
 * uncoordinated recovery the acceptors may have gone on to round + 1 by themselves: that round is theirs.
 */
export function crashCoordinator(s: CoordinatorState, config: FastConfig): CoordinatorState {
  return {
    role: 'coordinator',
    id: s.id,
    round: config.recovery === 'uncoordinated' ? s.round + 1 : s.round,
    ballot: null,
    phase: 'idle',
    promises: [],
    sent: null,
    candidates: [],
    armed: false,
    tally: EMPTY_TALLY,
  };
}

const result = (state: CoordinatorState, send: readonly Outgoing[] = [], timers: readonly TimerCommand[] = [], chosen: Chosen = []): Result => ({
  state,
  send,
  timers,
  chosen,
});

const roundTimer = (config: FastConfig): TimerCommand => ({ op: 'set', timer: ROUND_TIMER, delay: config.timing.proposerTimeout });
const retryTimer = (config: FastConfig): TimerCommand => ({ op: 'set', timer: RETRY_TIMER, delay: config.timing.backoff });
const CANCEL_ROUND: TimerCommand = { op: 'cancel', timer: ROUND_TIMER };
const CANCEL_RETRY: TimerCommand = { op: 'cancel', timer: RETRY_TIMER };

const withCandidate = (s: CoordinatorState, v: Value): CoordinatorState =>
  s.candidates.includes(v) ? s : { ...s, candidates: [...s.candidates, v] };

/** Begin round `round + 1`: phase 1a to every acceptor. A retry is classic unless config.retries is 'fast'. */
function startRound(s: CoordinatorState, fast: boolean, config: FastConfig): Result {
  const round = s.round + 1;
  const ballot: Ballot = fast ? { round, node: s.id, fast: true } : { round, node: s.id };
  const send: Outgoing[] = [];
  for (const to of acceptorTargets(config)) send.push({ kind: 'prepare', ballot, slot: 0, to });
  const state: CoordinatorState = { ...s, round, ballot, phase: 'preparing', promises: [], sent: null, armed: true };
  return result(state, send, [CANCEL_RETRY, roundTimer(config)]);
}

function sendAccept(s: CoordinatorState, ballot: Ballot, value: Value, config: FastConfig): Result {
  const send: Outgoing[] = [];
  for (const to of acceptorTargets(config)) send.push({ kind: 'accept', ballot, slot: 0, value, to });
  // The promises only matter while preparing; clearing them here keeps dead data out of the state.
  return result({ ...s, phase: 'accepting', promises: [], sent: { value }, armed: true }, send, [roundTimer(config)]);
}

function sendAcceptAny(s: CoordinatorState, ballot: Ballot, config: FastConfig): Result {
  const send: Outgoing[] = [];
  for (const to of acceptorTargets(config)) send.push({ kind: 'accept-any', ballot, slot: 0, to });
  return result({ ...s, phase: 'accepting', promises: [], sent: 'any' }, send);
}

/** Phase 2a once a classic quorum promised: the recovery rule decides what may (or must) be proposed. */
function phaseTwo(s: CoordinatorState, ballot: Ballot, config: FastConfig): Result {
  const pick = pickRecoveryValue(s.promises, config.acceptors, config.fastQuorum, config.mutant);
  if (pick.kind === 'forced') return sendAccept(s, ballot, pick.value, config);
  if (pick.kind === 'any-of') return sendAccept(s, ballot, pick.values[0] as Value, config);
  // Nothing can have been chosen below this ballot: a fast ballot lets the clients race, a classic one
  // proposes a value someone asked for, or waits until someone does.
  if (ballot.fast) return sendAcceptAny(s, ballot, config);
  if (s.candidates.length > 0) return sendAccept(s, ballot, s.candidates[0] as Value, config);
  return result({ ...s, phase: 'waiting-value', promises: [], armed: false }, [], [CANCEL_ROUND]);
}

/**
 * Give up on the current ballot; the back-off timer starts the next (classic) round. After a fast ballot it
 * opened for "any", with uncoordinated recovery, round + 1 may already be the acceptors' recovery round: skip it.
 */
function retry(s: CoordinatorState, config: FastConfig, minRound = 0): Result {
  const reserved = config.recovery === 'uncoordinated' && s.ballot !== null && s.sent === 'any' ? s.ballot.round + 1 : 0;
  const round = Math.max(s.round, minRound, reserved);
  return result({ ...s, round, phase: 'retrying', promises: [], sent: null, armed: false }, [], [CANCEL_ROUND, retryTimer(config)]);
}

/** Somebody proposed something: from now on a stalled ballot must time out. */
function arm(r: Result, config: FastConfig): Result {
  const s = r.state;
  if (s.armed || s.phase !== 'accepting') return r;
  return { ...r, state: { ...s, armed: true }, timers: [...r.timers, roundTimer(config)] };
}

function onPromise(s: CoordinatorState, msg: Message & { readonly kind: 'promise' }, config: FastConfig): Result {
  if (s.phase !== 'preparing' || s.ballot === null || !ballotEquals(msg.ballot, s.ballot)) return result(s);
  if (s.promises.some((p) => p.acceptor === msg.from)) return result(s); // duplicate
  const last = msg.accepted.find((e) => e.slot === 0);
  const report: PhaseOneReport = last ? { acceptor: msg.from, ballot: last.ballot, value: last.value } : { acceptor: msg.from };
  // Sorted by acceptor (see CoordinatorState.promises).
  const next: CoordinatorState = { ...s, promises: insertSorted(s.promises, report, (a, b) => compareIds(a.acceptor, b.acceptor)) };
  if (next.promises.length < config.classicQuorum) return result(next);
  return phaseTwo(next, s.ballot, config);
}

function onAccepted(s: CoordinatorState, msg: Message & { readonly kind: 'accepted' }, config: FastConfig): Result {
  const { tally, learned } = recordVote(s.tally, msg.from, msg.ballot, msg.value, config);
  let state = tally === s.tally ? s : withCandidate({ ...s, tally }, msg.value);
  if (learned) {
    state = { ...state, phase: 'done', armed: false };
    const replies: Outgoing[] = [];
    for (const to of clientTargets(config)) replies.push({ kind: 'client-reply', value: msg.value, to });
    return result(state, replies, [CANCEL_ROUND, CANCEL_RETRY], [{ slot: 0, value: msg.value }]);
  }
  if (state.phase === 'done') return result(state);
  const b = state.ballot;
  // A prepared classic ballot that found nothing and knew no value: any value someone proposed will do.
  if (state.phase === 'waiting-value' && b !== null) return sendAccept(state, b, msg.value, config);
  if (state.phase === 'accepting' && b !== null && b.fast && ballotEquals(msg.ballot, b) && isCollision(state.tally, b, config)) {
    // Collision: no value can reach a fast quorum in b any more. Recover now rather than at the timeout.
    return recover(state, b, config);
  }
  return arm(result(state), config);
}

/**
 * The three ways out of a collision in fast ballot b (FastConfig.recovery, Lamport §3.2). Classic: phase 1
 * of classic round b+1. Coordinated: the round-b votes it holds are round b+1's phase-1b replies; with a
 * classic quorum of them it sends round b+1's accept at once (none of those acceptors can have voted above
 * b: only this coordinator opens rounds, and it has opened none). Uncoordinated: the acceptors recover by
 * themselves in fast round b+1 (only from a ballot the coordinator opened for "any"); the coordinator only
 * learns, and times out if they do not finish.
 */
function recover(s: CoordinatorState, b: Ballot, config: FastConfig): Result {
  if (config.recovery === 'uncoordinated' && s.sent === 'any') {
    const next: CoordinatorState = { ...s, round: b.round + 1, ballot: { round: b.round + 1, node: s.id, fast: true }, phase: 'accepting', promises: [], sent: null, armed: true };
    return result(next, [], [roundTimer(config)]);
  }
  if (config.recovery === 'coordinated') {
    const reports: PhaseOneReport[] = s.tally.votes.filter((v) => ballotEquals(v.ballot, b)).map((v) => ({ acceptor: v.acceptor, ballot: v.ballot, value: v.value }));
    if (reports.length >= config.classicQuorum) {
      const pick = pickRecoveryValue(reports, config.acceptors, config.fastQuorum, config.mutant);
      const value = pick.kind === 'forced' ? pick.value : pick.kind === 'any-of' ? (pick.values[0] as Value) : (s.candidates[0] as Value);
      const ballot: Ballot = { round: b.round + 1, node: s.id };
      return sendAccept({ ...s, round: ballot.round, ballot }, ballot, value, config);
    }
  }
  return startRound(s, config.retries === 'fast', config);
}

function onRequest(s: CoordinatorState, value: Value, config: FastConfig, from: NodeId | null): Result {
  // A client asking again after the value was chosen missed the reply: answer it once more.
  if (s.phase === 'done' && s.tally.chosen !== null) {
    return result(s, from === null ? [] : [{ kind: 'client-reply', value: s.tally.chosen.value, to: from }]);
  }
  const state = withCandidate(s, value);
  if (state.phase === 'waiting-value' && state.ballot !== null) return sendAccept(state, state.ballot, value, config);
  // The coordinator's own proposal in an open fast ballot goes straight to the acceptors, like a client's.
  if (from === null && state.phase === 'accepting' && state.sent === 'any') {
    const send: Outgoing[] = [];
    for (const to of acceptorTargets(config)) send.push({ kind: 'request', value, to });
    return arm(result(state, send), config);
  }
  return arm(result(state), config);
}

export function stepCoordinator(s: CoordinatorState, input: Input, config: FastConfig): Result {
  switch (input.type) {
    case 'start':
      if (config.opening === 'fast-zero' || s.phase !== 'idle') return result(s);
      return startRound(s, config.opening === 'fast-prepare', config);
    case 'recover':
      // It forgot its ballot and what it learned; a new classic round finds out what the acceptors hold.
      return retry(s, config);
    case 'propose':
      return onRequest(s, input.value, config, null);
    case 'timeout':
      if (input.timer === ROUND_TIMER) {
        if (s.phase === 'preparing' || s.phase === 'accepting') return retry(s, config);
        return result({ ...s, armed: false });
      }
      if (input.timer === RETRY_TIMER && s.phase === 'retrying') return startRound(s, config.retries === 'fast', config);
      return result(s);
    case 'message': {
      const msg = input.msg;
      switch (msg.kind) {
        case 'promise':
          return onPromise(s, msg, config);
        case 'accepted':
          return onAccepted(s, msg, config);
        case 'request':
          return onRequest(s, msg.value, config, msg.from);
        case 'nack':
          if (s.ballot === null || s.phase === 'done' || !ballotEquals(msg.ballot, s.ballot)) return result(s);
          if (s.phase !== 'preparing' && s.phase !== 'accepting') return result(s);
          return retry(s, config, msg.promised.round);
        default:
          return result(s);
      }
    }
  }
}
