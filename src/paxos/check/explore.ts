// Engine mode: explicit-state breadth-first search over every interleaving of the engine's own roles.
//
// A global state is every node's protocol state, which nodes are up, each node's armed timers, the network
// (a multiset of in-flight messages), the history of acceptances (who accepted what in which ballot, the
// way TLA+'s msgs keeps every 2b), the values learners announced, and how much of each fault budget is
// spent. From a state, any of these moves may happen next:
//
//   propose   a proposer/client is asked for its value (each listed proposal at most once)
//   deliver   any in-flight message reaches its receiver (to a crashed node: dropped), in any order
//   duplicate a message is delivered and a copy stays in flight (bounded)
//   drop      a message is lost (bounded; never needed to reach a node state, but drawn in traces)
//   timeout   any armed timer fires — time is abstracted away, so a timer may fire at any moment, which
//             covers every timing the simulator could produce (bounded where a protocol re-arms forever)
//   crash     a node stops and keeps only what its protocol makes durable (bounded)
//   recover   a crashed node restarts
//
// A move whose messages carry a ballot above the scope's round (or a slot outside it) is cut: that bounds
// the proposers' retries. Message ids are not part of a state (two states that differ only in ids are
// one). Breadth-first order makes the first violation found a shortest one; its path is replayed with fresh
// message ids into a paxos-trace/1 document.
//
// How a state is stored (this is what makes millions of states affordable):
// - A node's protocol state together with its armed timers is a "local", interned per node by JSON text,
//   so a global state holds one small integer per node.
// - A protocol step is a pure function of (local, input), so its outcome — next local, messages sent,
//   acceptances, announcements, or "cut" — is computed once and memoised on the local; a transition of
//   the search is then a table look-up, and JSON text is built only for outcomes never seen before.
// - Messages, acceptances and announced values are interned in the order they are first produced, and a
//   state keeps them as bitsets (the network: a bitset plus a list of extra copies), so a global state is
//   a row of some twenty 32-bit words in one RowStore, which is also the breadth-first queue.
// - A budget counter is part of the state only when its budget is finite: with unbounded timer firings
//   the number of firings so far can never disable a move, so two states differing only in it have the
//   same futures and are one.
// The move order (proposals; then per in-flight message, in order of first production, deliver /
// duplicate / drop; timers; crash/recover) is fixed, so a search and its counterexample are deterministic.
// The search skips idle deliveries (a message that would change nothing stays in flight) and leaves out
// stale messages (ones the protocol says can never again change their receiver, certified after the
// search): SearchOptions says why neither changes the verdict or the shortest counterexample.
//
// Acceptor symmetry (SearchOptions.symmetry, off by default): acceptors the scope does not tell apart are
// interchangeable, so a state and its copy with acceptors renamed have the same futures up to renaming,
// and the search keeps one of them. See SearchOptions for the argument and the audit that certifies it.
// Partial-order reduction only where it is sound without knowing the protocol, and only on request
// (SearchOptions.por: a crash made right before the crashed node's next step, for safe verdicts;
// SearchOptions.sleep: sleep sets over deliveries to different nodes, which skip transitions and keep
// every state at its depth); SearchOptions says why no wider one, and gives the distance bound that
// proves a hunted counterexample (hunt.ts) shortest.
import { ballotEquals, compareBallots, type Ballot } from '../core/ballot.ts';
import { compareIds } from '../core/sorted.ts';
import type { Message, Outgoing } from '../core/message.ts';
import type { NodeId, NodeInfo, Slot, Value } from '../core/ids.ts';
import type { Input, Protocol, ProtocolConfig, StepResult } from '../core/protocol.ts';
import { TRACE_FORMAT, type Quorums, type TraceDocument, type TraceEvent } from '../core/trace.ts';
import { MUTANTS } from '../core/mutants.ts';
import type { AnyProtocol } from '../registry.ts';
import { LimitWatch, type SearchLimits, type StopReason } from './limits.ts';
import { RowStore, widened } from './word-store.ts';
import { popcount } from './spec-search.ts';
import { FingerprintStore } from './fingerprint-store.ts';
import type { LevelFiles } from './level-files.ts';

export interface Proposal {
  readonly node: NodeId;
  readonly value: Value;
}

/** What the search may do: the protocol with its settings, the requests, and the fault budgets. */
export interface EngineScope {
  readonly protocol: AnyProtocol;
  readonly config: ProtocolConfig;
  /** Requests the environment may make, each at most once, in any order and at any moment. */
  readonly proposals: readonly Proposal[];
  /** Moves that send a message with a ballot round above this are not explored. */
  readonly maxRound: number;
  /** Moves that send a message for a slot ≥ this are not explored. */
  readonly slots: number;
  readonly drops: number;
  readonly duplicates: number;
  readonly crashes: number;
  /** Timer firings in one run (Infinity: unbounded, fine when ballots already bound the retries). */
  readonly timeouts: number;
  /**
   * 'multiset': a message is in flight until delivered or dropped (duplication and loss are budgeted moves).
   * 'set': as in TLA+'s msgs, a sent message stays available forever and may be delivered any number of
   * times, so duplication and loss (never delivering) are unbounded and come free. It allows every run the
   * multiset network allows, and merges states that differ only in which no-op copies are still in flight.
   */
  readonly network: 'multiset' | 'set';
  /** Nodes that may crash (default: every node). */
  readonly crashable?: readonly NodeId[];
  /** Nodes whose timers may fire (default: every node); the others' timers stay armed and never fire. */
  readonly timed?: readonly NodeId[];
  /** Free-form description echoed in results and traces. */
  readonly echo: Readonly<Record<string, unknown>>;
}

/** One step of a script for `follow`: the kind of move and any of its details. */
export interface ScriptStep {
  readonly kind: MoveKind;
  readonly node?: NodeId;
  readonly value?: Value;
  readonly timer?: string;
  readonly from?: NodeId;
  readonly to?: NodeId;
  readonly msg?: string;
  readonly slot?: Slot;
  /** The message's ballot round. */
  readonly round?: number;
}

type MoveKind = 'propose' | 'deliver' | 'duplicate' | 'drop' | 'timeout' | 'crash' | 'recover';

// A move is one integer: (argument << 3) | kind. Arguments: propose — proposal index; deliver/duplicate/
// drop — message id; timeout — node * 256 + index of the timer in the node's sorted timer list;
// crash/recover — node index.
const PROPOSE = 0;
const DELIVER = 1;
const DUPLICATE = 2;
const DROP = 3;
const TIMEOUT = 4;
const CRASH = 5;
const RECOVER = 6;
/** SearchOptions.por: a node crashes, recovers and takes one step; the argument is that step's move. */
const CRASH_STEP = 7;
/** Which ids renameBits renames: votes or messages. */
const RENAME_VOTES = 0;
const RENAME_WIRES = 1;
const KINDS: readonly MoveKind[] = ['propose', 'deliver', 'duplicate', 'drop', 'timeout', 'crash', 'recover'];

/** One acceptance, as the history records it. */
interface Vote {
  readonly slot: Slot;
  readonly ballot: Ballot;
  readonly value: Value;
  readonly acceptor: NodeId;
}

/** An interned message: its content (without id) and its receiver's index. */
interface Wire {
  readonly key: number;
  readonly msg: Outgoing & { readonly from: NodeId };
  readonly to: number;
}

/** A node's protocol state with its armed timers (sorted). */
interface Local {
  readonly state: unknown;
  readonly timers: readonly string[];
  /** Memoised step outcomes by input code (see `outcome`); null: the step leaves the scope. */
  readonly memo: (Outcome | null | undefined)[];
  /** The local it restarts from after a crash, once asked. */
  crashed: number;
  /**
   * Per message id, the protocol's stale hint at this local: bits 0-1 for a node that can no longer crash,
   * bits 2-3 for one that still may; in each, 0 not asked yet, 1 live, 2 stale.
   */
  stale: Uint8Array;
  /**
   * The same hints as bitsets over message ids, for a node that can no longer crash ([0]) and for one that
   * may ([1]): bit m set when message m is to this node and stale here. Each covers the ids below its
   * length in bits that were interned when it was last extended (`staleWords`).
   */
  staleBits: [Uint32Array, Uint32Array];
  staleCovered: [number, number];
}

/** What one protocol step does, in interned form. */
interface Outcome {
  readonly local: number;
  /** Message ids sent, in send order. */
  readonly sends: readonly number[];
  /** Vote ids of the acceptances among the sends. */
  readonly votes: readonly number[];
  /** Ids of (slot, value) announced as chosen, in the order the step announced them. */
  readonly chosen: readonly number[];
}

/**
 * The words of a state besides its locals and its sets: which nodes are up and which proposals were made
 * (bitmasks), the fault budgets spent, and the timer firings. A decoded state and a change both hold them.
 */
class Scalars {
  up = 0;
  proposed = 0;
  dropped = 0;
  duplicated = 0;
  crashed = 0;
  fired = 0;

  /** Takes every scalar from `o`. */
  scalarsFrom(o: Scalars): void {
    this.up = o.up;
    this.proposed = o.proposed;
    this.dropped = o.dropped;
    this.duplicated = o.duplicated;
    this.crashed = o.crashed;
    this.fired = o.fired;
  }
}

/**
 * How a move changes a state, for `encode`: every field is always present (a field left as `changeOf(d)`
 * set it is as in `d`), so that encode reads one object shape; the search reuses one instance (this.change)
 * instead of allocating a record per transition.
 */
class Change extends Scalars {
  /** The node whose local becomes `local` (-1: none). */
  node = -1;
  local = 0;
  /** A message id that loses one copy in flight (-1: none). */
  removed = -1;
  /** The protocol step's outcome: its messages, votes and announcements are added. */
  step: Outcome | null = null;
}

/** The trace events of one move, before seq/time/ids are stamped. */
type Happening =
  | { readonly type: 'propose'; readonly node: NodeId; readonly value: Value }
  | { readonly type: 'send' | 'drop'; readonly wire: Wire }
  | { readonly type: 'deliver'; readonly wire: Wire; readonly keep: boolean }
  | { readonly type: 'crash' | 'recover'; readonly node: NodeId }
  | { readonly type: 'timeout'; readonly node: NodeId; readonly timer: string }
  | { readonly type: 'chosen'; readonly node: NodeId; readonly slot: Slot; readonly value: Value };

/** A global state unpacked from its row, for generating its moves and successors. */
class Decoded extends Scalars {
  local: Int32Array;
  /** Bumped by every decode into this object: what restarted() keys its cache on. */
  version = 0;
  votes: number[] = [];
  announced: number[] = [];
  /** Network bitset words (trailing zero words trimmed). */
  net: number[] = [];
  /** Ids with more than one copy in flight, ascending. */
  multi: number[] = [];
  /** Extra copies in flight (copies beyond the first, over all ids). */
  extras = 0;
  /** Copies in flight per message id. */
  count: Int32Array = new Int32Array(64);
  constructor(n: number) {
    super();
    this.local = new Int32Array(n);
  }
}

interface Counts {
  readonly states: number;
  readonly transitions: number;
  readonly depth: number;
  readonly ms: number;
  /** The reductions the search ran with (SearchOptions). */
  readonly reductions: readonly Reduction[];
  /**
   * Present when the search kept fingerprints instead of states (SearchOptions.fingerprints): their width,
   * and the chance, were they random, that a collision made the search skip a state.
   */
  readonly fingerprints?: { readonly bits: 96; readonly missBound: number };
}

export type EngineResult =
  | ({ readonly result: 'safe' } & Counts)
  | ({
      readonly result: 'violation';
      readonly property: 'agreement';
      /** Slot and the two different values found chosen in it. */
      readonly slot: Slot;
      readonly values: readonly Value[];
      /** Moves appended after the violation so learners announce (deliveries of `accepted`). */
      readonly epilogue: number;
      /** Moves of the run before the epilogue: depth − 1, except under SearchOptions.por, where one level may hold three. */
      readonly steps: number;
      readonly trace: TraceDocument;
    } & Counts)
  | ({ readonly result: 'incomplete'; readonly reason: StopReason } & Counts)
  /** With SearchOptions.bound: every run of at most `bound` moves was covered, and none chooses two values. */
  | ({ readonly result: 'clear'; readonly bound: number } & Counts);

