// Sleep sets over deliveries to different nodes (explore.ts SearchOptions.sleep). They skip transitions,
// never states: held against the search without them on every small scope where both finish — the
// correct protocols with and without faults, both networks, without the idle-delivery reduction, on top of
// por, with fingerprints, and every mutant whose own scope finishes in seconds — for the very same states
// and depth (so the same verdict and shortest length), fewer transitions, and a counterexample that is a
// real run the trace checker rejects.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { EngineExplorer, type EngineResult, type SearchOptions } from '../../src/paxos/check/explore.ts';
import { brokenProperties, checkEngine, chosenValues } from '../../src/paxos/check/model-check.ts';
import { buildScope, resolveScope, type ScopeOptions } from '../../src/paxos/check/scopes.ts';
import { MUTANTS } from '../../src/paxos/core/mutants.ts';

const CLI = fileURLToPath(new URL('../../src/cli/paxos.ts', import.meta.url));
const scopeOf = (o: ScopeOptions) => buildScope(resolveScope(o));
const label = (o: ScopeOptions, search: SearchOptions = {}): string => `${JSON.stringify(o)} ${JSON.stringify(search)}`;

const CORRECT: ScopeOptions[] = [
  { protocol: 'basic' },
  { protocol: 'basic', acceptors: 2, proposers: 2, drops: 1, duplicates: 1 },
  { protocol: 'basic', acceptors: 3, proposers: 1, crashes: 1 },
  { protocol: 'basic', network: 'set' },
  { protocol: 'multi', slots: 1, maxRound: 1, crashes: 0, timeouts: 1 },
  { protocol: 'multi', slots: 1, maxRound: 1, crashes: 1, timeouts: 1 },
  { protocol: 'multi', slots: 2, maxRound: 1, crashes: 0, timeouts: 1, timed: ['S1'] },
  { protocol: 'fast', acceptors: 3, clients: 2, maxRound: 0, crashes: 1, timeouts: 0 },
  { protocol: 'fast', acceptors: 4, clients: 2, maxRound: 1, timeouts: 1 },
];

/** Every mutant whose own scope the plain search finishes in seconds (the others: bench/checker.ts). */
const MUTANT_SCOPES: ScopeOptions[] = MUTANTS
  .filter((m) => m.protocol === 'basic' ? m.name !== 'answer-lower-prepare' : m.name === 'small-fast-quorum' || m.name === 'uncoordinated-small-fast-quorum')
  .map((m): ScopeOptions => ({ protocol: m.protocol, mutant: m.name }));

/** Searches `o` with and without sleep sets (on top of `search`) and holds the two to the same states. */
function compare(o: ScopeOptions, search: SearchOptions = {}): { plain: EngineResult; sleep: EngineResult } {
  const plain = new EngineExplorer(scopeOf(o), search).check();
  const sleep = new EngineExplorer(scopeOf(o), { ...search, sleep: true }).check();
  const what = label(o, search);
  assert.notEqual(plain.result, 'incomplete', what);
  assert.equal(sleep.result, plain.result, `${what}: verdict`);
  assert.equal(sleep.states, plain.states, `${what}: states`);
  assert.equal(sleep.depth, plain.depth, `${what}: depth`);
  assert.ok(sleep.transitions <= plain.transitions, `${what}: ${sleep.transitions} ≤ ${plain.transitions} transitions`);
  assert.deepEqual(sleep.reductions, [...plain.reductions, 'sleep-sets'], what);
  if (sleep.result === 'violation' && plain.result === 'violation') {
    assert.equal(sleep.steps, plain.steps, `${what}: the shortest length`);
    assert.equal(sleep.slot, plain.slot, `${what}: slot`);
    assert.ok(brokenProperties(sleep.trace).length > 0, `${what}: the trace checker finds no broken rule`);
    assert.deepEqual([...(chosenValues(sleep.trace).get(sleep.slot) ?? [])].sort(), [...sleep.values].sort(), `${what}: two values chosen`);
  }
  return { plain, sleep };
}

