// The reference explorer for tests: the engine-mode search as first written — whole global states as
// JavaScript objects, every node state and message serialised to JSON per transition, a string key per
// state, no memo and no reduction. Slow, but simple enough to read against the move list, so it is the
// oracle the production explorer (src/paxos/check/explore.ts) is compared with on small scopes: same counts
// where both keep the same state (finite timer budget, reduction off), and always the same verdict and the
// same shortest counterexample. Node states' key order comes from how the roles build them (one way).
//
// The original file comment follows.
//
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
// one), and the in-flight multiset is kept sorted, so the key of a state is canonical. Breadth-first order
// makes the first violation found a shortest one; its path is replayed with fresh message ids into a
// paxos-trace/1 document.
//
// No symmetry reduction: acceptors are interchangeable in the protocol, but node ids appear inside
// states and messages and in ballot order, so a reduction would have to rename them everywhere and prove
// no rule reads their order; we keep the full space, which is also what a reader recounting by hand gets.
import { compareBallots, type Ballot } from '../../src/paxos/core/ballot.ts';
import type { Message, Outgoing } from '../../src/paxos/core/message.ts';
import type { NodeId, NodeInfo, Slot, Value } from '../../src/paxos/core/ids.ts';
import type { Input, ProtocolConfig, StepResult } from '../../src/paxos/core/protocol.ts';
import { TRACE_FORMAT, type Quorums, type TraceDocument, type TraceEvent } from '../../src/paxos/core/trace.ts';
import type { AnyProtocol } from '../../src/paxos/registry.ts';
import { LimitWatch, type SearchLimits, type StopReason } from '../../src/paxos/check/limits.ts';

// The scope is the production explorer's own type: both explore the same scopes, only the search differs.
import type { EngineScope } from '../../src/paxos/check/explore.ts';

interface Wire {
  readonly key: number; // interned content, without id
  readonly msg: Outgoing & { readonly from: NodeId };
}

interface GState {
  readonly nodes: readonly unknown[];
  /** Interned id of each node's state (kept here so an unchanged node is never serialised again). */
  readonly ids: readonly number[];
  readonly up: number; // bit i set: node i is running
  readonly timers: readonly (readonly string[])[]; // armed timers per node, sorted
  readonly net: readonly Wire[]; // sorted by key
  readonly votes: readonly number[]; // sorted vote ids (see Vote)
  readonly announced: readonly number[]; // sorted ids of (slot, value) some learner announced as chosen
  readonly proposed: number; // bit k set: proposals[k] made
  readonly dropped: number;
  readonly duplicated: number;
  readonly crashed: number;
  readonly fired: number;
}

type Move =
  | { readonly kind: 'propose'; readonly index: number }
  | { readonly kind: 'deliver' | 'duplicate' | 'drop'; readonly wire: number }
  | { readonly kind: 'timeout'; readonly node: number; readonly timer: string }
  | { readonly kind: 'crash' | 'recover'; readonly node: number };

/** One step of a script for `follow`: the kind of move and any of its details. */
export interface ScriptStep {
  readonly kind: Move['kind'];
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

/** One acceptance, as the history records it. */
interface Vote {
  readonly slot: Slot;
  readonly ballot: Ballot;
  readonly value: Value;
  readonly acceptor: NodeId;
}

/** The trace events of one move, before seq/time/ids are stamped. */
type Happening =
  | { readonly type: 'propose'; readonly node: NodeId; readonly value: Value }
  | { readonly type: 'send' | 'drop'; readonly wire: Wire }
  | { readonly type: 'deliver'; readonly wire: Wire; readonly keep: boolean }
  | { readonly type: 'crash' | 'recover'; readonly node: NodeId }
  | { readonly type: 'timeout'; readonly node: NodeId; readonly timer: string }
  | { readonly type: 'chosen'; readonly node: NodeId; readonly slot: Slot; readonly value: Value };

interface Counts {
  readonly states: number;
  readonly transitions: number;
  readonly depth: number;
  readonly ms: number;
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
      /** Moves of the run before the epilogue. */
      readonly steps: number;
      readonly trace: TraceDocument;
    } & Counts)
  | ({ readonly result: 'incomplete'; readonly reason: StopReason } & Counts);

const EMPTY: readonly never[] = [];

