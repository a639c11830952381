// Running a whole scenario in one call, and turning a run back into a script ("copy as scenario").
import type { TraceDocument } from '../core/trace.ts';
import type { Scenario, Step } from './scenario.ts';
import { Simulation } from './simulation.ts';

/** Runs the scenario's steps (without steps: a seeded random run until quiet or maxTime) and returns the finished simulation. */
export function simulate(scenario: Scenario): Simulation {
  const sim = new Simulation(scenario);
  sim.runSteps();
  return sim;
}

/** Scenario → paxos-trace/1. Same scenario (and seed) → byte-identical JSON. Throws ScenarioError. */
export function runScenario(scenario: Scenario): TraceDocument {
  return simulate(scenario).trace();
}

/**
 * "Copy as scenario": the scenario a run started from plus the steps actually applied (sim.steps()),
 * as one scripted scenario that replays to the same trace. The workload and seed are written out
 * explicitly because a script without them would mean a different run.
 */
export function copyAsScenario(scenario: Scenario, steps: readonly Step[]): Scenario {
  const { steps: _old, ...settings } = scenario;
  return { ...settings, seed: scenario.seed ?? 1, workload: scenario.workload ?? scenario.steps === undefined, steps: steps.slice() };
}