/**
 * How the search may shrink the state space without changing its verdict or the length of its shortest
 * counterexample (tests/check compare it with the unreduced search on small scopes).
 *
 * `reduce` (default true): idle deliveries are not explored. A delivery is idle when its receiver's step
 * changes nothing — same protocol state, same timers, nothing sent or announced — or its receiver is down.
 * Instead of being consumed the message stays in flight, which the network always allows (a message may be
 * delayed forever), so the reduced search explores a subset of the real runs and can report no violation
 * that is not real. It misses none either: take any run to a conflict and delete its idle deliveries; every
 * node state along the run is unchanged (an idle delivery changed none), so every remaining move is still
 * enabled and does the same, the only difference being copies still in flight that the run no longer uses,
 * and the votes and announcements — all a conflict is made of — end up the same. The shorter run is a run
 * of the reduced search, so a shortest counterexample never contains an idle delivery and has the same
 * length in both. Which of several shortest runs is drawn depends on the move order, which the reduction
 * leaves as it was (message order is order of first production); on every test scope and every mutant's
 * standard scope the drawn run is byte-identical to the unreduced search's (tests/check/reduction.test.ts
 * checks the small ones). Replays (trace, follow, the epilogue) skip no idle delivery: every move is drawn.
 * Budgeted drops stay: they are fault moves a trace may want to show.
 *
 * With `reduce` the search also leaves stale messages out of its states: a message the protocol's hint
 * (Protocol.stale) says can never again change its receiver — neither now nor in any state the receiver may
 * reach — is not added when sent to a node that is up, and is removed once its receiver's local changes so
 * that it becomes stale, or once the last crash is spent and it is stale for a node that can no longer
 * crash. States that differ only in such messages have the same futures and become one.
 * That is the idle-delivery argument carried forward: in any run, every later delivery of a stale message
 * is idle and can be deleted, and a drop or a duplicate of it only spends budget and can be deleted too, so
 * the runs of the full network and of the pruned one reach the same votes and announcements, and a
 * shortest counterexample never needs a stale message. A hint is trusted only as far as it is certified:
 * after a search ends safe, auditStale checks, for every local the search reached and every message the
 * hint calls stale there, that delivering it is idle and that every step the search took from that local
 * keeps it stale (for a node that may still crash, its crash and recovery too); a wrong hint throws instead
 * of letting "safe" stand (tests/check/stale.test.ts); the same audit runs before a violation is reported,
 * since a wrong hint could have hidden a shorter run. No hint is used for a mutant, whose rules are not the
 * ones the hint describes, except one that changes only quorum sizes (MUTANTS' staleHint). Replays of a
 * found path leave stale messages out exactly as the search did, so the path's moves line up; scripts (`follow`) want every message available, so they run on an
 * explorer built with `reduce: false`.
 *
 * `symmetry` (default false): acceptor symmetry. Acceptors with the same roles (acceptor and nothing else),
 * that the scope treats alike (all may crash or none, all timed or none) and that no request names, form a
 * class; π ranges over the permutations of each class, applied everywhere a node id appears — which node
 * holds which local, the up bits, node ids inside protocol states, messages (from, to and body) and votes.
 * The search stores, for each state it reaches, the least of its renamings (row order), so it explores
 * the quotient of the state graph by the group. Why that keeps the verdict and the shortest length:
 * (1) conflict is invariant — it counts acceptors per (slot, ballot, value) and reads announced values,
 * and renaming acceptors changes neither count; (2) the transition relation is equivariant — s –t→ s'
 * iff π(s) –π(t)→ π(s'), because a role reads acceptor ids only to address and count them. Then every
 * run s0 –t1→ … –tk→ s of the full graph maps, step by step, to a run of the quotient of the same length
 * (the initial state's class, then each canonical state's successor under the renamed move), and every
 * quotient run is a renamed full run; so a violation is reached at depth k in one iff at depth k in the
 * other, and breadth-first order finds the same shortest length. The drawn trace is a concrete run:
 * replayed from the initial state, each step the first enabled move whose canonical successor is the
 * stored one. (2) is the protocol's claim and is not taken on trust: after the search, auditSymmetry checks
 * for every local the search reached, every input it stepped it with and every π, that stepping the
 * renamed local with the renamed input gives the renamed outcome (and that the stale hint and a crash
 * agree too); if not it throws, for a "safe" and a "violation" alike. Protocol states keep sets of nodes
 * as arrays sorted by id (core/sorted.ts); a renamed array that was sorted is sorted again.
 * Multi-Paxos servers are proposers as well, and their ids order ballots, so no two are interchangeable;
 * the symmetry is a reduction for Basic and Fast scopes only.
 *
 * No partial-order reduction by default, and no ample set of deliveries (`por`, below, reorders crashes
 * only; `sleep` skips transitions, not states), for two reasons (checked again for #19). (1) Condition C1 of an ample set:
 * {deliver m to i} may stand for all moves only if no move that conflicts with it can run first on any path,
 * and every other input of node i conflicts with it — including a message not yet sent that another node
 * may send i before m arrives. That the receipt is invisible to agreement (it changes no vote) is condition
 * C2, not C1: an acceptor that takes prepare(2) before accept(1) ends elsewhere than one that takes them the
 * other way round. Without protocol knowledge of who can still write to i, the set closes over every move.
 * (2) Even a sound ample set does not keep the shortest counterexample's length: a shortest run that uses
 * the ample move is reordered (same length), but one that does not use it gets it inserted (one move
 * longer), so the reduced search finds a violation, not a shortest one: `por` is for safe verdicts, and
 * off unless asked for. Sleep sets (`sleep`, below) keep every state and
 * skip transitions, which cost a search as much as states do. Deferring every silent step of a node (one that
 * sends nothing and adds no vote: a promise below quorum, a back-off) to just before its next move, as
 * `por` does with crashes, was tried for #19 and left out: Basic's standard scope fell from 134,387 to
 * 12,264 states, but each deferred step is followed by a look-ahead over its node's moves from states no
 * two parents share, so a state kept cost some thirty transitions instead of seven and the time barely
 * moved (0.83 s against 0.88 s); on Multi's one slot with a leader change and a crash it rose (4.5 s
 * against 3.1 s), so the time it would save is not there. What the two long counterexamples get instead is
 * hunt.ts (find a run) and `bound` (prove nothing shorter exists, where the levels left are few).
 */
export interface SearchOptions {
  readonly reduce?: boolean;
  readonly symmetry?: boolean;
  /**
   * `por` (default false): a partial-order reduction of crashes, for SAFE verdicts, in scopes of one crash.
   * Off, every count and every counterexample is as before; on, a "safe" means what it always means, but a
   * counterexample found is a real run that need not be a shortest one (see below), so the option is
   * refused together with `bound`, whose "clear" rests on shortest lengths, and with `symmetry`, whose
   * quotient this argument does not cover.
   *
   * Crash before step ("crash-before-step" in the result). A crash is never a move of its own: node i
   * crashes and recovers in one move, and when that recovery is silent — it sends nothing and adds no vote
   * or announcement, only re-arms timers (every Basic node, a Multi server, a Fast acceptor) — that move
   * also makes one step of i: a request to i, a delivery or duplicate to i, or one of i's timers, taken at
   * the local i restarts at. One move per such step; a restart that no step of i follows is not explored.
   * A recovery that does send (Fast's coordinator starts a new round) is a move on its own, crash included.
   * So the search never holds a node that is down, nor a silently restarted node that has not moved since.
   *
   * Why it keeps every violation. Take any run w of the full search (one crash, of node i) that ends with
   * two values chosen. (1) Between the crash and the recovery only other nodes move, and drops — a down
   * node takes no request, timer or duplicate, and the search never delivers to it (idle: left in flight).
   * None of those moves reads i's local or whether i is up, and the crash reads nothing of theirs, so the
   * crash moves forward to just before the recovery: the same moves, the same states after the pair. (The
   * one thing that may differ between the two orders is whether a message sent to i, or to a node whose
   * hint changes when the last crash is spent, is left out as stale; a stale message can never again change
   * its receiver — the hint's monotony that auditStale certifies — so leaving it out earlier or later keeps
   * every later step as it was.) If i never recovers, delete the crash: i then stays up and still never
   * moves, since a move of i would come after a recovery. (2) If the recovery is silent, it moves forward
   * the same way to just before i's next step — in between only other nodes move, and they do not read i's
   * local — and if i never steps again the pair is deleted: a silent recovery and a crash add no message,
   * vote or announcement, so the moves after them do the same without them. What is left is a run whose
   * crash sits where the reduced search puts it, with the same votes and announcements at its end: a
   * conflict the full search reaches, the reduced one reaches, and the reduced one only makes real moves.
   * The crash budget spent or left does not matter: deleting a crash leaves one more, which disables
   * nothing, and a second crash of a scope would need two restarts before one step, which this move does
   * not make, so the option is refused for scopes of more than one crash. What is lost is length:
   * breadth-first order now finds the fewest levels, and one level may hold three moves, so the run found
   * need not have the fewest moves (it never has fewer than the plain search's shortest: it is a real run);
   * `depth` counts levels, and a violation's `steps` its moves. tests/check/por.test.ts holds the reduced
   * search against the plain one on every scope where both finish.
   */
  readonly por?: boolean;
  /**
   * `sleep` (default false): sleep sets over deliveries to different nodes ("sleep-sets" in the result).
   * The search stores exactly the states it stores without them, each at the same depth, so every count
   * but `transitions`, every verdict and every shortest length stays as it was (which of several shortest
   * counterexamples is drawn may change); what it skips is a transition whose successor another,
   * earlier-listed order of the same moves reaches at the same depth.
   *
   * Independence. Two deliveries x (a message to node a) and y (to node b ≠ a), both enabled at a state s
   * (listed, and applying them gives a successor: not cut, and not idle when idle ones are skipped), are
   * independent: x is still enabled after y and y after x, and s·x·y = s·y·x. A step is a function of its
   * receiver's local and the message alone (memoised per local), or a drop at a node that is down; y
   * changes neither a's local, nor whether a is up, nor x's message (it takes one copy of its own, and
   * leaves out as stale only messages to b); budgets, up bits and proposals are untouched by a delivery;
   * votes, announcements and sends are added as unions. The one place order could show is a message m that
   * x sends to b, which is left out as stale by b's local when it is sent, and again when b's local
   * changes. x first: m stays iff it is live at b's local before y and after it; y first: iff it is live
   * after y. The two agree because a message stale at a local stays stale after every step from it — the
   * hint's monotony, which auditStale certifies over every step the search computed (y's among them)
   * before a verdict stands; without a hint nothing is left out at all.
   *
   * The algorithm. Each stored state s has a sleep set Z(s) (Z = ∅ for the initial state): s's expansion
   * skips the deliveries in Z(s), and for each move x it does apply, the successor is offered with
   * Zx = { y ∈ Z(s) ∪ { enabled deliveries listed before x at s } : y independent of x at s }. A successor
   * new to the store keeps that set; meeting a stored state again changes nothing.
   *
   * Why every state is still stored at its distance. Order the runs of one length from the initial state
   * by their first difference, there by the order in which that state lists its moves. Let r be a state at
   * distance n and w = x1 … xn, through s0, s1, …, sn = r, the least of the n-move runs that reach it;
   * every prefix of w is then the least shortest run to its own end. Claim, by induction on i: si is stored
   * at level i, first discovered from si−1 by xi, and xi+1 is not asleep at si. Breadth-first order
   * expands a level in the order its states were first discovered, that is (by the claim one level down)
   * in the order of their least shortest runs; so no state expanded before si−1, and no move listed before
   * xi at si−1, reaches si, or a lesser run than w's prefix would. Hence Z(si) = Zxi of that discovery.
   * Now say y = xi+1 ∈ Z(si). Unwinding Zx back along w, there is an h ≤ i with y listed before xh at
   * sh−1, enabled there, and independent of xh at sh−1, of xh+1 at sh, …, of xi at si−1. Independence keeps
   * y enabled along the way, and swapping y leftward past xi, …, xh one at a time reaches the same state
   * after each swapped pair, so x1 … xh−1 y xh … xi xi+2 … xn is an n-move run to r that is less than w: a
   * contradiction. So xi+1 is applied at si, and si+1, at distance i + 1, is stored at level i + 1 (a state
   * met again keeps its first set, which is the one the claim speaks of). Leaving a delivery awake only
   * explores more, so the 32-delivery cap (a set is a bitmask over the ranks of the state's in-flight
   * message ids) keeps this. What the argument needs is breadth-first order and a plain state graph, so
   * `sleep` is refused with `bound` (a swapped run may pass a state the bound leaves out) and with
   * `symmetry` (moves of a canonical representative); with `por` it runs on the graph of that reduction,
   * whose deliveries are the same moves, so the two together store exactly what `por` alone does.
   * tests/check/sleep.test.ts holds it against the search without it on every scope where both finish.
   */
  readonly sleep?: boolean;
  /**
   * `bound` (default none): look for a violation within this many moves only, and leave out every state
   * from which no such violation can be reached in the moves left — a lower bound on the moves still
   * needed, `votesToConflict`, that never overestimates. The search then ends 'violation' (a shortest one,
   * as ever) or 'clear': no run of at most `bound` moves chooses two values. With a run of bound + 1 moves
   * in hand (hunt.ts), 'clear' proves that run shortest.
   *
   * Why the estimate never overestimates. Two values v ≠ w are chosen in one slot when each has, in some
   * ballot, as many votes as that ballot's quorum (or a learner announced it). A move steps one node, and a
   * vote is an acceptor's `accepted` in its own name, so a move adds at most one vote to any (slot, ballot,
   * value). A value with c votes in a ballot of quorum q needs at least q − c more moves, and can get them
   * there only if at least q − c acceptors have not voted in that ballot yet, since an acceptor votes once
   * in a ballot (otherwise that ballot counts as a fresh one); a value with no
   * vote yet (in this ballot or any) needs at least the smallest quorum q_min; and values never voted for
   * are always there to choose from, so a slot needs at least the larger of the two smallest of {each
   * value's need, q_min, q_min}. Where one step of a node votes for one value per slot at most (the
   * protocol's `valuesPerStep`, 1 unless it says otherwise: only Fast's uncoordinated recovery votes twice,
   * once in round i and once in i + 1), no move serves both values and the slot needs their sum. The least
   * over the slots is the estimate. Its premises are audited where the search relies on them, and the
   * search throws rather than prune on a false one: a move that adds votes for more values to one slot
   * than `valuesPerStep`, or a second vote of one acceptor in one ballot of a slot (reused-ballot's
   * restarted proposer causes one; both checked on every move that adds a vote), and an announcement,
   * which counts as a choice in zero further moves, which is right only if a learner announces a value
   * after a quorum voted for it (a learner can learn nothing sooner; checked in every state stored). A
   * state left out at depth g has g + estimate > bound, so every run through it is longer than the bound,
   * and breadth-first order meets every state first at its least depth, so no state is left out that a
   * shorter run would keep.
   */
  readonly bound?: number;
  /**
   * `fingerprints` (default false): store a 96-bit fingerprint of each state and only the rows still to
   * expand (fingerprint-store.ts), for scopes whose states do not fit in memory as rows. Every count, verdict
   * and counterexample is the one the row store gives unless two states share a fingerprint; the result
   * says how likely that was (`Counts.fingerprints`), since a "safe" then rests on it.
   */
  readonly fingerprints?: boolean;
  /**
   * With `fingerprints`: keep each level's rows in files from here (level-files.ts) instead of memory,
   * so that memory holds only the fingerprints, parents and moves. Changes no count or verdict.
   */
  readonly levelFiles?: LevelFiles;
  /**
   * With `fingerprints`: the states to make room for at the start (FingerprintStoreOptions.capacity), so a
   * search that stays under it never stops to grow its table. Changes no count or verdict.
   */
  readonly expectedStates?: number;
}

