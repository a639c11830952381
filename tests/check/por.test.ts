// The crash-before-step reduction (explore.ts SearchOptions.por): a crash is made together with its
// recovery and, when that recovery is silent, with the crashed node's next step. Held against the plain
// search on every small scope where both finish — the correct protocols with a crash, and the mutants' own
// scopes: the same verdict, no more states, a counterexample that is a real run (the trace checker finds
// the properties it breaks) and never shorter than the plain search's shortest. Off by default: counts are
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

/** Scopes with a crash, where the reduction is used. */
const WITH_CRASH: ScopeOptions[] = [
  { protocol: 'basic', acceptors: 3, proposers: 1, crashes: 1 },
  { protocol: 'basic', acceptors: 2, proposers: 1, maxRound: 2, crashes: 1 },
  { protocol: 'multi', slots: 1, maxRound: 1, crashes: 1, timeouts: 1 },
  { protocol: 'multi', slots: 1, maxRound: 2, crashes: 1, timeouts: 2, timed: ['S1'] },
  { protocol: 'fast', acceptors: 3, clients: 2, maxRound: 0, crashes: 1, timeouts: 0 },
  // The coordinator's recovery starts a round: a restart that is a move of its own.
  { protocol: 'fast', acceptors: 3, clients: 1, maxRound: 1, crashes: 1, timeouts: 0, crashable: ['L1'] },
];

/** Moves in a trace: every event but sends and announcements (a duplicate is a deliver). */
const movesIn = (r: EngineResult & { result: 'violation' }): number => r.trace.events.filter((e) => e.type !== 'send' && e.type !== 'chosen').length;
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
  assert.deepEqual(por.reductions, [...plain.reductions, 'crash-before-step'], label(o));
  if (por.result === 'violation' && plain.result === 'violation') {
    // `steps` counts moves, not levels: a level of the reduced search may hold a crash, a recovery and a step.
    assert.equal(plain.steps, plain.depth - 1, label(o));
    assert.equal(movesIn(plain), plain.steps + plain.epilogue, `${label(o)}: plain moves`);
    assert.equal(movesIn(por), por.steps + por.epilogue, `${label(o)}: reduced moves`);
    assert.ok(por.steps >= plain.steps, `${label(o)}: the plain search's counterexample is shortest`);
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
  // The reduction is used: no state holds a down node, nor a restarted one that has not moved yet.
  assert.equal(fewer, WITH_CRASH.length, `fewer states in ${fewer} of ${WITH_CRASH.length} scopes`);
});

test('a crash is made right before a step of the crashed node, or before a recovery that sends', () => {
  // reused-ballot needs its proposer's restart: in the counterexample found, the crash, the recovery and
  // the next move are the same node's, one after the other.
  const r = new EngineExplorer(scopeOf({ protocol: 'basic', mutant: 'reused-ballot' }), { por: true }).check();
  assert.equal(r.result, 'violation');
  if (r.result !== 'violation') return;
  const moves = r.trace.events.filter((e) => e.type !== 'send' && e.type !== 'chosen');
  const at = moves.findIndex((e) => e.type === 'crash');
  assert.ok(at >= 0, 'the run crashes');
  const [crash, recover, next] = [moves[at]!, moves[at + 1], moves[at + 2]];
  assert.deepEqual(recover, { ...recover, type: 'recover', node: (crash as { node: string }).node });
  const mover = next === undefined ? undefined : next.type === 'deliver' ? next.msg.to : (next as { node?: string }).node;
  assert.equal(mover, (crash as { node: string }).node, `the move after the recovery: ${JSON.stringify(next)}`);
  // Fast's coordinator recovers by starting a round, so its restart stands alone, and is not left out:
  // with it the scope has more states than with no crash at all.
  const fast = { protocol: 'fast', acceptors: 3, clients: 1, maxRound: 1, timeouts: 0, crashable: ['L1'] } as const;
  const crashing = new EngineExplorer(scopeOf({ ...fast, crashes: 1 }), { por: true }).check();
  const none = new EngineExplorer(scopeOf({ ...fast, crashes: 0 }), { por: true }).check();
  assert.ok(crashing.states > none.states, `${crashing.states} > ${none.states}`);
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

test('por is refused with a distance bound, with symmetry, without the idle-delivery reduction and with two crashes, naming the option', () => {
  const scope = scopeOf({ protocol: 'basic', acceptors: 2 });
  assert.throws(() => new EngineExplorer(scope, { por: true, bound: 10 }), /^RangeError: por: .*distance bound/);
  assert.throws(() => new EngineExplorer(scope, { por: true, symmetry: true }), /^RangeError: por: .*symmetry/);
  assert.throws(() => new EngineExplorer(scope, { por: true, reduce: false }), /^RangeError: por: .*idle-delivery/);
  assert.throws(() => new EngineExplorer(scopeOf({ protocol: 'basic', acceptors: 2, crashes: 2 }), { por: true }), /^RangeError: por: argued for one crash \(got 2\)/);
});

test('checkEngine passes por through and the result lists it', () => {
  const r = checkEngine({ protocol: 'multi', slots: 1, maxRound: 1, crashes: 1, timeouts: 1 }, {}, { por: true });
  assert.equal(r.result, 'safe');
  assert.ok(r.reductions.includes('crash-before-step'));
});

test('CLI: --por on reduces a crash scope and says so; with --symmetry it is refused (exit 2) naming --por', () => {
  const run = (...args: string[]) => spawnSync(process.execPath, [CLI, 'check', '--quiet', '--protocol', 'multi', '--slots', '1', '--max-round', '1', '--crashes', '1', '--timeouts', '1', ...args], { encoding: 'utf8' });
  const on = JSON.parse(run('--por', 'on').stdout) as { result: string; states: number; reductions: string[] };
  const off = JSON.parse(run().stdout) as { result: string; states: number; reductions: string[] };
  assert.deepEqual([on.result, off.result], ['safe', 'safe']);
  assert.deepEqual(on.reductions, ['idle-deliveries', 'stale-messages', 'crash-before-step']);
  assert.ok(on.states < off.states, `${on.states} < ${off.states}`);
  const both = run('--por', 'on', '--symmetry', 'on');
  assert.equal(both.status, 2);
  assert.match(both.stderr, /^paxos check: --por: /);
});
