// The playground's model, kept apart from its rendering (the way RaftScope keeps model and view apart): a
// Simulation plus a timeline of checkpoints, one per command. Seeking moves along the timeline; acting at an
// earlier position cuts the later frames off and forks a new future from there.
//
// Commands are what a share link records (src/figures/playground-link): "next" (the step button: the next bit of
// the scenario's script, or the next scheduled event once the script is done) and explicit actions (a
// scenario Step: deliver/drop/duplicate one message, crash, recover, fire a timer). An explicit action
// leaves the script: from then on "next" is the network's own next event.
import type { NodeInfo } from '../../paxos/core/ids.ts';
import type { NodeView } from '../../paxos/core/protocol.ts';
import type { TraceDocument, TraceEvent } from '../../paxos/core/trace.ts';
import { TraceMonitor, type Violation } from '../../paxos/check/properties.ts';
import type { ResolvedScenario } from '../../paxos/sim/resolve.ts';
import { copyAsScenario } from '../../paxos/sim/copy-as-scenario.ts';
import { ScenarioError, type Scenario, type Step } from '../../paxos/sim/scenario.ts';
import { nextEventAt, nextPress, TICK, type Press } from '../../paxos/sim/presses.ts';
import { Simulation, type Checkpoint, type Flight, type PendingTimer } from '../../paxos/sim/simulation.ts';
import type { Command } from '../../figures/playground-link/codec.ts';
import { strings } from '../../i18n/figures.ts';

interface Frame {
  readonly checkpoint: Checkpoint;
  /** Index of the next script step, or null once the reader has acted by hand. */
  readonly script: number | null;
  /** The command that led here (null for the start). */
  readonly command: Command | null;
  /** The step actually applied (a script's `run` is applied one `tick` at a time). */
  readonly applied: Step | null;
  /** Index of the script step this command carried out (a `run` step: each of its ticks), else null. */
  readonly fromStep: number | null;
  /** How many trace events the run holds here (the command's own events are those past the frame before). */
  readonly events: number;
  violation?: Violation | null;
  agreement?: Violation | null;
}

export interface NodeRow {
  readonly info: NodeInfo;
  readonly up: boolean;
  readonly view: NodeView;
  readonly timers: readonly PendingTimer[];
}

export class PlaygroundRun {
  readonly scenario: Scenario;
  readonly sim: Simulation;
  private frames: Frame[];
  private cursor = 0;
  private lastForked = false;
  private lastScriptError = '';

  /** A resolved scenario (PlaygroundModel says who validates it). */
  constructor(resolved: ResolvedScenario) {
    this.scenario = resolved.scenario;
    this.sim = new Simulation(resolved);
    this.frames = [{ checkpoint: this.sim.snapshot(), script: 0, command: null, applied: null, fromStep: null, events: 0 }];
  }

  /** True when the last command forked the run (acted at an earlier position). */
  get forked(): boolean {
    return this.lastForked;
  }

  /** Why the last command could not follow the script (see next()), or ''. */
  get scriptError(): string {
    return this.lastScriptError;
  }

  get position(): number {
    return this.cursor;
  }

  /** Number of commands on the timeline (positions are 0 … length). */
  get length(): number {
    return this.frames.length - 1;
  }

  get scriptLength(): number {
    return this.sim.resolved.steps.length;
  }

  /** Next script step index, or null when the reader has taken over. */
  get scriptIndex(): number | null {
    return this.frames[this.cursor]!.script;
  }

  /** True while "next" still follows the scenario's script. */
  get scriptActive(): boolean {
    return this.plan()?.fromScript === true;
  }

  /** The commands from the start to the end of the timeline (a share link replays them). */
  commands(): Command[] {
    return this.frames.slice(1).map((f) => f.command!);
  }

  /** The command that led to the current position, and what it applied. */
  lastApplied(): Step | null {
    return this.frames[this.cursor]!.applied;
  }

  seek(position: number): void {
    const p = Math.max(0, Math.min(this.length, Math.trunc(position)));
    this.lastForked = false;
    this.lastScriptError = '';
    if (p === this.cursor) return;
    this.cursor = p;
    this.sim.restore(this.frames[p]!.checkpoint);
    this.monitor = null;
  }

  /** True when "next" has something to do. */
  canAdvance(): boolean {
    return this.plan() !== null;
  }

  /**
   * The step button. Returns false when nothing is left to do. A script step that no longer fits the run
   * (the reader switched nack off, so the script's "deliver the nack" finds none) ends the script: the
   * press then takes the next scheduled event instead, and `scriptError` says why.
   */
  next(): boolean {
    this.lastForked = false;
    this.lastScriptError = '';
    return this.advance();
  }

  /** next() without forgetting what the previous command said (runScript and runToEnd report the batch). */
  private advance(): boolean {
    const plan = this.plan();
    if (!plan) return false;
    try {
      this.commit({ type: 'next' }, plan.step, plan.script, plan.index);
    } catch (err) {
      if (!(err instanceof ScenarioError) || plan.step === TICK) throw err;
      this.lastScriptError = strings().playground.scriptStepFailed((this.scriptIndex ?? 0) + 1, err.message);
      if (this.nextAt() === null) return false;
      this.commit({ type: 'next' }, TICK, null, null);
    }
    return true;
  }

