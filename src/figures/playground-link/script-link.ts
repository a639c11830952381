// The link under a build-time figure: the playground opened on the run the figure draws, i.e. the scenario
// with its whole script played. The playground records that as one "next" press per script step (a `run`
// step: one per scheduled event), so the link counts the presses with the engine's own step button
// (src/paxos/sim/presses.ts) instead of building the playground's model.
import { nextEventAt, nextPress, TICK } from '../../paxos/sim/presses.ts';
import { ScenarioError, type Scenario } from '../../paxos/sim/scenario.ts';
import { Simulation } from '../../paxos/sim/simulation.ts';
import { getProtocol } from '../../paxos/registry.ts';
import { MAX_COMMANDS, type Command, type RunLink } from './codec.ts';
import { resolveScenario } from '../../paxos/sim/validate.ts';

const NEXT: Command = { type: 'next' };

/** The run link for a scenario played to the end of its script (at most MAX_COMMANDS presses). Build time: every protocol at hand. */
export function scriptRunLink(scenario: Scenario): RunLink {
  const sim = new Simulation(resolveScenario(scenario, getProtocol));
  const commands: Command[] = [];
  let script: number | null = 0;
  while (commands.length < MAX_COMMANDS) {
    const press = nextPress(sim, script);
    if (!press?.fromScript) break;
    try {
      sim.apply(press.step, 'script');
    } catch (err) {
      // A script step that does not fit the run ends the script, and that press takes the next scheduled
      // event instead, as in the playground (run.ts, next()). A failed step changes nothing.
      if (!(err instanceof ScenarioError) || press.step === TICK) throw err;
      if (nextEventAt(sim) !== null) {
        sim.apply(TICK, 'script');
        commands.push(NEXT);
      }
      break;
    }
    script = press.script;
    commands.push(NEXT);
  }
  return { scenario, commands, position: commands.length };
}
