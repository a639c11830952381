// Basic Paxos as a Protocol (core/protocol.ts): proposers P1..Pm that are also learners, acceptors A1..An.
// The rule-breaking mutants are checked where each rule lives: no-first-promise / no-second-promise /
// no-reply in acceptor.ts, ignore-reply in proposer.ts (pickValue), minority-quorum and non-intersecting-quorums
// in config.ts (workingQuorum, basicConfig's sizes), reused-ballot in proposer.ts (crashProposer forgets the round counter).
import type { NodeInfo } from '../core/ids.ts';
import { noEffects, type Input, type NodeView, type Protocol, type StepResult } from '../core/protocol.ts';
import { initAcceptor, onAccept, onPrepare, type AcceptorState } from './acceptor.ts';
import { basicConfig, basicNodes, basicQuorums, type BasicConfig } from './config.ts';
import { crashProposer, initProposer, onAcceptedMsg, onNack, onPromise, onPropose, onTimeout, type ProposerState } from './proposer.ts';

export type BasicState = AcceptorState | ProposerState;

function stepAcceptor(state: AcceptorState, input: Input, config: BasicConfig): StepResult<AcceptorState> {
  if (input.type !== 'message') return noEffects(state);
  const m = input.msg;
  if (m.kind === 'prepare') return onPrepare(state, m.from, m, config);
  if (m.kind === 'accept') return onAccept(state, m.from, m, config);
  return noEffects(state);
}

function stepProposer(state: ProposerState, input: Input, config: BasicConfig): StepResult<ProposerState> {
  switch (input.type) {
    case 'propose':
      return onPropose(state, input.value, config);
    case 'timeout':
      return onTimeout(state, input.timer, config);
    case 'message': {
      const m = input.msg;
      if (m.kind === 'promise') return onPromise(state, m.from, m.ballot, m.accepted, config);
      if (m.kind === 'nack') return onNack(state, m.ballot, m.promised, config);
      if (m.kind === 'accepted') return onAcceptedMsg(state, m.from, m.ballot, m.value, config);
      return noEffects(state);
    }
    default:
      return noEffects(state);
  }
}

export const basicPaxos: Protocol<BasicState, BasicConfig> = {
  name: 'basic',
  config: (partial) => basicConfig(partial),
  nodes: (config) => basicNodes(config),
  quorums: (config) => basicQuorums(config),
  init(node: NodeInfo): BasicState {
    return node.roles.includes('acceptor') ? initAcceptor(node.id) : initProposer(node.id);
  },
  step(state, input, config) {
    return state.role === 'acceptor' ? stepAcceptor(state, input, config) : stepProposer(state, input, config);
  },
  crash(state, config) {
    return state.role === 'acceptor' ? state : crashProposer(state, config);
  },
  view(state): NodeView {
    if (state.role === 'acceptor') {
      return {
        promised: state.promised,
        accepted: state.accepted ? [state.accepted] : [],
        chosen: [],
        extra: {},
      };
    }
    const extra: Record<string, string> = { phase: state.phase, round: String(state.round) };
    if (state.ballot) extra['ballot'] = `${state.ballot.round}.${state.ballot.node}`;
    if (state.own) extra['value'] = String(state.own.value);
    if (state.phase === 'preparing') extra['promises'] = state.promises.map((p) => p.from).join(',');
    return {
      accepted: [],
      chosen: state.learner.chosen ? [{ slot: 0, value: state.learner.chosen.value }] : [],
      extra,
    };
  },
};

export type { BasicConfig } from './config.ts';
export type { AcceptorState } from './acceptor.ts';
export type { ProposerState, ProposerPhase } from './proposer.ts';