function insertSorted(list: readonly number[], id: number): readonly number[] {
  let i = 0;
  while (i < list.length && list[i]! < id) i++;
  if (list[i] === id) return list;
  return [...list.slice(0, i), id, ...list.slice(i)];
}

/** The explorer for one scope. `check()` runs the search; the rest is the transition relation. */
export class ReferenceExplorer {
  private readonly scope: EngineScope;
  private readonly protocol: AnyProtocol;
  private readonly config: ProtocolConfig;
  readonly nodes: readonly NodeInfo[];
  readonly quorums: Quorums;
  private readonly index = new Map<NodeId, number>();
  private readonly acceptors = new Set<NodeId>();
  private readonly crashable: number; // bitmask
  /** One table for node states and messages, so the ballots and entries they share are interned once. */
  private readonly structures = new Interner();
  private readonly voteIds = new Map<string, number>();
  private readonly votes: Vote[] = [];
  private readonly chosenIds = new Map<string, number>();
  private readonly chosenList: { slot: Slot; value: Value }[] = [];

  constructor(scope: EngineScope) {
    this.scope = scope;
    this.protocol = scope.protocol;
    this.config = scope.config;
    this.nodes = this.protocol.nodes(this.config);
    this.quorums = this.protocol.quorums(this.config);
    this.nodes.forEach((n, i) => {
      this.index.set(n.id, i);
      if (n.roles.includes('acceptor')) this.acceptors.add(n.id);
    });
    if (this.nodes.length > 30) throw new RangeError(`nodes: at most 30 nodes in a model-checking scope (got ${this.nodes.length})`);
    let mask = 0;
    for (const id of scope.crashable ?? this.nodes.map((n) => n.id)) {
      const i = this.index.get(id);
      if (i === undefined) throw new RangeError(`crashable: unknown node ${id}`);
      mask |= 1 << i;
    }
    this.crashable = mask;
    for (const p of scope.proposals) {
      if (!this.index.has(p.node)) throw new RangeError(`proposals: unknown node ${p.node}`);
    }
  }

  /** The state every run starts from: each node initialised and handed `start`, at time 0. */
  initial(): { state: GState; happenings: Happening[] } {
    const nodes = this.nodes.map((n) => this.protocol.init(n, this.config));
    let state: GState = {
      nodes,
      ids: nodes.map((n) => this.structures.id(n)),
      up: this.nodes.length === 31 ? -1 : (1 << this.nodes.length) - 1,
      timers: this.nodes.map(() => EMPTY),
      net: EMPTY,
      votes: EMPTY,
      announced: EMPTY,
      proposed: 0,
      dropped: 0,
      duplicated: 0,
      crashed: 0,
      fired: 0,
    };
    const happenings: Happening[] = [];
    for (let i = 0; i < this.nodes.length; i++) {
      const out = this.runStep(state, i, { type: 'start' }, happenings);
      if (!out) throw new Error(`node ${this.nodes[i]!.id}: its start already leaves the scope (ballot round or slot too high)`);
      state = out;
    }
    return { state, happenings };
  }

  key(s: GState): string {
    let k = '';
    for (const id of s.ids) k += id.toString(36) + ',';
    k += ';' + s.up.toString(36) + ';';
    for (const t of s.timers) k += t.join('+') + '/';
    k += ';';
    for (const w of s.net) k += w.key.toString(36) + ',';
    k += ';';
    for (const v of s.votes) k += v.toString(36) + ',';
    k += ';';
    for (const c of s.announced) k += c.toString(36) + ',';
    k += `;${s.proposed.toString(36)},${s.dropped},${s.duplicated},${s.crashed},${s.fired}`;
    return k;
  }

