// Partial-order reduction by persistent sets (explore.ts SearchOptions.por): a down node's recovery is
// expanded alone once the scope's crashes, drops and duplicates are spent. Held against the plain search on
// every small scope where both finish — the correct protocols with a crash, and the mutants' own scopes:
// the same verdict, no more states, a counterexample that is a real run (the trace checker finds the
// properties it breaks) and never shorter than the plain search's shortest. Off by default: counts are
// then the plain search's to the state.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { EngineExplorer, type EngineResult } from '../../src/paxos/check/explore.ts';
import { brokenProperties, checkEngine, chosenValues } from '../../src/paxos/check/model-check.ts';
import { buildScope, resolveScope, type ScopeOptions } from '../../src/paxos/check/scopes.ts';
import { MUTANTS } from '../../src/paxos/core/mutants.ts';

const CLI = fileURLToPath(new URL('../../src/cli/paxos.ts', import.meta.url));
const scopeOf = (o: ScopeOptions) => buildScope(resolveScope(o));
const label = (o: ScopeOptions): string => JSON.stringify(o);

/** Scopes with a crash, where the persistent set is used, and without one, where it never is. */
const WITH_CRASH: ScopeOptions[] = [
  { protocol: 'basic', acceptors: 3, proposers: 1, crashes: 1 },
  { protocol: 'basic', acceptors: 2, proposers: 1, maxRound: 2, crashes: 1 },
  { protocol: 'multi', slots: 1, maxRound: 1, crashes: 1, timeouts: 1 },
  { protocol: 'multi', slots: 1, maxRound: 2, crashes: 1, timeouts: 2, timed: ['S1'] },
  { protocol: 'fast', acceptors: 3, clients: 2, maxRound: 0, crashes: 1, timeouts: 0 },
];
/** Every mutant whose own scope the plain search finishes in seconds (the others: bench/checker.ts). */
const MUTANT_SCOPES: ScopeOptions[] = MUTANTS
  .filter((m) => m.protocol === 'basic' ? m.name !== 'answer-lower-prepare' : m.name === 'small-fast-quorum' || m.name === 'uncoordinated-small-fast-quorum')
  .map((m): ScopeOptions => ({ protocol: m.protocol, mutant: m.name }));

function compare(o: ScopeOptions): { plain: EngineResult; por: EngineResult } {
  const plain = new EngineExplorer(scopeOf(o)).check();
  const por = new EngineExplorer(scopeOf(o), { por: true }).check();
  assert.notEqual(plain.result, 'incomplete', label(o));
  assert.equal(por.result, plain.result, `${label(o)}: verdict`);
  assert.ok(por.states <= plain.states, `${label(o)}: ${por.states} ≤ ${plain.states} states`);
  assert.deepEqual(por.reductions, [...plain.reductions, 'persistent-sets'], label(o));
  if (por.result === 'violation' && plain.result === 'violation') {
    assert.ok(por.depth >= plain.depth, `${label(o)}: the plain search's counterexample is shortest`);
    // A real run: the independent trace checker rejects it, and it chooses two values in the slot reported.
    assert.ok(brokenProperties(por.trace).length > 0, `${label(o)}: the trace checker finds no broken rule`);
    assert.deepEqual([...(chosenValues(por.trace).get(por.slot) ?? [])].sort(), [...por.values].sort(), `${label(o)}: two values chosen`);
  }
  return { plain, por };
}

test('with a crash: the same verdict as the plain search, in fewer states', () => {
  let fewer = 0;
  for (const o of WITH_CRASH) {
    const { plain, por } = compare(o);
    if (por.states < plain.states) fewer++;
  }
  // The reduction is used: a scope where a crash can happen late and the node stay down has fewer states.
  assert.ok(fewer >= WITH_CRASH.length - 1, `fewer states in ${fewer} of ${WITH_CRASH.length} scopes`);
});

test('the mutants in their own scopes: still refuted, by a real run no shorter than the shortest', () => {
  for (const o of MUTANT_SCOPES) {
    const { plain } = compare(o);
    assert.equal(plain.result, 'violation', label(o));
  }
});

test('without a crash nothing is reduced: the very same counts and counterexample', () => {
  for (const o of [{ protocol: 'basic' }, { protocol: 'multi', slots: 1, maxRound: 1, crashes: 0, timeouts: 1 }, { protocol: 'basic', mutant: 'no-first-promise' }] as ScopeOptions[]) {
    const plain = new EngineExplorer(scopeOf(o)).check();
    const por = new EngineExplorer(scopeOf(o), { por: true }).check();
    const { reductions: _a, ms: _b, ...p } = plain;
    const { reductions: _c, ms: _d, ...q } = por;
    assert.deepEqual(q, p, label(o));
  }
});

test('por is refused with a distance bound, with symmetry and without the idle-delivery reduction, naming the option', () => {
  const scope = scopeOf({ protocol: 'basic', acceptors: 2 });
  assert.throws(() => new EngineExplorer(scope, { por: true, bound: 10 }), /^RangeError: por: .*distance bound/);
  assert.throws(() => new EngineExplorer(scope, { por: true, symmetry: true }), /^RangeError: por: .*symmetry/);
  assert.throws(() => new EngineExplorer(scope, { por: true, reduce: false }), /^RangeError: por: .*idle-delivery/);
});

test('checkEngine passes por through and the result lists it', () => {
  const r = checkEngine({ protocol: 'multi', slots: 1, maxRound: 1, crashes: 1, timeouts: 1 }, {}, { por: true });
  assert.equal(r.result, 'safe');
  assert.ok(r.reductions.includes('persistent-sets'));
});

test('CLI: --por on reduces a crash scope and says so; with --symmetry it is refused (exit 2) naming --por', () => {
  const run = (...args: string[]) => spawnSync(process.execPath, [CLI, 'check', '--quiet', '--protocol', 'multi', '--slots', '1', '--max-round', '1', '--crashes', '1', '--timeouts', '1', ...args], { encoding: 'utf8' });
  const on = JSON.parse(run('--por', 'on').stdout) as { result: string; states: number; reductions: string[] };
  const off = JSON.parse(run().stdout) as { result: string; states: number; reductions: string[] };
  assert.deepEqual([on.result, off.result], ['safe', 'safe']);
  assert.deepEqual(on.reductions, ['idle-deliveries', 'stale-messages', 'persistent-sets']);
  assert.ok(on.states < off.states, `${on.states} < ${off.states}`);
  const both = run('--por', 'on', '--symmetry', 'on');
  assert.equal(both.status, 2);
  assert.match(both.stderr, /^paxos check: --por: /);
});
