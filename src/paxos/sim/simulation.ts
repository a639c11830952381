// The deterministic simulator. It drives any Protocol (core/protocol.ts): it owns simulated time, the
// network (latency, loss, duplication, reordering, partitions), crashes and timers, and draws every random
// number from one seeded generator, so a scenario + seed + the same steps give the same trace byte for byte.
//
// Two random streams keep scripts replayable: `net` is drawn at every send (latency, loss, duplication)
// and every ranged timer, in the same order whatever the mode; `schedule` draws the workload and the random
// faults once, at construction. Either way a step's outcome depends only on the state before it.
//
// Node states are immutable, so a checkpoint is a handful of array copies (snapshot/restore), which is
// what lets the playground seek backwards and fork a run.
import type { NodeId, NodeInfo, Value } from '../core/ids.ts';
import type { Message, Outgoing } from '../core/message.ts';
import type { Input, NodeView, ProtocolConfig, TimerCommand } from '../core/protocol.ts';
import { Random, type RandomState } from '../core/random.ts';
import { TRACE_FORMAT, type TraceDocument, type TraceEvent } from '../core/trace.ts';
import type { AnyProtocol } from '../registry.ts';
import { ScenarioError, type CrashSpec, type Pattern, type Step } from './scenario.ts';
import type { ResolvedScenario } from './resolve.ts';
import { validateStep } from './validate-step.ts';
import { SCENARIO_LIMITS } from './limits.ts';

/**
 * The replay budget ran out (limits.ts): a step would record more than the run's maxEvents or put more than
 * SCENARIO_LIMITS.inFlight messages on the network. The path names the step (`steps[3]`, or what the
 * caller passed to apply, e.g. `action`) and the message says which step of the run it was. Like every
 * failed step, it leaves the simulation as it was before the step.
 */
export class ReplayBudgetError extends ScenarioError {
  constructor(path: string, message: string) {
    super(path, message);
    this.name = 'ReplayBudgetError';
  }
}

/** One copy of a message on the network. A duplicated message has several copies (copy 0 is the original). */
export interface Flight {
  readonly msg: Message;
  readonly copy: number;
  /** When the network would hand it over. */
  readonly due: number;
  /** The network's own decision, drawn at send: lost on the way (applies when time runs by itself). */
  readonly lost: boolean;
  readonly serial: number;
}

export interface PendingTimer {
  readonly node: NodeId;
  readonly timer: string;
  readonly due: number;
  readonly serial: number;
}

type AgendaStep = { readonly type: 'propose'; readonly node: NodeId; readonly value: Value } | { readonly type: 'crash' | 'recover'; readonly node: NodeId };

interface AgendaItem {
  readonly at: number;
  readonly step: AgendaStep;
  /** Workload proposals are remembered so a node that recovers proposes its value again. */
  readonly workload: boolean;
}

interface Cut {
  readonly nodes: ReadonlySet<NodeId>;
  readonly from: number;
  readonly to: number;
}

export type StopReason = 'quiet' | 'max-time' | 'max-events' | 'running';

/** A checkpoint: opaque to callers, cheap to take (node states are shared, not copied). */
export interface Checkpoint {
  readonly now: number;
  readonly nextId: number;
  readonly serial: number;
  readonly rng: RandomState;
  readonly states: readonly unknown[];
  readonly up: readonly boolean[];
  readonly flights: readonly Flight[];
  readonly timers: readonly PendingTimer[];
  readonly agendaIndex: number;
  readonly events: TraceEvent[];
  readonly eventCount: number;
  readonly log: Step[];
  readonly logCount: number;
  readonly chosen: readonly Value[];
  readonly assigned: readonly (readonly [NodeId, readonly Value[]])[];
  readonly stop: StopReason;
}

function drawDelay(rng: Random, d: number | readonly [number, number]): number {
  if (typeof d === 'number') return d;
  const [min, max] = d;
  if (Number.isInteger(min) && Number.isInteger(max)) return rng.int(min, max);
  return min + rng.float() * (max - min);
}