/** A reduction a search ran with, named in every result (see SearchOptions). */
export type Reduction = 'idle-deliveries' | 'stale-messages' | 'acceptor-symmetry' | 'distance-bound' | 'crash-before-step' | 'sleep-sets';

const BUDGET_BITS = 10;
const EMPTY: readonly number[] = [];
const NO_MARKS = new Uint8Array(0);
const NO_WORDS = new Uint32Array(0);
const BUDGET_MAX = (1 << BUDGET_BITS) - 1;

/** The explorer for one scope. `check()` runs the search; the rest is the transition relation. */
export class EngineExplorer {
  private readonly scope: EngineScope;
  private readonly protocol: AnyProtocol;
  private readonly config: ProtocolConfig;
  readonly nodes: readonly NodeInfo[];
  readonly quorums: Quorums;
  private readonly index = new Map<NodeId, number>();
  /** The index of the node each proposal is asked of (read per state: no map look-up there). */
  private readonly proposer: Int32Array;
  private readonly isAcceptor: boolean[];
  private readonly crashable: number; // bitmask
  private readonly timed: number; // bitmask
  private readonly n: number;
  /** Per node: its locals, and their ids by JSON text. */
  private readonly locals: Local[][];
  private readonly localIds: Map<string, number>[];
  private readonly wires: Wire[] = [];
  private readonly wireIds = new Map<string, number>();
  private readonly timerNames: string[] = [];
  private readonly timerIds = new Map<string, number>();
  private readonly voteIds = new Map<string, number>();
  private readonly votes: Vote[] = [];
  private readonly chosenIds = new Map<string, number>();
  private readonly chosenList: { slot: Slot; value: Value }[] = [];
  /** Fired timers are counted in a state only under a finite budget (see the file comment). */
  private readonly countFired: boolean;
  private row = new Uint32Array(256);
  /** Set by encode: the successor has a vote or an announcement its predecessor lacked. */
  private grew = false;
  private added = new Uint8Array(64);
  /** Scratch for encode: pairs (message id, copies) pruned as stale. */
  private pruned = new Int32Array(64);
  /** Scratch for encode: the ids that may have several copies in flight. */
  private several = new Int32Array(16);

  /** Whether check() skips idle deliveries (see SearchOptions). */
  private readonly reduced: boolean;
  /** The protocol's stale hint, when the reduced search uses it (see SearchOptions). */
  private readonly hint: Protocol<unknown>['stale'];
  /** Acceptor symmetry (SearchOptions): the group's permutations other than the identity, node index → node index. */
  private readonly perms: Int32Array[] = [];
  /** Per permutation: node id → renamed id (acceptors of a class only). */
  private readonly renames: Map<string, string>[] = [];
  /** Per permutation and node: local id → id of the renamed local at the renamed node. */
  private readonly localRenames: number[][][] = [];
  /** Per permutation: message id → renamed message id; vote id → renamed vote id. */
  private readonly wireRenames: number[][] = [];
  private readonly voteRenames: number[][] = [];
  /** Two scratch rows for renamings: one holds the least so far, the other takes the next attempt. */
  private canonRows = [new Uint32Array(256), new Uint32Array(256)];
  private canonBase = new Uint32Array(256);
  private canonIds = new Int32Array(256);

  /** SearchOptions.bound, or Infinity. */
  private readonly bound: number;
  /** SearchOptions.por: a crash is made together with its recovery and, if that is silent, the node's next step. */
  private readonly por: boolean;
  /** SearchOptions.sleep: sleep sets over deliveries to different nodes. */
  private readonly sleep: boolean;
  /** Protocol.valuesPerStep for this scope: what the distance bound's estimate may assume. */
  private readonly valuesPerStep: number;
  /** Acceptors in the scope: at most this many votes in one ballot of a slot. */
  private readonly acceptorCount: number;
  /** SearchOptions.fingerprints, levelFiles and expectedStates. */
  private readonly fingerprints: boolean;
  private readonly levelFiles: LevelFiles | undefined;
  private readonly expectedStates: number | undefined;

  constructor(scope: EngineScope, options: SearchOptions = {}) {
    this.scope = scope;
    this.bound = options.bound ?? Infinity;
    if (options.bound !== undefined && !(Number.isInteger(options.bound) && options.bound >= 0)) throw new RangeError(`bound: a whole number of moves ≥ 0 (got ${options.bound})`);
    this.reduced = options.reduce ?? true;
    this.por = options.por ?? false;
    this.sleep = options.sleep ?? false;
    if (this.sleep && options.bound !== undefined) throw new RangeError('sleep: not argued together with a distance bound (a reordered run may pass a state the bound leaves out); search without one of them');
    if (this.sleep && options.symmetry) throw new RangeError('sleep: not argued together with acceptor symmetry; search with one of them');
    this.fingerprints = options.fingerprints ?? false;
    this.levelFiles = options.levelFiles;
    if (this.levelFiles && !this.fingerprints) throw new RangeError('spill: level files hold the rows of a fingerprint search only; search with fingerprints on');
    this.expectedStates = options.expectedStates;
    if (this.expectedStates !== undefined && !this.fingerprints) throw new RangeError('expect-states: sizes the table of a fingerprint search only; search with fingerprints on');
    if (this.por && options.bound !== undefined) throw new RangeError('por: a crash-before-step search may find a longer run than the shortest, so it cannot prove a distance bound; search without one of them');
    if (this.por && options.symmetry) throw new RangeError('por: not argued together with acceptor symmetry; search with one of them');
    // Without idle deliveries skipped, a delivery to a down node is a move (a drop) that could precede the recovery.
    if (this.por && !this.reduced) throw new RangeError('por: needs the idle-delivery reduction (reduce), which keeps a down node from moving');
    // Two restarts of one node with no step between are not one move of the reduced search.
    if (this.por && scope.crashes > 1) throw new RangeError(`por: argued for one crash (got ${scope.crashes}); search with one crash, or without por`);
    this.protocol = scope.protocol;
    this.config = scope.config;
    this.nodes = this.protocol.nodes(this.config);
    this.quorums = this.protocol.quorums(this.config);
    this.valuesPerStep = this.protocol.valuesPerStep?.(this.config) ?? 1;
    this.n = this.nodes.length;
    this.downScratch = new Decoded(this.n);
    this.resetScratch = new Decoded(this.n);
    this.isAcceptor = this.nodes.map((n) => n.roles.includes('acceptor'));
    this.acceptorCount = this.isAcceptor.filter(Boolean).length;
    this.nodes.forEach((n, i) => this.index.set(n.id, i));
    this.proposer = Int32Array.from(scope.proposals, (p) => {
      const i = this.index.get(p.node);
      if (i === undefined) throw new RangeError(`proposals: ${p.node} is not a node of this ${this.protocol.name} scope`);
      return i;
    });
    if (this.n > 30) throw new RangeError(`nodes: at most 30 nodes in a model-checking scope (got ${this.n})`);
    for (const [field, budget] of [['drops', scope.drops], ['duplicates', scope.duplicates], ['crashes', scope.crashes]] as const) {
      if (budget > BUDGET_MAX) throw new RangeError(`${field}: at most ${BUDGET_MAX} in a model-checking scope (got ${budget})`);
    }
    this.crashable = this.nodeMask('crashable', scope.crashable);
    this.timed = this.nodeMask('timed', scope.timed);
    for (const p of scope.proposals) this.nodeIndex('proposals', p.node);
    if (scope.proposals.length > 31) throw new RangeError(`proposals: at most 31 in a model-checking scope (got ${scope.proposals.length})`);
    this.countFired = Number.isFinite(scope.timeouts);
    // Hints describe the correct protocol: a mutant breaks the very rules they rest on, unless it changes
    // only quorum sizes (MutantRow.staleHint).
    const mutant = (this.config as { mutant?: string }).mutant;
    const hintHolds = mutant === undefined || MUTANTS.some((m) => m.name === mutant && 'staleHint' in m && m.staleHint === 'holds');
    this.hint = this.reduced && hintHolds ? this.protocol.stale?.bind(this.protocol) : undefined;
    this.locals = this.nodes.map(() => []);
    this.localIds = this.nodes.map(() => new Map());
    if (options.symmetry) this.symmetryGroup();
  }

  /** The reductions this explorer's search runs with. */
  get reductions(): Reduction[] {
    const out: Reduction[] = [];
    if (this.reduced) out.push('idle-deliveries');
    if (this.hint) out.push('stale-messages');
    if (this.perms.length > 0) out.push('acceptor-symmetry');
    if (this.bound !== Infinity) out.push('distance-bound');
    if (this.por) out.push('crash-before-step');
    if (this.sleep) out.push('sleep-sets');
    return out;
  }

  /**
   * Builds the acceptor-symmetry group (SearchOptions): classes of acceptors the scope treats alike, and
   * every permutation within the classes. A class of more than five (720 renamings a state) is left whole.
   */
  private symmetryGroup(): void {
    const named = new Set(this.scope.proposals.map((p) => p.node));
    const classes = new Map<string, number[]>();
    this.nodes.forEach((node, i) => {
      if (node.roles.length !== 1 || node.roles[0] !== 'acceptor' || named.has(node.id)) return;
      const key = `${(this.crashable >>> i) & 1}${(this.timed >>> i) & 1}`;
      classes.set(key, [...(classes.get(key) ?? []), i]);
    });
    let group: Int32Array[] = [Int32Array.from(this.nodes, (_, i) => i)];
    for (const members of classes.values()) {
      if (members.length < 2 || members.length > 5) continue;
      const next: Int32Array[] = [];
      for (const order of permutations(members)) {
        for (const g of group) {
          const p = g.slice();
          members.forEach((m, k) => (p[m] = order[k]!));
          next.push(p);
        }
      }
      group = next;
    }
    for (const p of group) {
      if (p.every((to, i) => to === i)) continue;
      this.perms.push(p);
      const names = new Map<string, string>();
      p.forEach((to, i) => {
        if (to !== i) names.set(this.nodes[i]!.id, this.nodes[to]!.id);
      });
      this.renames.push(names);
      this.localRenames.push(this.nodes.map(() => []));
      this.wireRenames.push([]);
      this.voteRenames.push([]);
    }
  }