  /** Every move enabled in `s`, in a fixed order (the order makes counterexamples deterministic). */
  moves(s: GState): Move[] {
    const out: Move[] = [];
    const sc = this.scope;
    sc.proposals.forEach((p, k) => {
      const i = this.index.get(p.node)!;
      if (!(s.proposed & (1 << k)) && s.up & (1 << i)) out.push({ kind: 'propose', index: k });
    });
    for (let w = 0; w < s.net.length; w++) {
      if (w > 0 && s.net[w - 1]!.key === s.net[w]!.key) continue; // identical copies: one move
      out.push({ kind: 'deliver', wire: w });
      if (sc.network === 'set') continue;
      const to = this.index.get(s.net[w]!.msg.to)!;
      if (s.duplicated < sc.duplicates && s.up & (1 << to)) out.push({ kind: 'duplicate', wire: w });
      if (s.dropped < sc.drops) out.push({ kind: 'drop', wire: w });
    }
    if (s.fired < sc.timeouts) {
      for (let i = 0; i < this.nodes.length; i++) {
        if (!(s.up & (1 << i)) || (sc.timed && !sc.timed.includes(this.nodes[i]!.id))) continue;
        for (const timer of s.timers[i]!) out.push({ kind: 'timeout', node: i, timer });
      }
    }
    for (let i = 0; i < this.nodes.length; i++) {
      if (s.up & (1 << i)) {
        if (s.crashed < sc.crashes && this.crashable & (1 << i)) out.push({ kind: 'crash', node: i });
      } else {
        out.push({ kind: 'recover', node: i });
      }
    }
    return out;
  }

  /** Applies a move; undefined when it leaves the scope. Trace events go to `happenings` if given. */
  apply(s: GState, move: Move, happenings?: Happening[]): GState | undefined {
    switch (move.kind) {
      case 'propose': {
        const p = this.scope.proposals[move.index]!;
        happenings?.push({ type: 'propose', node: p.node, value: p.value });
        const i = this.index.get(p.node)!;
        const next = { ...s, proposed: s.proposed | (1 << move.index) };
        return this.runStep(next, i, { type: 'propose', value: p.value }, happenings);
      }
      case 'deliver':
      case 'duplicate':
      case 'drop': {
        const wire = s.net[move.wire]!;
        const to = this.index.get(wire.msg.to)!;
        const keep = move.kind === 'duplicate' || this.scope.network === 'set';
        const net = keep ? s.net : [...s.net.slice(0, move.wire), ...s.net.slice(move.wire + 1)];
        if (move.kind === 'drop' || !(s.up & (1 << to))) {
          happenings?.push({ type: 'drop', wire });
          return { ...s, net, dropped: s.dropped + (move.kind === 'drop' ? 1 : 0) };
        }
        happenings?.push({ type: 'deliver', wire, keep });
        const next = { ...s, net, duplicated: s.duplicated + (move.kind === 'duplicate' ? 1 : 0) };
        const msg = { ...wire.msg, id: 0 } as Message;
        return this.runStep(next, to, { type: 'message', msg }, happenings);
      }
      case 'timeout': {
        happenings?.push({ type: 'timeout', node: this.nodes[move.node]!.id, timer: move.timer });
        const timers = s.timers.map((t, i) => (i === move.node ? t.filter((x) => x !== move.timer) : t));
        const next = { ...s, timers, fired: s.fired + 1 };
        return this.runStep(next, move.node, { type: 'timeout', timer: move.timer }, happenings);
      }
      case 'crash': {
        happenings?.push({ type: 'crash', node: this.nodes[move.node]!.id });
        const nodes = s.nodes.map((n, i) => (i === move.node ? this.protocol.crash(n, this.config) : n));
        const ids = s.ids.map((id, i) => (i === move.node ? this.structures.id(nodes[i]) : id));
        const timers = s.timers.map((t, i) => (i === move.node ? EMPTY : t));
        return { ...s, nodes, ids, timers, up: s.up & ~(1 << move.node), crashed: s.crashed + 1 };
      }
      case 'recover': {
        happenings?.push({ type: 'recover', node: this.nodes[move.node]!.id });
        const next = { ...s, up: s.up | (1 << move.node) };
        return this.runStep(next, move.node, { type: 'recover' }, happenings);
      }
    }
  }