export function matches(f: Flight, p: Pattern): boolean {
  const m = f.msg as Message & { readonly ballot?: { readonly round: number; readonly node: string }; readonly slot?: number; readonly value?: Value };
  if (p.kind !== undefined && m.kind !== p.kind) return false;
  if (p.from !== undefined && m.from !== p.from) return false;
  if (p.to !== undefined && m.to !== p.to) return false;
  if (p.id !== undefined && m.id !== p.id) return false;
  if (p.copy !== undefined && f.copy !== p.copy) return false;
  if (p.slot !== undefined && m.slot !== p.slot) return false;
  if (p.value !== undefined && m.value !== p.value) return false;
  if (p.ballot !== undefined) {
    if (!m.ballot) return false;
    if (p.ballot.round !== undefined && m.ballot.round !== p.ballot.round) return false;
    if (p.ballot.node !== undefined && m.ballot.node !== p.ballot.node) return false;
  }
  return true;
}

const byDue = (a: { due: number; serial: number }, b: { due: number; serial: number }): number => a.due - b.due || a.serial - b.serial;

export function describeFlight(f: Flight): string {
  const dup = f.copy > 0 ? ` copy ${f.copy}` : '';
  return `#${f.msg.id}${dup} ${f.msg.kind} ${f.msg.from}→${f.msg.to}`;
}

export class Simulation {
  readonly resolved: ResolvedScenario;
  readonly protocol: AnyProtocol;
  readonly config: ProtocolConfig;
  readonly nodes: readonly NodeInfo[];
  private readonly index = new Map<NodeId, number>();
  private readonly ids: NodeId[];
  private readonly cuts: Cut[] = [];
  private readonly agenda: AgendaItem[] = [];
  private readonly rng: Random;

  private now = 0;
  private nextId = 0;
  private serial = 0;
  private states: unknown[];
  private up: boolean[];
  private flights: Flight[] = [];
  private timerList: PendingTimer[] = [];
  private agendaIndex = 0;
  private eventList: TraceEvent[] = [];
  private stepLog: Step[] = [];
  private chosenValues = new Set<Value>();
  private assigned = new Map<NodeId, Value[]>();
  private stop: StopReason = 'running';

  /**
   * A resolved scenario: validate.ts's resolveScenario(scenario, getProtocol) for anything from outside, or
   * resolve.ts's completeScenario for one already validated (the reader's browser: see resolve.ts). Taking
   * only this keeps the checks out of the browser's first download.
   */
  constructor(resolved: ResolvedScenario) {
    if (typeof resolved.protocol !== 'object') throw new TypeError('Simulation: resolve the scenario first (resolveScenario(scenario, getProtocol))');
    this.resolved = resolved;
    const r = this.resolved;
    this.protocol = r.protocol;
    this.config = r.config;
    this.nodes = r.nodes;
    this.ids = r.nodes.map((n) => n.id);
    this.ids.forEach((id, i) => this.index.set(id, i));
    this.rng = new Random(r.seed);
    this.planSchedule();
    this.states = r.nodes.map((n) => r.protocol.init(n, r.config));
    this.up = r.nodes.map(() => true);
    for (let i = 0; i < this.states.length; i++) this.input(i, { type: 'start' });
  }

  // ---- reading -------------------------------------------------------------------------------------

  get time(): number {
    return this.now;
  }

  get stopReason(): StopReason {
    return this.stop;
  }

  /** Messages on the network, in the order the network would deliver them. */
  inFlight(): readonly Flight[] {
    return [...this.flights].sort(byDue);
  }

  timers(): readonly PendingTimer[] {
    return [...this.timerList].sort(byDue);
  }

  isUp(node: NodeId): boolean {
    return this.up[this.nodeIndex(node, 'node')] === true;
  }

  state(node: NodeId): unknown {
    return this.states[this.nodeIndex(node, 'node')];
  }

  view(node: NodeId): NodeView {
    return this.protocol.view(this.state(node), this.config);
  }

  events(): readonly TraceEvent[] {
    return this.eventList.length === this.eventCount ? this.eventList : this.eventList.slice(0, this.eventCount);
  }