  /** "Run the script": next until the script is done (the build-time figure's run), at most `limit` commands. */
  runScript(limit = 5_000): number {
    let n = 0;
    this.lastForked = false;
    this.lastScriptError = '';
    while (n < limit && this.scriptActive && this.advance()) n++;
    return n;
  }

  /** An explicit action (deliver/drop/duplicate/crash/recover/timeout). Throws ScenarioError if impossible. */
  act(step: Step): void {
    this.lastForked = false;
    this.lastScriptError = '';
    this.commit({ type: 'act', step }, step, null, null);
  }

  /** Replays a command (share links). */
  replay(c: Command): void {
    if (c.type === 'next') {
      if (!this.next()) throw new Error('nothing left to do at this point of the run');
    } else {
      this.act(c.step);
    }
  }

  /** "Run to the end": next until nothing is left, at most `limit` commands. */
  runToEnd(limit = 5_000): number {
    let n = 0;
    this.lastForked = false;
    this.lastScriptError = '';
    while (n < limit && this.advance()) n++;
    return n;
  }

  private commit(command: Command, step: Step, script: number | null, fromStep: number | null): void {
    const forking = this.cursor < this.length;
    this.sim.apply(step, command.type === 'next' ? 'script' : 'action');
    if (forking) {
      this.frames.length = this.cursor + 1;
      this.monitor = null;
    }
    if (forking) this.lastForked = true;
    this.frames.push({ checkpoint: this.sim.snapshot(), script, command, applied: step, fromStep, events: this.sim.events().length });
    this.cursor = this.frames.length - 1;
  }

  /** What "next" would apply (src/paxos/sim/presses.ts): the script's next step, a `run` one tick at a time, else a tick. */
  private plan(): Press | null {
    return nextPress(this.sim, this.frames[this.cursor]!.script);
  }

  /** When the next scheduled event happens, or null when nothing is scheduled before maxTime. */
  nextAt(): number | null {
    return nextEventAt(this.sim);
  }

  // ---- reading the current position -------------------------------------------------------------------

  /** The script step index that the command at `position` carried out, or null (a reader's action, a tick past the script). */
  stepAt(position: number): number | null {
    return this.frames[position]?.fromStep ?? null;
  }

  /** The trace events the command that led to the current position added (none at the start). */
  latestEvents(): readonly TraceEvent[] {
    if (this.cursor === 0) return [];
    return this.sim.events().slice(this.frames[this.cursor - 1]!.events);
  }

  events(): readonly TraceEvent[] {
    return this.sim.events();
  }

  inFlight(): readonly Flight[] {
    return this.sim.inFlight();
  }

  nodes(): NodeRow[] {
    const timers = this.sim.timers();
    return this.sim.nodes.map((info) => ({
      info,
      up: this.sim.isUp(info.id),
      view: this.sim.view(info.id),
      timers: timers.filter((t) => t.node === info.id),
    }));
  }

  trace(): TraceDocument {
    return this.sim.trace();
  }

  // Safety is checked incrementally while the run moves forward (a TraceMonitor fed the new events); a seek
  // or a fork starts a fresh monitor, since the events it saw may no longer be this run's.
  private monitor: TraceMonitor | null = null;
  private observed = 0;
  private firstBad: Violation | null = null;
  private agreementBad: Violation | null = null;

  /** The first safety violation up to the current position (remembered per frame). */
  violation(): Violation | null {
    return this.watch().violation ?? null;
  }

  /**
   * The first break of agreement itself up to the current position. A switched-off rule breaks its own
   * property first (an accept below the promise, say) and agreement only some events later; the view names
   * both, so the monitor keeps watching past the first violation.
   */
  agreementViolation(): Violation | null {
    return this.watch().agreement ?? null;
  }

  private watch(): Frame {
    const f = this.frames[this.cursor]!;
    if (f.violation !== undefined) return f;
    const events = this.sim.events();
    if (!this.monitor || events.length < this.observed) {
      this.monitor = new TraceMonitor({ protocol: this.sim.protocol.name, quorums: this.sim.resolved.quorums, nodes: this.sim.nodes }, this.sim.protocol.traceRules ?? {});
      this.observed = 0;
      this.firstBad = null;
      this.agreementBad = null;
    }
    for (let i = this.observed; i < events.length && !this.agreementBad; i++) {
      for (const bad of this.monitor.observe(events[i]!)) {
        if (!this.firstBad) this.firstBad = bad;
        if (bad.property === 'agreement' && !this.agreementBad) this.agreementBad = bad;
      }
    }
    this.observed = events.length;
    f.violation = this.firstBad;
    f.agreement = this.agreementBad;
    return f;
  }

  /** "Copy as scenario": a scripted scenario that `paxos simulate --scenario` replays to this position's trace. */
  exportScenario(): Scenario {
    return copyAsScenario(this.scenario, this.sim.steps());
  }
}
