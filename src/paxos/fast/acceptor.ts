// The Fast Paxos acceptor. Classic rules (promise, the two promises, the reply) plus the fast-round rule:
// in a fast ballot for which it got "any", it votes for the first client request it receives, once.
import { compareBallots, ballotEquals, ZERO_BALLOT, type Ballot } from '../core/ballot.ts';
import type { Message, Outgoing } from '../core/message.ts';
import type { StepResult } from '../core/protocol.ts';
import type { Value } from '../core/ids.ts';
import { COORDINATOR, type FastConfig } from './config.ts';
import { learnerTargets } from './targets.ts';
import type { AcceptorState } from './state.ts';

/** Fast round 0: owned by the coordinator, open for requests from the start when the run opens fast. */
export const ROUND_ZERO: Ballot = { round: 0, node: COORDINATOR, fast: true };

const implicitAny = (config: FastConfig): Ballot | null => (config.opening === 'fast-zero' ? ROUND_ZERO : null);

export function initAcceptor(id: string, config: FastConfig): AcceptorState {
  return { role: 'acceptor', id, promised: ZERO_BALLOT, accepted: null, any: implicitAny(config), pending: null };
}

/** Only promised and accepted are on disk; the open "any" ballot and a buffered request are lost. */
export function crashAcceptor(s: AcceptorState, config: FastConfig): AcceptorState {
  return { role: 'acceptor', id: s.id, promised: s.promised, accepted: s.accepted, any: implicitAny(config), pending: null };
}

const nothing = (state: AcceptorState): StepResult<AcceptorState> => ({ state, send: [], timers: [], chosen: [] });

const votedIn = (s: AcceptorState, b: Ballot): boolean => s.accepted !== null && ballotEquals(s.accepted.ballot, b);

function vote(s: AcceptorState, ballot: Ballot, value: Value, config: FastConfig, extra: Partial<AcceptorState> = {}): StepResult<AcceptorState> {
  const state: AcceptorState = { ...s, ...extra, promised: ballot, accepted: { ballot, value } };
  const send: Outgoing[] = [];
  for (const to of learnerTargets(config)) send.push({ kind: 'accepted', ballot, slot: 0, value, to });
  return { state, send, timers: [], chosen: [] };
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
      if (s.pending !== null && !votedIn(s, msg.ballot)) return vote(s, msg.ballot, s.pending.value, config, { any: msg.ballot, pending: null });
      return nothing({ ...s, promised: msg.ballot, any: msg.ballot });
    }
    case 'request': {
      const any = s.any;
      if (any !== null && compareBallots(any, s.promised) >= 0 && !votedIn(s, any)) return vote(s, any, msg.value, config);
      // No fast ballot open (yet): remember the first request, in case "any" comes later.
      if (s.pending === null) return nothing({ ...s, pending: { value: msg.value } });
      return nothing(s);
    }
    default:
      return nothing(s);
  }
}
