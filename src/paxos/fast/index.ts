// Fast Paxos (Lamport, 2006) as a pure Protocol: the registry imports `fastPaxos` from here.
// Roles: coordinator L1 (coordinator.ts), acceptors (acceptor.ts), clients (below), learners (learner.ts).
import type { Outgoing } from '../core/message.ts';
import type { Input, NodeView, Protocol, StepResult, TimerCommand } from '../core/protocol.ts';
import type { NodeInfo, Value } from '../core/ids.ts';
import { formatBallot } from '../core/ballot.ts';
import { COORDINATOR, fastConfig, fastNodes, fastQuorums, type FastConfig } from './config.ts';
import { crashAcceptor, initAcceptor, stepAcceptor } from './acceptor.ts';
import { crashCoordinator, initCoordinator, stepCoordinator } from './coordinator.ts';
import { EMPTY_TALLY, recordVote } from './learner.ts';
import { acceptorTargets } from './targets.ts';
import { recoveryPermits } from './recovery.ts';
import type { ClientState, FastState, LearnerState, Tally } from './state.ts';

export type { FastConfig, FastOpening } from './config.ts';
export { defaultQuorums, fastConfig } from './config.ts';
export type { FastState } from './state.ts';

const idle = <S>(state: S): StepResult<S> => ({ state, send: [], timers: [], chosen: [] });

/** Timer of a client that has not heard which value was chosen: it sends its request again. */
export const RESEND_TIMER = 'resend';

/**
 * Where a client's request goes. The first time: straight to the acceptors (the fast path; Lamport's
 * proposers skip the coordinator). A repeat also goes to the coordinator, which needs a proposed value
 * when a classic round finds nothing accepted. With a classic opening there is no fast path: only L1.
 */
function sendRequests(value: Value, config: FastConfig, send: Outgoing[], repeat: boolean): void {
  if (config.opening !== 'classic') for (const to of acceptorTargets(config)) send.push({ kind: 'request', value, to });
  if (repeat || config.opening === 'classic') send.push({ kind: 'request', value, to: COORDINATOR });
}

const resendTimer = (config: FastConfig): TimerCommand => ({
  op: 'set',
  timer: RESEND_TIMER,
  delay: [2 * config.timing.proposerTimeout, 3 * config.timing.proposerTimeout],
});

/**
 * A client asked to propose sends `request` (see sendRequests). Until the coordinator's `client-reply` says
 * what was chosen, it sends again now and then: a request lost on the way, or a coordinator that restarted
 * and forgot everything, must not stall the run for good.
 */
function stepClient(s: ClientState, input: Input, config: FastConfig): StepResult<ClientState> {
  if (input.type === 'propose') {
    const send: Outgoing[] = [];
    sendRequests(input.value, config, send, false);
    const state: ClientState = { ...s, proposed: [...s.proposed, input.value], answer: null };
    return { state, send, timers: [resendTimer(config)], chosen: [] };
  }
  if (input.type === 'timeout' && input.timer === RESEND_TIMER && s.answer === null && s.proposed.length > 0) {
    const send: Outgoing[] = [];
    for (const v of s.proposed) sendRequests(v, config, send, true);
    return { state: s, send, timers: [resendTimer(config)], chosen: [] };
  }
  if (input.type === 'message' && input.msg.kind === 'client-reply' && s.answer === null) {
    const value = input.msg['value'] as Value;
    return { state: { ...s, answer: { value } }, send: [], timers: [{ op: 'cancel', timer: RESEND_TIMER }], chosen: [] };
  }
  return idle(s);
}

function stepLearner(s: LearnerState, input: Input, config: FastConfig): StepResult<LearnerState> {
  if (input.type !== 'message' || input.msg.kind !== 'accepted') return idle(s);
  const msg = input.msg;
  const { tally, learned } = recordVote(s.tally, msg.from, msg.ballot, msg.value, config);
  if (tally === s.tally) return idle(s);
  return { state: { ...s, tally }, send: [], timers: [], chosen: learned ? [{ slot: 0, value: msg.value }] : [] };
}

const chosenOf = (t: Tally): NodeView['chosen'] => (t.chosen ? [{ slot: 0, value: t.chosen.value }] : []);

export const fastPaxos: Protocol<FastState, FastConfig> = {
  name: 'fast',
  config: (partial) => fastConfig(partial),
  nodes: (config) => fastNodes(config),
  quorums: (config) => fastQuorums(config),

  init(node: NodeInfo, config: FastConfig): FastState {
    if (node.id === COORDINATOR) return initCoordinator(config);
    if (node.roles.includes('acceptor')) return initAcceptor(node.id, config);
    if (node.roles.includes('client')) return { role: 'client', id: node.id, proposed: [], answer: null };
    if (node.roles.includes('learner')) return { role: 'learner', id: node.id, tally: EMPTY_TALLY };
    throw new Error(`fast: node ${node.id} has no Fast Paxos role (roles: ${node.roles.join(', ') || 'none'})`);
  },

  step(state: FastState, input: Input, config: FastConfig): StepResult<FastState> {
    switch (state.role) {
      case 'acceptor':
        return input.type === 'message' ? stepAcceptor(state, input.msg, config) : idle(state);
      case 'coordinator':
        return stepCoordinator(state, input, config);
      case 'client':
        return stepClient(state, input, config);
      case 'learner':
        return stepLearner(state, input, config);
    }
  },

  crash(state: FastState, config: FastConfig): FastState {
    switch (state.role) {
      case 'acceptor':
        return crashAcceptor(state, config);
      case 'coordinator':
        return crashCoordinator(state, config);
      case 'client':
        return { role: 'client', id: state.id, proposed: [], answer: null };
      case 'learner':
        return { role: 'learner', id: state.id, tally: EMPTY_TALLY };
    }
  },

  view(state: FastState): NodeView {
    switch (state.role) {
      case 'acceptor': {
        const extra: Record<string, string> = {};
        if (state.any) extra['any'] = formatBallot(state.any);
        if (state.pending) extra['pending'] = String(state.pending.value);
        return {
          promised: state.promised,
          accepted: state.accepted ? [{ slot: 0, ballot: state.accepted.ballot, value: state.accepted.value }] : [],
          chosen: [],
          extra,
        };
      }
      case 'coordinator': {
        const extra: Record<string, string> = { phase: state.phase, round: String(state.round) };
        if (state.ballot) extra['ballot'] = formatBallot(state.ballot) + (state.ballot.fast ? ' (fast)' : '');
        if (state.sent) extra['sent'] = state.sent === 'any' ? 'any' : String(state.sent.value);
        return { accepted: [], chosen: chosenOf(state.tally), extra };
      }
      case 'client':
        return {
          accepted: [],
          chosen: state.answer ? [{ slot: 0, value: state.answer.value }] : [],
          extra: { proposed: state.proposed.join(', ') },
        };
      case 'learner':
        return { accepted: [], chosen: chosenOf(state.tally), extra: { votes: String(state.tally.votes.length) } };
    }
  },
  traceRules: { recoveryPermits },
};
