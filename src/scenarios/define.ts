// Scenario files (content/scenarios/**.json) become named TypeScript exports here, so a note writes
// `import { preempted } from '@/scenarios/basic'`. Each file is validated when its module loads: a bad
// scenario fails the build (or the test) naming the file and the field, not a diagram three layers later.
import type { Scenario } from '../paxos/sim/scenario.ts';
import { resolveScenario } from '../paxos/sim/validate.ts';
import { getProtocol } from '../paxos/registry.ts';

/** A scenario with the name it is known by (`basic/preempted`): the playground lists presets by it. */
export type NamedScenario = Scenario & { readonly name?: string };

export function defineScenario(name: string, json: unknown): Scenario {
  try {
    resolveScenario(json as Scenario, getProtocol);
  } catch (err) {
    throw new Error(`content/scenarios/${name}.json: ${(err as Error).message}`);
  }
  return json as Scenario;
}
