// Ballots per paxos-trace/1: totally ordered by round, then by the owning node (plain string order).
// The node part is what makes two proposers' ballots distinct; `fast` marks a Fast Paxos fast round.
import type { NodeId } from './ids.ts';

export interface Ballot {
  readonly round: number;
  readonly node: NodeId;
  readonly fast?: true;
}

/** The ballot below every real one: an acceptor that has promised nothing holds this. */
export const ZERO_BALLOT: Ballot = { round: 0, node: '' };

export function compareBallots(a: Ballot, b: Ballot): number {
  if (a.round !== b.round) return a.round < b.round ? -1 : 1;
  if (a.node === b.node) return 0;
  return a.node < b.node ? -1 : 1;
}

export const ballotLess = (a: Ballot, b: Ballot): boolean => compareBallots(a, b) < 0;
export const ballotEquals = (a: Ballot, b: Ballot): boolean => compareBallots(a, b) === 0;
export const maxBallot = (a: Ballot, b: Ballot): Ballot => (compareBallots(a, b) >= 0 ? a : b);

/** `1.P1` — the short form the diagrams print. */
export function formatBallot(b: Ballot): string {
  return b.node === '' ? `${b.round}` : `${b.round}.${b.node}`;
}
