// The checker's front door: scope in, result out, in the shape the CLI prints. Engine mode explores the
// engine's own roles (explore.ts); a violation comes with its paxos-trace/1 counterexample and the list
// of trace properties that trace breaks, as judged by the independent trace checker (properties.ts).
import type { TraceDocument } from '../core/trace.ts';
import { EngineExplorer, type EngineResult, type Reduction, type SearchOptions } from './explore.ts';
import { clockMs, type SearchLimits } from './limits.ts';
import { HUNTED, SEARCHED, WITNESSES, huntedRun, recordedRun } from './witnesses.ts';
import { hunt, type HuntOptions, type HuntResult } from './hunt.ts';
import { TRACE_RULES, TraceMonitor, type PropertyId } from './properties.ts';
import { buildScope, resolveScope, type ResolvedScope, type ScopeOptions } from './scopes.ts';

/** The reductions a search ran with (explore.ts SearchOptions); none for a scripted run. */
/** How a search cut its work, and (when it kept fingerprints, SearchOptions.fingerprints) what that risks. */
type Reductions = { readonly reductions: readonly Reduction[]; readonly fingerprints?: { readonly bits: 96; readonly missBound: number } };

export type CheckResult = Reductions & (
  | { readonly result: 'safe'; readonly states: number; readonly transitions: number; readonly depth: number; readonly ms: number; readonly scope: ScopeEcho }
  | {
      readonly result: 'violation';
      readonly property: 'agreement';
      readonly states: number;
      readonly transitions: number;
      readonly depth: number;
      readonly ms: number;
      readonly scope: ScopeEcho;
      /** Moves in the counterexample (breadth-first: no shorter run breaks agreement in this scope). */
      readonly steps: number;
      /**
       * Moves the trace adds after the violation: the in-flight `accepted` messages delivered so the
       * learners announce what they learned (the trace has steps + epilogue moves).
       */
      readonly epilogue: number;
      readonly slot: number;
      readonly values: readonly (string | null)[];
      /** True when the run was scripted (witnesses.ts), not found by the search: then it need not be shortest. */
      readonly scripted?: true;
      /**
       * When the run was found by the random hunt (hunt.ts) rather than breadth-first: the pinned walk, the
       * run's length before shortening, and `clear`: the bounded search found no run of at most that many
       * moves in the scope (so `steps` = clear + 1 is shortest there).
       */
      readonly hunted?: { readonly seed: number; readonly walk: number; readonly foundSteps: number; readonly clear: number };
      /** Every trace property the counterexample breaks, in the order the trace first breaks it. */
      readonly broken: readonly PropertyId[];
      readonly trace: TraceDocument;
    }
  | {
      readonly result: 'incomplete';
      /** max-states, timeout: a search stopped early; walks: a hunt (checkHunt) tried every walk it was given. */
      readonly reason: 'max-states' | 'timeout' | 'walks';
      readonly states: number;
      readonly transitions: number;
      readonly depth: number;
      readonly ms: number;
      readonly scope: ScopeEcho;
    });

/** The scope as JSON can carry it: an unbounded budget is written "unbounded". */
export type ScopeEcho = { readonly [K in keyof ResolvedScope]: ResolvedScope[K] | 'unbounded' };

function echoScope(scope: ResolvedScope): ScopeEcho {
  return { ...scope, timeouts: scope.timeouts === Infinity ? 'unbounded' : scope.timeouts };
}

/**
 * Runs the engine-mode search (with the given reductions: by default idle deliveries and stale messages,
 * no symmetry). Throws ConfigError (naming the field) for an impossible scope.
 */
export function checkEngine(options: ScopeOptions, limits: SearchLimits = {}, search: SearchOptions = {}): CheckResult {
  if (search.bound !== undefined) throw new RangeError('checkEngine: a bounded search can end "clear", which a CheckResult cannot say: use checkBounded');
  const r = checkBounded(options, undefined, limits, search);
  if (r.result === 'clear') throw new Error('checkEngine: an unbounded search ended "clear"');
  return r;
}