  /** A protocol value with node ids renamed; an array sorted by node id (core/sorted.ts) is sorted again. */
  private renameValue(v: unknown, names: Map<string, string>): unknown {
    if (typeof v === 'string') return names.get(v) ?? v;
    if (Array.isArray(v)) {
      const out = v.map((x) => this.renameValue(x, names));
      const keys = v.map(idKey);
      if (keys.every((k) => k !== undefined) && keys.every((k, j) => j === 0 || compareIds(keys[j - 1]!, k!) <= 0)) {
        const order = out.map((x, j) => ({ x, j, k: idKey(x)! }));
        order.sort((a, b) => compareIds(a.k, b.k) || a.j - b.j);
        return order.map((e) => e.x);
      }
      return out;
    }
    if (v !== null && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) out[names.get(k) ?? k] = this.renameValue(x, names);
      return out;
    }
    return v;
  }

  /** Node i's local `id` renamed by permutation p: a local of node perms[p][i]. */
  private renameLocal(p: number, i: number, id: number): number {
    const memo = this.localRenames[p]![i]!;
    let r = memo[id];
    if (r === undefined) {
      const local = this.locals[i]![id]!;
      r = this.localId(this.perms[p]![i]!, this.renameValue(local.state, this.renames[p]!), local.timers);
      memo[id] = r;
    }
    return r;
  }

  private renameWire(p: number, m: number): number {
    const memo = this.wireRenames[p]!;
    let r = memo[m];
    if (r === undefined) {
      r = this.wireId(this.renameValue(this.wires[m]!.msg, this.renames[p]!) as Outgoing & { from: NodeId });
      memo[m] = r;
    }
    return r;
  }

  private renameVote(p: number, id: number): number {
    const memo = this.voteRenames[p]!;
    let r = memo[id];
    if (r === undefined) {
      const v = this.votes[id]!;
      const acceptor = this.renames[p]!.get(v.acceptor) ?? v.acceptor;
      const text = `${v.slot}|${v.ballot.round}.${v.ballot.node}${v.ballot.fast ? 'f' : ''}|${JSON.stringify(v.value)}|${acceptor}`;
      r = this.voteIds.get(text);
      if (r === undefined) {
        r = this.votes.length;
        this.voteIds.set(text, r);
        this.votes.push({ ...v, acceptor });
      }
      memo[id] = r;
    }
    return r;
  }

  /**
   * Replaces the state in this.row[0..length) by the least of its renamings under the symmetry group and
   * returns its length (the identity when there is no symmetry). Rows are ordered word by word, a prefix
   * first; the nodes' locals come first in a row, so most renamings lose on them and are not finished.
   */
  private canonicalize(length: number): number {
    if (this.perms.length === 0) return length;
    if (this.canonBase.length < length) this.canonBase = new Uint32Array(length * 2);
    const base = this.canonBase;
    base.set(this.row.subarray(0, length));
    // A renamed row has the same counts of votes and messages, so its bitsets are no longer than the ids
    // renamed into them allow; sized here, before any of them holds the least row.
    const room = length * 2 + 64 + ((this.votes.length + this.wires.length) >>> 5);
    for (let k = 0; k < 2; k++) if (this.canonRows[k]!.length < room) this.canonRows[k] = new Uint32Array(room * 2);
    let best = base;
    let bestLength = length;
    let next = 0; // the scratch row the next renaming is written into: never the one holding `best`
    for (let p = 0; p < this.perms.length; p++) {
      const out = this.canonRows[next]!;
      const size = this.renameRow(p, base, out, best, bestLength);
      if (size < 0) continue;
      best = out;
      bestLength = size;
      next ^= 1;
    }
    if (best !== base) {
      if (this.row.length < bestLength) this.row = new Uint32Array(bestLength * 2);
      this.row.set(best.subarray(0, bestLength));
    }
    return bestLength;
  }

  /**
   * Writes row `base` renamed by permutation p into `out` (layout as in encode) and returns its length if it
   * sorts before `best`, or -1 as soon as it cannot.
   */
  private renameRow(p: number, base: Uint32Array, out: Uint32Array, best: Uint32Array, bestLength: number): number {
    const n = this.n;
    const perm = this.perms[p]!;
    let up = 0;
    for (let i = 0; i < n; i++) {
      out[perm[i]!] = this.renameLocal(p, i, base[i]!);
      if (base[n]! & (1 << i)) up |= 1 << perm[i]!;
    }
    out[n] = up;
    // Decided on the locals and the up bits already?
    let less = false;
    for (let k = 0; k <= n; k++) {
      if (out[k] !== best[k]) {
        if (out[k]! > best[k]!) return -1;
        less = true;
        break;
      }
    }
    out[n + 1] = base[n + 1]!;
    out[n + 2] = base[n + 2]!;
    out[n + 3] = base[n + 3]!;
    let q = n + 4;
    let w = n + 4;
    if (this.canonIds.length < this.votes.length + this.wires.length + 64) this.canonIds = new Int32Array((this.votes.length + this.wires.length) * 2 + 64);
    w = this.renameBits(p, RENAME_VOTES, base, q, out, w);
    q += 1 + base[q]!;
    const announced = base[q]!;
    out.set(base.subarray(q, q + 1 + announced), w);
    w += 1 + announced;
    q += 1 + announced;
    w = this.renameBits(p, RENAME_WIRES, base, q, out, w);
    q += 1 + base[q]!;
    const extras = base[q++]!;
    out[w++] = extras;
    for (let k = 0; k < extras; k++) out[w + k] = this.renameWire(p, base[q + k]!);
    if (extras > 1) out.subarray(w, w + extras).sort();
    w += extras;
    if (less) return w;
    const common = Math.min(w, bestLength);
    for (let k = n + 1; k < common; k++) if (out[k] !== best[k]) return out[k]! < best[k]! ? w : -1;
    return w < bestLength ? w : -1;
  }

  /**
   * The length-prefixed bitset of ids at base[q..] with every id renamed by permutation p (votes or
   * messages), written at out[w..]; returns the position after it.
   */
  private renameBits(p: number, what: typeof RENAME_VOTES | typeof RENAME_WIRES, base: Uint32Array, q: number, out: Uint32Array, w: number): number {
    const ids = this.canonIds;
    const len = base[q++]!;
    let count = 0;
    let top = -1;
    for (let k = 0; k < len; k++) {
      let bits = base[q + k]!;
      while (bits !== 0) {
        const low = bits & -bits;
        const from = k * 32 + 31 - Math.clz32(low);
        const id = what === RENAME_VOTES ? this.renameVote(p, from) : this.renameWire(p, from);
        bits ^= low;
        ids[count++] = id;
        if (id > top) top = id;
      }
    }
    const size = top < 0 ? 0 : (top >>> 5) + 1;
    if (out.length < w + size + 64) throw new Error('model checker: a renamed state outgrew its scratch row');
    out[w++] = size;
    out.fill(0, w, w + size);
    for (let k = 0; k < count; k++) out[w + (ids[k]! >>> 5)] = out[w + (ids[k]! >>> 5)]! | (1 << (ids[k]! & 31));
    return w + size;
  }

  /** The index of node `id`; a scope naming a node the protocol does not have is refused, naming the field. */
  private nodeIndex(field: string, id: NodeId): number {
    const i = this.index.get(id);
    if (i === undefined) throw new RangeError(`${field}: unknown node ${JSON.stringify(id)}; nodes are ${this.nodes.map((n) => n.id).join(', ')}`);
    return i;
  }

  /** The listed nodes as a bitmask (undefined: every node). */
  private nodeMask(field: string, ids: readonly NodeId[] | undefined): number {
    let mask = 0;
    for (const id of ids ?? this.nodes.map((n) => n.id)) mask |= 1 << this.nodeIndex(field, id);
    return mask;
  }

  // ---- interning ----------------------------------------------------------------------------------

  private localId(i: number, state: unknown, timers: readonly string[]): number {
    const text = JSON.stringify(state) + '\u0000' + timers.join('\u0000');
    const ids = this.localIds[i]!;
    let id = ids.get(text);
    if (id === undefined) {
      if (timers.length > 255) throw new RangeError(`node ${this.nodes[i]!.id}: more than 255 armed timers`);
      id = this.locals[i]!.length;
      ids.set(text, id);
      this.locals[i]!.push({ state, timers, memo: [], crashed: -1, stale: NO_MARKS, staleBits: [NO_WORDS, NO_WORDS], staleCovered: [0, 0] });
    }
    return id;
  }

  private wireId(msg: Outgoing & { from: NodeId }): number {
    const text = JSON.stringify(msg);
    let id = this.wireIds.get(text);
    if (id === undefined) {
      id = this.wires.length;
      this.wireIds.set(text, id);
      this.wires.push({ key: id, msg, to: this.index.get(msg.to) ?? -1 });
      if (this.wires[id]!.to < 0) throw new Error(`model checker: node ${msg.from} sent ${msg.kind} to unknown node ${msg.to}`);
    }
    return id;
  }

  /**
   * Whether message `m` can never again change node i from local `localId`, for a node that may still
   * crash or one that cannot (the protocol's hint, memoised).
   */
  private isStale(i: number, localId: number, m: number, mayCrash: boolean): boolean {
    const local = this.locals[i]![localId]!;
    let marks = local.stale;
    if (marks.length <= m) {
      const grown = new Uint8Array(Math.max(this.wires.length, m + 1, marks.length * 2));
      grown.set(marks);
      local.stale = marks = grown;
    }
    const shift = mayCrash ? 2 : 0;
    let mark = (marks[m]! >>> shift) & 3;
    if (mark === 0) {
      mark = this.hint!(local.state, { ...this.wires[m]!.msg, id: 0 } as Message, this.config, mayCrash) ? 2 : 1;
      marks[m] = marks[m]! | (mark << shift);
    }
    return mark === 2;
  }

  /**
   * The messages to node i that are stale at local `localId` (isStale), as a bitset over message ids, so
   * that encode can prune a node's in-flight messages a word at a time. Extended to messages interned
   * since it was last asked for.
   */
  private staleWords(i: number, localId: number, mayCrash: boolean): Uint32Array {
    const local = this.locals[i]![localId]!;
    const k = mayCrash ? 1 : 0;
    const total = this.wires.length;
    let covered = local.staleCovered[k];
    if (covered === total) return local.staleBits[k];
    let bits = local.staleBits[k];
    if (bits.length * 32 < total) {
      const grown = new Uint32Array(Math.max(((total + 31) >>> 5) + 1, bits.length * 2));
      grown.set(bits);
      local.staleBits[k] = bits = grown;
    }
    for (; covered < total; covered++) {
      if (this.wires[covered]!.to === i && this.isStale(i, localId, covered, mayCrash)) bits[covered >>> 5] = bits[covered >>> 5]! | (1 << (covered & 31));
    }
    local.staleCovered[k] = covered;
    return bits;
  }

  /** Whether node i may still crash in a state where `crashed` crashes have happened. */
  private mayCrash(i: number, crashed: number): boolean {
    return crashed < this.scope.crashes && (this.crashable & (1 << i)) !== 0;
  }

  private timerId(name: string): number {
    let id = this.timerIds.get(name);
    if (id === undefined) {
      id = this.timerNames.length;
      this.timerIds.set(name, id);
      this.timerNames.push(name);
    }
    return id;
  }

  /**
   * Runs one protocol step of node i from `local` (with `timers` as its armed timers, which a firing has
   * already lowered) and interns what it did; null when a message leaves the scope. Messages and votes
   * sent before the one that leaves the scope are still interned, so ids follow first production.
   */
  private runStep(i: number, local: Local, timers: readonly string[], input: Input): Outcome | null {
    const node = this.nodes[i]!;
    const r: StepResult<unknown> = this.protocol.step(local.state, input, this.config, 0);
    const sends: number[] = [];
    const votes: number[] = [];
    for (const o of r.send) {
      const ballot = (o as { ballot?: Ballot }).ballot;
      if (ballot && ballot.round > this.scope.maxRound) return null;
      const slot = (o as { slot?: Slot }).slot;
      if (typeof slot === 'number' && slot >= this.scope.slots) return null;
      sends.push(this.wireId({ ...o, from: node.id } as Outgoing & { from: NodeId }));
      if (this.isAcceptor[i] && o.kind === 'accepted') {
        const text = `${o.slot}|${o.ballot.round}.${o.ballot.node}${o.ballot.fast ? 'f' : ''}|${JSON.stringify(o.value)}|${node.id}`;
        let id = this.voteIds.get(text);
        if (id === undefined) {
          id = this.votes.length;
          this.voteIds.set(text, id);
          this.votes.push({ slot: o.slot, ballot: o.ballot, value: o.value, acceptor: node.id });
        }
        votes.push(id);
      }
    }
    let armed = timers;
    for (const t of r.timers) {
      if (t.op === 'set') {
        if (!armed.includes(t.timer)) armed = [...armed, t.timer].sort();
      } else if (armed.includes(t.timer)) {
        armed = armed.filter((x) => x !== t.timer);
      }
    }
    const chosen: number[] = [];
    for (const c of r.chosen) {
      const text = `${c.slot}|${JSON.stringify(c.value)}`;
      let id = this.chosenIds.get(text);
      if (id === undefined) {
        id = this.chosenList.length;
        this.chosenIds.set(text, id);
        this.chosenList.push({ slot: c.slot, value: c.value });
      }
      chosen.push(id);
    }
    return { local: this.localId(i, r.state, armed), sends, votes, chosen };
  }

  /**
   * The memoised outcome of node i's step from local `localId` on the input with this code: message id
   * m → m·4; timer name id t → t·4+1 (the timer is disarmed first); proposal k → k·4+2; recover → 3;
   * start → 7.
   */
  private outcome(i: number, localId: number, code: number): Outcome | null {
    const local = this.locals[i]![localId]!;
    const hit = local.memo[code];
    if (hit !== undefined) return hit;
    let input: Input;
    let timers = local.timers;
    const arg = code >>> 2;
    switch (code & 3) {
      case 0:
        input = { type: 'message', msg: { ...this.wires[arg]!.msg, id: 0 } as Message };
        break;
      case 1: {
        const timer = this.timerNames[arg]!;
        input = { type: 'timeout', timer };
        timers = timers.filter((x) => x !== timer);
        break;
      }
      case 2:
        input = { type: 'propose', value: this.scope.proposals[arg]!.value };
        break;
      default:
        input = code === 3 ? { type: 'recover' } : { type: 'start' };
    }
    const o = this.runStep(i, local, timers, input);
    local.memo[code] = o;
    return o;
  }

  // ---- rows ------------------------------------------------------------------------------------------

  private decode(row: Uint32Array, d: Decoded): void {
    const n = this.n;
    d.version++;
    for (let i = 0; i < n; i++) d.local[i] = row[i]!;
    d.up = row[n]!;
    d.proposed = row[n + 1]!;
    const b = row[n + 2]!;
    d.dropped = b & BUDGET_MAX;
    d.duplicated = (b >>> BUDGET_BITS) & BUDGET_MAX;
    d.crashed = (b >>> (2 * BUDGET_BITS)) & BUDGET_MAX;
    d.fired = row[n + 3]!;
    let p = n + 4;
    d.votes = readWords(row, p);
    p += 1 + d.votes.length;
    d.announced = readWords(row, p);
    p += 1 + d.announced.length;
    d.net = readWords(row, p);
    p += 1 + d.net.length;
    const copies = readWords(row, p); // one entry per extra copy
    d.extras = copies.length;
    if (d.count.length < this.wires.length) d.count = new Int32Array(Math.max(this.wires.length, d.count.length * 2));
    else d.count.fill(0);
    for (let w = 0; w < d.net.length; w++) {
      let bits = d.net[w]!;
      while (bits !== 0) {
        const low = bits & -bits;
        d.count[w * 32 + 31 - Math.clz32(low)] = 1;
        bits ^= low;
      }
    }
    for (const m of copies) d.count[m]!++;
    // Distinct ids only, from here on.
    d.multi = copies.length === 0 ? copies : copies.filter((m, k) => k === 0 || copies[k - 1] !== m);
  }

  /** this.change reset to "no change" from `d`: the caller sets what its move changes, then encodes. */
  private changeOf(d: Decoded, node = -1, local = 0, step: Outcome | null = null): Change {
    const c = this.change;
    c.node = node;
    c.local = local;
    c.scalarsFrom(d);
    c.removed = -1;
    c.step = step;
    return c;
  }

  private readonly change = new Change();

  /**
   * Writes the successor of `d` under `change` (made by changeOf(d)) into this.row and returns its length:
   * node `change.node` (if any) becomes `change.local`, message `change.removed` (if any) loses a copy, the
   * step's messages, votes and announcements are added, and the budgets and bits are as given.
   */
  private encode(d: Decoded, change: Change): number {
    const i = change.node;
    const local = change.local;
    const up = change.up;
    const proposed = change.proposed;
    const dropped = change.dropped;
    const duplicated = change.duplicated;
    const crashed = change.crashed;
    const fired = change.fired;
    const removed = change.removed;
    const out = change.step;
    const n = this.n;
    if (d.count.length < this.wires.length) {
      const c = new Int32Array(Math.max(this.wires.length, d.count.length * 2));
      c.set(d.count);
      d.count = c;
    }
    const sends = out ? out.sends : EMPTY;
    const need = n + 8 + d.votes.length + d.announced.length + d.net.length + d.extras + 2 * sends.length + (out ? out.votes.length + out.chosen.length : 0) + 8;
    if (this.row.length < need) this.row = new Uint32Array(need * 2);
    const row = this.row;
    for (let k = 0; k < n; k++) row[k] = d.local[k]!;
    if (i >= 0) row[i] = local;
    row[n] = up;
    row[n + 1] = proposed;
    row[n + 2] = dropped | (duplicated << BUDGET_BITS) | (crashed << (2 * BUDGET_BITS));
    row[n + 3] = this.countFired ? fired : 0;
    this.grew = false;
    let p = this.writeBits(row, n + 4, d.votes, out ? out.votes : EMPTY);
    p = this.writeBits(row, p, d.announced, out ? out.chosen : EMPTY);
    // Network: adjust the counts, write the bitset and the extra copies, then undo the adjustment.
    const count = d.count;
    const unique = this.scope.network === 'set';
    if (removed >= 0) count[removed]!--;
    // Stale messages (SearchOptions) are left out: those sent to a node that is up, those already in flight
    // to node i once its local has changed, and once the last crash is spent, those that are stale for a
    // node that can no longer crash. Their counts are zeroed here and restored at the end.
    let pruned = this.pruned;
    let prunedLength = 0;
    if (this.hint) {
      let recheck = i >= 0 && up & (1 << i) && (local !== d.local[i] || !(d.up & (1 << i))) ? 1 << i : 0;
      if (crashed !== d.crashed && crashed >= this.scope.crashes) recheck = up;
      const net = d.net;
      for (let to = 0; recheck !== 0; to++, recheck >>>= 1) {
        if (!(recheck & 1)) continue;
        // The in-flight words masked with the messages to `to` that are stale at its local, word by word.
        const stale = this.staleWords(to, to === i ? local : d.local[to]!, this.mayCrash(to, crashed));
        const words = Math.min(net.length, stale.length);
        for (let w = 0; w < words; w++) {
          for (let bits = net[w]! & stale[w]!; bits !== 0; bits &= bits - 1) {
            const m = w * 32 + 31 - Math.clz32(bits & -bits);
            if (count[m]! > 0) {
              if (prunedLength + 2 > pruned.length) {
                const grown = new Int32Array(pruned.length * 2);
                grown.set(pruned);
                this.pruned = pruned = grown;
              }
              pruned[prunedLength++] = m;
              pruned[prunedLength++] = count[m]!;
              count[m] = 0;
            }
          }
        }
      }
    }
    if (this.added.length < sends.length) this.added = new Uint8Array(sends.length * 2);
    const added = this.added; // added[k]: sends[k] went into the network
    for (let k = 0; k < sends.length; k++) {
      const m = sends[k]!;
      const to = this.wires[m]!.to;
      added[k] = unique && count[m]! > 0 ? 0 : 1;
      if (added[k] && this.hint && up & (1 << to) && this.isStale(to, to === i ? local : d.local[to]!, m, this.mayCrash(to, crashed))) added[k] = 0;
      if (added[k]) count[m]!++;
    }
    const lenAt = p++;
    let len = d.net.length;
    for (let k = 0; k < sends.length; k++) if (added[k]) len = Math.max(len, (sends[k]! >>> 5) + 1);
    // Reads stop at the array's end: an index past it makes V8 search the prototype chain.
    for (let k = 0; k < len; k++) row[p + k] = k < d.net.length ? d.net[k]! : 0;
    let several = d.multi.length > 0;
    if (removed >= 0 && count[removed] === 0) row[p + (removed >>> 5)] = row[p + (removed >>> 5)]! & ~(1 << (removed & 31));
    for (let k = 0; k < prunedLength; k += 2) row[p + (pruned[k]! >>> 5)] = row[p + (pruned[k]! >>> 5)]! & ~(1 << (pruned[k]! & 31));
    for (let k = 0; k < sends.length; k++) {
      if (!added[k]) continue;
      const m = sends[k]!;
      row[p + (m >>> 5)] = row[p + (m >>> 5)]! | (1 << (m & 31));
      if (count[m]! > 1) several = true;
    }
    while (len > 0 && row[p + len - 1] === 0) len--;
    row[lenAt] = len;
    p += len;
    // Extra copies: every id with more than one copy in flight, once per extra copy, ascending.
    const extrasAt = p++;
    let extras = 0;
    if (several) {
      // Only ids already several, just sent or just removed can have more than one copy: sorted in a
      // scratch list (a handful of ids; no allocation on the hot path), each written once.
      const total = d.multi.length + sends.length + 1;
      if (this.several.length < total) this.several = new Int32Array(total * 2);
      const ids = this.several;
      let c = 0;
      const note = (m: number): void => {
        if (count[m]! <= 1) return;
        let k = c++;
        for (; k > 0 && ids[k - 1]! > m; k--) ids[k] = ids[k - 1]!;
        ids[k] = m;
      };
      for (let k = 0; k < d.multi.length; k++) note(d.multi[k]!);
      for (let k = 0; k < sends.length; k++) note(sends[k]!);
      if (removed >= 0) note(removed);
      for (let k = 0; k < c; k++) {
        const m = ids[k]!;
        if (k > 0 && ids[k - 1] === m) continue;
        for (let copy = 1; copy < count[m]!; copy++) {
          row[p++] = m;
          extras++;
        }
      }
    }
    row[extrasAt] = extras;
    for (let k = 0; k < sends.length; k++) if (added[k]) count[sends[k]!]!--;
    for (let k = 0; k < prunedLength; k += 2) count[pruned[k]!] = pruned[k + 1]!;
    if (removed >= 0) count[removed]!++;
    return p;
  }

  /** Writes base | bits of `add` as a length-prefixed bitset at row[p..]; returns the next position. */
  private writeBits(row: Uint32Array, p: number, base: readonly number[], add: readonly number[]): number {
    let len = base.length;
    for (let k = 0; k < add.length; k++) len = Math.max(len, (add[k]! >>> 5) + 1);
    row[p++] = len;
    for (let k = 0; k < len; k++) row[p + k] = k < base.length ? base[k]! : 0;
    for (let k = 0; k < add.length; k++) {
      const id = add[k]!;
      const w = p + (id >>> 5);
      const bit = 1 << (id & 31);
      if (!(row[w]! & bit)) {
        row[w] = row[w]! | bit;
        this.grew = true;
      }
    }
    return p + len;
  }

  /** The row of the state every run starts from (each node initialised and handed `start`), with its happenings. */
  private initialRow(happenings?: Happening[]): Uint32Array {
    const n = this.n;
    const d = new Decoded(n);
    for (let i = 0; i < n; i++) d.local[i] = this.localId(i, this.protocol.init(this.nodes[i]!, this.config), []);
    d.up = n === 31 ? -1 : (1 << n) - 1;
    let row = this.row.slice(0, this.encode(d, this.changeOf(d)));
    for (let i = 0; i < n; i++) {
      this.decode(row, d);
      const o = this.outcome(i, d.local[i]!, 7);
      if (!o) throw new Error(`node ${this.nodes[i]!.id}: its start already leaves the scope (ballot round or slot too high)`);
      if (happenings) this.stepHappenings(i, o, happenings);
      row = this.row.slice(0, this.encode(d, this.changeOf(d, i, o.local, o)));
    }
    return row;
  }

  private stepHappenings(i: number, o: Outcome, happenings: Happening[]): void {
    for (const m of o.sends) happenings.push({ type: 'send', wire: this.wires[m]! });
    for (const c of o.chosen) {
      const entry = this.chosenList[c]!;
      happenings.push({ type: 'chosen', node: this.nodes[i]!.id, slot: entry.slot, value: entry.value });
    }
  }

  // ---- the transition relation -------------------------------------------------------------------------

  /**
   * Every move enabled in `d`, in a fixed order (the order makes counterexamples deterministic). With
   * `only` a node's index: that node's steps alone — its proposals, the deliveries and duplicates to it, its
   * timers — which is what may follow its crash under SearchOptions.por.
   */
  private moves(d: Decoded, out: number[], only = -1): number[] {
    out.length = 0;
    const sc = this.scope;
    const proposals = sc.proposals;
    for (let k = 0; k < proposals.length; k++) {
      const i = this.proposer[k]!;
      if (only >= 0 && i !== only) continue;
      if (!(d.proposed & (1 << k)) && d.up & (1 << i)) out.push((k << 3) | PROPOSE);
    }
    const multiset = sc.network !== 'set';
    for (let w = 0; w < d.net.length; w++) {
      let bits = d.net[w]!;
      while (bits !== 0) {
        const low = bits & -bits;
        const m = w * 32 + 31 - Math.clz32(low);
        bits ^= low;
        if (only >= 0 && this.wires[m]!.to !== only) continue;
        out.push((m << 3) | DELIVER);
        if (!multiset) continue;
        if (d.duplicated < sc.duplicates && d.up & (1 << this.wires[m]!.to)) out.push((m << 3) | DUPLICATE);
        if (only < 0 && d.dropped < sc.drops) out.push((m << 3) | DROP);
      }
    }
    if (d.fired < sc.timeouts) {
      for (let i = 0; i < this.n; i++) {
        if (!(d.up & (1 << i)) || !(this.timed & (1 << i)) || (only >= 0 && i !== only)) continue;
        const timers = this.locals[i]![d.local[i]!]!.timers;
        for (let t = 0; t < timers.length; t++) out.push((((i << 8) | t) << 3) | TIMEOUT);
      }
    }
    if (only >= 0) return out;
    for (let i = 0; i < this.n; i++) {
      if (d.up & (1 << i)) {
        if (!(d.crashed < sc.crashes && this.crashable & (1 << i))) continue;
        if (!this.por) {
          out.push((i << 3) | CRASH);
          continue;
        }
        // SearchOptions.por: the crash and the recovery together with the step of this node they come
        // right before, one move for each step the restarted node could take, listed from `d` with node i
        // at the local it restarts at (cheap: both locals are memoised). A step that the restart itself
        // disables — a message the crash leaves out as stale — is cut when applied.
        const recovery = this.outcome(i, this.crashedLocal(i, d.local[i]!), 3);
        if (!recovery) continue;
        // A recovery that sends, votes or announces is a step of its own: the crash comes right before it.
        if (recovery.sends.length + recovery.votes.length + recovery.chosen.length > 0) {
          out.push((((i << 3) | RECOVER) << 3) | CRASH_STEP);
          continue;
        }
        const restart = recovery.local;
        const local = d.local[i]!;
        d.local[i] = restart;
        const steps = this.moves(d, this.stepScratch, i);
        d.local[i] = local;
        for (const step of steps) {
          if (step >= 1 << 28) throw new RangeError('model checker: too many messages to number a crash before a step');
          out.push((step << 3) | CRASH_STEP);
        }
      } else {
        out.push((i << 3) | RECOVER);
      }
    }
    return out;
  }

  /** moves()'s scratch for the steps a restarted node could take (SearchOptions.por). */
  private readonly stepScratch: number[] = [];
  /** restarted()'s scratch states (after the crash, after the recovery) and what its cache is keyed on. */
  private readonly downScratch: Decoded;
  private readonly resetScratch: Decoded;
  private restartKey: { d: Decoded | undefined; version: number; node: number } = { d: undefined, version: 0, node: -1 };

  /**
   * `d` after node i crashes and recovers (SearchOptions.por), decoded into a scratch state that a call for
   * another state or node overwrites, with its row in this.restartRow; undefined if the recovery leaves the
   * scope.
   * Every crash-before-step move of one node from one state starts here, so the last answer is kept (not
   * when happenings are asked for: those need the moves made). `restartLength` and `restartGrew` tell the
   * row's length and whether the recovery added votes or announcements.
   */
  private restarted(d: Decoded, i: number, happenings?: Happening[]): Decoded | undefined {
    const key = this.restartKey;
    if (!happenings && key.d === d && key.version === d.version && key.node === i) {
      // restartLength, restartGrew and restartRow are still this state's: only a miss below sets them.
      return this.restartLength < 0 ? undefined : this.resetScratch;
    }
    this.decode(this.row.subarray(0, this.apply(d, (i << 3) | CRASH, true, happenings)), this.downScratch);
    const length = this.apply(this.downScratch, (i << 3) | RECOVER, true, happenings);
    this.restartKey = { d, version: d.version, node: i };
    this.restartLength = length;
    this.restartGrew = this.grew;
    if (length < 0) return undefined;
    if (this.restartRow.length < length) this.restartRow = new Uint32Array(length * 2);
    this.restartRow.set(this.row.subarray(0, length));
    this.decode(this.row.subarray(0, length), this.resetScratch);
    return this.resetScratch;
  }

  /** The row restarted() last made, for its cache, and its length (-1: out of scope) and growth. */
  private restartRow = new Uint32Array(256);
  private restartLength = -1;
  private restartGrew = false;

  /** The local node i is left with when it crashes at local `id` (memoised on the local). */
  private crashedLocal(i: number, id: number): number {
    const local = this.locals[i]![id]!;
    if (local.crashed < 0) local.crashed = this.localId(i, this.protocol.crash(local.state, this.config), []);
    return local.crashed;
  }

  /** The node a step moves (PROPOSE, DELIVER, DUPLICATE or TIMEOUT). */
  private stepNode(move: number): number {
    const kind = move & 7;
    const arg = move >>> 3;
    if (kind === PROPOSE) return this.proposer[arg]!;
    if (kind === TIMEOUT) return arg >>> 8;
    return this.wires[arg]!.to;
  }

  /**
   * Applies a move: writes the successor row into this.row and returns its length, or -1 when the move
   * leaves the scope (this.grew then says whether votes or announcements were added). Trace events go to
   * `happenings` if given.
   */
  private apply(d: Decoded, move: number, skipIdle: boolean, happenings?: Happening[]): number {
    const kind = move & 7;
    const arg = move >>> 3;
    switch (kind) {
      case PROPOSE: {
        const p = this.scope.proposals[arg]!;
        happenings?.push({ type: 'propose', node: p.node, value: p.value });
        const i = this.proposer[arg]!;
        const o = this.outcome(i, d.local[i]!, (arg << 2) | 2);
        if (!o) return -1;
        if (happenings) this.stepHappenings(i, o, happenings);
        const c = this.changeOf(d, i, o.local, o);
        c.proposed = d.proposed | (1 << arg);
        return this.encode(d, c);
      }
      case DELIVER:
      case DUPLICATE:
      case DROP: {
        const wire = this.wires[arg]!;
        const to = wire.to;
        const keep = kind === DUPLICATE || this.scope.network === 'set';
        const removed = keep ? -1 : arg;
        // Reduced search: a message that would change nothing now stays in flight instead (see skipIdle).
        if (skipIdle && kind !== DROP && !(d.up & (1 << to))) return -1;
        if (kind === DROP || !(d.up & (1 << to))) {
          happenings?.push({ type: 'drop', wire });
          const c = this.changeOf(d);
          c.dropped = d.dropped + (kind === DROP ? 1 : 0);
          c.removed = removed;
          return this.encode(d, c);
        }
        happenings?.push({ type: 'deliver', wire, keep });
        const o = this.outcome(to, d.local[to]!, arg << 2);
        if (!o) return -1;
        if (skipIdle && idle(o, d.local[to]!)) return -1;
        if (happenings) this.stepHappenings(to, o, happenings);
        const c = this.changeOf(d, to, o.local, o);
        c.duplicated = d.duplicated + (kind === DUPLICATE ? 1 : 0);
        c.removed = removed;
        return this.encode(d, c);
      }
      case TIMEOUT: {
        const i = arg >>> 8;
        const local = this.locals[i]![d.local[i]!]!;
        const timer = local.timers[arg & 255]!;
        happenings?.push({ type: 'timeout', node: this.nodes[i]!.id, timer });
        const o = this.outcome(i, d.local[i]!, (this.timerId(timer) << 2) | 1);
        if (!o) return -1;
        if (happenings) this.stepHappenings(i, o, happenings);
        const c = this.changeOf(d, i, o.local, o);
        c.fired = d.fired + 1;
        return this.encode(d, c);
      }
      case CRASH: {
        const i = arg;
        happenings?.push({ type: 'crash', node: this.nodes[i]!.id });
        const c = this.changeOf(d, i, this.crashedLocal(i, d.local[i]!));
        c.up = d.up & ~(1 << i);
        c.crashed = d.crashed + 1;
        return this.encode(d, c);
      }
      case CRASH_STEP: {
        // A crash, the recovery, and the step of that node they come right before — or nothing more when
        // the recovery is a step itself (its argument is then that recovery). SearchOptions.por.
        const restartOnly = (arg & 7) === RECOVER;
        const i = restartOnly ? arg >>> 3 : this.stepNode(arg);
        const reset = this.restarted(d, i, happenings);
        if (!reset) return -1;
        if (restartOnly) {
          // The move's row is the restart's own; a step after it (below) writes its row afresh.
          const length = this.restartLength;
          if (this.row.length < length) this.row = new Uint32Array(length * 2);
          this.row.set(this.restartRow.subarray(0, length));
          return length;
        }
        // The steps were listed before the crash, which may have left a message out as stale: cut.
        const stepKind = arg & 7;
        if ((stepKind === DELIVER || stepKind === DUPLICATE) && !(reset.count[arg >>> 3]! > 0)) return -1;
        const grew = this.restartGrew;
        const length = this.apply(reset, arg, skipIdle, happenings);
        this.grew ||= grew;
        return length;
      }
      case RECOVER: {
        const i = arg;
        happenings?.push({ type: 'recover', node: this.nodes[i]!.id });
        const o = this.outcome(i, d.local[i]!, 3);
        if (!o) return -1;
        if (happenings) this.stepHappenings(i, o, happenings);
        const c = this.changeOf(d, i, o.local, o);
        c.up = d.up | (1 << i);
        return this.encode(d, c);
      }
      default:
        throw new Error(`model checker: no move of kind ${kind}`);
    }
  }

  /** Where a row's network starts (its length word): past the votes and the announcements, each length-prefixed. */
  private networkAt(row: Uint32Array): number {
    const votes = this.n + 4;
    const announced = votes + 1 + row[votes]!;
    return announced + 1 + row[announced]!;
  }

  /**
   * conflict() of a stored row. It reads only the votes and the announcements, and a scope has few sets of
   * them, so the answer is memoised by their words and the row is decoded (into `t`) only for a set not
   * seen before.
   */
  private conflictOfRow(row: Uint32Array, t: Decoded): { slot: Slot; values: Value[] } | undefined {
    const start = this.n + 4;
    const end = this.networkAt(row);
    let key = '';
    for (let k = start; k < end; k++) key += `${row[k]!},`;
    let hit = this.conflictMemo.get(key);
    if (hit === undefined) {
      this.decode(row, t);
      hit = this.conflict(t) ?? null;
      this.conflictMemo.set(key, hit);
    }
    return hit ?? undefined;
  }

  private readonly conflictMemo = new Map<string, { slot: Slot; values: Value[] } | null>();

  /**
   * Two different values chosen in one slot: each accepted by a quorum in one ballot (fast quorum for a
   * fast ballot, sizes as the trace reports them), or announced by a learner as chosen.
   */
  private conflict(d: Decoded): { slot: Slot; values: Value[] } | undefined {
    const bySlot = new Map<Slot, Value[]>();
    const note = (slot: Slot, value: Value): { slot: Slot; values: Value[] } | undefined => {
      const list = bySlot.get(slot) ?? [];
      if (!list.includes(value)) list.push(value);
      bySlot.set(slot, list);
      return list.length > 1 ? { slot, values: list } : undefined;
    };
    for (const id of bitIds(d.announced)) {
      const c = this.chosenList[id]!;
      const hit = note(c.slot, c.value);
      if (hit) return hit;
    }
    const ids = bitIds(d.votes);
    if (ids.length === 0) return undefined;
    // Count acceptors per (slot, ballot, value), groups in order of their first vote id.
    const counts = new Map<string, { vote: Vote; n: number }>();
    for (const id of ids) {
      const v = this.votes[id]!;
      const k = `${v.slot}|${v.ballot.round}.${v.ballot.node}${v.ballot.fast ? 'f' : ''}|${JSON.stringify(v.value)}`;
      const e = counts.get(k);
      if (e) e.n++;
      else counts.set(k, { vote: v, n: 1 });
    }
    const entries = [...counts.values()].sort((a, b) => a.vote.slot - b.vote.slot || compareBallots(a.vote.ballot, b.vote.ballot));
    for (const { vote, n } of entries) {
      const need = vote.ballot.fast ? (this.quorums.fast ?? this.quorums.classic) : this.quorums.classic;
      if (n >= need) {
        const hit = note(vote.slot, vote.value);
        if (hit) return hit;
      }
    }
    return undefined;
  }

  /** Breadth-first search of the whole scope. */
  check(limits: SearchLimits = {}): EngineResult {
    const watch = new LimitWatch(limits);
    const sleep = this.sleep;
    const store = this.fingerprints
      ? new FingerprintStore({ ...(this.levelFiles ? { files: this.levelFiles } : {}), ...(this.expectedStates === undefined ? {} : { capacity: this.expectedStates }) })
      : new RowStore();
    // Only the fingerprint store drops levels, so only it needs to hear where one begins.
    const levels = store instanceof FingerprintStore ? store : undefined;
    const init = this.canonicalRow(this.initialRow());
    store.add(init, init.length, -1, 0);
    levels?.beginLevel(0);
    const d = new Decoded(this.n);
    const moveList: number[] = [];
    let depth = 1;
    let levelEnd = 1; // rows below this are at level `depth`
    let transitions = 0;
    let violation: { row: number; slot: Slot; values: Value[] } | undefined;
    let stop: StopReason | undefined;
    this.decode(init, d);
    const first = this.conflict(d);
    if (first) violation = { row: 0, ...first };

    const bounded = this.bound !== Infinity;
    const t = new Decoded(this.n);
    // Sleep sets (SearchOptions.sleep): one bitmask per state of the level being expanded (from index
    // `sleepFirst`) and of the level being filled (from `levelEnd`), over the ranks of its in-flight ids.
    let sleeping = new Uint32Array(sleep ? 1 << 10 : 0);
    let filling = new Uint32Array(sleep ? 1 << 10 : 0);
    let sleepFirst = 0;
    search: for (let r = 0; !violation && r < store.size; r++) {
      if (r === levelEnd) {
        depth++;
        levelEnd = store.size;
        levels?.beginLevel(r);
        if (sleep) {
          [sleeping, filling] = [filling, sleeping];
          sleepFirst = r;
        }
      }
      this.decode(store.row(r), d);
      // Distance bound (SearchOptions.bound): successors are at `depth` moves; those that cannot reach a
      // conflict within the bound are not stored. A move that adds no vote or announcement keeps the estimate.
      const near = bounded ? this.votesToConflict(d) : 0;
      const moves = this.moves(d, moveList);
      const asleep = sleep ? sleeping[r - sleepFirst]! : 0;
      if (sleep) this.deliveryRanks(moves);
      let earlier = 0; // enabled deliveries applied so far, by rank
      let rank = -1;
      for (let m = 0; m < moves.length; m++) {
        const move = moves[m]!;
        let x = -1; // the move's rank among the deliveries, if it is one (below 32)
        if (sleep && (move & 7) === DELIVER && ++rank < 32) {
          x = rank;
          if ((asleep >>> x) & 1) continue;
        }
        const raw = this.apply(d, move, this.reduced);
        if (raw < 0) continue;
        let wakes = 0; // the successor's sleep set
        if (x >= 0) {
          wakes = this.sleepAfter(asleep | earlier, x);
          earlier |= 1 << x;
        }
        if (bounded) {
          let estimate = near;
          if (this.grew) {
            this.decode(this.row.subarray(0, raw), t);
            this.auditVotesPerStep(d, t);
            estimate = this.votesToConflict(t);
          }
          if (depth + estimate > this.bound) {
            transitions++;
            continue;
          }
        }
        const length = this.canonicalize(raw);
        transitions++;
        const row = store.add(this.row, length, r, m);
        if (row < 0) continue;
        // A state keeps the sleep set of its first discovery (SearchOptions.sleep says why that is enough).
        if (sleep) {
          if (row - levelEnd >= filling.length) filling = widened(filling, 2 * (row - levelEnd + 1));
          filling[row - levelEnd] = wakes;
        }
        if (this.grew) {
          // this.row still holds the row just stored (a level file can only be read once it is complete).
          const c = this.conflictOfRow(this.row.subarray(0, length), t);
          if (c) {
            violation = { row, ...c };
            depth++;
            break search;
          }
        }
        stop = watch.check(store.size, transitions, depth + 1);
        if (stop) break search;
      }
    }
    // The path of a violation is replayed from moves, not read from rows: level files can go.
    levels?.close();
    const counts: Counts = {
      states: store.size,
      transitions,
      depth,
      ms: Math.round(watch.elapsed()),
      reductions: this.reductions,
      ...(levels ? { fingerprints: { bits: 96, missBound: levels.missBound() } } : {}),
    };
    if (violation) {
      // A hint that wrongly left a message out could have hidden a shorter run: certify it here too.
      this.auditStale();
      this.auditSymmetry();
      const { path, last, steps } = this.concretePath(this.replayRows(store, violation.row));
      const epilogue = this.learnAll(last, violation.values);
      return {
        result: 'violation',
        property: 'agreement',
        slot: violation.slot,
        values: violation.values,
        epilogue: epilogue.length,
        steps,
        trace: this.trace([...path, ...epilogue]),
        ...counts,
      };
    }
    if (stop) return { result: 'incomplete', reason: stop, ...counts };
    this.auditStale();
    this.auditSymmetry();
    if (bounded) return { result: 'clear', bound: this.bound, ...counts };
    return { result: 'safe', ...counts };
  }

  /**
   * For sleep sets (SearchOptions.sleep): notes, per rank of a delivery in `moves` (the k-th in-flight id
   * of the state, below 32), its message and receiver.
   */
  private deliveryRanks(moves: readonly number[]): void {
    let k = 0;
    for (let j = 0; j < moves.length && k < 32; j++) {
      const move = moves[j]!;
      if ((move & 7) !== DELIVER) continue;
      this.rankMessage[k] = move >>> 3;
      this.rankTo[k] = this.wires[move >>> 3]!.to;
      k++;
    }
  }

  /** deliveryRanks()'s notes, by rank. */
  private readonly rankMessage = new Int32Array(32);
  private readonly rankTo = new Int32Array(32);

  /**
   * The sleep set of the successor in this.row that delivery `x` (a rank noted by deliveryRanks) led to:
   * the deliveries in `candidates` independent of x (SearchOptions.sleep), as ranks among the successor's
   * in-flight ids (those past 32 are left awake).
   */
  private sleepAfter(candidates: number, x: number): number {
    const a = this.rankTo[x]!;
    const row = this.row;
    const p = this.networkAt(row);
    const words = row[p]!;
    const net = p + 1;
    let wakes = 0;
    for (let bits = candidates & ~(1 << x); bits !== 0; bits &= bits - 1) {
      const k = 31 - Math.clz32(bits & -bits);
      if (this.rankTo[k] === a) continue;
      const m = this.rankMessage[k]!;
      const w = m >>> 5;
      if (w >= words || !(row[net + w]! & (1 << (m & 31)))) throw new Error(`model checker: a delivery independent of the move made left the network (message ${m}); the sleep-set argument fails here, so search without sleep`);
      let at = popcount(row[net + w]! & ((1 << (m & 31)) - 1));
      for (let j = 0; j < w; j++) at += popcount(row[net + j]!);
      if (at < 32) wakes |= 1 << at;
    }
    return wakes;
  }

  /**
   * A lower bound on the moves from `d` to a state where two values are chosen in one slot (see
   * SearchOptions.bound for why it never overestimates). Throws if a learner announced a value that no
   * quorum voted for, which the bound's argument rules out.
   */
  private votesToConflict(d: Decoded): number {
    // It depends on the votes and announcements alone, and a scope has few sets of them: memoised.
    const key = `${d.votes.join(',')}|${d.announced.join(',')}`;
    let h = this.distanceMemo.get(key);
    if (h === undefined) {
      h = this.votesToConflictOf(d);
      this.distanceMemo.set(key, h);
    }
    return h;
  }

  private readonly distanceMemo = new Map<string, number>();

  private votesToConflictOf(d: Decoded): number {
    const classic = this.quorums.classic;
    const fast = this.quorums.fast ?? classic;
    const qMin = Math.min(classic, fast);
    // Per slot: value → the fewest further votes it needs in some ballot (0: chosen).
    const need = new Map<Slot, Map<string, number>>();
    const counts = new Map<string, { vote: Vote; n: number; round: string }>();
    // Per (slot, ballot): how many acceptors have voted in it, for any value. Each votes once in a ballot
    // (audited: auditVotesPerStep), so a value can gain there only from those who have not.
    const voters = new Map<string, number>();
    for (const id of bitIds(d.votes)) {
      const v = this.votes[id]!;
      const round = `${v.slot}|${v.ballot.round}.${v.ballot.node}${v.ballot.fast ? 'f' : ''}`;
      voters.set(round, (voters.get(round) ?? 0) + 1);
      const k = `${round}|${JSON.stringify(v.value)}`;
      const e = counts.get(k);
      if (e) e.n++;
      else counts.set(k, { vote: v, n: 1, round });
    }
    for (const { vote, n, round } of counts.values()) {
      const q = vote.ballot.fast ? fast : classic;
      const slot = need.get(vote.slot) ?? new Map<string, number>();
      need.set(vote.slot, slot);
      const key = JSON.stringify(vote.value);
      const missing = Math.max(0, q - n);
      // A ballot with too few acceptors left to vote cannot choose the value: it counts as a fresh one would.
      if (missing > this.acceptorCount - voters.get(round)!) {
        if (!slot.has(key)) slot.set(key, qMin);
        continue;
      }
      slot.set(key, Math.min(slot.get(key) ?? qMin, missing));
    }
    for (const id of bitIds(d.announced)) {
      const c = this.chosenList[id]!;
      if (need.get(c.slot)?.get(JSON.stringify(c.value)) !== 0) {
        throw new Error(`model checker: ${this.protocol.name} announced ${JSON.stringify(c.value)} chosen in slot ${c.slot} before a quorum voted for it; the distance bound assumes it cannot, so search without --bound`);
      }
    }
    const both = (a: number, b: number): number => (this.valuesPerStep === 1 ? a + b : Math.max(a, b));
    let best = both(qMin, qMin);
    for (const slot of need.values()) {
      const sorted = [...slot.values(), qMin, qMin].sort((a, b) => a - b);
      best = Math.min(best, both(sorted[0]!, sorted[1]!));
    }
    return best;
  }

  /**
   * The premises of the estimate (SearchOptions.bound): the move from `d` to `t` added votes for at most
   * `valuesPerStep` values to each slot, and no acceptor's second vote in a ballot of a slot. Throws
   * otherwise, so that a protocol that breaks them stops the bounded search instead of having it prune a
   * state a short run goes through.
   */
  private auditVotesPerStep(d: Decoded, t: Decoded): void {
    const before = bitIds(d.votes);
    const old = new Set(before);
    const seen = new Map<Slot, Set<string>>();
    for (const id of bitIds(t.votes)) {
      if (old.has(id)) continue;
      const v = this.votes[id]!;
      const values = seen.get(v.slot) ?? new Set<string>();
      seen.set(v.slot, values.add(JSON.stringify(v.value)));
      if (values.size > this.valuesPerStep) {
        throw new Error(`model checker: one ${this.protocol.name} move added votes for ${[...values].join(' and ')} to slot ${v.slot}, more values than the protocol's valuesPerStep (${this.valuesPerStep}) that the distance bound assumes; search without --bound`);
      }
      for (const b of before) {
        const w = this.votes[b]!;
        if (w.acceptor === v.acceptor && w.slot === v.slot && ballotEquals(w.ballot, v.ballot)) {
          throw new Error(`model checker: ${v.acceptor} voted twice in ballot ${v.ballot.round}.${v.ballot.node} of slot ${v.slot} (${JSON.stringify(w.value)}, then ${JSON.stringify(v.value)}); the distance bound assumes one vote per acceptor and ballot, so search without --bound`);
        }
      }
    }
  }

  /** A copy of `row` canonicalized under the symmetry group (itself without one). */
  private canonicalRow(row: Uint32Array): Uint32Array {
    if (this.perms.length === 0) return row;
    if (this.row.length < row.length) this.row = new Uint32Array(row.length * 2);
    this.row.set(row);
    return this.row.slice(0, this.canonicalize(row.length));
  }

  /**
   * The rows from the initial state (not included) to state `index`, replayed from the moves the store
   * recorded: the fingerprint store no longer holds the older rows, and the row store gives the same ones.
   */
  private replayRows(store: { readonly parent: ArrayLike<number>; readonly action: ArrayLike<number> }, index: number): Uint32Array[] {
    const ordinals: number[] = [];
    for (let r = index; r > 0; r = store.parent[r]!) ordinals.push(store.action[r]!);
    ordinals.reverse();
    const rows: Uint32Array[] = [];
    const d = new Decoded(this.n);
    const moveList: number[] = [];
    let row = this.canonicalRow(this.initialRow());
    for (const m of ordinals) {
      this.decode(row, d);
      const moves = this.moves(d, moveList);
      const raw = this.apply(d, moves[m]!, this.reduced);
      if (raw < 0) throw new Error(`model checker: replaying the path, move ${m} is cut`);
      row = this.row.slice(0, this.canonicalize(raw));
      rows.push(row);
    }
    return rows;
  }

  /**
   * The concrete run behind a path of stored (canonical) rows: from the initial state, each step takes the
   * first enabled move whose successor, canonicalized, is the next stored row. Without symmetry that is
   * the very move the search took. Returns the move ordinals, the run's last state and how many moves the
   * run makes (a crash-before-step ordinal is two or three).
   */
  private concretePath(rows: readonly Uint32Array[]): { path: number[]; last: Decoded; steps: number } {
    let s = this.initialDecoded();
    const path: number[] = [];
    let steps = 0;
    const moveList: number[] = [];
    for (const want of rows) {
      const moves = this.moves(s, moveList).slice();
      let found = -1;
      for (let m = 0; m < moves.length && found < 0; m++) {
        const raw = this.apply(s, moves[m]!, this.reduced);
        if (raw < 0) continue;
        const length = this.canonicalize(raw);
        if (length === want.length && this.row.subarray(0, length).every((x, k) => x === want[k])) found = m;
      }
      if (found < 0) throw new Error('model checker: a counterexample path did not replay under acceptor symmetry');
      const length = this.apply(s, moves[found]!, this.reduced);
      const t = new Decoded(this.n);
      this.decode(this.row.slice(0, length), t);
      path.push(found);
      const move = moves[found]!;
      steps += (move & 7) !== CRASH_STEP ? 1 : ((move >>> 3) & 7) === RECOVER ? 2 : 3;
      s = t;
    }
    return { path, last: s, steps };
  }

  /**
   * Certifies the acceptor symmetry the search relied on (SearchOptions): for every permutation π, node i,
   * local ℓ the search reached and input it stepped ℓ with, stepping π(ℓ) at π(i) with π(input) gives π of
   * the outcome — the same renamed local, the same renamed messages, votes and announcements, or both out
   * of scope; a crash and the stale hint agree as well. Throws if not.
   */
  private auditSymmetry(): void {
    for (let p = 0; p < this.perms.length; p++) {
      const perm = this.perms[p]!;
      for (let i = 0; i < this.n; i++) {
        const j = perm[i]!;
        const reached = this.locals[i]!.length;
        for (let id = 0; id < reached; id++) {
          const local = this.locals[i]![id]!;
          const renamed = this.renameLocal(p, i, id);
          const what = (why: string) => new Error(`model checker: acceptor symmetry does not hold for ${this.protocol.name} at ${this.nodes[i]!.id} ${JSON.stringify(local.state)} renamed ${JSON.stringify([...this.renames[p]!])}: ${why}; run without symmetry`);
          for (let code = 0; code < local.memo.length; code++) {
            const o = local.memo[code];
            if (o === undefined) continue;
            const input = (code & 3) === 0 ? this.renameWire(p, code >>> 2) << 2 : code;
            const r = this.outcome(j, renamed, input);
            if ((o === null) !== (r === null)) throw what(`input ${code} leaves the scope in one and not the other`);
            if (!o || !r) continue;
            const same = (a: readonly number[], b: readonly number[]): boolean => a.length === b.length && [...a].sort((x, y) => x - y).every((x, k) => x === [...b].sort((x2, y2) => x2 - y2)[k]);
            if (this.renameLocal(p, i, o.local) !== r.local) throw what(`input ${code} leads to different states`);
            if (!same(o.sends.map((m) => this.renameWire(p, m)), r.sends)) throw what(`input ${code} sends different messages`);
            if (!same(o.votes.map((v) => this.renameVote(p, v)), r.votes)) throw what(`input ${code} casts different votes`);
            if (!same(o.chosen, r.chosen)) throw what(`input ${code} announces different values`);
          }
          if (local.crashed >= 0) {
            if (this.renameLocal(p, i, local.crashed) !== this.crashedLocal(j, renamed)) throw what('a crash keeps different states');
          }
          if (!this.hint) continue;
          for (let m = 0; m < local.stale.length; m++) {
            for (const mayCrash of [false, true]) {
              const mark = (local.stale[m]! >>> (mayCrash ? 2 : 0)) & 3;
              if (mark !== 0 && (mark === 2) !== this.isStale(j, renamed, this.renameWire(p, m), mayCrash)) throw what('the stale hint differs');
            }
          }
        }
      }
    }
  }

  /**
   * Certifies every stale hint the search may have relied on (see SearchOptions), over everything the
   * search saw: for each node, each local it reached and each message to it the hint calls stale there,
   * delivering that message changes nothing, and every step the search took from that local (a delivery,
   * a timer, a request, or a crash with its recovery) leads to a local where the message is still stale.
   * Throws if not: a hint that is wrong must fail the check, never let it say "safe".
   */
  private auditStale(): void {
    if (!this.hint) return;
    for (let i = 0; i < this.n; i++) {
      const locals = this.locals[i]!;
      const incoming = this.wires.filter((w) => w.to === i).map((w) => w.key);
      const reached = locals.length;
      // A hint for a node that cannot crash any more is checked against its steps; one for a node that
      // still may, against its crash and recovery as well.
      for (const mayCrash of this.mayCrash(i, 0) ? [false, true] : [false]) {
        for (let id = 0; id < reached; id++) {
          const local = locals[id]!;
          const after: number[] = [];
          for (const o of local.memo) if (o) after.push(o.local);
          if (mayCrash && local.crashed >= 0) {
            const back = locals[local.crashed]!.memo[3];
            if (back) after.push(back.local);
          }
          for (const m of incoming) {
            if (!this.isStale(i, id, m, mayCrash)) continue;
            const o = this.outcome(i, id, m << 2);
            const what = () => `${this.protocol.name}: the stale hint is wrong for ${this.wires[m]!.msg.kind} ${JSON.stringify(this.wires[m]!.msg)} at ${this.nodes[i]!.id} ${JSON.stringify(local.state)}`;
            if (o && !idle(o, id)) throw new Error(`model checker: ${what()}: delivering it changes the node`);
            for (const next of after) {
              if (!this.isStale(i, next, m, mayCrash)) throw new Error(`model checker: ${what()}: it is live again at ${JSON.stringify(locals[next]!.state)}`);
            }
          }
        }
      }
    }
  }

  /** The state after move `move` from `d`, as a fresh Decoded (or undefined when it leaves the scope). */
  private next(d: Decoded, move: number, happenings?: Happening[]): Decoded | undefined {
    const length = this.apply(d, move, false, happenings);
    if (length < 0) return undefined;
    const t = new Decoded(this.n);
    this.decode(this.row.slice(0, length), t);
    return t;
  }

  private initialDecoded(happenings?: Happening[]): Decoded {
    const d = new Decoded(this.n);
    this.decode(this.initialRow(happenings), d);
    return d;
  }

  /**
   * After the violation: deliver the `accepted` messages still in flight so the learners announce what
   * they learned, the k-th learner hearing first about the k-th conflicting value, so the drawn trace shows
   * two learners learning two values. These moves are appended to the shortest path (the result's
   * `epilogue` counts them); they change no acceptor.
   */
  private learnAll(from: Decoded, values: readonly Value[]): number[] {
    const learners = this.nodes.filter((n) => n.roles.includes('learner') || n.roles.includes('leader')).map((n) => n.id);
    const wants = (m: Outgoing & { from: NodeId }): boolean => {
      const k = learners.indexOf(m.to);
      return k >= 0 && (m as { value?: Value }).value === values[k % values.length];
    };
    const out: number[] = [];
    let s = from;
    for (let guard = 0; guard < 64; guard++) {
      const moves = this.moves(s, []);
      const accepted = (m: number): boolean => (m & 7) === DELIVER && this.wires[m >>> 3]!.msg.kind === 'accepted';
      let i = moves.findIndex((m) => accepted(m) && wants(this.wires[m >>> 3]!.msg));
      if (i < 0) i = moves.findIndex(accepted);
      const next = i >= 0 ? this.next(s, moves[i]!) : undefined;
      if (!next) break;
      out.push(i);
      s = next;
    }
    return out;
  }

  /**
   * A move's identity independent of move order and message ids: the proposal, the timer at its node, the
   * node that crashes or recovers, or the message's full content. Two moves with one key in one state are
   * the same move (hunt.ts replays a run by keys while it deletes steps from it).
   */
  private moveKey(d: Decoded, move: number): string {
    const kind = move & 7;
    const arg = move >>> 3;
    if (kind === PROPOSE) return `propose ${arg}`;
    if (kind === TIMEOUT) return `timeout ${arg >>> 8} ${this.locals[arg >>> 8]![d.local[arg >>> 8]!]!.timers[arg & 255]!}`;
    if (kind === CRASH || kind === RECOVER) return `${KINDS[kind]} ${arg}`;
    if (kind === CRASH_STEP) throw new Error('model checker: a crash-before-step search (por) is not walked or followed; build the explorer without por');
    let text = this.wireTexts[arg];
    if (text === undefined) this.wireTexts[arg] = text = JSON.stringify(this.wires[arg]!.msg);
    return `${KINDS[kind]} ${text}`;
  }

  /** Message id → its JSON text, for moveKey. */
  private readonly wireTexts: string[] = [];

  /**
   * A move's class for a hunt's weights (hunt.ts): its kind with the node, or for a message move its kind,
   * the message's kind, sender and receiver — `deliver accept S1>S3`.
   */
  private moveClass(move: number): string {
    const kind = move & 7;
    const arg = move >>> 3;
    if (kind === PROPOSE) return `propose ${this.scope.proposals[arg]!.node}`;
    if (kind === TIMEOUT) return `timeout ${this.nodes[arg >>> 8]!.id}`;
    if (kind === CRASH || kind === RECOVER) return `${KINDS[kind]} ${this.nodes[arg]!.id}`;
    if (kind === CRASH_STEP) throw new Error('model checker: a crash-before-step search (por) is not walked or followed; build the explorer without por');
    const m = this.wires[arg]!.msg;
    return `${KINDS[kind]} ${m.kind} ${m.from}>${m.to}`;
  }

  /**
   * One random run from the initial state (hunt.ts): each step draws one of the enabled moves that is not
   * an idle delivery and stays in scope, with probability proportional to `weight` of its class (moveClass;
   * weight 0: never), until two values are chosen (returns the moves' keys) or no move is left or
   * `maxSteps` moves were made (returns undefined). `float()` returns a number in [0, 1).
   */
  walk(float: () => number, maxSteps: number, weight: (moveClass: string) => number = () => 1): string[] | undefined {
    let s = this.initialDecoded();
    const keys: string[] = [];
    const list: number[] = [];
    const weights: number[] = [];
    for (let step = 0; step < maxSteps; step++) {
      // In key order, not move order: move order follows message ids, which depend on what this explorer
      // interned before, and a walk must be the same run whichever walks came before it.
      const state = s;
      const moves = this.moves(s, list).map((m) => ({ m, key: this.moveKey(state, m) })).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map((e) => e.m);
      weights.length = 0;
      let total = 0;
      for (const m of moves) {
        const w = weight(this.moveClass(m));
        weights.push(w);
        total += w;
      }
      let next: Decoded | undefined;
      let key = '';
      while (total > 0 && !next) {
        let x = float() * total;
        let k = 0;
        while (k < moves.length - 1 && (weights[k] === 0 || x >= weights[k]!)) {
          x -= weights[k]!;
          k++;
        }
        if (weights[k] === 0) break;
        total -= weights[k]!;
        weights[k] = 0;
        const move = moves[k]!;
        const length = this.apply(s, move, true);
        if (length < 0) continue;
        key = this.moveKey(s, move);
        next = new Decoded(this.n);
        this.decode(this.row.slice(0, length), next);
      }
      if (!next) return undefined;
      keys.push(key);
      s = next;
      if (this.grew && this.conflict(s)) return keys;
    }
    return undefined;
  }

  /**
   * Replays a run given by move keys (see moveKey). Returns the move ordinals up to and including the
   * first step after which two values are chosen, or undefined when some key names no enabled move (or a
   * move that leaves the scope) or the run ends without a conflict. Every replay is bounded by the keys.
   */
  replayKeys(keys: readonly string[]): { readonly path: number[]; readonly keys: string[] } | undefined {
    let s = this.initialDecoded();
    const path: number[] = [];
    const list: number[] = [];
    for (let k = 0; k < keys.length; k++) {
      const moves = this.moves(s, list);
      const ordinal = moves.findIndex((m) => this.moveKey(s, m) === keys[k]);
      const next = ordinal >= 0 ? this.next(s, moves[ordinal]!) : undefined;
      if (!next) return undefined;
      path.push(ordinal);
      s = next;
      if (this.conflict(s)) return { path, keys: keys.slice(0, k + 1) };
    }
    return undefined;
  }

  /** The counterexample behind a replayed run: its trace with the learners' epilogue, and the conflict. */
  counterexample(path: readonly number[]): { readonly trace: TraceDocument; readonly slot: Slot; readonly values: Value[]; readonly epilogue: number } {
    let s = this.initialDecoded();
    for (const ordinal of path) {
      const move = this.moves(s, [])[ordinal];
      const t = move === undefined ? undefined : this.next(s, move);
      if (!t) throw new Error('model checker: a hunted run did not replay');
      s = t;
    }
    const c = this.conflict(s);
    if (!c) throw new Error('model checker: a hunted run does not choose two values');
    const epilogue = this.learnAll(s, c.values);
    return { trace: this.trace([...path, ...epilogue]), slot: c.slot, values: c.values, epilogue: epilogue.length };
  }

  /** Whether `move` in state `d` fits a scripted step (every field given must match). */
  private matches(d: Decoded, move: number, step: ScriptStep): boolean {
    const kind = move & 7;
    const arg = move >>> 3;
    if (KINDS[kind] !== step.kind) return false;
    if (kind === PROPOSE) {
      const p = this.scope.proposals[arg]!;
      return (step.node === undefined || step.node === p.node) && (step.value === undefined || step.value === p.value);
    }
    if (kind === TIMEOUT) {
      const i = arg >>> 8;
      const timer = this.locals[i]![d.local[i]!]!.timers[arg & 255]!;
      return (step.node === undefined || step.node === this.nodes[i]!.id) && (step.timer === undefined || step.timer === timer);
    }
    if (kind === CRASH || kind === RECOVER) return step.node === undefined || step.node === this.nodes[arg]!.id;
    const m = this.wires[arg]!.msg;
    return (step.from === undefined || step.from === m.from) && (step.to === undefined || step.to === m.to) && (step.msg === undefined || step.msg === m.kind) &&
      (step.slot === undefined || step.slot === (m as { slot?: Slot }).slot) &&
      (step.round === undefined || step.round === (m as { ballot?: Ballot }).ballot?.round);
  }

  /**
   * Follows a script: each step takes the first enabled move that fits it. For a run found by hand (or by
   * a search outside this scope) that the breadth-first search is too large to reach: the engine still
   * decides every step, and the result says whether agreement broke. Throws naming the step that no
   * enabled move fits.
   */
  follow(script: readonly ScriptStep[]): { readonly trace: TraceDocument; readonly conflict?: { slot: Slot; values: Value[] } } {
    let s = this.initialDecoded();
    const path: number[] = [];
    script.forEach((step, i) => {
      const moves = this.moves(s, []);
      const ordinal = moves.findIndex((m) => this.matches(s, m, step));
      const next = ordinal >= 0 ? this.next(s, moves[ordinal]!) : undefined;
      if (!next) throw new Error(`script step ${i + 1} ${JSON.stringify(step)}: no enabled move fits it (or it leaves the scope)`);
      path.push(ordinal);
      s = next;
    });
    const conflict = this.conflict(s);
    return { trace: this.trace(path), ...(conflict ? { conflict } : {}) };
  }

  /** Replays a path of move ordinals from the initial state into a paxos-trace/1 document. */
  trace(path: readonly number[]): TraceDocument {
    const all: Happening[][] = [];
    const start: Happening[] = [];
    let s = this.initialDecoded(start);
    all.push(start);
    for (const ordinal of path) {
      const move = this.moves(s, [])[ordinal];
      const happenings: Happening[] = [];
      const t = move === undefined ? undefined : this.next(s, move, happenings);
      if (!t) throw new Error('model checker: a counterexample path did not replay (nondeterministic protocol step?)');
      all.push(happenings);
      s = t;
    }
    // Stamp ids: every send gets a fresh id; a deliver/drop takes the oldest in-flight copy of its content.
    const events: TraceEvent[] = [];
    const inFlight = new Map<number, Message[]>();
    let nextId = 1;
    let time = 0;
    for (const group of all) {
      for (const h of group) {
        const base = { seq: events.length, time };
        switch (h.type) {
          case 'send': {
            const { from, to, ...body } = h.wire.msg;
            const msg = { id: nextId++, from, to, ...body } as unknown as Message;
            const list = inFlight.get(h.wire.key) ?? [];
            list.push(msg);
            inFlight.set(h.wire.key, list);
            events.push({ ...base, type: 'send', msg });
            break;
          }
          case 'deliver':
          case 'drop': {
            const list = inFlight.get(h.wire.key);
            const msg = list?.[0];
            if (!list || !msg) throw new Error('model checker: delivered a message that was never sent');
            // A duplicated delivery leaves its copy in flight; any other delivery or a drop consumes it.
            if (!(h.type === 'deliver' && h.keep)) list.shift();
            events.push({ ...base, type: h.type, msg });
            break;
          }
          default:
            events.push({ ...base, ...h } as TraceEvent);
        }
      }
      time++;
    }
    return {
      format: TRACE_FORMAT,
      protocol: this.config.protocol,
      config: { seed: 0, ...this.scope.echo },
      quorums: this.quorums,
      nodes: this.nodes,
      events,
    };
  }
}

