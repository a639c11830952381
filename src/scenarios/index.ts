// All scripted scenarios by their name (`basic/preempted`): the standalone playground's preset list.
import type { Scenario } from '../paxos/sim/scenario.ts';
import { basicScenarios } from './basic.ts';
import { multiScenarios } from './multi.ts';
import { fastScenarios } from './fast.ts';

export { defineScenario } from './define.ts';

export const scenarioCatalog: Readonly<Record<string, Scenario>> = { ...basicScenarios, ...multiScenarios, ...fastScenarios };

/** The scenario the standalone playground opens when a link is missing or broken. */
export const DEFAULT_SCENARIO_NAME = 'basic/preempted';