  /** The steps applied so far, as given (copyAsScenario in run.ts turns them into a scenario). */
  steps(): readonly Step[] {
    return this.stepLog;
  }

  /** What `tick` would do next, or null when nothing is scheduled before maxTime. */
  peek(): Step | null {
    if (!this.findNext() || this.nextAt > this.resolved.maxTime) return null;
    if (this.nextKind === 'agenda') return { ...this.nextItem!.step, at: this.nextItem!.at };
    if (this.nextKind === 'timer') return { type: 'timeout', node: this.nextTimer!.node, timer: this.nextTimer!.timer };
    const f = this.nextFlight!;
    const lost = f.lost || this.isCut(f.msg.from, f.msg.to, Math.max(this.now, f.due)) || !this.up[this.index.get(f.msg.to)!];
    return { type: lost ? 'drop' : 'deliver', match: { id: f.msg.id, copy: f.copy } };
  }

  trace(): TraceDocument {
    const r = this.resolved;
    const network = { latency: r.latency, drop: r.drop, duplicate: r.duplicate, reorder: r.reorder };
    return {
      format: TRACE_FORMAT,
      protocol: this.protocol.name,
      config: { seed: r.seed, ...this.config, network, maxTime: r.maxTime },
      quorums: r.quorums,
      nodes: this.nodes,
      events: this.events().slice(),
    };
  }

  // ---- checkpoints ---------------------------------------------------------------------------------

  private eventCount = 0;
  private logCount = 0;

  snapshot(): Checkpoint {
    return {
      now: this.now,
      nextId: this.nextId,
      serial: this.serial,
      rng: this.rng.state,
      states: this.states.slice(),
      up: this.up.slice(),
      flights: this.flights.slice(),
      timers: this.timerList.slice(),
      agendaIndex: this.agendaIndex,
      events: this.eventList,
      eventCount: this.eventCount,
      log: this.stepLog,
      logCount: this.logCount,
      chosen: [...this.chosenValues],
      assigned: [...this.assigned].map(([k, v]) => [k, v.slice()] as const),
      stop: this.stop,
    };
  }

  restore(c: Checkpoint): void {
    this.now = c.now;
    this.nextId = c.nextId;
    this.serial = c.serial;
    this.rng.state = c.rng;
    this.states = c.states.slice();
    this.up = c.up.slice();
    this.flights = c.flights.slice();
    this.timerList = c.timers.slice();
    this.agendaIndex = c.agendaIndex;
    // Events and steps are append-only: a checkpoint remembers the array and its length; restoring copies
    // the prefix so that a fork never writes into an array another checkpoint still points at.
    this.eventList = c.events.slice(0, c.eventCount);
    this.eventCount = c.eventCount;
    this.stepLog = c.log.slice(0, c.logCount);
    this.logCount = c.logCount;
    this.chosenValues = new Set(c.chosen);
    this.assigned = new Map(c.assigned.map(([k, v]) => [k, v.slice()]));
    this.stop = c.stop;
  }

  // ---- acting --------------------------------------------------------------------------------------

  /**
   * Applies one step (a script step or a playground action). Throws ScenarioError (field path `path`) when
   * the step cannot be done — unknown node, no matching message, no pending timer — and then leaves the
   * simulation as it was.
   */
  apply(step: Step, path = 'step'): void {
    const checked = validateStep(path, step, this.ids);
    const before = this.snapshot();
    this.acting = { path, step: checked };
    try {
      this.perform(checked, path);
    } catch (e) {
      this.restore(before);
      throw e;
    } finally {
      this.acting = null;
    }
    this.stepLog.push(checked);
    this.logCount = this.stepLog.length;
  }

  /** Applies every step of the scenario (validated at construction) in order. */
  runSteps(): void {
    // A scenario without steps runs `run until quiet`, a step it never wrote: its errors say `run`.
    const scripted = this.resolved.scenario.steps !== undefined;
    this.resolved.steps.forEach((s, i) => this.apply(s, scripted ? `steps[${i}]` : 'run'));
  }

