// The Basic Paxos acceptor. On prepare(b) it makes the two promises and gives the reply of the notes:
//   1. it will not answer any later prepare numbered ≤ b  (first promise);
//   2. it will not accept any later accept numbered < b    (second promise);
//   3. it replies with the highest-numbered proposal it has accepted so far, or nothing (the reply).
// What safety needs of (1) is only that `promised` never goes down (Paxos Made Simple §2.2: an acceptor can
// always answer a prepare; ignoring a lower one saves a message). The answer-lower-prepare variant answers
// it and keeps `promised`, and the checker proves it safe; no-first-promise also lowers `promised`.
// A refused prepare or accept is answered with `nack` carrying the promised ballot when config.nack is on;
// otherwise it is ignored (safety does not need the refusal, liveness likes it). Durable state: `promised`
// and `accepted` — exactly what survives a crash.
import { ZERO_BALLOT, ballotLess, compareBallots, maxBallot, type Ballot } from '../core/ballot.ts';
import type { AcceptedEntry, AcceptBody, Outgoing, PrepareBody } from '../core/message.ts';
import type { NodeId } from '../core/ids.ts';
import { noEffects, type StepResult } from '../core/protocol.ts';
import { proposerIds, type BasicConfig } from './config.ts';

export interface AcceptorState {
  readonly role: 'acceptor';
  readonly id: NodeId;
  /** Highest ballot promised (ZERO_BALLOT: none yet). Durable. */
  readonly promised: Ballot;
  /** What it accepted last in slot 0, or null. Durable. */
  readonly accepted: AcceptedEntry | null;
}

export function initAcceptor(id: NodeId): AcceptorState {
  return { role: 'acceptor', id, promised: ZERO_BALLOT, accepted: null };
}

function effects(state: AcceptorState, send: Outgoing[]): StepResult<AcceptorState> {
  return { state, send, timers: [], chosen: [] };
}

/** Rule 1 (first promise) decides whether prepare(b) may be answered. */
function mayPromise(state: AcceptorState, b: Ballot, config: BasicConfig): boolean {
  if (config.mutant === 'no-first-promise') return true; // answers anything, and lowers its promise to b
  return compareBallots(b, state.promised) > 0;
}

/** The promise kept after answering prepare(b): b, except that answer-lower-prepare never lowers it. */
function promiseAfter(state: AcceptorState, b: Ballot, config: BasicConfig): Ballot {
  return config.mutant === 'answer-lower-prepare' ? maxBallot(state.promised, b) : b;
}

/** Rule 2 (second promise) decides whether accept(b, v) may be accepted. */
function mayAccept(state: AcceptorState, b: Ballot, config: BasicConfig): boolean {
  if (config.mutant === 'no-second-promise') return true;
  return !ballotLess(b, state.promised);
}

/** Rule 3 (the reply): what the promise reports. */
function reply(state: AcceptorState, config: BasicConfig): AcceptedEntry[] {
  if (config.mutant === 'no-reply' || state.accepted === null) return [];
  return [state.accepted];
}

export function onPrepare(state: AcceptorState, from: NodeId, m: PrepareBody, config: BasicConfig): StepResult<AcceptorState> {
  // answer-lower-prepare answers below the promise too (a repeat of the promised ballot stays ignored).
  const answers = mayPromise(state, m.ballot, config) || (config.mutant === 'answer-lower-prepare' && ballotLess(m.ballot, state.promised));
  if (!answers) {
    // A duplicate of the prepare it already promised is simply ignored: a nack would tell the proposer
    // its own ballot was beaten.
    if (config.nack && ballotLess(m.ballot, state.promised)) {
      return effects(state, [{ kind: 'nack', to: from, ballot: m.ballot, promised: state.promised }]);
    }
    return noEffects(state);
  }
  const next: AcceptorState = { ...state, promised: promiseAfter(state, m.ballot, config) };
  return effects(next, [{ kind: 'promise', to: from, ballot: m.ballot, slot: 0, accepted: reply(state, config) }]);
}

export function onAccept(state: AcceptorState, from: NodeId, m: AcceptBody, config: BasicConfig): StepResult<AcceptorState> {
  if (!mayAccept(state, m.ballot, config)) {
    if (config.nack) return effects(state, [{ kind: 'nack', to: from, ballot: m.ballot, promised: state.promised }]);
    return noEffects(state);
  }
  const entry: AcceptedEntry = { slot: 0, ballot: m.ballot, value: m.value };
  const next: AcceptorState = { ...state, promised: maxBallot(state.promised, m.ballot), accepted: entry };
  // Every proposer is also a learner: each hears of the acceptance.
  const send: Outgoing[] = proposerIds(config).map((to) => ({ kind: 'accepted', to, ballot: m.ballot, slot: 0, value: m.value }));
  return effects(next, send);
}
