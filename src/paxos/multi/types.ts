// Multi-Paxos node states, settings and the message kinds outside the trace contract's table. Everything
// here is plain JSON (arrays with `null` holes, plain objects, no Maps, no undefined), so the simulator can
// hash it, the playground can keep it by reference and the model checker can share it.
import type { Ballot } from '../core/ballot.ts';
import type { AcceptBody, AcceptedBody, AcceptedEntry, NackBody, PrepareBody, PromiseBody } from '../core/message.ts';
import type { NodeId, Slot, Value } from '../core/ids.ts';
import type { ProtocolConfig } from '../core/protocol.ts';

export interface MultiConfig extends ProtocolConfig {
  /**
   * Leader lease in simulated time units; 0 (the default) turns leases off. While a follower's lease on
   * leader L runs, its acceptor silently drops prepares from any other node, so a flaky follower cannot
   * depose a healthy leader. Clock assumption: the simulator has one global clock, and each follower
   * measures the lease from the moment it last heard from L (heartbeat or accept). Real servers would
   * measure it on their own clocks; as long as clocks run at nearly the same rate this only delays
   * elections. The leader never serves reads from the lease here, so no drift bound is needed for safety.
   */
  readonly lease: number;
  /**
   * Reconfiguration (Paxos Made Simple §3): when set, a command `config S1 S2 S4` chosen in slot i makes
   * those servers the acceptors of every slot from i + alpha on, and a leader never proposes in a slot
   * whose acceptors it cannot know yet — beyond `alpha` slots past its first unchosen slot (the window,
   * PMMC's WINDOW). Absent (the default): one fixed membership, every server, and no window.
   */
  readonly alpha?: number;
  /** With `alpha`: the first membership is S1..S{members}; the servers after it start as spares that may join. */
  readonly members?: number;
}

/** What a server has learned as chosen in one slot, and in which ballot a quorum accepted it. */
export interface ChosenEntry {
  readonly ballot: Ballot;
  readonly value: Value;
}

/** A leader's phase-2 bookkeeping for one slot. */
export interface Proposal {
  readonly value: Value;
  /** Servers whose `accepted` for this ballot and slot arrived (each once, sorted). */
  readonly acks: readonly NodeId[];
  /**
   * Whose value this is: a client or a server that handed it on (answered once the slot is applied), the
   * leader itself (its own `propose`; back to pending if it steps down first), or null for no-ops and
   * re-proposals found in the promises.
   */
  readonly client: NodeId | null;
  /** When the accepts were last sent: a heartbeat re-sends only those older than one heartbeat interval. */
  readonly sentAt: number;
}

export interface PendingValue {
  readonly value: string;
  /** When it was last handed to a leader; null: not yet (no leader known). */
  readonly sentAt: number | null;
}

export interface WaitingValue {
  readonly value: string;
  /** Who to answer once it is applied, as Proposal.client. */
  readonly client: NodeId | null;
}

export type ServerRole = 'follower' | 'candidate' | 'leader';

export interface ServerState {
  readonly kind: 'server';
  readonly id: NodeId;

  // --- Durable: survives crash() ---
  /** Acceptor: the highest ballot promised, over all slots (one prepare covers every slot ≥ its slot). */
  readonly promised: Ballot;
  /** Acceptor: what it last accepted in each slot (index = slot; null: nothing). */
  readonly accepted: readonly (AcceptedEntry | null)[];
  /**
   * Proposer: the highest ballot this server has used. Durable so that a restarted server never reuses a
   * ballot it may already have sent accepts for (its own prepare to itself might have been lost).
   */
  readonly lastBallot: Ballot;
  /** Highest slot this server has written a record for (accepted or learned); only the mutant reads it. */
  readonly lastRecord: Slot;
  /**
   * The promise a restart reads back, when it differs from `promised`; null means "the disk holds
   * `promised`", which is always so in the correct protocol. Only the mutant forget-promise-on-learn sets it.
   */
  readonly promiseOnDisk: Ballot | null;

