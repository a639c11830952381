// Node states of Fast Paxos: plain JSON, never mutated (a step returns a new object and shares the rest).
import type { Ballot } from '../core/ballot.ts';
import type { NodeId, Value } from '../core/ids.ts';
import type { PhaseOneReport } from './recovery.ts';

/** One acceptor's vote as a learner saw it in an `accepted` message. */
export interface Vote {
  readonly acceptor: NodeId;
  readonly ballot: Ballot;
  readonly value: Value;
}

/**
 * What a learner has heard: every distinct (acceptor, ballot) vote, sorted by ballot then acceptor, and
 * the value it learned, if any.
 */
export interface Tally {
  readonly votes: readonly Vote[];
  readonly chosen: { readonly value: Value } | null;
}

export interface AcceptorState {
  readonly role: 'acceptor';
  readonly id: NodeId;
  /** Durable: the highest ballot it promised (rnd in Lamport's paper). */
  readonly promised: Ballot;
  /** Durable: its vote in the highest ballot it voted in (vrnd, vval), or null. */
  readonly accepted: { readonly ballot: Ballot; readonly value: Value } | null;
  /**
   * The fast ballot for which it got "any" (accept-any, or round 0 implicitly): while this is still its
   * promise, the first client request is accepted. Volatile: forgetting it only means not voting.
   */
  readonly any: Ballot | null;
  /** Volatile: the first request it received before any fast ballot was open, voted for once one opens. */
  readonly pending: { readonly value: Value } | null;
  /**
   * Uncoordinated recovery only (absent otherwise): the other acceptors' votes in its `any` ballot, one per
   * acceptor, sorted by acceptor — its stand-in for round i+1's phase-1b replies. Volatile.
   */
  readonly peers?: readonly PhaseOneReport[];
}

export type CoordinatorPhase =
  | 'idle' // just recovered, nothing running
  | 'preparing' // phase 1 sent for `ballot`, collecting promises
  | 'waiting-value' // classic ballot prepared, nothing can have been chosen, no proposed value known yet
  | 'accepting' // phase 2a sent for `ballot` (a value, or "any" in a fast ballot)
  | 'retrying' // gave up on `ballot`; a back-off timer will start the next round
  | 'done'; // learned the chosen value

export interface CoordinatorState {
  readonly role: 'coordinator';
  readonly id: NodeId;
  /** Durable: the highest round it has begun (crnd), so a restart never reuses a ballot. */
  readonly round: number;
  /** The ballot it is running, or null after a restart. */
  readonly ballot: Ballot | null;
  readonly phase: CoordinatorPhase;
  /**
   * Phase-1b reports for `ballot`, one per acceptor, sorted by acceptor id: the recovery rule asks only who
   * reported what, and where it must pick among several values it takes the lowest acceptor's, so arrival
   * order is not kept (the model checker would otherwise count one state per order).
   */
  readonly promises: readonly PhaseOneReport[];
  /** What it sent in phase 2a for `ballot` (cval): a value, "any", or null if nothing yet. */
  readonly sent: { readonly value: Value } | 'any' | null;
  /** Values it knows were proposed (requests it got, its own proposals, values it saw accepted). */
  readonly candidates: readonly Value[];
  /** Whether its `round` timer is running (it arms it only once somebody has proposed something). */
  readonly armed: boolean;
  readonly tally: Tally;
}

export interface ClientState {
  readonly role: 'client';
  readonly id: NodeId;
  /** Values it was asked to propose and has not yet heard back about (it re-sends them on a timer). */
  readonly proposed: readonly Value[];
  /** The chosen value, once the coordinator's `client-reply` arrived. */
  readonly answer: { readonly value: Value } | null;
}

export interface LearnerState {
  readonly role: 'learner';
  readonly id: NodeId;
  readonly tally: Tally;
}

export type FastState = AcceptorState | CoordinatorState | ClientState | LearnerState;