/** A step that changes nothing: the same local (protocol state and timers), nothing sent or announced. */
/** The length-prefixed list of words at row[p..]. */
function readWords(row: Uint32Array, p: number): number[] {
  const len = row[p]!;
  const out = new Array<number>(len);
  for (let k = 0; k < len; k++) out[k] = row[p + 1 + k]!;
  return out;
}

function idle(o: Outcome, from: number): boolean {
  return o.local === from && o.sends.length === 0 && o.chosen.length === 0;
}

/** The node id an element of a sorted set of nodes is sorted by (the id, or a record's `from`), if any. */
function idKey(x: unknown): string | undefined {
  if (typeof x === 'string') return x;
  if (x === null || typeof x !== 'object') return undefined;
  const { from, acceptor } = x as { from?: unknown; acceptor?: unknown };
  if (typeof from === 'string') return from;
  if (typeof acceptor === 'string') return acceptor;
  return undefined;
}

/** Every ordering of `items`. */
function permutations(items: readonly number[]): number[][] {
  if (items.length <= 1) return [items.slice()];
  const out: number[][] = [];
  items.forEach((x, k) => {
    for (const rest of permutations([...items.slice(0, k), ...items.slice(k + 1)])) out.push([x, ...rest]);
  });
  return out;
}

/** The ids whose bits are set, ascending. */
function bitIds(words: readonly number[]): number[] {
  const out: number[] = [];
  for (let w = 0; w < words.length; w++) {
    let bits = words[w]!;
    while (bits !== 0) {
      const low = bits & -bits;
      out.push(w * 32 + 31 - Math.clz32(low));
      bits ^= low;
    }
  }
  return out;
}
