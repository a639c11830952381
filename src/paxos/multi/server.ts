// One server's step: route the input to the role that handles it. Every server is proposer, acceptor and
// learner at once; which of its proposer behaviours runs depends on `role` (follower, candidate, leader).
import type { Input, StepResult } from '../core/protocol.ts';
import type { CatchupFields, CatchupReplyFields, ClientReplyFields, ClientRequestFields, CommitFields, HeartbeatFields, MultiConfig, ServerState } from './types.ts';
import { ELECTION, HEARTBEAT, newEffects, result } from './effects.ts';
import { onAccept, onPrepare } from './acceptor.ts';
import { heartbeat, onAccepted, onNack, onPromise, propose, startElection } from './leader.ts';
import { onCatchup, onCatchupReply, onCommit } from './learner.ts';
import { armElection, handOn, heardFromLeader, onPendingReply } from './follower.ts';
import { ballotLess } from '../core/ballot.ts';

export function stepServer(s: ServerState, input: Input, config: MultiConfig, now: number): StepResult<ServerState> {
  const fx = newEffects();
  switch (input.type) {
    case 'start':
    case 'recover':
      armElection(config, fx);
      return result(s, fx);
    case 'timeout':
      if (input.timer === ELECTION) return result(s.role === 'leader' ? s : startElection(s, config, fx), fx);
      if (input.timer === HEARTBEAT) return result(heartbeat(s, config, now, fx), fx);
      return result(s, fx);
    case 'propose':
      if (input.value === null) return result(s, fx); // no-ops are the leader's to place, not a request
      return result(s.role === 'leader' ? propose(s, input.value, s.id, config, now, fx) : handOn(s, input.value, now, fx), fx);
    case 'message': {
      const m = input.msg;
      switch (m.kind) {
        case 'prepare':
          return result(onPrepare(s, m.from, m, config, now, fx), fx);
        case 'accept':
          return result(onAccept(s, m.from, m, config, now, fx), fx);
        case 'promise':
          return result(onPromise(s, m.from, m, config, now, fx), fx);
        case 'accepted':
          return result(onAccepted(s, m.from, m, config, fx), fx);
        case 'nack':
          return result(onNack(s, m, config, fx), fx);
        case 'heartbeat': {
          const hb = m as unknown as HeartbeatFields;
          if (m.from === s.id || ballotLess(hb.ballot, s.promised)) return result(s, fx); // a deposed leader
          const next = heardFromLeader(s, m.from, hb.ballot, config, now, fx);
          // Behind the leader's chosen prefix (lost commits, or a restart): ask it for the rest.
          if (next.role === 'follower' && hb.chosenUpTo > next.firstUnchosen) {
            fx.send.push({ kind: 'catchup', to: m.from, slot: next.firstUnchosen });
          }
          return result(next, fx);
        }
        case 'commit':
          return result(onCommit(s, m as unknown as CommitFields, config, fx), fx);
        case 'catchup':
          return result(onCatchup(s, m.from, m as unknown as CatchupFields, fx), fx);
        case 'catchup-reply':
          return result(onCatchupReply(s, m as unknown as CatchupReplyFields, config, fx), fx);
        case 'client-request': {
          // From a client, or from a server handing on a value proposed to it: the leader proposes it and
          // answers once applied; anyone else answers "not the leader" with its best guess of who is.
          const value = (m as unknown as ClientRequestFields).value;
          if (s.role === 'leader') return result(propose(s, value, m.from, config, now, fx), fx);
          fx.send.push({ kind: 'client-reply', to: m.from, value, ok: false, ...(s.leader === null ? {} : { leader: s.leader }) });
          return result(s, fx);
        }
        case 'client-reply':
          return result(onPendingReply(s, m.from, m as unknown as ClientReplyFields, now, fx), fx);
        default:
          return result(s, fx);
      }
    }
  }
}
