// The seven safety properties of paxos-trace/1 (../shared/design/trace-format.md, "What a correct trace
// satisfies"), checked over any trace — basic, multi or fast — event by event. Nothing here knows how a
// protocol is implemented: it reads only the trace, so it also judges traces from outside the engine.
//
// How the trace shows what happened: an acceptor "promises b" when it sends promise(b); it "accepts (b, s, v)"
// when it sends accepted(b, s, v) (several sends for one acceptance, one per learner, count once); a node
// "received" a message at its deliver event; a proposer "proposes" in phase 2 when it sends accept.
import { compareBallots, formatBallot, type Ballot } from '../core/ballot.ts';
import type { NodeId, Slot, Value } from '../core/ids.ts';
import type { AcceptedEntry, Message } from '../core/message.ts';
import type { TraceRules } from '../core/protocol.ts';
import type { Quorums, TraceDocument, TraceEvent } from '../core/trace.ts';
import { recoveryPermits, type PhaseOneReport } from '../fast/recovery.ts';
import { majority, parseConfigCommand } from '../core/reconfig.ts';

export type PropertyId =
  | 'first-promise'
  | 'second-promise'
  | 'promise-reply'
  | 'acceptor-value'
  | 'proposer-value'
  | 'agreement'
  | 'validity';

export const PROPERTIES: readonly { readonly id: PropertyId; readonly number: number; readonly summary: string }[] = [
  { id: 'first-promise', number: 1, summary: 'an acceptor never promises a ballot lower than one it promised before' },
  { id: 'second-promise', number: 2, summary: 'an acceptor never accepts a ballot lower than one it promised' },
  { id: 'promise-reply', number: 3, summary: 'a promise lists exactly what the acceptor last accepted in each slot it covers' },
  { id: 'acceptor-value', number: 4, summary: 'an acceptor accepts only a value an accept it received carried, one value per ballot and slot' },
  { id: 'proposer-value', number: 5, summary: 'a proposer sends accept for its own ballot, after a classic quorum of promises, with the value they force, one value per ballot and slot' },
  { id: 'agreement', number: 6, summary: 'one value per slot reaches a quorum; every chosen event names it, after it did' },
  { id: 'validity', number: 7, summary: 'every accepted value except null was proposed' },
];

export interface Violation {
  readonly property: PropertyId;
  readonly seq: number;
  readonly event: TraceEvent;
  readonly message: string;
}

/** What the monitor needs from a trace's header. */
export interface TraceHeader {
  readonly protocol: TraceDocument['protocol'];
  readonly quorums: Quorums;
  readonly nodes: TraceDocument['nodes'];
}

const bkey = (b: Ballot): string => `${b.round}.${b.node}`;
const vkey = (v: Value): string => (v === null ? '\u0000null' : v);
const show = (v: Value): string => (v === null ? 'no-op' : JSON.stringify(v));

type PromiseMsg = Message & { readonly kind: 'promise' };
/** Records a violation of the event being observed. */
type Report = (property: PropertyId, message: string) => null;
type BallotMsg = Message & { readonly ballot: Ballot; readonly slot: Slot; readonly value: Value };

/**
 * Checks a trace one event at a time (the simulator and the playground can flag a violation the moment it
 * happens). `observe` returns every violation the event causes, usually none. An acceptance that breaks a
 * rule still happened, so it still counts towards its quorum: an `accepted` below the acceptor's promise
 * breaks the second promise and, when it completes a second value's quorum, agreement too, in one event.
 */
