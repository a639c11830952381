/** A node's name in a run: `P1`, `A2`, `S3`, `C1` … */
export type NodeId = string;

/** A log position. Basic Paxos decides one value, in slot 0. */
export type Slot = number;

/** A proposed value; `null` is a Multi-Paxos no-op that fills a hole in the log. */
export type Value = string | null;

export type Role = 'proposer' | 'acceptor' | 'learner' | 'client' | 'leader';

export interface NodeInfo {
  readonly id: NodeId;
  readonly roles: readonly Role[];
}
