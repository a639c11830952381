// The Basic Paxos proposer (each proposer node is also a learner).
// Phase 1: prepare(b) to every acceptor; a phase-1 quorum (q1) of promises → adopt the value of the highest-ballot
// accepted entry they report, else its own value. Phase 2: accept(b, value) to every acceptor.
// Interrupted (a nack for b, or no quorum before the `phase` timer fires): wait a back-off drawn by the
// driver from timing.backoff, then retry with a round above every round it has seen.
import { ballotEquals, compareBallots, type Ballot } from '../core/ballot.ts';
import type { AcceptedEntry, Outgoing } from '../core/message.ts';
import type { NodeId, Value } from '../core/ids.ts';
import { compareIds, insertSorted } from '../core/sorted.ts';
import type { StepResult, TimerCommand } from '../core/protocol.ts';
import { acceptorIds, workingQuorum, type BasicConfig } from './config.ts';
import { initLearner, onAccepted, type LearnerState } from './learner.ts';

export type ProposerPhase = 'idle' | 'preparing' | 'accepting' | 'backoff' | 'done';

export interface Promise1b {
  readonly from: NodeId;
  readonly accepted: AcceptedEntry | null;
}

export interface ProposerState {
  readonly role: 'proposer';
  readonly id: NodeId;
  /** Highest round it has used or seen. Durable: a restarted proposer must never reuse a ballot. */
  readonly round: number;
  readonly phase: ProposerPhase;
  /** The value it was asked to get chosen (wrapped, since null is a value); null: none asked. */
  readonly own: { readonly value: Value } | null;
  /** Ballot of the current attempt. */
  readonly ballot: Ballot | null;
  /**
   * Promises for `ballot`, one per acceptor, sorted by acceptor id: the proposer only ever asks which
   * acceptors answered and what they reported, so arrival order is not kept (the model checker would
   * otherwise count one state per order).
   */
  readonly promises: readonly Promise1b[];
  /**
   * The highest-ballot accepted entry the promises reported, the first to arrive among equal ballots —
   * the value phase 2 carries. Kept as the promises arrive because only arrival order can break a tie,
   * and a tie with two different values needs one ballot used twice (the reused-ballot mutant).
   */
  readonly best: AcceptedEntry | null;
  readonly learner: LearnerState;
}

/** Timer names: waiting for a quorum, and waiting out the back-off before a retry. */
export const PHASE_TIMER = 'phase';
export const RETRY_TIMER = 'retry';

export function initProposer(id: NodeId): ProposerState {
  return { role: 'proposer', id, round: 0, phase: 'idle', own: null, ballot: null, promises: [], best: null, learner: initLearner() };
}

/** What survives a restart: the round counter — unless the `reused-ballot` mutant forgets it. */
export function crashProposer(state: ProposerState, config: BasicConfig): ProposerState {
  return { ...initProposer(state.id), round: config.mutant === 'reused-ballot' ? 0 : state.round };
}

const result = (state: ProposerState, send: readonly Outgoing[] = [], timers: readonly TimerCommand[] = []): StepResult<ProposerState> => ({
  state,
  send,
  timers,
  chosen: [],
});

const seen = (state: ProposerState, b: Ballot): ProposerState => (b.round > state.round ? { ...state, round: b.round } : state);

/** Starts phase 1 with a ballot above every round seen. */
function startRound(state: ProposerState, config: BasicConfig): StepResult<ProposerState> {
  const ballot: Ballot = { round: state.round + 1, node: state.id };
  const next: ProposerState = { ...state, round: ballot.round, ballot, phase: 'preparing', promises: [], best: null };
  const send: Outgoing[] = acceptorIds(config).map((to) => ({ kind: 'prepare', to, ballot, slot: 0 }));
  return result(next, send, [{ op: 'set', timer: PHASE_TIMER, delay: config.timing.proposerTimeout }]);
}

/** Gives up on the current ballot and waits a randomized back-off before retrying. */
function backOff(state: ProposerState, config: BasicConfig): StepResult<ProposerState> {
  return result({ ...state, phase: 'backoff', promises: [], best: null }, [], [
    { op: 'cancel', timer: PHASE_TIMER },
    { op: 'set', timer: RETRY_TIMER, delay: config.timing.backoff },
  ]);
}

/** The entry to keep as `best` once `reported` arrives: a strictly higher ballot replaces it. */
function higher(best: AcceptedEntry | null, reported: AcceptedEntry | null): AcceptedEntry | null {
  return reported && (best === null || compareBallots(reported.ballot, best.ballot) > 0) ? reported : best;
}

/** The value phase 2 must carry: the highest-ballot accepted entry among the quorum's promises, else its own. */
export function pickValue(best: AcceptedEntry | null, own: Value, config: BasicConfig): Value {
  if (config.mutant === 'ignore-reply') return own;
  return best ? best.value : own;
}

export function onPropose(state: ProposerState, value: Value, config: BasicConfig): StepResult<ProposerState> {
  // Basic Paxos decides one value: a proposer busy with (or done with) a value ignores a second request.
  if (state.phase !== 'idle') return result(state);
  return startRound({ ...state, own: { value } }, config);
}

export function onPromise(state: ProposerState, from: NodeId, ballot: Ballot, accepted: readonly AcceptedEntry[], config: BasicConfig): StepResult<ProposerState> {
  const s = seen(state, ballot);
  if (s.phase !== 'preparing' || !s.ballot || !ballotEquals(ballot, s.ballot) || !s.own) return result(s);
  if (s.promises.some((p) => p.from === from)) return result(s); // a duplicate counts once
  const reported = accepted[0] ?? null;
  const promises = insertSorted(s.promises, { from, accepted: reported }, (a, b) => compareIds(a.from, b.from));
  const best = higher(s.best, reported);
  if (promises.length < workingQuorum(config, 1)) return result({ ...s, promises, best });
  const value = pickValue(best, s.own.value, config);
  const send: Outgoing[] = acceptorIds(config).map((to) => ({ kind: 'accept', to, ballot, slot: 0, value }));
  return result({ ...s, promises, best, phase: 'accepting' }, send, [{ op: 'set', timer: PHASE_TIMER, delay: config.timing.proposerTimeout }]);
}

export function onNack(state: ProposerState, ballot: Ballot, promised: Ballot, config: BasicConfig): StepResult<ProposerState> {
  const s = seen(state, promised);
  const current = s.ballot !== null && ballotEquals(ballot, s.ballot);
  if (!current || (s.phase !== 'preparing' && s.phase !== 'accepting')) return result(s);
  return backOff(s, config);
}

export function onAcceptedMsg(state: ProposerState, from: NodeId, ballot: Ballot, value: Value, config: BasicConfig): StepResult<ProposerState> {
  const s = seen(state, ballot);
  const [learner, learned] = onAccepted(s.learner, from, ballot, value, workingQuorum(config, 2));
  if (!learned) return result(learner === s.learner ? s : { ...s, learner });
  const done: ProposerState = { ...s, learner, phase: 'done', promises: [], best: null };
  return {
    state: done,
    send: [],
    timers: [{ op: 'cancel', timer: PHASE_TIMER }, { op: 'cancel', timer: RETRY_TIMER }],
    chosen: [{ slot: 0, value }],
  };
}

export function onTimeout(state: ProposerState, timer: string, config: BasicConfig): StepResult<ProposerState> {
  if (timer === PHASE_TIMER && (state.phase === 'preparing' || state.phase === 'accepting')) return backOff(state, config);
  if (timer === RETRY_TIMER && state.phase === 'backoff') return startRound(state, config);
  return result(state);
}
