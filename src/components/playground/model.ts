// The playground's one model: the run on its timeline (run.ts) plus the narration read from the scenario's
// script. Every action returns what happened (moved, forked, the script's complaint, a refusal) and tells
// the subscribers; the views read the model and call actions, they never write into it.
//
// Narration: a script step may carry a caption (`"narration"` in content/scenarios). The caption shows from
// the first command that carries that step out until the next narrated one; "讲解模式" moves from caption to
// caption (nextCaption / previousCaption, or one command at a time with stepTowardCaption for autoplay).
import type { ScenarioResolver } from '../../paxos/sim/resolve.ts';
import type { Scenario, Step } from '../../paxos/sim/scenario.ts';
import type { RunLink } from '../../figures/playground-link/codec.ts';
import { PlaygroundRun } from './run.ts';

export interface Outcome {
  /** The position on the timeline changed. */
  readonly moved: boolean;
  /** The command cut the old future off (the reader acted at an earlier position). */
  readonly forked: boolean;
  /** A script step that no longer fits the run (the script ends there), in words; or ''. */
  readonly scriptError: string;
  /** An action the run could not do (the message is gone, the node is down …), in the engine's words; or ''. */
  readonly refused: string;
}

export interface Caption {
  /** Index of the narrated step in the scenario's script. */
  readonly step: number;
  readonly text: string;
}

/** The caption showing at the current position, with its place in the tour. */
export interface CaptionHere {
  readonly caption: Caption;
  /** 0-based index among the scenario's captions. */
  readonly index: number;
  /** True when the current command is the one that reached it (not a later step under the same caption). */
  readonly fresh: boolean;
}

const STILL: Outcome = { moved: false, forked: false, scriptError: '', refused: '' };
/** Most commands one "next caption" may take (a script's `run` goes one tick at a time). */
const TOUR_LIMIT = 2_000;

export class PlaygroundModel {
  private current: PlaygroundRun;
  private readonly resolve: ScenarioResolver;
  private readonly listeners = new Set<(outcome: Outcome) => void>();

  /**
   * `resolve` turns each scenario into a run's input. In Node it is resolveScenario with the registry (every
   * scenario checked). On a page it is the island's (shelf.ts): checked on the server, trusted in the
   * browser, where every scenario was validated before it got there — presets at build time, a share link by
   * its codec. The view loads a protocol before it starts a run of it.
   */
  constructor(scenario: Scenario, resolve: ScenarioResolver) {
    this.resolve = resolve;
    this.current = new PlaygroundRun(resolve(scenario));
  }

  get run(): PlaygroundRun {
    return this.current;
  }