export class TraceMonitor {
  private readonly acceptors: ReadonlySet<NodeId>;
  private readonly n: number;
  private readonly qc: number;
  /** Promises a proposer needs before phase 2: q1 of a flexible Basic trace, else the classic quorum. */
  private readonly q1: number;
  private readonly qf: number | undefined;
  private readonly proposed = new Set<string>();
  private readonly promisedMax = new Map<NodeId, Ballot>();
  private readonly lastAccepted = new Map<NodeId, Map<Slot, AcceptedEntry>>();
  private readonly learned = new Map<NodeId, Set<Slot>>();
  private readonly acceptsReceived = new Set<string>();
  private readonly votes = new Map<string, Value>(); // acceptor|ballot|slot → value
  private readonly promisesReceived = new Map<string, Map<NodeId, PromiseMsg>>(); // proposer|ballot → acceptor → promise
  private readonly votesReceived = new Map<string, Map<NodeId, BallotMsg>>(); // proposer|fast ballot → acceptor → accepted (Fast only)
  private readonly proposals = new Map<string, Value>(); // proposer|ballot|slot → value
  private readonly tally = new Map<string, Map<NodeId, Value>>(); // slot|ballot → acceptor → value
  private readonly decided = new Map<Slot, Value>();
  /** Reconfiguration (Quorums.reconfig): the first membership and the window; null for a fixed one. */
  private readonly reconfig: { readonly initial: readonly NodeId[]; readonly alpha: number } | null;
  /** With reconfiguration: tally keys per slot, to settle a slot once its acceptors are known. */
  private readonly tallyKeys = new Map<Slot, string[]>();
  private readonly rules: TraceRules;

  /** `rules`: what this trace's protocol needs (TraceRules); checkTrace gives TRACE_RULES, every one. */
  constructor(header: TraceHeader, rules: TraceRules) {
    if (header.protocol === 'fast' && !rules.recoveryPermits) throw new Error('TraceMonitor: a Fast Paxos trace needs the recovery rule (TraceRules.recoveryPermits, fast/recovery.ts)');
    this.rules = rules;
    this.reconfig = header.quorums.reconfig ?? null;
    this.acceptors = new Set(header.nodes.filter((x) => x.roles.includes('acceptor')).map((x) => x.id));
    this.n = this.acceptors.size;
    this.qc = header.quorums.classic;
    this.q1 = header.quorums.phase1 ?? header.quorums.classic;
    this.qf = header.protocol === 'fast' ? header.quorums.fast : undefined;
  }

  observe(e: TraceEvent): readonly Violation[] {
    const found: Violation[] = [];
    const v = (property: PropertyId, message: string): null => {
      found.push({ property, seq: e.seq, event: e, message });
      return null;
    };
    this.step(e, v);
    return found;
  }

  /** Updates the monitor with `e`; `v` records a violation (and returns null, so a check can end with it). */
  private step(e: TraceEvent, v: Report): null {
    switch (e.type) {
      case 'propose':
        this.proposed.add(vkey(e.value));
        return null;
      case 'chosen': {
        let slots = this.learned.get(e.node);
        if (!slots) this.learned.set(e.node, (slots = new Set()));
        slots.add(e.slot);
        const d = this.decided.get(e.slot);
        if (d === undefined && !this.decided.has(e.slot)) return v('agreement', `${e.node} learned ${show(e.value)} in slot ${e.slot}, but no quorum has accepted any value there yet`);
        if (d !== e.value) return v('agreement', `${e.node} learned ${show(e.value)} in slot ${e.slot}, but the value a quorum accepted there is ${show(d as Value)}`);
        return null;
      }
      case 'deliver': {
        const m = e.msg;
        if (m.kind === 'accept' && this.acceptors.has(m.to)) this.acceptsReceived.add(`${m.to}|${bkey(m.ballot)}|${m.slot}|${vkey(m.value)}`);
        if (m.kind === 'promise' && this.acceptors.has(m.from)) {
          const k = `${m.to}|${bkey(m.ballot)}`;
          let got = this.promisesReceived.get(k);
          if (!got) this.promisesReceived.set(k, (got = new Map()));
          if (!got.has(m.from)) got.set(m.from, m);
        }
        if (m.kind === 'accepted' && this.qf !== undefined && m.ballot.fast && this.acceptors.has(m.from)) {
          const k = `${m.to}|${bkey(m.ballot)}`;
          let got = this.votesReceived.get(k);
          if (!got) this.votesReceived.set(k, (got = new Map()));
          if (!got.has(m.from)) got.set(m.from, m);
        }
        return null;
      }
      case 'send': {
        const m = e.msg;
        if (m.kind === 'promise' && this.acceptors.has(m.from)) return this.onPromise(m, v);
        if (m.kind === 'accepted' && this.acceptors.has(m.from)) return this.onAccepted(m, v);
        if (m.kind === 'accept') return this.onAccept(m, v);
        return null;
      }
      default:
        return null;
    }
  }

