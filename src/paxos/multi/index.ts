// Multi-Paxos as a Protocol (core/protocol.ts): servers S1..Sn, each proposer + acceptor + learner and
// leader while it leads, and optional key-value clients C1..Ck. Files: acceptor.ts (the two promises and
// the reply, one promise for a log suffix), leader.ts (phase 1 once for all slots ≥ k, re-proposal,
// no-op holes, phase 2 per slot, heartbeats), learner.ts (learning from evidence, commit, catch-up,
// in-order apply; the mutant forget-promise-on-learn), follower.ts (following, leases), client.ts, kv.ts.
import type { NodeInfo } from '../core/ids.ts';
import type { NodeView, Protocol } from '../core/protocol.ts';
import type { MultiConfig, MultiState } from './types.ts';
import { multiConfig, multiNodes, multiQuorums } from './config.ts';
import { crashClient, crashServer, initClient, initServer } from './state.ts';
import { stepServer } from './server.ts';
import { stepClient } from './client.ts';
import { viewState } from './view.ts';

export type { MultiConfig, MultiState, ServerState, ClientState, ChosenEntry, Proposal } from './types.ts';
export { applyCommand, formatKv } from './kv.ts';

export const multiPaxos: Protocol<MultiState, MultiConfig> = {
  name: 'multi',
  config: (partial) => multiConfig(partial),
  nodes: (config) => multiNodes(config),
  quorums: (config) => multiQuorums(config),
  init(node: NodeInfo): MultiState {
    return node.roles.includes('client') ? initClient(node.id) : initServer(node.id);
  },
  step(state, input, config, now) {
    return state.kind === 'server' ? stepServer(state, input, config, now) : stepClient(state, input, config);
  },
  crash(state) {
    return state.kind === 'server' ? crashServer(state) : crashClient(state);
  },
  view(state, config): NodeView {
    return viewState(state, config);
  },
};