  /** The step being applied, for the replay budget's message (null outside apply: tick/run called directly). */
  private acting: { readonly path: string; readonly step: Step } | null = null;

  private overBudget(what: string): never {
    const path = this.acting?.path ?? 'run';
    const which = this.acting ? ` at step ${this.logCount + 1} (${this.acting.step.type})` : '';
    throw new ReplayBudgetError(path, `replay budget exceeded${which}: ${what}`);
  }

  /**
   * Checked before each unit of work a step does by hand (each message of a deliver/drop/duplicate, each
   * tick asked for): a step never records past the run's maxEvents. `run` stops at maxEvents by itself
   * (stop reason "max-events") and never gets here.
   */
  private spend(): void {
    if (this.eventCount >= this.resolved.maxEvents) {
      this.overBudget(`the run has recorded ${this.eventCount} events, its limit (maxEvents ${this.resolved.maxEvents}); nothing more can happen in it`);
    }
  }

  /** Checked before a copy of a message goes on the network. */
  private makeRoom(): void {
    if (this.flights.length >= SCENARIO_LIMITS.inFlight) {
      const advice = this.acting?.step.type === 'duplicate' ? 'duplicate fewer copies, or deliver or drop some first' : 'deliver or drop some first, or lower network.duplicate';
      this.overBudget(`more than ${SCENARIO_LIMITS.inFlight} messages would be in flight at once, the limit for every run; ${advice}`);
    }
  }

  private perform(step: Step, path: string): void {
    if (step.type !== 'run') this.spend();
    switch (step.type) {
      case 'propose': {
        const i = this.nodeIndex(step.node, `${path}.node`);
        if (!this.up[i]) throw new ScenarioError(`${path}.node`, `${step.node} is crashed; recover it first`);
        this.advance(step.at ?? this.now);
        this.propose(i, step.value);
        return;
      }
      case 'deliver':
      case 'drop':
      case 'duplicate': {
        const count = step.count ?? 1;
        const chosen: Flight[] = [];
        if (count === 'all') {
          chosen.push(...this.flights.filter((f) => matches(f, step.match)).sort(byDue));
          if (chosen.length === 0) this.noMatch(path, step.match);
        }
        const n = count === 'all' ? chosen.length : count;
        for (let k = 0; k < n; k++) {
          if (k > 0) this.spend();
          let f: Flight | undefined = count === 'all' ? chosen[k] : undefined;
          if (!f) {
            for (const g of this.flights) if (matches(g, step.match) && (!f || byDue(g, f) < 0)) f = g;
          }
          if (!f || !this.flights.includes(f)) this.noMatch(path, step.match, k);
          if (step.type === 'duplicate') {
            this.advance(step.at ?? this.now);
            this.duplicate(f);
          } else {
            this.take(f);
            this.advance(step.at ?? f.due);
            if (step.type === 'drop') this.emitDrop(f.msg);
            else this.handOver(f.msg);
          }
        }
        return;
      }
      case 'crash':
      case 'recover': {
        const i = this.nodeIndex(step.node, `${path}.node`);
        if (step.type === 'crash' && !this.up[i]) throw new ScenarioError(`${path}.node`, `${step.node} is already crashed`);
        if (step.type === 'recover' && this.up[i]) throw new ScenarioError(`${path}.node`, `${step.node} is not crashed`);
        this.advance(step.at ?? this.now);
        if (step.type === 'crash') this.crash(i);
        else this.recover(i);
        return;
      }
      case 'timeout': {
        const i = this.nodeIndex(step.node, `${path}.node`);
        let t: PendingTimer | undefined;
        for (const x of this.timerList) if (x.node === step.node && (step.timer === undefined || x.timer === step.timer) && (!t || byDue(x, t) < 0)) t = x;
        if (!t) {
          const pending = this.timerList.filter((x) => x.node === step.node).map((x) => x.timer);
          const what = step.timer === undefined ? 'pending timer' : `pending timer "${step.timer}"`;
          throw new ScenarioError(path, `${step.node} has no ${what}${pending.length ? `; pending: ${pending.join(', ')}` : ''}${this.up[i] ? '' : ` (${step.node} is crashed)`}`);
        }
        this.removeTimer(t);
        this.advance(step.at ?? t.due);
        this.fire(i, t.timer);
        return;
      }
      case 'tick':
        this.tick();
        return;
      case 'run':
        this.run(step.until);
        return;
    }
  }