  private onPromise(m: PromiseMsg, v: Report): null {
    const a = m.from;
    const max = this.promisedMax.get(a);
    if (max && compareBallots(m.ballot, max) < 0) v('first-promise', `${a} promised ${formatBallot(m.ballot)} after promising ${formatBallot(max)}`);
    if (!max || compareBallots(m.ballot, max) > 0) this.promisedMax.set(a, m.ballot);
    // Property 3: exactly the last acceptance in every covered slot (a slot it learned as chosen may be left out).
    const mine = this.lastAccepted.get(a);
    const learned = this.learned.get(a);
    const listed = new Set<Slot>();
    for (const entry of m.accepted) {
      listed.add(entry.slot);
      const last = mine?.get(entry.slot);
      if (!last) return v('promise-reply', `${a}'s promise(${formatBallot(m.ballot)}) reports ${formatBallot(entry.ballot)}=${show(entry.value)} in slot ${entry.slot}, where it accepted nothing`);
      if (compareBallots(last.ballot, entry.ballot) !== 0 || last.value !== entry.value) {
        return v('promise-reply', `${a}'s promise(${formatBallot(m.ballot)}) reports ${formatBallot(entry.ballot)}=${show(entry.value)} in slot ${entry.slot}, but it last accepted ${formatBallot(last.ballot)}=${show(last.value)}`);
      }
    }
    if (mine) {
      for (const [slot, last] of mine) {
        if (slot < m.slot || listed.has(slot) || learned?.has(slot)) continue;
        return v('promise-reply', `${a}'s promise(${formatBallot(m.ballot)}) leaves out slot ${slot}, where it accepted ${formatBallot(last.ballot)}=${show(last.value)}`);
      }
    }
    return null;
  }

  private onAccepted(m: BallotMsg, v: Report): null {
    const a = m.from;
    const b = m.ballot;
    const max = this.promisedMax.get(a);
    if (max && compareBallots(b, max) < 0) v('second-promise', `${a} accepted ${formatBallot(b)} after promising ${formatBallot(max)}`);
    const voteKey = `${a}|${bkey(b)}|${m.slot}`;
    const earlier = this.votes.get(voteKey);
    const repeat = this.votes.has(voteKey);
    if (repeat && earlier === m.value) return null; // one acceptance, told to another learner (judged when first sent)
    if (repeat) v('acceptor-value', `${a} accepted ${show(m.value)} in ballot ${formatBallot(b)} slot ${m.slot}, after accepting ${show(earlier as Value)} there`);
    else if (!b.fast && !this.acceptsReceived.has(`${a}|${bkey(b)}|${m.slot}|${vkey(m.value)}`)) {
      v('acceptor-value', `${a} accepted ${show(m.value)} in ballot ${formatBallot(b)} slot ${m.slot} without receiving accept(${formatBallot(b)}, ${show(m.value)})`);
    }
    // Counted whatever it broke: the acceptor did vote, and its vote is its last acceptance in the slot.
    this.votes.set(voteKey, m.value);
    let slots = this.lastAccepted.get(a);
    if (!slots) this.lastAccepted.set(a, (slots = new Map()));
    slots.set(m.slot, { slot: m.slot, ballot: b, value: m.value });
    // Property 6: a value that reaches a quorum in one ballot is chosen; only one per slot.
    const tk = `${m.slot}|${bkey(b)}`;
    let t = this.tally.get(tk);
    if (!t) this.tally.set(tk, (t = new Map()));
    t.set(a, m.value);
    if (this.reconfig) {
      if (t.size === 1) this.tallyKeys.set(m.slot, [...(this.tallyKeys.get(m.slot) ?? []), tk]);
      const bad = this.settle(m.slot);
      if (bad) v('agreement', bad);
      if (m.value !== null && !this.proposed.has(vkey(m.value))) v('validity', `${a} accepted ${show(m.value)}, which nobody proposed`);
      return null;
    }
    let count = 0;
    for (const x of t.values()) if (x === m.value) count++;
    const need = b.fast && this.qf !== undefined ? this.qf : this.qc;
    if (count >= need) {
      if (!this.decided.has(m.slot)) this.decided.set(m.slot, m.value);
      else if (this.decided.get(m.slot) !== m.value) {
        v('agreement', `${show(m.value)} reached a quorum in slot ${m.slot} (ballot ${formatBallot(b)}), but ${show(this.decided.get(m.slot) as Value)} already had one`);
      }
    }
    if (m.value !== null && !this.proposed.has(vkey(m.value))) v('validity', `${a} accepted ${show(m.value)}, which nobody proposed`);
    return null;
  }

