// Learning in Fast Paxos: a value is chosen in ballot b when a quorum of acceptors voted for it in b,
// where the quorum is a fast quorum if b is a fast ballot and a classic quorum otherwise. The coordinator
// uses the same tally to notice a collision: votes in its fast ballot so split that no value can still
// reach a fast quorum.
import { ballotEquals, compareBallots, type Ballot } from '../core/ballot.ts';
import type { NodeId, Value } from '../core/ids.ts';
import type { FastConfig } from './config.ts';
import type { Tally } from './state.ts';
import { compareIds, insertSorted } from '../core/sorted.ts';

export const EMPTY_TALLY: Tally = { votes: [], chosen: null };

export const quorumFor = (ballot: Ballot, config: FastConfig): number => (ballot.fast ? config.fastQuorum : config.classicQuorum);

/**
 * Adds a vote (ignoring a repeat of one already counted) and reports whether this vote made the learner
 * learn. A learner learns once; a later quorum for another value (only possible in a broken
 * configuration) is not announced again, the checker sees it in the votes anyway.
 */
export function recordVote(tally: Tally, acceptor: NodeId, ballot: Ballot, value: Value, config: FastConfig): { tally: Tally; learned: boolean } {
  const votes = tally.votes;
  let count = 1;
  for (let i = 0; i < votes.length; i++) {
    const v = votes[i] as (typeof votes)[number];
    if (!ballotEquals(v.ballot, ballot)) continue;
    if (v.acceptor === acceptor) return { tally, learned: false }; // duplicate delivery
    if (v.value === value) count++;
  }
  // Kept sorted by (ballot, acceptor): every reader only counts, so arrival order would only make one
  // tally look like several (the model checker would count a state per order).
  const next = insertSorted(votes, { acceptor, ballot, value }, (a, b) => compareBallots(a.ballot, b.ballot) || compareIds(a.acceptor, b.acceptor));
  if (tally.chosen === null && count >= quorumFor(ballot, config)) {
    return { tally: { votes: next, chosen: { value } }, learned: true };
  }
  return { tally: { votes: next, chosen: tally.chosen }, learned: false };
}

/**
 * A collision in fast ballot b: even if every acceptor not yet heard from voted for the leading value,
 * it would stay below the fast quorum, so nothing can be chosen in b and waiting is pointless.
 */
export function isCollision(tally: Tally, ballot: Ballot, config: FastConfig): boolean {
  if (!ballot.fast) return false;
  const values: Value[] = [];
  const counts: number[] = [];
  let seen = 0;
  for (const v of tally.votes) {
    if (!ballotEquals(v.ballot, ballot)) continue;
    seen++;
    const i = values.indexOf(v.value);
    if (i < 0) {
      values.push(v.value);
      counts.push(1);
    } else counts[i] = (counts[i] as number) + 1;
  }
  if (values.length < 2) return false;
  const best = Math.max(...counts);
  return best + (config.acceptors - seen) < config.fastQuorum;
}