/**
 * What a bounded search says when it finds nothing: no run of at most `bound` moves chooses two values in
 * the scope. Not "safe": longer runs were not looked at. With a run of bound + 1 moves in hand (a hunt's),
 * it proves that run shortest.
 */
export type ClearResult = Reductions & {
  readonly result: 'clear';
  readonly bound: number;
  readonly states: number;
  readonly transitions: number;
  readonly depth: number;
  readonly ms: number;
  readonly scope: ScopeEcho;
};

/**
 * The engine-mode search with a distance bound (SearchOptions.bound; none: the plain search): a violation
 * found is a shortest one, and 'clear' says that none of at most `bound` moves exists.
 */
export function checkBounded(options: ScopeOptions, bound: number | undefined, limits: SearchLimits = {}, search: SearchOptions = {}): CheckResult | ClearResult {
  const scope = resolveScope(options);
  const explorer = new EngineExplorer(buildScope(scope), { ...search, ...(bound === undefined ? {} : { bound }) });
  const r: EngineResult = explorer.check(limits);
  const counts = { states: r.states, transitions: r.transitions, depth: r.depth, ms: r.ms, scope: echoScope(scope), reductions: r.reductions, ...(r.fingerprints ? { fingerprints: r.fingerprints } : {}) };
  if (r.result === 'safe') return { result: 'safe', ...counts };
  if (r.result === 'incomplete') return { result: 'incomplete', reason: r.reason, ...counts };
  if (r.result === 'clear') return { result: 'clear', bound: r.bound, ...counts };
  return {
    result: 'violation',
    property: 'agreement',
    ...counts,
    steps: r.steps,
    epilogue: r.epilogue,
    slot: r.slot,
    values: r.values,
    broken: brokenProperties(r.trace),
    trace: r.trace,
  };
}

/**
 * The random hunt (hunt.ts) in a scope: random runs through the engine's roles, the first that chooses two
 * values shortened. A violation is a real run but not a shortest one (`hunted`: its seed, walk and length
 * before shortening; `clear` 0, no bounded search behind it); finding nothing proves nothing ('incomplete',
 * reason 'walks'). `states` counts the moves of the one shortened run, as for a script.
 */
export function checkHunt(options: ScopeOptions, huntOptions: HuntOptions = {}): CheckResult {
  const scope = resolveScope(options);
  const r = hunt(buildScope(scope), huntOptions);
  const echo = echoScope(scope);
  if (r.result === 'not-found') return { result: 'incomplete', reason: 'walks', states: 0, transitions: 0, depth: 0, ms: r.ms, scope: echo, reductions: [] };
  return huntedResult(r, echo, 0);
}

/** A hunt's run as a check result: the counts are those of the one shortened run, as for a script. */
function huntedResult(r: Extract<HuntResult, { result: 'violation' }>, scope: ScopeEcho, clear: number): CheckResult {
  return {
    result: 'violation',
    property: 'agreement',
    states: r.steps + 1,
    transitions: r.steps,
    depth: r.steps + 1,
    ms: r.ms,
    scope,
    reductions: [],
    steps: r.steps,
    epilogue: r.epilogue,
    slot: r.slot,
    values: r.values,
    hunted: { seed: r.seed, walk: r.walk, foundSteps: r.foundSteps, clear },
    broken: brokenProperties(r.trace),
    trace: r.trace,
  };
}

/**
 * The scripted counterexample of a mutant (witnesses.ts) as a check result, or undefined if it has none.
 * The counts are those of the one run: no search happened.
 */
export function checkWitness(mutant: string): CheckResult | undefined {
  const make = WITNESSES[mutant];
  if (!make) return undefined;
  const t0 = clockMs();
  const w = make();
  const ms = Math.round(clockMs() - t0);
  const steps = new Set(w.trace.events.map((e) => e.time)).size;
  const scope = { ...(w.trace.config as Record<string, unknown>) } as unknown as ScopeEcho;
  if (!w.conflict) return { result: 'safe', states: steps + 1, transitions: steps, depth: steps + 1, ms, scope, reductions: [] };
  return {
    result: 'violation',
    property: 'agreement',
    states: steps + 1,
    transitions: steps,
    depth: steps + 1,
    ms,
    scope,
    reductions: [],
    steps,
    epilogue: 0,
    slot: w.conflict.slot,
    values: w.conflict.values,
    scripted: true,
    broken: brokenProperties(w.trace),
    trace: w.trace,
  };
}

