// One server's step: route the input to the role that handles it. Every server is proposer, acceptor and
// learner at once; which of its proposer behaviours runs depends on `role` (follower, candidate, leader).
import type { Input, StepResult } from '../core/protocol.ts';
import type { MultiConfig, MultiMessage, ServerState } from './types.ts';
import { ELECTION, HEARTBEAT, newEffects, result, type Effects } from './effects.ts';
import { onAccept, onPrepare } from './acceptor.ts';
import { fillWindow, heartbeat, onAccepted, onNack, onPromise, propose, startElection } from './leader.ts';
import { membersOf, reconfigures } from './membership.ts';
import { onCatchup, onCatchupReply, onCommit } from './learner.ts';
import { armElection, handOn, heardFromLeader, onPendingReply } from './follower.ts';
import { ballotLess } from '../core/ballot.ts';

export function stepServer(s: ServerState, input: Input, config: MultiConfig, now: number): StepResult<ServerState> {
  const fx = newEffects();
  const next = route(s, input, config, now, fx);
  // With reconfiguration a leader proposes only inside its window; whatever the step was (a value asked
  // for, a slot learned, a promise from a new acceptor), it may have made room.
  return result(reconfigures(config) && next.role === 'leader' ? fillWindow(next, config, now, fx) : next, fx);
}

function route(s: ServerState, input: Input, config: MultiConfig, now: number, fx: Effects): ServerState {
  switch (input.type) {
    case 'start':
    case 'recover':
      armElection(config, fx);
      return s;
    case 'timeout':
      if (input.timer === ELECTION) return s.role === 'leader' ? s : startElection(s, config, fx);
      if (input.timer === HEARTBEAT) return heartbeat(s, config, now, fx);
      return s;
    case 'propose':
      if (input.value === null) return s; // no-ops are the leader's to place, not a request
      return s.role === 'leader' ? propose(s, input.value, s.id, config, now, fx) : handOn(s, input.value, now, fx);
    case 'message': {
      // Only Multi roles send to a Multi server, so its messages are the closed union (types.ts).
      const m = input.msg as MultiMessage;
      switch (m.kind) {
        case 'prepare':
          return onPrepare(s, m.from, m, config, now, fx);
        case 'accept':
          return onAccept(s, m.from, m, config, now, fx);
        case 'promise':
          return onPromise(s, m.from, m, config, now, fx);
        case 'accepted':
          return onAccepted(s, m.from, m, config, fx);
        case 'nack':
          return onNack(s, m, config, fx);
        case 'heartbeat': {
          if (m.from === s.id || ballotLess(m.ballot, s.promised)) return s; // a deposed leader
          const next = heardFromLeader(s, m.from, m.ballot, config, now, fx);
          // Behind the leader's chosen prefix (lost commits, or a restart): ask it for the rest.
          if (next.role === 'follower' && m.chosenUpTo > next.firstUnchosen) {
            fx.send.push({ kind: 'catchup', to: m.from, slot: next.firstUnchosen });
          }
          return next;
        }
        case 'commit':
          return onCommit(s, m, config, fx);
        case 'catchup':
          return onCatchup(s, m.from, m, fx);
        case 'catchup-reply':
          return onCatchupReply(s, m, config, fx);
        case 'client-request': {
          // From a client, or from a server handing on a value proposed to it: the leader proposes it and
          // answers once applied; anyone else answers "not the leader" with its best guess of who is.
          const value = m.value;
          if (s.role === 'leader') return propose(s, value, m.from, config, now, fx);
          // A server outside the current membership no longer hears the leader: its guess may be stale, and
          // a client following it could circle between two such servers. It gives none.
          const hint = s.leader !== null && (!reconfigures(config) || (membersOf(s, s.firstUnchosen, config) ?? []).includes(s.id)) ? s.leader : null;
          fx.send.push({ kind: 'client-reply', to: m.from, value, ok: false, ...(hint === null ? {} : { leader: hint }) });
          return s;
        }
        case 'client-reply':
          return onPendingReply(s, m.from, m, now, fx);
        default:
          return s;
      }
    }
  }
}
