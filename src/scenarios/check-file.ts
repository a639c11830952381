// One scenario file's text → the first problem in it, with the line to fix. The build and `astro dev` both
// check scenario files through this (the Vite plugin in integration.ts), so the author reads the same words
// in the terminal, in Astro's overlay and in a failed build.
import { ScenarioError } from '../paxos/sim/scenario.ts';
import { resolveScenario } from '../paxos/sim/validate.ts';
import { fieldLineIn } from './field-line.ts';
import { getProtocol } from '../paxos/registry.ts';

export interface ScenarioFileProblem {
  /** `content/scenarios/basic/x.json:12: steps[3].match.to: unknown node …` */
  readonly message: string;
  readonly line: number | undefined;
  readonly column: number | undefined;
}

/** Where JSON.parse stopped, from its message ("… at position 41 (line 3 column 5)" on Node 20+). */
function jsonErrorPlace(text: string, message: string): { line: number; column: number } | undefined {
  const lc = /line (\d+) column (\d+)/.exec(message);
  if (lc) return { line: Number(lc[1]), column: Number(lc[2]) };
  const pos = /position (\d+)/.exec(message);
  if (!pos) return undefined;
  const before = text.slice(0, Number(pos[1]));
  const line = before.split('\n').length;
  return { line, column: Number(pos[1]) - before.lastIndexOf('\n') };
}

/** `file` is the path to print (relative to the project root). Returns undefined for a good scenario. */
export function checkScenarioFile(file: string, text: string): ScenarioFileProblem | undefined {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (err) {
    const reason = (err as Error).message.replace(/\s*\(line \d+ column \d+\)$/, '');
    const at = jsonErrorPlace(body, (err as Error).message);
    return {
      message: `${file}${at ? `:${at.line}` : ''}: not valid JSON: ${reason}. Fix the JSON (a missing comma or quote is the usual cause).`,
      line: at?.line,
      column: at?.column,
    };
  }
  try {
    resolveScenario(data, getProtocol);
  } catch (err) {
    if (!(err instanceof ScenarioError)) {
      // The engine's validator gave up on the shape itself (nesting deep enough to exhaust the stack, say).
      return { message: `${file}: cannot be read as a scenario (${(err as Error).message}); see the format at the top of src/paxos/sim/scenario.ts`, line: undefined, column: undefined };
    }
    const line = fieldLineIn(body, err.path);
    return { message: `${file}${line ? `:${line}` : ''}: ${err.message}`, line, column: undefined };
  }
  return undefined;
}
