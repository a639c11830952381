// The engine explorer against the reference explorer (tests/check/reference-explorer.ts, the search as
// first written: whole states as objects, JSON per transition, no memo, no reduction), on small scopes of
// every protocol and every Basic mutant:
// - unreduced, on scopes with a finite timer budget (where both keep exactly the same state), the counts of
//   states, transitions and levels are equal — the interned rows and memoised steps change nothing;
// - reduced (idle deliveries skipped, unbounded firing counts merged, and for the correct protocols stale
//   messages left out), the verdict is the same, the shortest counterexample has the same length and is
//   the very same trace, and no more states are stored. tests/check/stale.test.ts tests the stale hints.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EngineExplorer, type EngineResult } from '../../src/paxos/check/explore.ts';
import { buildScope, resolveScope, type ScopeOptions } from '../../src/paxos/check/scopes.ts';
import { MUTANTS } from '../../src/paxos/core/mutants.ts';
import { ReferenceExplorer } from './reference-explorer.ts';

const scopeOf = (o: ScopeOptions) => buildScope(resolveScope(o));
const label = (o: ScopeOptions): string => JSON.stringify(o);
/** A result without its time, and without the list of reductions (the reference explorer has none). */
const strip = (r: Omit<EngineResult, 'reductions'> & { reductions?: unknown }): unknown => {
  const { reductions: _, ...rest } = r;
  return { ...rest, ms: 0 };
};

/** Correct protocols and mutants small enough for the reference explorer (a few seconds in all). */
const SMALL: ScopeOptions[] = [
  { protocol: 'basic', acceptors: 2 },
  { protocol: 'basic', acceptors: 3, proposers: 1, crashes: 1 },
  { protocol: 'basic', acceptors: 2, proposers: 1, maxRound: 2, crashes: 1 },
  { protocol: 'basic', acceptors: 2, drops: 1 },
  { protocol: 'basic', acceptors: 2, network: 'set' },
  { protocol: 'fast', acceptors: 3, clients: 2, maxRound: 0, timeouts: 0 },
  { protocol: 'multi', slots: 1, maxRound: 1, crashes: 0, timeouts: 1 },
  ...MUTANTS.filter((m) => m.protocol === 'basic').map((m): ScopeOptions => ({ protocol: 'basic', mutant: m.name, acceptors: 2, ...(m.name === 'reused-ballot' ? { duplicates: 2 } : {}) })),
  { protocol: 'basic', mutant: 'no-reply', acceptors: 2, drops: 1 },
  { protocol: 'fast', mutant: 'small-fast-quorum' },
];

test('unreduced, with a finite timer budget: the same counts and result as the reference explorer', () => {
  for (const base of SMALL) {
    const o: ScopeOptions = { ...base, timeouts: base.timeouts === undefined ? 4 : base.timeouts };
    const reference = new ReferenceExplorer(scopeOf(o)).check();
    const plain = new EngineExplorer(scopeOf(o), { reduce: false }).check();
    assert.deepEqual(strip(plain), strip(reference), label(o));
  }
});

test('reduced: the same verdict and the same shortest counterexample as the reference explorer, in fewer states', () => {
  for (const o of SMALL) {
    const reference = new ReferenceExplorer(scopeOf(o)).check();
    const reduced = new EngineExplorer(scopeOf(o)).check();
    assert.equal(reduced.result, reference.result, label(o));
    assert.ok(reduced.states <= reference.states, `${label(o)}: ${reduced.states} ≤ ${reference.states} states`);
    if (reference.result !== 'violation' || reduced.result !== 'violation') continue;
    assert.equal(reduced.depth, reference.depth, `${label(o)}: counterexample length`);
    assert.deepEqual(reduced.values, reference.values, label(o));
    if (!reduced.reductions.includes('stale-messages')) {
      assert.deepEqual(reduced.trace, reference.trace, `${label(o)}: the same run is drawn`);
      continue;
    }
    // With the stale hint (a mutant that changes only quorum sizes) the run to the conflict is the same; the
    // epilogue that lets every learner hear of it leaves out the messages the hint calls stale.
    const steps = reduced.depth - 1;
    const upTo = (t: typeof reduced.trace) => t.events.filter((e) => e.time <= steps);
    assert.deepEqual(upTo(reduced.trace), upTo(reference.trace), `${label(o)}: the same run to the conflict`);
    assert.ok(reduced.epilogue <= reference.epilogue, `${label(o)}: epilogue ${reduced.epilogue} ≤ ${reference.epilogue}`);
  }
});

test('the correct Basic protocol stays safe with the reduction in scopes with faults (drops, duplicates, a restart)', () => {
  for (const o of [
    { protocol: 'basic', acceptors: 2, drops: 1, duplicates: 1 },
    { protocol: 'basic', acceptors: 3, proposers: 1, crashes: 1, duplicates: 1 },
  ] satisfies ScopeOptions[]) {
    const plain = new EngineExplorer(scopeOf(o), { reduce: false }).check();
    const reduced = new EngineExplorer(scopeOf(o)).check();
    assert.deepEqual([reduced.result, plain.result], ['safe', 'safe'], label(o));
    assert.ok(reduced.states < plain.states, `${label(o)}: ${reduced.states} < ${plain.states}`);
  }
});

test('a scope that asks a node it does not have for a proposal is refused, naming the node', () => {
  const scope = buildScope(resolveScope({ protocol: 'basic' }));
  const strange = { ...scope, proposals: [...scope.proposals, { node: 'P9\u0000../x', value: 'v9' }] };
  assert.throws(() => new EngineExplorer(strange), /^RangeError: proposals: P9\u0000\.\.\/x is not a node of this basic scope/);
});
