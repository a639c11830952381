// Hostile replays, each through the entry a reader or author would use, returning plain data so that
// bounded.ts can run them in a worker with a deadline. The seeded loops use the fuzz benchmark's own
// generators (bench/fuzz/), so a seed that fails here is the same input there, and every failure names it.
import { checkTrace } from '../../src/paxos/check/properties.ts';
import { ScenarioError } from '../../src/paxos/sim/scenario.ts';
import { Simulation } from '../../src/paxos/sim/simulation.ts';
import { PaxosFenceError, renderPaxosFence } from '../../src/markdown/rehype-paxos-fence.ts';
import { describeScenario, hostileScenario, judgeRun, runHostile } from '../../bench/fuzz/scenario.ts';
import { hostileLink, openLink } from '../../bench/fuzz/share-link.ts';
import { fuzzClasses as cliClasses } from '../../bench/fuzz/cli.ts';
import { getProtocol } from '../../src/paxos/registry.ts';
import { resolveScenario } from '../../src/paxos/sim/validate.ts';

export interface ReplaySummary {
  readonly events: number;
  readonly stop: string;
  readonly inFlight: number;
  /** A broken safety property of the finished run, or null. */
  readonly violation: string | null;
}

function summary(sim: Simulation): ReplaySummary {
  const v = checkTrace(sim.trace());
  return { events: sim.events().length, stop: sim.stopReason, inFlight: sim.inFlight().length, violation: v ? `${v.property}: ${v.message}` : null };
}

/** A scenario file or a fence's data, replayed by the engine: the summary, or the engine's error. */
export function replayScenario(scenario: unknown): ReplaySummary {
  const sim = new Simulation(resolveScenario(scenario as never, getProtocol));
  sim.runSteps();
  return summary(sim);
}

export type ErrorData = { readonly name: string; readonly path?: string; readonly message: string };
const errorData = (e: unknown): ErrorData =>
  e instanceof ScenarioError ? { name: e.name, path: e.path, message: e.message } : { name: (e as Error).name, message: (e as Error).message };

/** A share link opened the way the playground page opens it: decoded, then every command replayed. */
export function replayLink(fragment: string): { readonly decoded: false; readonly message: string } | { readonly decoded: true; readonly error: ErrorData | null; readonly replay: ReplaySummary } {
  const out = openLink(fragment);
  if (!out.decoded.ok) return { decoded: false, message: out.decoded.message };
  return { decoded: true, error: out.replayError ? errorData(out.replayError) : null, replay: summary(out.run!.sim) };
}

/** A ```paxos block rendered as the build renders it: the error's field, line and message, or 'rendered'. */
export async function replayFence(text: string): Promise<{ readonly field: string; readonly line: number | undefined; readonly message: string } | 'rendered'> {
  try {
    await renderPaxosFence(text);
    return 'rendered';
  } catch (e) {
    if (e instanceof PaxosFenceError) return { field: e.field, line: e.blockLine, message: e.message };
    throw e;
  }
}

/** Hostile scenarios for seeds first … first+count−1: each failure as `seed N: input: what went wrong`. */
export function fuzzScenarios(first: number, count: number): string[] {
  const failures: string[] = [];
  for (let seed = first; seed < first + count; seed++) {
    const h = hostileScenario(seed, seed % 3 === 0);
    let problem: string | null;
    try {
      const out = runHostile(h.scenario);
      if (!out.ran) problem = out.error.path === '' || out.error.message === '' ? 'an error without a path' : null;
      else if (h.mustReject) problem = 'accepted although it must be refused';
      else problem = judgeRun(out.sim);
    } catch (e) {
      problem = `crashed: ${(e as Error).stack?.split('\n').slice(0, 3).join(' | ')}`;
    }
    if (problem) failures.push(`seed ${seed}: ${describeScenario(seed)}: ${problem}`);
  }
  return failures;
}

/** Hostile share links, decoded and replayed. */
export function fuzzLinks(first: number, count: number): string[] {
  const failures: string[] = [];
  for (let seed = first; seed < first + count; seed++) {
    const link = hostileLink(seed);
    let problem: string | null;
    try {
      const out = openLink(link.fragment);
      if (out.decoded.ok && link.mustReject) problem = 'decoded although its scenario must be refused';
      else if (!out.decoded.ok && link.mustReject && out.decoded.message === '') problem = 'refused without a message';
      else problem = out.run ? judgeRun(out.run.sim) : null;
    } catch (e) {
      problem = `crashed: ${(e as Error).stack?.split('\n').slice(0, 3).join(' | ')}`;
    }
    if (problem) failures.push(`seed ${seed}: ${link.what}: ${problem}`);
  }
  return failures;
}

/** Hostile `paxos simulate` / `paxos check` command lines, run in-process. */
export async function fuzzCommandLines(first: number, count: number): Promise<string[]> {
  const cli = cliClasses[0]!;
  const failures: string[] = [];
  for (let seed = first; seed < first + count; seed++) {
    try {
      await cli.attempt(seed);
    } catch (e) {
      failures.push(`seed ${seed}: ${cli.describe(seed)}: ${(e as Error).message.split('\n')[0]}`);
    }
  }
  return failures;
}
