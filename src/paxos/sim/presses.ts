// The step button of a stepwise run: what one press applies. A press follows the scenario's script, a
// `run` step one scheduled event (`tick`) at a time so the reader sees each delivery; once the script is
// done (or the reader has acted by hand) a press is the network's next scheduled event. The playground
// (src/components/playground/run.ts) presses it; a figure's playground link counts the presses that play
// the whole script (src/figures/playground-link/script-link.ts), so the link opens on the very run drawn.
import type { Step } from './scenario.ts';
import type { Simulation } from './simulation.ts';

/** The next scheduled event, as a step. */
export const TICK: Step = { type: 'tick' };

export interface Press {
  /** The step to apply: a script step, or TICK. */
  readonly step: Step;
  /** Index of the script step that comes after this press, or null once the script no longer leads. */
  readonly script: number | null;
  /** True when the press carries out the script (a step of it, or a tick inside one of its `run` steps). */
  readonly fromScript: boolean;
  /** Index of the script step this press carries out, else null. */
  readonly index: number | null;
}

/** When the next scheduled event happens, or null when nothing is scheduled before maxTime. */
export function nextEventAt(sim: Simulation): number | null {
  const peek = sim.peek();
  if (!peek) return null;
  const now = sim.time;
  if ('at' in peek && typeof peek.at === 'number') return Math.max(now, peek.at);
  let due = Infinity;
  for (const f of sim.inFlight()) due = Math.min(due, f.due);
  for (const t of sim.timers()) due = Math.min(due, t.due);
  return due === Infinity ? now : Math.max(now, due);
}

/**
 * What one press applies at this point of the run, given the index of the next script step (null: the
 * reader has taken over), or null when nothing is left to do.
 */
export function nextPress(sim: Simulation, script: number | null): Press | null {
  const steps = sim.resolved.steps;
  let k = script;
  while (k !== null && k < steps.length) {
    const s = steps[k]!;
    if (s.type !== 'run') return { step: s, script: k + 1, fromScript: true, index: k };
    const at = nextEventAt(sim);
    if (s.until === 'quiet') {
      if (at !== null) return { step: TICK, script: k, fromScript: true, index: k };
      k++;
      continue;
    }
    if (at !== null && at <= s.until) return { step: TICK, script: k, fromScript: true, index: k };
    // Nothing more before `until`: the run step itself moves the clock there (as a script would).
    if (sim.time < s.until) return { step: s, script: k + 1, fromScript: true, index: k };
    k++;
  }
  return nextEventAt(sim) === null ? null : { step: TICK, script: k, fromScript: false, index: null };
}
