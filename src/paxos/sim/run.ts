// Running a whole scenario in one call, with every protocol at hand (registry.ts): for Node-side callers
// (the CLI, the build's figures, tests). The browser builds its Simulation from a ProtocolShelf instead.
import type { TraceDocument } from '../core/trace.ts';
import { getProtocol } from '../registry.ts';
import type { Scenario } from './scenario.ts';
import { Simulation } from './simulation.ts';
import { resolveScenario } from './validate.ts';

/** Runs the scenario's steps (without steps: a seeded random run until quiet or maxTime) and returns the finished simulation. */
export function simulate(scenario: Scenario): Simulation {
  const sim = new Simulation(resolveScenario(scenario, getProtocol));
  sim.runSteps();
  return sim;
}

/** Scenario → paxos-trace/1. Same scenario (and seed) → byte-identical JSON. Throws ScenarioError. */
export function runScenario(scenario: Scenario): TraceDocument {
  return simulate(scenario).trace();
}