/**
 * The recorded shortest counterexample of a mutant (witnesses.ts SEARCHED) as the result of the search
 * that found it — its states, transitions and reductions as the bench measures them — or undefined.
 */
export function checkRecorded(mutant: string): CheckResult | undefined {
  const rec = SEARCHED[mutant];
  const t0 = clockMs();
  const w = recordedRun(mutant);
  if (!rec || !w || !w.conflict) return undefined;
  const searched = rec.scope();
  const scope = { ...(w.trace.config as Record<string, unknown>), network: searched.network, ...(rec.bound === undefined ? {} : { bound: rec.bound }) } as unknown as ScopeEcho;
  return {
    result: 'violation',
    property: 'agreement',
    states: rec.states,
    transitions: rec.transitions,
    depth: rec.steps + 1,
    ms: Math.round(clockMs() - t0),
    scope,
    reductions: [...rec.reductions],
    steps: rec.steps,
    epilogue: rec.epilogue?.length ?? 0,
    slot: w.conflict.slot,
    values: w.conflict.values,
    broken: brokenProperties(w.trace),
    trace: w.trace,
  };
}

/**
 * The hunted counterexample of a mutant (witnesses.ts HUNTED) as a check result, or undefined if it has
 * none. The counts are those of the one replayed walk.
 */
export function checkHunted(mutant: string): CheckResult | undefined {
  const pin = HUNTED[mutant];
  const r = huntedRun(mutant);
  if (!pin || !r || r.result !== 'violation') return undefined;
  return huntedResult(r, { ...(r.trace.config as Record<string, unknown>) } as unknown as ScopeEcho, pin.clear);
}

/** The distinct properties a trace breaks, in order of first violation (checkTrace stops at the first). */
export function brokenProperties(doc: TraceDocument): PropertyId[] {
  const monitor = new TraceMonitor(doc, TRACE_RULES);
  const out: PropertyId[] = [];
  for (const e of doc.events) {
    for (const v of monitor.observe(e)) if (!out.includes(v.property)) out.push(v.property);
  }
  return out;
}

/**
 * Values found chosen per slot in a trace, judged independently of the monitor: a value accepted (sent
 * `accepted` by an acceptor) by a quorum in one ballot — fast quorum for a fast ballot — or named by a
 * `chosen` event. Two values in one slot is the agreement violation the counterexamples exist to show.
 */
export function chosenValues(doc: TraceDocument): Map<number, (string | null)[]> {
  const acceptors = new Set(doc.nodes.filter((n) => n.roles.includes('acceptor')).map((n) => n.id));
  const votes = new Map<string, Set<string>>(); // slot|ballot|value → acceptors
  const out = new Map<number, (string | null)[]>();
  const note = (slot: number, value: string | null): void => {
    const list = out.get(slot) ?? [];
    if (!list.includes(value)) list.push(value);
    out.set(slot, list);
  };
  for (const e of doc.events) {
    if (e.type === 'chosen') note(e.slot, e.value);
    if (e.type !== 'send' || e.msg.kind !== 'accepted' || !acceptors.has(e.msg.from)) continue;
    const m = e.msg;
    const k = `${m.slot}|${m.ballot.round}.${m.ballot.node}|${JSON.stringify(m.value)}`;
    const who = votes.get(k) ?? new Set<string>();
    who.add(m.from);
    votes.set(k, who);
    const need = m.ballot.fast ? (doc.quorums.fast ?? doc.quorums.classic) : doc.quorums.classic;
    if (who.size >= need) note(m.slot, m.value);
  }
  return out;
}
