// The Basic Paxos learner: a value is chosen once a quorum of acceptors accepted it in one ballot.
// Counting per ballot (not per value) matters: acceptances of one value in different ballots do not add up.
import { ballotEquals, type Ballot } from '../core/ballot.ts';
import type { NodeId, Value } from '../core/ids.ts';

export interface Votes {
  readonly ballot: Ballot;
  readonly value: Value;
  readonly from: readonly NodeId[];
}

export interface LearnerState {
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
  const entry: Votes = { ballot: old.ballot, value: old.value, from: [...old.from, acceptor] };
  const votes = i < 0 ? [...state.votes, entry] : state.votes.map((v, j) => (j === i ? entry : v));
  if (entry.from.length >= quorum) return [{ votes, chosen: { value: entry.value } }, true];
  return [{ votes, chosen: null }, false];
}
