// Which messages can never again change a server (Protocol.stale, a hint for the model checker). Each rule
// rests on something that only grows: `promised` and `lastBallot` are durable and never go down, a
// candidacy or leadership at one ballot never comes back (a new election takes a higher round), and the
// acks of a proposal only grow while its ballot leads. What a crash loses (`learned`) counts only when
// the server may not crash again. Anything not covered here is simply kept: the hint may say "live" freely,
// and every "stale" it gives is certified by the checker's audit.
import { ballotEquals, ballotLess, compareBallots, type Ballot } from '../core/ballot.ts';
import type { Message } from '../core/message.ts';
import type { Slot } from '../core/ids.ts';
import type { MultiConfig, MultiMessage, MultiState, ServerState } from './types.ts';

export function staleForServer(s: MultiState, message: Message, config: MultiConfig, mayCrash: boolean): boolean {
  if (s.kind !== 'server') return false;
  // Only Multi roles send to a Multi server (types.ts MultiMessage); a kind without a ballot leaves it undefined.
  const msg = message as MultiMessage;
  const ballot = 'ballot' in msg ? msg.ballot : undefined;
  switch (msg.kind) {
    case 'prepare':
      // At or below the promise: ignored (with nack off), and the promise only rises.
      // (With reconfiguration a prepare equal to the promise is answered again: only lower ones are stale.)
      return !config.nack && ballot !== undefined && compareBallots(ballot, s.promised) < (config.alpha === undefined ? 1 : 0);
    case 'accept':
      return !config.nack && ballot !== undefined && ballotLess(ballot, s.promised);
    case 'heartbeat':
      return msg.from === s.id || (ballot !== undefined && ballotLess(ballot, s.promised));
    case 'promise':
      // Counted only by the candidate of that very ballot, once per sender.
      // With reconfiguration a leader still counts the promises of a new membership's acceptors.
      return ballot !== undefined && (pastBallot(s, ballot) || (ballotEquals(ballot, s.lastBallot) && (countsPromises(s, config) ? s.promisesFrom.includes(msg.from) : true)));
    case 'accepted':
      return ballot !== undefined && (pastBallot(s, ballot) || ackedAlready(s, ballot, msg.slot, msg.value, msg.from));
    case 'nack':
      return ballot !== undefined && pastBallot(s, ballot);
    case 'commit':
      return !mayCrash && learnedAll(s, [msg.slot]);
    case 'catchup-reply':
      return !mayCrash && learnedAll(s, msg.entries.map((e) => e.slot));
    default:
      return false;
  }
}

function countsPromises(s: ServerState, config: MultiConfig): boolean {
  return s.role === 'candidate' || (s.role === 'leader' && config.alpha !== undefined);
}

/** A reply to a bid this server has left behind: a lower ballot, or its own ballot after it stepped down. */
function pastBallot(s: ServerState, ballot: Ballot): boolean {
  return ballotLess(ballot, s.lastBallot) || (ballotEquals(ballot, s.lastBallot) && s.role === 'follower');
}

/** The leader of `ballot` already counted this ack, or proposes another value in the slot. */
function ackedAlready(s: ServerState, ballot: Ballot, slot: Slot, value: unknown, from: string): boolean {
  if (s.role !== 'leader' || !ballotEquals(ballot, s.lastBallot)) return false;
  const p = s.proposals[slot] ?? null;
  return p !== null && (p.value !== value || p.acks.includes(from));
}

function learnedAll(s: ServerState, slots: readonly Slot[]): boolean {
  return slots.every((slot) => (s.learned[slot] ?? null) !== null);
}
