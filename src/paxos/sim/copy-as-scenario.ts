// "Copy as scenario": turning a run back into a script. Its own module because the reader's browser needs it
// and run.ts, which loads every protocol, is for Node-side callers.
import type { Scenario, Step } from './scenario.ts';

/**
 * The scenario a run started from plus the steps actually applied (sim.steps()), as one scripted scenario
 * that replays to the same trace. The workload and seed are written out explicitly because a script
 * without them would mean a different run.
 */
export function copyAsScenario(scenario: Scenario, steps: readonly Step[]): Scenario {
  const { steps: _old, ...settings } = scenario;
  return { ...settings, seed: scenario.seed ?? 1, workload: scenario.workload ?? scenario.steps === undefined, steps: steps.slice() };
}