  /** One scheduled event (the next due message, timer, fault or workload proposal). False when none is left before maxTime. */
  tick(): boolean {
    if (!this.findNext()) {
      this.stop = 'quiet';
      return false;
    }
    if (this.nextAt > this.resolved.maxTime) {
      this.stop = 'max-time';
      return false;
    }
    this.advance(this.nextAt);
    if (this.nextKind === 'agenda') {
      this.agendaIndex++;
      this.doAgenda(this.nextItem!);
    } else if (this.nextKind === 'timer') {
      const t = this.nextTimer!;
      this.removeTimer(t);
      this.fire(this.index.get(t.node)!, t.timer);
    } else {
      const f = this.nextFlight!;
      this.take(f);
      if (f.lost || (this.cuts.length > 0 && this.isCut(f.msg.from, f.msg.to, this.now))) this.emitDrop(f.msg);
      else this.handOver(f.msg);
    }
    return true;
  }

  /** Ticks until nothing is scheduled, the time limit, or the event limit. */
  run(until: 'quiet' | number = 'quiet'): void {
    const limit = until === 'quiet' ? Infinity : until;
    const maxEvents = this.resolved.maxEvents;
    for (;;) {
      if (this.eventCount >= maxEvents) {
        this.stop = 'max-events';
        return;
      }
      if (limit !== Infinity) {
        const any = this.findNext();
        if (!any || this.nextAt > limit) {
          this.advance(Math.min(limit, this.resolved.maxTime));
          if (!any) this.stop = 'quiet';
          return;
        }
      }
      if (!this.tick()) return;
    }
  }

  // ---- internals -----------------------------------------------------------------------------------

  private nodeIndex(node: NodeId, path: string): number {
    const i = this.index.get(node);
    if (i === undefined) throw new ScenarioError(path, `unknown node ${JSON.stringify(node)}; nodes are ${this.ids.join(', ')}`);
    return i;
  }

  private noMatch(path: string, p: Pattern, done = 0): never {
    // The first few are enough to see what the pattern missed; a full list of thousands helps nobody.
    const shown = 12;
    const flights = this.inFlight();
    const list = flights.slice(0, shown).map(describeFlight);
    if (flights.length > shown) list.push(`… ${flights.length - shown} more`);
    const after = done > 0 ? ` after ${done} matched` : '';
    throw new ScenarioError(`${path}.match`, `no message in flight matches ${JSON.stringify(p)}${after}; in flight: ${list.length ? list.join(', ') : 'none'}`);
  }

  private advance(t: number): void {
    if (t > this.now) this.now = t;
  }

  // The next scheduled thing, found without allocating (this runs once per event): `nextKind` says which
  // of nextItem / nextTimer / nextFlight is meant, `nextAt` when it happens.
  private nextKind: 'agenda' | 'timer' | 'flight' | null = null;
  private nextAt = 0;
  private nextItem: AgendaItem | undefined;
  private nextTimer: PendingTimer | undefined;
  private nextFlight: Flight | undefined;

  private findNext(): boolean {
    const now = this.now;
    let kind: 'agenda' | 'timer' | 'flight' | null = null;
    let at = Infinity;
    const item = this.agenda[this.agendaIndex];
    if (item) {
      kind = 'agenda';
      at = item.at > now ? item.at : now;
    }
    let t: PendingTimer | undefined;
    for (const x of this.timerList) if (!t || x.due < t.due || (x.due === t.due && x.serial < t.serial)) t = x;
    if (t) {
      const tAt = t.due > now ? t.due : now;
      if (tAt < at) {
        kind = 'timer';
        at = tAt;
      }
    }
    let f: Flight | undefined;
    for (const x of this.flights) if (!f || x.due < f.due || (x.due === f.due && x.serial < f.serial)) f = x;
    if (f) {
      const fAt = f.due > now ? f.due : now;
      if (fAt < at) {
        kind = 'flight';
        at = fAt;
      }
    }
    this.nextKind = kind;
    this.nextAt = at;
    this.nextItem = item;
    this.nextTimer = t;
    this.nextFlight = f;
    return kind !== null;
  }