  /** Calls `listener` after every action; returns the unsubscribe function. */
  subscribe(listener: (outcome: Outcome) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private told(outcome: Outcome): Outcome {
    for (const l of this.listeners) l(outcome);
    return outcome;
  }

  /** Runs one command on the run and reports what it did; a refused action leaves the run where it was. */
  private command(f: (run: PlaygroundRun) => void): Outcome {
    const run = this.current;
    const before = `${run.position}/${run.length}`;
    try {
      f(run);
    } catch (err) {
      return this.told({ ...STILL, refused: (err as Error).message });
    }
    return this.told({ moved: `${run.position}/${run.length}` !== before, forked: run.forked, scriptError: run.scriptError, refused: '' });
  }

  /** A fresh run of `scenario` (restart, another seed, the nack switch, another preset). */
  start(scenario: Scenario): Outcome {
    this.current = new PlaygroundRun(this.resolve(scenario));
    return this.told({ ...STILL, moved: true });
  }

  /** Opens a share link's run: its scenario, every command replayed, then its position. */
  openLink(link: RunLink): Outcome {
    const run = new PlaygroundRun(this.resolve(link.scenario));
    try {
      for (const c of link.commands) run.replay(c);
    } catch (err) {
      return this.told({ ...STILL, refused: (err as Error).message });
    }
    run.seek(link.position);
    this.current = run;
    return this.told({ ...STILL, moved: true });
  }

  /** The step button: the script's next bit, or the network's next event. */
  step(): Outcome {
    return this.command((run) => run.next());
  }

  /** deliver / drop / duplicate one message, crash, recover, fire a timer, propose. */
  act(step: Step): Outcome {
    return this.command((run) => run.act(step));
  }

  seek(position: number): Outcome {
    return this.command((run) => run.seek(position));
  }

  runScript(): Outcome {
    return this.command((run) => run.runScript());
  }

  // ---- narration ----------------------------------------------------------------------------------------

  /** The scenario's captions, in script order. */
  captions(): Caption[] {
    const out: Caption[] = [];
    this.current.sim.resolved.steps.forEach((s, step) => {
      if (s.narration) out.push({ step, text: s.narration });
    });
    return out;
  }

  /** Positions on the timeline where a caption is reached (the first command of a narrated step). */
  captionPositions(): number[] {
    const run = this.current;
    const narrated = new Set(this.captions().map((c) => c.step));
    const out: number[] = [];
    for (let p = 1; p <= run.length; p++) {
      const k = run.stepAt(p);
      if (k !== null && narrated.has(k) && run.stepAt(p - 1) !== k) out.push(p);
    }
    return out;
  }

  /** The latest caption reached at the current position, or null (none yet, or the scenario has none). */
  captionHere(): CaptionHere | null {
    const run = this.current;
    const captions = this.captions();
    if (captions.length === 0) return null;
    for (let p = run.position; p >= 1; p--) {
      const k = run.stepAt(p);
      const index = k === null ? -1 : captions.findIndex((c) => c.step === k);
      if (index >= 0) return { caption: captions[index]!, index, fresh: p === run.position && run.stepAt(p - 1) !== k };
    }
    return null;
  }

  /** Whether a later caption can still be reached (on the timeline already, or by following the script). */
  hasNextCaption(): boolean {
    const run = this.current;
    if (this.captionPositions().some((p) => p > run.position)) return true;
    const here = run.scriptIndex;
    // A `run` step in progress keeps its index while its caption is already showing.
    const showing = run.stepAt(run.position);
    return here !== null && run.scriptActive && this.captions().some((c) => c.step >= here && c.step !== showing);
  }

  /** Whether "back" has somewhere to go: the caption before this one, or the start. */
  hasPreviousCaption(): boolean {
    return this.current.position > 0 && this.captions().length > 0;
  }

  /**
   * One command toward the next caption (autoplay walks with it so the messages can be seen moving).
   * `reached` is true when this command reached a caption; `moved` false when none is left.
   */
  stepTowardCaption(): Outcome & { readonly reached: boolean } {
    const run = this.current;
    const ahead = this.captionPositions().find((p) => p > run.position);
    if (ahead === undefined && !this.hasNextCaption()) return { ...STILL, reached: false };
    const outcome = ahead !== undefined ? this.seek(run.position + 1) : this.step();
    return { ...outcome, reached: this.captionHere()?.fresh === true };
  }

  /** Skip ahead to the next caption (at most TOUR_LIMIT commands, told once). */
  nextCaption(): Outcome {
    const run = this.current;
    const ahead = this.captionPositions().find((p) => p > run.position);
    if (ahead !== undefined) return this.seek(ahead);
    if (!this.hasNextCaption()) return STILL;
    return this.command((r) => {
      for (let i = 0; i < TOUR_LIMIT && r.scriptActive; i++) {
        if (!r.next()) break;
        if (r.scriptError) break;
        const k = r.stepAt(r.position);
        if (k !== null && this.captions().some((c) => c.step === k) && r.stepAt(r.position - 1) !== k) break;
      }
    });
  }

  /** Back to the caption before the current position (from a caption: the one before it; else the start). */
  previousCaption(): Outcome {
    const run = this.current;
    const before = this.captionPositions().filter((p) => p < run.position);
    return this.seek(before[before.length - 1] ?? 0);
  }
}