test('the correct protocols: the same states and depth, in fewer transitions', () => {
  for (const o of CORRECT) {
    const { plain, sleep } = compare(o);
    assert.equal(plain.result, 'safe', label(o));
    assert.ok(sleep.transitions < plain.transitions, `${label(o)}: something skipped (${sleep.transitions} < ${plain.transitions})`);
  }
});

test('the mutants in their own scopes: refuted at the same shortest length, by a real run', () => {
  for (const o of MUTANT_SCOPES) assert.equal(compare(o).plain.result, 'violation', label(o));
});

test('on top of the other reductions and stores: por, no idle-delivery reduction, fingerprints', () => {
  compare({ protocol: 'multi', slots: 1, maxRound: 2, crashes: 1, timeouts: 2, timed: ['S1'] }, { por: true });
  compare({ protocol: 'basic', acceptors: 3, proposers: 1, crashes: 1 }, { por: true });
  compare({ protocol: 'basic', acceptors: 2, proposers: 2, crashes: 1 }, { reduce: false });
  compare({ protocol: 'basic', mutant: 'no-second-promise' }, { reduce: false });
  // The fingerprint store starts at 4,096 slots, so these grow it (rehash) many times with the index word.
  const { sleep } = compare({ protocol: 'fast', acceptors: 4, clients: 2, maxRound: 1, timeouts: 1 }, { fingerprints: true });
  const rows = new EngineExplorer(scopeOf({ protocol: 'fast', acceptors: 4, clients: 2, maxRound: 1, timeouts: 1 }), { sleep: true }).check();
  assert.equal(sleep.transitions, rows.transitions, 'fingerprints and rows skip the same transitions');
  compare({ protocol: 'basic', mutant: 'minority-quorum' }, { fingerprints: true });
});

test('sleep is refused with a distance bound and with symmetry, naming the option', () => {
  const scope = scopeOf({ protocol: 'basic', acceptors: 2 });
  assert.throws(() => new EngineExplorer(scope, { sleep: true, bound: 10 }), /^RangeError: sleep: .*distance bound/);
  assert.throws(() => new EngineExplorer(scope, { sleep: true, symmetry: true }), /^RangeError: sleep: .*symmetry/);
});

test('checkEngine passes sleep through and the result lists it', () => {
  const r = checkEngine({ protocol: 'multi', slots: 1, maxRound: 1, crashes: 1, timeouts: 1 }, {}, { sleep: true, por: true });
  assert.equal(r.result, 'safe');
  assert.deepEqual(r.reductions, ['idle-deliveries', 'stale-messages', 'crash-before-step', 'sleep-sets']);
});

test('CLI: --sleep on skips transitions and says so; a bad value or --symmetry with it exits 2 naming --sleep', () => {
  const run = (...args: string[]) => spawnSync(process.execPath, [CLI, 'check', '--quiet', '--protocol', 'multi', '--slots', '1', '--max-round', '1', '--crashes', '0', '--timeouts', '1', ...args], { encoding: 'utf8' });
  const on = JSON.parse(run('--sleep', 'on').stdout) as { result: string; states: number; transitions: number; reductions: string[] };
  const off = JSON.parse(run().stdout) as { result: string; states: number; transitions: number; reductions: string[] };
  assert.deepEqual([on.result, off.result], ['safe', 'safe']);
  assert.equal(on.states, off.states);
  assert.ok(on.transitions < off.transitions, `${on.transitions} < ${off.transitions}`);
  assert.deepEqual(on.reductions, ['idle-deliveries', 'stale-messages', 'sleep-sets']);
  for (const bad of [['--sleep', 'on', '--symmetry', 'on'], ['--sleep', 'yes\u001b[2J'], ['--sleep', 'on', '--bound', '9']]) {
    const r = run(...bad);
    assert.equal(r.status, 2, bad.join(' '));
    assert.match(r.stderr, /^paxos check: --sleep/, bad.join(' '));
    assert.doesNotMatch(r.stderr, /\u001b/, 'no control characters echoed');
  }
});