  /** Runs one node's step and folds its effects (messages, timers, acceptances, announcements) into s. */
  private runStep(s: GState, i: number, input: Input, happenings?: Happening[]): GState | undefined {
    const node = this.nodes[i]!;
    const r: StepResult<unknown> = this.protocol.step(s.nodes[i], input, this.config, 0);
    let net = s.net;
    let votes = s.votes;
    const isAcceptor = this.acceptors.has(node.id);
    for (const o of r.send) {
      const ballot = (o as { ballot?: Ballot }).ballot;
      if (ballot && ballot.round > this.scope.maxRound) return undefined;
      const slot = (o as { slot?: Slot }).slot;
      if (typeof slot === 'number' && slot >= this.scope.slots) return undefined;
      const msg = { ...o, from: node.id } as Outgoing & { from: NodeId };
      const wire: Wire = { key: this.structures.id(msg), msg };
      happenings?.push({ type: 'send', wire });
      net = insertWire(net, wire, this.scope.network === 'set');
      if (isAcceptor && o.kind === 'accepted') {
        const vote: Vote = { slot: o.slot, ballot: o.ballot, value: o.value, acceptor: node.id };
        const text = `${o.slot}|${o.ballot.round}.${o.ballot.node}${o.ballot.fast ? 'f' : ''}|${JSON.stringify(o.value)}|${node.id}`;
        let id = this.voteIds.get(text);
        if (id === undefined) {
          id = this.votes.length;
          this.voteIds.set(text, id);
          this.votes.push(vote);
        }
        votes = insertSorted(votes, id);
      }
    }
    let timers = s.timers[i]!;
    for (const t of r.timers) {
      if (t.op === 'set') {
        if (!timers.includes(t.timer)) timers = [...timers, t.timer].sort();
      } else if (timers.includes(t.timer)) {
        timers = timers.filter((x) => x !== t.timer);
      }
    }
    let announced = s.announced;
    for (const c of r.chosen) {
      happenings?.push({ type: 'chosen', node: node.id, slot: c.slot, value: c.value });
      const entry = { slot: c.slot, value: c.value };
      const text = `${c.slot}|${JSON.stringify(c.value)}`;
      let id = this.chosenIds.get(text);
      if (id === undefined) {
        id = this.chosenList.length;
        this.chosenIds.set(text, id);
        this.chosenList.push(entry);
      }
      announced = insertSorted(announced, id);
    }
    const same = r.state === s.nodes[i];
    const nodes = same ? s.nodes : s.nodes.map((n, j) => (j === i ? r.state : n));
    const ids = same ? s.ids : s.ids.map((id, j) => (j === i ? this.structures.id(r.state) : id));
    const allTimers = timers === s.timers[i] ? s.timers : s.timers.map((t, j) => (j === i ? timers : t));
    return { ...s, nodes, ids, timers: allTimers, net, votes, announced };
  }

