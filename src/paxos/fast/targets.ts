// Who a node sends to. Derived from the config once and cached by identity (a config is immutable), so
// the hot path of a step allocates no id lists.
import type { NodeId } from '../core/ids.ts';
import { acceptorIds, clientIds, learnerIds, type FastConfig } from './config.ts';

interface Targets {
  readonly acceptors: readonly NodeId[];
  readonly learners: readonly NodeId[];
  readonly clients: readonly NodeId[];
}

const cache = new WeakMap<FastConfig, Targets>();

function targets(config: FastConfig): Targets {
  let t = cache.get(config);
  if (!t) {
    t = { acceptors: acceptorIds(config), learners: learnerIds(config), clients: clientIds(config) };
    cache.set(config, t);
  }
  return t;
}

export const acceptorTargets = (config: FastConfig): readonly NodeId[] => targets(config).acceptors;
export const learnerTargets = (config: FastConfig): readonly NodeId[] => targets(config).learners;
export const clientTargets = (config: FastConfig): readonly NodeId[] => targets(config).clients;
