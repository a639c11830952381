// The simulator's public surface: scenarios, the stepwise Simulation, and one-call runs.
export { Simulation, matches, describeFlight, type Flight, type PendingTimer, type Checkpoint, type StopReason } from './simulation.ts';
export { simulate, runScenario, copyAsScenario } from './run.ts';
export { resolveScenario, validateStep, type ResolvedScenario } from './validate.ts';
export { ScenarioError, DEFAULTS, type Scenario, type Step, type Action, type Pattern, type NetworkSpec, type PartitionSpec, type CrashSpec } from './scenario.ts';