  /**
   * Two different values chosen in one slot: each accepted by a quorum in one ballot (fast quorum for a
   * fast ballot, sizes as the trace reports them), or announced by a learner as chosen.
   */
  conflict(s: GState): { slot: Slot; values: Value[] } | undefined {
    const bySlot = new Map<Slot, Value[]>();
    const note = (slot: Slot, value: Value): { slot: Slot; values: Value[] } | undefined => {
      const list = bySlot.get(slot) ?? [];
      if (!list.includes(value)) list.push(value);
      bySlot.set(slot, list);
      return list.length > 1 ? { slot, values: list } : undefined;
    };
    for (const id of s.announced) {
      const c = this.chosenList[id]!;
      const hit = note(c.slot, c.value);
      if (hit) return hit;
    }
    if (s.votes.length === 0) return undefined;
    // Count acceptors per (slot, ballot, value).
    const counts = new Map<string, { vote: Vote; n: number }>();
    for (const id of s.votes) {
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
    const seen = new Map<string, number>();
    const parent: number[] = [];
    const via: number[] = []; // ordinal of the move from the parent
    const { state: init } = this.initial();
    seen.set(this.key(init), 0);
    parent.push(-1);
    via.push(-1);
    let frontier: GState[] = [init];
    let frontierBase = 0; // index of frontier[0]
    let depth = 1;
    let transitions = 0;
    let violation: { row: number; state: GState; slot: Slot; values: Value[] } | undefined;
    let stop: StopReason | undefined;
    const first = this.conflict(init);
    if (first) violation = { row: 0, state: init, ...first };

    search: while (!violation && frontier.length > 0) {
      const next: GState[] = [];
      const nextBase = parent.length;
      for (let f = 0; f < frontier.length; f++) {
        const s = frontier[f]!;
        const moves = this.moves(s);
        for (let m = 0; m < moves.length; m++) {
          const t = this.apply(s, moves[m]!);
          if (!t) continue;
          transitions++;
          const k = this.key(t);
          if (seen.has(k)) continue;
          const row = parent.length;
          seen.set(k, row);
          parent.push(frontierBase + f);
          via.push(m);
          next.push(t);
          const c = this.conflict(t);
          if (c) {
            violation = { row, state: t, ...c };
            depth++;
            break search;
          }
          stop = watch.check(parent.length, transitions, depth + 1);
          if (stop) break search;
        }
      }
      if (next.length > 0) depth++;
      frontier = next;
      frontierBase = nextBase;
    }
    const counts: Counts = { states: parent.length, transitions, depth, ms: Math.round(watch.elapsed()) };
    if (violation) {
      const path: number[] = [];
      for (let r = violation.row; r > 0; r = parent[r]!) path.push(via[r]!);
      path.reverse();
      const epilogue = this.learnAll(violation.state, violation.values);
      return {
        result: 'violation',
        property: 'agreement',
        slot: violation.slot,
        values: violation.values,
        epilogue: epilogue.length,
        steps: path.length,
        trace: this.trace([...path, ...epilogue]),
        ...counts,
      };
    }
    if (stop) return { result: 'incomplete', reason: stop, ...counts };
    return { result: 'safe', ...counts };
  }

  /**
   * After the violation: deliver the `accepted` messages still in flight so the learners announce what
   * they learned, the k-th learner hearing first about the k-th conflicting value, so the drawn trace shows
   * two learners learning two values. These moves are appended to the shortest path (the result's
   * `epilogue` counts them); they change no acceptor.
   */
  private learnAll(from: GState, values: readonly Value[]): number[] {
    const learners = this.nodes.filter((n) => n.roles.includes('learner') || n.roles.includes('leader')).map((n) => n.id);
    const wants = (m: Outgoing & { from: NodeId }): boolean => {
      const k = learners.indexOf(m.to);
      return k >= 0 && (m as { value?: Value }).value === values[k % values.length];
    };
    const out: number[] = [];
    let s = from;
    for (let guard = 0; guard < 64; guard++) {
      const moves = this.moves(s);
      const accepted = (m: Move): boolean => m.kind === 'deliver' && s.net[m.wire]!.msg.kind === 'accepted';
      let i = moves.findIndex((m) => accepted(m) && m.kind === 'deliver' && wants(s.net[m.wire]!.msg));
      if (i < 0) i = moves.findIndex(accepted);
      const next = i >= 0 ? this.apply(s, moves[i]!) : undefined;
      if (!next) break;
      out.push(i);
      s = next;
    }
    return out;
  }

  /** Whether `move` in state `s` fits a scripted step (every field given must match). */
  matches(s: GState, move: Move, step: ScriptStep): boolean {
    if (move.kind !== step.kind) return false;
    if (move.kind === 'propose') {
      const p = this.scope.proposals[move.index]!;
      return (step.node === undefined || step.node === p.node) && (step.value === undefined || step.value === p.value);
    }
    if (move.kind === 'timeout' || move.kind === 'crash' || move.kind === 'recover') {
      const id = this.nodes[move.node]!.id;
      return (step.node === undefined || step.node === id) && (move.kind !== 'timeout' || step.timer === undefined || step.timer === move.timer);
    }
    if (move.kind !== 'deliver' && move.kind !== 'duplicate' && move.kind !== 'drop') return false;
    const m = s.net[move.wire]!.msg;
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
    let s = this.initial().state;
    const path: number[] = [];
    script.forEach((step, i) => {
      const moves = this.moves(s);
      const ordinal = moves.findIndex((m) => this.matches(s, m, step));
      const next = ordinal >= 0 ? this.apply(s, moves[ordinal]!) : undefined;
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
    const start = this.initial();
    all.push(start.happenings);
    let s = start.state;
    for (const ordinal of path) {
      const move = this.moves(s)[ordinal];
      const happenings: Happening[] = [];
      const t = move && this.apply(s, move, happenings);
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

function insertWire(net: readonly Wire[], wire: Wire, unique: boolean): readonly Wire[] {
  let i = 0;
  while (i < net.length && net[i]!.key <= wire.key) i++;
  if (unique && i > 0 && net[i - 1]!.key === wire.key) return net;
  return [...net.slice(0, i), wire, ...net.slice(i)];
}

/** Small integers for plain-JSON values by their JSON text. */
class Interner {
  private readonly ids = new Map<string, number>();

  id(value: unknown): number {
    const text = JSON.stringify(value) ?? 'null';
    let id = this.ids.get(text);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(text, id);
    }
    return id;
  }
}