  private emit(e: TraceEvent): void {
    if (this.eventList.length !== this.eventCount) this.eventList = this.eventList.slice(0, this.eventCount);
    this.eventList.push(e);
    this.eventCount++;
  }

  private input(i: number, input: Input): void {
    const r = this.protocol.step(this.states[i], input, this.config, this.now);
    this.states[i] = r.state;
    const node = this.ids[i]!;
    for (const c of r.chosen) {
      this.chosenValues.add(c.value);
      this.emit({ seq: this.eventCount, time: this.now, type: 'chosen', node, slot: c.slot, value: c.value });
    }
    for (const out of r.send) this.send(node, out);
    for (const t of r.timers) this.setTimer(node, t);
  }

  private send(from: NodeId, out: Outgoing): void {
    // id, from, to first: traces read better with the envelope before the body.
    const msg = Object.assign({ id: this.nextId++, from, to: out.to }, out) as Message;
    this.emit({ seq: this.eventCount, time: this.now, type: 'send', msg });
    const r = this.resolved;
    this.makeRoom();
    if (from === out.to) {
      // A node talking to itself (a leader that is also an acceptor) does not cross the network.
      this.flights.push({ msg, copy: 0, due: this.now + r.latency[0], lost: false, serial: this.serial++ });
      return;
    }
    this.flights.push(this.flight(msg, 0));
    if (this.rng.chance(r.duplicate)) {
      this.makeRoom();
      this.flights.push(this.flight(msg, 1));
    }
  }

  private flight(msg: Message, copy: number): Flight {
    const r = this.resolved;
    let delay = drawDelay(this.rng, r.latency);
    if (this.rng.chance(r.reorder)) delay += drawDelay(this.rng, [r.latency[1], r.latency[1] * 4]);
    return { msg, copy, due: this.now + delay, lost: this.rng.chance(r.drop), serial: this.serial++ };
  }

  private duplicate(f: Flight): void {
    this.makeRoom();
    let copy = 0;
    for (const g of this.flights) if (g.msg.id === f.msg.id && g.copy > copy) copy = g.copy;
    this.flights.push(this.flight(f.msg, Math.max(copy, f.copy) + 1));
  }

  /** Order in these arrays does not matter (the next one is found by due time and serial): swap-remove. */
  private take(f: Flight): void {
    const list = this.flights;
    const i = list.indexOf(f);
    list[i] = list[list.length - 1]!;
    list.pop();
  }

  private removeTimer(t: PendingTimer): void {
    const list = this.timerList;
    const i = list.indexOf(t);
    list[i] = list[list.length - 1]!;
    list.pop();
  }

  private emitDrop(msg: Message): void {
    this.emit({ seq: this.eventCount, time: this.now, type: 'drop', msg });
  }

  /** The network hands `msg` over; a crashed receiver means the message is lost. */
  private handOver(msg: Message): void {
    const i = this.index.get(msg.to)!;
    if (!this.up[i]) {
      this.emitDrop(msg);
      return;
    }
    this.emit({ seq: this.eventCount, time: this.now, type: 'deliver', msg });
    this.input(i, { type: 'message', msg });
  }

  private isCut(a: NodeId, b: NodeId, t: number): boolean {
    for (const c of this.cuts) if (t >= c.from && t < c.to && c.nodes.has(a) !== c.nodes.has(b)) return true;
    return false;
  }

  private setTimer(node: NodeId, t: TimerCommand): void {
    for (let k = 0; k < this.timerList.length; k++) {
      const x = this.timerList[k]!;
      if (x.node === node && x.timer === t.timer) {
        this.removeTimer(x);
        break;
      }
    }
    if (t.op === 'set') this.timerList.push({ node, timer: t.timer, due: this.now + drawDelay(this.rng, t.delay), serial: this.serial++ });
  }