  // --- Volatile: lost on crash() ---
  readonly role: ServerRole;
  /** The server this one believes leads (itself when leading); null when unknown. */
  readonly leader: NodeId | null;
  /** Highest round seen in a nack: the next ballot must go above it. */
  readonly seenRound: number;
  /** Candidate/leader: the first slot its prepare covers (its first unchosen slot at election time). */
  readonly prepareSlot: Slot;
  /** Candidate: servers that promised `lastBallot` (sorted). */
  readonly promisesFrom: readonly NodeId[];
  /** Candidate: per slot, the highest-ballot entry reported by the promises so far (index = slot). */
  readonly reported: readonly (AcceptedEntry | null)[];
  /** Leader: phase-2 bookkeeping per slot (index = slot). */
  readonly proposals: readonly (Proposal | null)[];
  /** Leader: the next free slot for a new value. */
  readonly nextSlot: Slot;
  /**
   * Leader with reconfiguration on: values waiting for room in the window (a slot whose acceptors are
   * known), oldest first. Always empty without reconfiguration: a new value goes straight into nextSlot.
   */
  readonly waiting: readonly WaitingValue[];
  /**
   * Candidate/leader with reconfiguration on: the servers sent the prepare of `lastBallot`. A leader whose
   * window reaches a new membership asks its members that were not asked yet (phase 1 again, for them).
   */
  readonly asked: readonly NodeId[];
  /**
   * Values proposed to this server (a `propose` input) that it is not leading for: handed to the leader as
   * a `client-request`, kept until the leader answers that they are applied, and sent again when
   * `timing.proposerTimeout` passes without an answer (as a client would).
   */
  readonly pending: readonly PendingValue[];
  /** Learner: chosen values by slot (index = slot; null: not known yet). */
  readonly learned: readonly (ChosenEntry | null)[];
  /** Learner: the first slot not known chosen; every slot below it is known. */
  readonly firstUnchosen: Slot;
  /** State machine: slots below this have been applied to `kv`, in order. */
  readonly applied: Slot;
  readonly kv: Readonly<Record<string, string>>;
  /** Lease: the leader this server will not vote against until `leaseUntil` (0: no lease). */
  readonly leaseHolder: NodeId | null;
  readonly leaseUntil: number;
}

export interface ClientState {
  readonly kind: 'client';
  readonly id: NodeId;
  /** Index (0-based) of the server requests go to next. */
  readonly target: number;
  /** Commands sent but not yet answered, oldest first. */
  readonly outstanding: readonly string[];
  readonly completed: number;
  /** The last answer, e.g. `get x → 1`, for the state table. */
  readonly lastReply: string | null;
}

export type MultiState = ServerState | ClientState;

// --- Messages ---
// The kinds outside the contract's table (readers that do not know them skip them), then the closed union
// of every message a Multi-Paxos node sends or receives: a step switches on `kind` and each case sees its
// own fields. (core/message.ts keeps an open `OtherBody` for trace readers; the engine never needs it.)

/** Leader → other servers, every `timing.heartbeat`: "I lead with this ballot; I know every slot below chosenUpTo". */
export type HeartbeatBody = { readonly kind: 'heartbeat'; readonly ballot: Ballot; readonly chosenUpTo: Slot };
/** Leader → other servers, once a quorum accepted `value` in `slot` at `ballot`. */
export type CommitBody = { readonly kind: 'commit'; readonly slot: Slot; readonly ballot: Ballot; readonly value: Value };
/** Lagging server → leader: "send me what you know chosen in every slot ≥ `slot`" (`from` is the envelope's sender). */
export type CatchupBody = { readonly kind: 'catchup'; readonly slot: Slot };
/** The answer: known chosen entries (slot, the ballot a quorum accepted, value). */
export type CatchupReplyBody = { readonly kind: 'catchup-reply'; readonly entries: readonly AcceptedEntry[] };
/** Client (or a server handing on a value) → server. */
export type ClientRequestBody = { readonly kind: 'client-request'; readonly value: string };
/**
 * Server → client: done (`ok`, with the slot and the state machine's result; no `result` when it is null,
 * e.g. `get` of an unset key) or "not the leader" (with `leader`, a hint, when the server knows one).
 * Absent rather than null fields, so diagrams print only what is there.
 */
export type ClientReplyBody =
  | { readonly kind: 'client-reply'; readonly value: string; readonly ok: true; readonly slot: Slot; readonly result?: string }
  | { readonly kind: 'client-reply'; readonly value: string; readonly ok: false; readonly leader?: NodeId };

export type MultiBody = PrepareBody | PromiseBody | AcceptBody | AcceptedBody | NackBody | HeartbeatBody | CommitBody | CatchupBody | CatchupReplyBody | ClientRequestBody | ClientReplyBody;
/** What a Multi role emits (the simulator stamps `id` and `from`). */
export type MultiOutgoing = MultiBody & { readonly to: NodeId };
/** A message as a Multi node receives it. */
export type MultiMessage = MultiBody & { readonly id: number; readonly from: NodeId; readonly to: NodeId };
