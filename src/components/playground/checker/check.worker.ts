// The checker panel's worker: everything of the model checker runs here, off the main thread, so the page
// ships none of it before the panel opens and stays responsive while a search runs. It answers two requests:
//   scope — the protocol's rules (mutants) and the scope a search would cover (the standard scope with the
//           reader's changes, resolved by the checker itself), or the checker's complaint about it;
//   check — the search: progress about once a second (the checker's own onProgress), then the result with,
//           for a counterexample, the playground scenario and where the run turns (milestones).
// Cancelling is terminating the worker; the page then starts a fresh one, so a search needs no stop flag.
import { checkEngine, type CheckResult } from '../../../paxos/check/model-check.ts';
import type { SearchProgress } from '../../../paxos/check/limits.ts';
import { resolveScope, type ResolvedScope, type ScopeOptions } from '../../../paxos/check/scopes.ts';
import { MUTANTS, type MutantName } from '../../../paxos/core/mutants.ts';
import { MUTANT_SUMMARIES } from '../../../paxos/core/mutant-summaries.ts';
import type { ProtocolName } from '../../../paxos/core/trace.ts';
import type { Scenario } from '../../../paxos/sim/scenario.ts';
import { PlaygroundRun } from '../run.ts';
import { counterexampleScenario } from './counterexample-scenario.ts';
import { getProtocol } from '../../../paxos/registry.ts';
import { resolveScenario } from '../../../paxos/sim/validate.ts';

export type CheckRequest =
  | { readonly type: 'scope'; readonly protocol: ProtocolName; readonly options: ScopeOptions; readonly key: string }
  | { readonly type: 'check'; readonly options: ScopeOptions; readonly maxStates: number; readonly title: string };

export interface Rule {
  readonly name: MutantName;
  readonly summary: string;
}

/**
 * Where a loaded counterexample turns: the first position at which the playground's banner turns red (its
 * first broken property — a mutant usually breaks its own local rule a few steps before two values are
 * chosen), and the position at which the trace checker sees agreement broken (null if it names another).
 */
export interface Milestones {
  readonly red: number | null;
  readonly agreement: number | null;
}

export type CheckReply =
  | { readonly type: 'scope'; readonly key: string; readonly rules: readonly Rule[]; readonly scope: ResolvedScope | null; readonly error: string }
  | { readonly type: 'progress'; readonly progress: SearchProgress }
  | { readonly type: 'result'; readonly result: CheckResult; readonly scenario: Scenario | null; readonly turns: Milestones | null; readonly loadError: string }
  | { readonly type: 'error'; readonly message: string };

const post = (reply: CheckReply): void => (self as unknown as { postMessage(m: CheckReply): void }).postMessage(reply);

export function milestones(scenario: Scenario): Milestones {
  const run = new PlaygroundRun(resolveScenario(scenario, getProtocol));
  let red: number | null = null;
  // Bounded: a counterexample is a few dozen moves.
  for (let i = 0; i < 1000 && run.next(); i++) {
    if (red === null && run.violation()) red = run.position;
    if (run.agreementViolation()) return { red, agreement: run.position };
  }
  return { red, agreement: null };
}

function check(options: ScopeOptions, maxStates: number, title: string): void {
  const result = checkEngine(options, { maxStates, onProgress: (progress) => post({ type: 'progress', progress }) });
  if (result.result !== 'violation') return post({ type: 'result', result, scenario: null, turns: null, loadError: '' });
  try {
    const scenario = counterexampleScenario(result.trace, title);
    post({ type: 'result', result, scenario, turns: milestones(scenario), loadError: '' });
  } catch (err) {
    post({ type: 'result', result, scenario: null, turns: null, loadError: (err as Error).message });
  }
}

self.addEventListener('message', (event: MessageEvent<CheckRequest>) => {
  const request = event.data;
  try {
    if (request.type === 'check') return check(request.options, request.maxStates, request.title);
    const rules = MUTANTS.filter((m) => m.protocol === request.protocol).map((m) => ({ name: m.name, summary: MUTANT_SUMMARIES[m.name].zh }));
    try {
      post({ type: 'scope', key: request.key, rules, scope: resolveScope(request.options), error: '' });
    } catch (err) {
      post({ type: 'scope', key: request.key, rules, scope: null, error: (err as Error).message });
    }
  } catch (err) {
    post({ type: 'error', message: (err as Error).message ?? String(err) });
  }
});
