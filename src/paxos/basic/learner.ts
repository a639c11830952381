// The Basic Paxos learner: a value is chosen once a quorum of acceptors accepted it in one ballot.
// Counting per ballot (not per value) matters: acceptances of one value in different ballots do not add up.
// What it heard is kept in a canonical order — ballots ascending, voters by id — since only who voted for
// what counts, never the order the votes arrived in (the model checker would otherwise split states by it).
import { ballotEquals, compareBallots, type Ballot } from '../core/ballot.ts';
import type { NodeId, Value } from '../core/ids.ts';
import { compareIds, insertSorted } from '../core/sorted.ts';

export interface Votes {
  readonly ballot: Ballot;
  readonly value: Value;
  /** Acceptors that accepted `ballot`, sorted by id. */
  readonly from: readonly NodeId[];
}

export interface LearnerState {
  /** One entry per ballot heard of, in ballot order. */
  readonly votes: readonly Votes[];
  /** The chosen value once learned (wrapped, since null is a value). */
  readonly chosen: { readonly value: Value } | null;
}

export const initLearner = (): LearnerState => ({ votes: [], chosen: null });

/** Records `accepted(ballot, value)` from `acceptor`; returns the new state and the value if just learned. */
export function onAccepted(state: LearnerState, acceptor: NodeId, ballot: Ballot, value: Value, quorum: number): [LearnerState, boolean] {
  if (state.chosen) return [state, false];
  const i = state.votes.findIndex((v) => ballotEquals(v.ballot, ballot));
  const old = i < 0 ? { ballot, value, from: [] } : state.votes[i]!;
  if (old.from.includes(acceptor)) return [state, false]; // a duplicated message counts once
  const entry: Votes = { ballot: old.ballot, value: old.value, from: insertSorted(old.from, acceptor, compareIds) };
  let votes: Votes[];
  if (i >= 0) votes = state.votes.map((v, j) => (j === i ? entry : v));
  else {
    const at = state.votes.findIndex((v) => compareBallots(v.ballot, ballot) > 0);
    votes = at < 0 ? [...state.votes, entry] : [...state.votes.slice(0, at), entry, ...state.votes.slice(at)];
  }
  if (entry.from.length >= quorum) return [{ votes, chosen: { value: entry.value } }, true];
  return [{ votes, chosen: null }, false];
}