  private fire(i: number, timer: string): void {
    const node = this.ids[i]!;
    this.emit({ seq: this.eventCount, time: this.now, type: 'timeout', node, timer });
    this.input(i, { type: 'timeout', timer });
  }

  private propose(i: number, value: Value): void {
    this.emit({ seq: this.eventCount, time: this.now, type: 'propose', node: this.ids[i]!, value });
    this.input(i, { type: 'propose', value });
  }

  private crash(i: number): void {
    const node = this.ids[i]!;
    this.emit({ seq: this.eventCount, time: this.now, type: 'crash', node });
    this.up[i] = false;
    this.states[i] = this.protocol.crash(this.states[i], this.config);
    this.timerList = this.timerList.filter((t) => t.node !== node);
  }

  private recover(i: number): void {
    const node = this.ids[i]!;
    this.emit({ seq: this.eventCount, time: this.now, type: 'recover', node });
    this.up[i] = true;
    this.input(i, { type: 'recover' });
    // A client whose request was not yet chosen asks again after it restarts.
    for (const v of this.assigned.get(node) ?? []) if (!this.chosenValues.has(v) && this.up[i]) this.propose(i, v);
  }

  private doAgenda(item: AgendaItem): void {
    const s = item.step;
    const i = this.index.get(s.node)!;
    if (s.type === 'propose') {
      if (item.workload) this.assigned.set(s.node, [...(this.assigned.get(s.node) ?? []), s.value]);
      if (this.up[i]) this.propose(i, s.value);
    } else if (s.type === 'crash') {
      if (this.up[i]) this.crash(i);
    } else if (!this.up[i]) {
      this.recover(i);
    }
  }

  /** Draws the workload and the random faults from their own stream, once. */
  private planSchedule(): void {
    const r = this.resolved;
    const sched = new Random((r.seed ^ 0x5bd1e995) >>> 0);
    const items: AgendaItem[] = [];
    const horizon = Math.max(1, Math.floor(r.maxTime * 0.6));
    const span = Math.max(5, Math.floor(r.maxTime * 0.3));
    if (r.workload) {
      const clients = r.nodes.filter((n) => n.roles.includes('client'));
      const proposers = clients.length > 0 ? clients : r.nodes.filter((n) => n.roles.includes('proposer'));
      let k = 1;
      const early = Math.max(1, Math.ceil(r.latency[1] * 3));
      for (const n of proposers) {
        for (let j = 0; j < r.proposals; j++) items.push({ at: sched.int(0, early), step: { type: 'propose', node: n.id, value: `v${k++}` }, workload: true });
      }
    }
    const crashes: CrashSpec[] = typeof r.crashes === 'number' ? [] : [...r.crashes];
    for (let j = 0; j < (typeof r.crashes === 'number' ? r.crashes : 0); j++) {
      const node = sched.pick(this.ids);
      const at = sched.int(0, horizon);
      const recover = sched.chance(0.8) ? at + sched.int(5, span) : undefined;
      crashes.push(recover === undefined ? { node, at } : { node, at, recover });
    }
    for (const c of crashes) {
      items.push({ at: c.at, step: { type: 'crash', node: c.node }, workload: false });
      if (c.recover !== undefined) items.push({ at: c.recover, step: { type: 'recover', node: c.node }, workload: false });
    }
    if (typeof r.partitions === 'number') {
      for (let j = 0; j < r.partitions; j++) {
        let side = this.ids.filter(() => sched.chance(0.5));
        if (side.length === 0 || side.length === this.ids.length) side = [sched.pick(this.ids)];
        const from = sched.int(0, horizon);
        this.cuts.push({ nodes: new Set(side), from, to: from + sched.int(Math.ceil(r.latency[1] * 2) + 1, span) });
      }
    } else {
      for (const p of r.partitions) this.cuts.push({ nodes: new Set(p.nodes), from: p.from, to: p.to });
    }
    // Stable sort: same time keeps the order above (a crash before its recovery).
    items.sort((a, b) => a.at - b.at);
    this.agenda.push(...items);
  }
}
