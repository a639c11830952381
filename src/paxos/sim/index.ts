// The simulator's public surface: scenarios, the stepwise Simulation, and one-call runs.
//
//   runScenario(scenario) → paxos-trace/1            one call; throws ScenarioError naming the field
//   const sim = new Simulation(resolveScenario(scenario, getProtocol))   stepwise, checked first
//     (the reader's browser: completeScenario for what was checked before it got there; resolve.ts):
//     sim.inFlight() / sim.timers() / sim.peek()     what is on the network, what is pending, what `tick` does next
//     sim.apply(step)                                 a Step is the action: propose, deliver/drop/duplicate
//                                                    {match: {id, copy} or a pattern}, crash, recover,
//                                                    timeout, tick, run {until}; a failed step changes nothing
//     sim.view(node) / sim.isUp(node) / sim.time     node tables
//     const cp = sim.snapshot(); sim.restore(cp)     cheap checkpoints: seek back, then fork with other steps
//     sim.trace()                                     the run so far as paxos-trace/1
//   copyAsScenario(scenario, sim.steps())            "copy as scenario": replays to the same trace
//   nextPress(sim, scriptIndex)                      the step button: the script's next step, a `run` tick by tick
// Scenario schema: scenario.ts.
export { Simulation, ReplayBudgetError, matches, describeFlight, type Flight, type PendingTimer, type Checkpoint, type StopReason } from './simulation.ts';
export { simulate, runScenario } from './run.ts';
export { copyAsScenario } from './copy-as-scenario.ts';
export { resolveScenario } from './validate.ts';
export { validateStep } from './validate-step.ts';
export { completeScenario, type ResolvedScenario, type ScenarioResolver } from './resolve.ts';
export { ScenarioError, DEFAULTS, type Scenario, type Step, type Action, type Pattern, type NetworkSpec, type PartitionSpec, type CrashSpec } from './scenario.ts';
export { SCENARIO_LIMITS, type LimitedField } from './limits.ts';
export { nextPress, nextEventAt, TICK, type Press } from './presses.ts';
