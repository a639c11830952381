// Which messages can never again change a Basic node (Protocol.stale, a hint for the model checker). The
// rules rest on what only grows: an acceptor's promise, and a proposer's round, which a restart keeps and a
// new attempt always raises, so a ballot once left is never current again. What a proposer hears as a
// learner is volatile and counts only when it may not crash. The checker certifies every "stale" it uses.
import { ballotEquals, ballotLess, compareBallots, type Ballot } from '../core/ballot.ts';
import type { Message } from '../core/message.ts';
import type { BasicConfig } from './config.ts';
import type { AcceptorState } from './acceptor.ts';
import type { ProposerState } from './proposer.ts';

export function staleForNode(s: AcceptorState | ProposerState, msg: Message, config: BasicConfig, mayCrash: boolean): boolean {
  if (s.role === 'acceptor') {
    // At or below the promise a prepare is ignored, below it an accept is (with nack off).
    if (config.nack) return false;
    if (msg.kind === 'prepare') return compareBallots(msg.ballot, s.promised) <= 0;
    if (msg.kind === 'accept') return ballotLess(msg.ballot, s.promised);
    return false;
  }
  // A reply above the proposer's round would raise it: never stale.
  const ballot = (msg as { ballot?: Ballot }).ballot;
  if (ballot === undefined || ballot.round > s.round) return false;
  if (msg.kind === 'promise') {
    // Counted only while preparing that very attempt, once per acceptor; a ballot left is never current again.
    if (s.ballot === null || ballotLess(ballot, s.ballot)) return true;
    return ballotEquals(ballot, s.ballot) && (s.phase !== 'preparing' || s.promises.some((p) => p.from === msg.from));
  }
  if (msg.kind === 'accepted') {
    if (mayCrash) return false;
    return s.learner.chosen !== null || s.learner.votes.some((v) => ballotEquals(v.ballot, ballot) && v.from.includes(msg.from));
  }
  return false;
}
