// Fresh node states and what a crash keeps.
import { ZERO_BALLOT } from '../core/ballot.ts';
import type { NodeId } from '../core/ids.ts';
import type { ClientState, ServerState } from './types.ts';

export function initServer(id: NodeId): ServerState {
  return {
    kind: 'server',
    id,
    promised: ZERO_BALLOT,
    accepted: [],
    lastBallot: ZERO_BALLOT,
    lastRecord: -1,
    promiseOnDisk: null,
    role: 'follower',
    leader: null,
    seenRound: 0,
    prepareSlot: 0,
    promisesFrom: [],
    reported: [],
    proposals: [],
    nextSlot: 0,
    waiting: [],
    asked: [],
    pending: [],
    learned: [],
    firstUnchosen: 0,
    applied: 0,
    kv: {},
    leaseHolder: null,
    leaseUntil: 0,
  };
}

export function initClient(id: NodeId): ClientState {
  return { kind: 'client', id, target: 0, outstanding: [], completed: 0, lastReply: null };
}

/**
 * A restarted server keeps only its disk: the acceptor's promise and accepted entries, its last ballot and
 * where its last record is. The promise it reads back is `promiseOnDisk` when the mutant has overwritten
 * it, else `promised`. Chosen knowledge, the key-value store, leadership and pending values are gone: it
 * learns the log again by catch-up and re-applies it from slot 0.
 */
export function crashServer(s: ServerState): ServerState {
  return {
    ...initServer(s.id),
    promised: s.promiseOnDisk ?? s.promised,
    accepted: s.accepted,
    lastBallot: s.lastBallot,
    lastRecord: s.lastRecord,
  };
}

/** A client keeps nothing: its unanswered commands are lost with it. */
export function crashClient(s: ClientState): ClientState {
  return initClient(s.id);
}
