// Which messages can never again change a Fast Paxos node (Protocol.stale, a hint for the model checker).
// An acceptor's promise only rises and survives a crash, and a vote only goes to a ballot at or above it;
// the coordinator's round survives a crash and every new ballot takes the next round, so a ballot it has
// left is never current again. Everything else is kept; the checker certifies every "stale" it uses.
import { ballotEquals, compareBallots, type Ballot } from '../core/ballot.ts';
import type { Message } from '../core/message.ts';
import type { FastConfig } from './config.ts';
import type { FastState } from './state.ts';

export function staleForNode(s: FastState, msg: Message, config: FastConfig): boolean {
  const ballot = (msg as { ballot?: Ballot }).ballot;
  if (ballot === undefined) return false;
  if (s.role === 'acceptor') {
    // Below the promise a prepare, accept or "any" is refused (silently with nack off); a second vote in
    // a ballot it voted in is ignored, and any later vote raises the promise above that ballot (and is then
    // refused, with a nack if nack is on).
    if (msg.kind !== 'prepare' && msg.kind !== 'accept' && msg.kind !== 'accept-any') return false;
    if (compareBallots(ballot, s.promised) < 0) return !config.nack;
    return !config.nack && msg.kind === 'accept' && s.accepted !== null && ballotEquals(s.accepted.ballot, ballot);
  }
  if (s.role === 'coordinator' && msg.kind === 'promise') {
    if (ballot.round > s.round) return false;
    if (s.ballot === null || !ballotEquals(ballot, s.ballot)) return true;
    return s.phase !== 'preparing' || s.promises.some((p) => p.acceptor === msg.from);
  }
  return false;
}
