// Filling in a scenario's defaults, apart from checking it (validate.ts). A reader's browser runs only
// scenarios something has already checked: the build validates every scenario a page carries (the scenario
// files as Vite loads them, a playground's props as the server renders it), and a share link is validated by
// its codec as it is decoded. So the island can resolve without shipping the checks; validate.ts's
// resolveScenario checks first and then resolves here, so the defaults live in this one place.
import type { NodeInfo } from '../core/ids.ts';
import type { ProtocolConfig } from '../core/protocol.ts';
import type { Quorums } from '../core/trace.ts';
import type { AnyProtocol, ProtocolLookup } from '../registry.ts';
import { DEFAULTS, type CrashSpec, type PartitionSpec, type Scenario, type Step } from './scenario.ts';

/** A validated scenario with everything the simulator needs filled in. */
export interface ResolvedScenario {
  readonly scenario: Scenario;
  readonly protocol: AnyProtocol;
  readonly config: ProtocolConfig;
  readonly nodes: readonly NodeInfo[];
  readonly quorums: Quorums;
  readonly seed: number;
  readonly latency: readonly [number, number];
  readonly drop: number;
  readonly duplicate: number;
  readonly reorder: number;
  readonly partitions: number | readonly PartitionSpec[];
  readonly crashes: number | readonly CrashSpec[];
  readonly workload: boolean;
  readonly proposals: number;
  readonly maxTime: number;
  readonly maxEvents: number;
  readonly steps: readonly Step[];
}

/** Turns a scenario resolved in one place into the same thing everywhere (Simulation takes only this). */
export type ScenarioResolver = (scenario: Scenario) => ResolvedScenario;

/** Config fields a scenario may give at the top level or inside `options` (not both). */
export const SHARED_CONFIG_FIELDS = ['acceptors', 'proposers', 'clients', 'nack', 'mutant', 'classicQuorum', 'fastQuorum', 'timing'] as const;

/** What the protocol's config() is given: `options` with the top-level shared fields laid over it. */
export function configInput(s: Scenario): Record<string, unknown> {
  const partial: Record<string, unknown> = { ...(s.options ?? {}), protocol: s.protocol };
  const top = s as unknown as Record<string, unknown>;
  for (const f of SHARED_CONFIG_FIELDS) if (top[f] !== undefined) partial[f] = top[f];
  return partial;
}

/** A message step without `match` matches any message; the simulator reads it filled in. */
export function normaliseStep(step: Step): Step {
  return (step.type === 'deliver' || step.type === 'drop' || step.type === 'duplicate') ? { ...step, match: step.match ?? {} } : step;
}

/**
 * Resolves a scenario that has been validated already (see the header). Throws only if the scenario's
 * protocol is not at hand, or if the protocol's own config refuses it. `config` skips building the config
 * again when the caller (resolveScenario) has just built it.
 */
export function completeScenario(s: Scenario, protocols: ProtocolLookup, config?: ProtocolConfig): ResolvedScenario {
  const protocol = protocols(s.protocol);
  if (!protocol) throw new Error(`completeScenario: protocol "${s.protocol}" is not loaded (ProtocolShelf.load it first)`);
  const c = config ?? protocol.config(configInput(s) as never);
  const net = s.network ?? {};
  return {
    scenario: s,
    protocol,
    config: c,
    nodes: protocol.nodes(c),
    quorums: protocol.quorums(c),
    seed: s.seed ?? DEFAULTS.seed,
    latency: net.latency ?? DEFAULTS.latency,
    drop: net.drop ?? 0,
    duplicate: net.duplicate ?? 0,
    reorder: net.reorder ?? 0,
    partitions: net.partitions ?? 0,
    crashes: s.faults?.crashes ?? 0,
    workload: s.workload ?? s.steps === undefined,
    proposals: s.proposals ?? DEFAULTS.proposals,
    maxTime: s.maxTime ?? DEFAULTS.maxTime,
    maxEvents: s.maxEvents ?? DEFAULTS.maxEvents,
    steps: s.steps ? s.steps.map(normaliseStep) : [{ type: 'run', until: 'quiet' }],
  };
}