  private onAccept(m: BallotMsg, v: Report): null {
    const p = m.from;
    const b = m.ballot;
    const what = `${p}'s accept(${formatBallot(b)}, ${show(m.value)}) in slot ${m.slot}`;
    if (b.node !== p) return v('proposer-value', `${what} uses ballot ${formatBallot(b)}, which belongs to ${b.node || 'nobody'}`);
    const sentKey = `${p}|${bkey(b)}|${m.slot}`;
    if (this.proposals.has(sentKey)) {
      const before = this.proposals.get(sentKey) as Value;
      if (before !== m.value) return v('proposer-value', `${what}: it already sent ${show(before)} for that ballot and slot`);
      return null;
    }
    this.proposals.set(sentKey, m.value);
    const got = this.promisesReceived.get(`${p}|${bkey(b)}`);
    const reports: PhaseOneReport[] = [];
    // With reconfiguration the slot's acceptors must be known from the chosen prefix (the window), and
    // only their promises count, a majority of them.
    const members = this.reconfig ? this.membersOf(m.slot) : undefined;
    if (members === null) return v('proposer-value', `${what} was sent before the acceptors of slot ${m.slot} were known: slots up to ${m.slot - (this.reconfig?.alpha ?? 0)} must be chosen first (the window)`);
    const q1 = members ? majority(members) : this.q1;
    if (got) {
      for (const [acceptor, pr] of got) {
        if (pr.slot > m.slot) continue; // that promise does not cover this slot
        if (members && !members.includes(acceptor)) continue;
        const entry = pr.accepted.find((x) => x.slot === m.slot);
        reports.push(entry ? { acceptor, ballot: entry.ballot, value: entry.value } : { acceptor });
      }
    }
    // Fast Paxos coordinated recovery (Lamport §3.2): the phase-2b messages of fast round r−1 the coordinator
    // received stand for round r's phase-1b replies, when it sent no prepare for r at all.
    const previous = !got && !b.fast && this.qf !== undefined ? this.votesReceived.get(`${p}|${b.round - 1}.${p}`) : undefined;
    if (previous) for (const [acceptor, vote] of previous) reports.push({ acceptor, ballot: vote.ballot, value: vote.value });
    if (reports.length < q1) return v('proposer-value', `${what} was sent after promises from ${reports.length} acceptor(s)${members ? ` of slot ${m.slot}'s ${members.join(', ')}` : ''}; a ${members || q1 === this.qc ? 'classic' : 'phase-1'} quorum is ${q1}`);
    if (this.allowed(reports, m.value, q1)) return null;
    const seen = reports.map((r) => (r.ballot ? `${r.acceptor}: ${formatBallot(r.ballot)}=${show(r.value as Value)}` : `${r.acceptor}: none`)).join(', ');
    return v('proposer-value', `${what} does not carry the value its promises force (${seen})`);
  }

  /**
   * Reconfiguration: the acceptors of `slot`, read from the decided prefix (the membership after slots
   * 0..slot − alpha), or null while one of those slots has no value decided yet.
   */
  private membersOf(slot: Slot): readonly NodeId[] | null {
    const r = this.reconfig as { readonly initial: readonly NodeId[]; readonly alpha: number };
    let members = r.initial;
    for (let i = 0; i <= slot - r.alpha; i++) {
      if (!this.decided.has(i)) return null;
      const next = parseConfigCommand(this.decided.get(i) as Value, [...this.acceptors]);
      if (next) members = next;
    }
    return members;
  }

  /**
   * Reconfiguration: decide `slot` if a majority of its acceptors accepted one value in one ballot, and
   * then every later slot whose acceptors that decision makes known. Returns what breaks agreement, if
   * anything: two values reaching a quorum of one slot's acceptors.
   */
  private settle(first: Slot): string | null {
    const pending = [first];
    // Each decision queues at most every tallied slot once, and there are at most that many decisions.
    const bound = (this.tallyKeys.size + 1) ** 2;
    for (let guard = 0; pending.length > 0 && guard < bound; guard++) {
      const slot = pending.shift() as Slot;
      const members = this.membersOf(slot);
      if (members === null) continue;
      const need = majority(members);
      for (const tk of this.tallyKeys.get(slot) ?? []) {
        const counts = new Map<string, { value: Value; n: number }>();
        for (const [a, x] of this.tally.get(tk) ?? []) {
          if (!members.includes(a)) continue;
          const c = counts.get(vkey(x)) ?? { value: x, n: 0 };
          c.n++;
          counts.set(vkey(x), c);
        }
        for (const { value, n } of counts.values()) {
          if (n < need) continue;
          if (this.decided.has(slot)) {
            if (this.decided.get(slot) !== value) return `${show(value)} reached a quorum of ${members.join(', ')} in slot ${slot}, but ${show(this.decided.get(slot) as Value)} already had one`;
            continue;
          }
          this.decided.set(slot, value);
          // This decision may fix the acceptors of the slots after it.
          for (const later of this.tallyKeys.keys()) if (later > slot && !this.decided.has(later)) pending.push(later);
        }
      }
    }
    return null;
  }

  private freePick(value: Value): boolean {
    return value === null || this.proposed.has(vkey(value));
  }

  /** Is `value` what some quorum among these promises lets the proposer send? */
  private allowed(reports: readonly PhaseOneReport[], value: Value, q1: number): boolean {
    const qf = this.qf;
    if (qf !== undefined && reports.some((r) => r.ballot?.fast)) {
      // After a fast round: Lamport's recovery rule, over every quorum the proposer could have used.
      const permits = this.rules.recoveryPermits as NonNullable<TraceRules['recoveryPermits']>;
      return permits(reports, value, this.n, this.qc, qf, (v) => this.freePick(v));
    }
    // Classic: some phase-1 quorum whose highest-ballot entry carries `value`, or that reported nothing.
    let empty = 0;
    for (const r of reports) if (!r.ballot) empty++;
    if (empty >= q1 && this.freePick(value)) return true;
    for (const r of reports) {
      if (!r.ballot || r.value !== value) continue;
      let size = 0;
      for (const o of reports) if (!o.ballot || compareBallots(o.ballot, r.ballot) <= 0) size++;
      if (size >= q1) return true;
    }
    return false;
  }
}

/** Every protocol's trace rules, for a reader of any trace (Node-side code; a page takes its protocol's). */
export const TRACE_RULES: TraceRules = { recoveryPermits };

/** The first violation of the seven properties in `doc`, or null if the trace is safe. */
export function checkTrace(doc: TraceDocument): Violation | null {
  const monitor = new TraceMonitor(doc, TRACE_RULES);
  for (const e of doc.events) {
    const bad = monitor.observe(e)[0];
    if (bad) return bad;
  }
  return null;
}
