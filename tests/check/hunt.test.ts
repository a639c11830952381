// The two ways past the breadth-first search's bound (hunt.ts, SearchOptions.bound), held against the
// plain search on scopes where it completes: a bounded search stops exactly where the shortest
// counterexample starts, and a hunt finds a real run no shorter than it. The hunted runs the chapters draw
// (witnesses.ts HUNTED) replay from their pinned walks and break agreement, judged by the trace checker.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EngineExplorer } from '../../src/paxos/check/explore.ts';
import { hunt } from '../../src/paxos/check/hunt.ts';
import { buildScope, resolveScope, type ScopeOptions } from '../../src/paxos/check/scopes.ts';
import { HUNTED, SEARCHED, huntedRun, reconfigureNarrowScope, recordedRun } from '../../src/paxos/check/witnesses.ts';
import { brokenProperties, checkHunted, checkRecorded, chosenValues } from '../../src/paxos/check/model-check.ts';
import { checkTrace } from '../../src/paxos/check/properties.ts';
import { MUTANTS } from '../../src/paxos/core/mutants.ts';
import { multiPaxos } from '../../src/paxos/multi/index.ts';

const scopeOf = (o: ScopeOptions) => buildScope(resolveScope(o));
const label = (o: ScopeOptions): string => JSON.stringify(o);

/** Mutants and correct scopes the plain search finishes in well under a second each. */
const BROKEN: ScopeOptions[] = [
  ...MUTANTS.filter((m) => m.protocol === 'basic' && m.safety === 'broken').map((m): ScopeOptions => ({ protocol: 'basic', mutant: m.name, acceptors: 2, ...(m.name === 'reused-ballot' ? { duplicates: 2 } : {}) })),
  { protocol: 'basic', mutant: 'no-reply', acceptors: 2, drops: 1 },
  { protocol: 'basic', mutant: 'no-second-promise', acceptors: 2, network: 'set' },
  { protocol: 'fast', mutant: 'small-fast-quorum' },
  { protocol: 'fast', mutant: 'uncoordinated-small-fast-quorum' },
];
const SAFE: ScopeOptions[] = [
  { protocol: 'basic', acceptors: 2 },
  { protocol: 'basic', acceptors: 2, proposers: 1, maxRound: 2, crashes: 1 },
  { protocol: 'fast', acceptors: 3, clients: 2, maxRound: 0, timeouts: 0 },
  { protocol: 'multi', slots: 1, maxRound: 1, crashes: 0, timeouts: 1 },
];

test('bounded search: clear one move short of the shortest counterexample, the same counterexample at its length, never more states', () => {
  for (const o of BROKEN) {
    const plain = new EngineExplorer(scopeOf(o)).check();
    assert.equal(plain.result, 'violation', label(o));
    if (o.mutant === 'minority-quorum') {
      // Its proposer learns from a minority: an announcement with no quorum of votes behind it, which the
      // bound's estimate rules out — so the bounded search refuses rather than prune on a wrong estimate.
      assert.throws(() => new EngineExplorer(scopeOf(o), { bound: 20 }).check(), /announced "v\d" chosen in slot 0 before a quorum voted for it/);
      continue;
    }
    if (o.mutant === 'reused-ballot') {
      // Its restarted proposer sends a second value under the ballot it used before, and an acceptor votes
      // for both: the estimate's one vote per acceptor and ballot does not hold, so the search refuses.
      assert.throws(() => new EngineExplorer(scopeOf(o), { bound: 20 }).check(), /A\d voted twice in ballot 1\.P1 of slot 0 \("v\d", then "v\d"\)/);
      continue;
    }
    if (plain.result !== 'violation') continue;
    const moves = plain.depth - 1;
    const short = new EngineExplorer(scopeOf(o), { bound: moves - 1 }).check();
    assert.equal(short.result, 'clear', `${label(o)}: nothing within ${moves - 1} moves`);
    assert.ok(short.reductions.includes('distance-bound'));
    const at = new EngineExplorer(scopeOf(o), { bound: moves }).check();
    assert.equal(at.result, 'violation', label(o));
    if (at.result !== 'violation') continue;
    assert.equal(at.depth, plain.depth, `${label(o)}: the same shortest length`);
    assert.deepEqual(at.values, plain.values, label(o));
    assert.ok(at.states <= plain.states, `${label(o)}: ${at.states} ≤ ${plain.states} states`);
  }
});

test('bounded search of a safe scope: clear at any bound, in no more states than the whole search', () => {
  for (const o of SAFE) {
    const plain = new EngineExplorer(scopeOf(o)).check();
    assert.equal(plain.result, 'safe', label(o));
    for (const bound of [3, plain.depth + 2]) {
      const r = new EngineExplorer(scopeOf(o), { bound }).check();
      assert.equal(r.result, 'clear', `${label(o)} bound ${bound}`);
      assert.ok(r.states <= plain.states, `${label(o)}: ${r.states} ≤ ${plain.states}`);
    }
  }
  assert.throws(() => new EngineExplorer(scopeOf(SAFE[0]!), { bound: -1 }), /bound: a whole number of moves/);
});

test('the estimate adds the two values\' missing votes only where a step votes for one value per slot: a protocol that claims so wrongly stops the bounded search', () => {
  // Fast's uncoordinated recovery votes twice in one step (round i, then i + 1): told otherwise, the
  // search must throw at the first such move instead of pruning with a summed estimate.
  const honest = scopeOf({ protocol: 'fast', acceptors: 3, recovery: 'uncoordinated' });
  const lying = { ...honest, protocol: { ...honest.protocol, valuesPerStep: () => 1 } };
  assert.throws(() => new EngineExplorer(lying, { bound: 12 }).check(), /added votes for "v\d" and "v\d" to slot 0, more values than the protocol's valuesPerStep \(1\)/);
  const plain = new EngineExplorer(honest).check();
  const bounded = new EngineExplorer(honest, { bound: plain.depth + 2 }).check();
  assert.deepEqual([plain.result, bounded.result], ['safe', 'clear']);
});

test('a hunt finds a real counterexample, never shorter than the shortest, and the trace checker rejects it', () => {
  for (const o of BROKEN.slice(0, 4)) {
    const plain = new EngineExplorer(scopeOf(o)).check();
    const found = hunt(scopeOf(o), { seed: 3, walks: 20_000 });
    assert.equal(found.result, 'violation', label(o));
    if (found.result !== 'violation' || plain.result !== 'violation') continue;
    assert.ok(found.steps >= plain.depth - 1, `${label(o)}: hunted ${found.steps} ≥ shortest ${plain.depth - 1}`);
    assert.ok(found.steps <= found.foundSteps);
    assert.equal(found.shortest, false);
    assert.ok(checkTrace(found.trace) !== null, `${label(o)}: the trace checker finds the violation`);
    assert.ok([...chosenValues(found.trace).values()].some((v) => v.length > 1), `${label(o)}: two values chosen in one slot`);
  }
  // A correct protocol: nothing to find, in a bounded number of walks.
  const none = hunt(scopeOf(SAFE[0]!), { walks: 200 });
  assert.equal(none.result, 'not-found');
});

test('the same walk is the same run, whether the hunt starts at walk 1 or at it', () => {
  const o = BROKEN[0]!;
  const first = hunt(scopeOf(o), { seed: 5, walks: 20_000 });
  assert.equal(first.result, 'violation');
  if (first.result !== 'violation') return;
  const again = hunt(scopeOf(o), { seed: 5, firstWalk: first.walk, walks: 1 });
  assert.equal(again.result, 'violation');
  if (again.result !== 'violation') return;
  // The run's moves (message ids aside; the learners' epilogue may take the in-flight messages in another order).
  const moves = (r: typeof first) => r.trace.events.filter((e) => e.time <= r.steps && e.type !== 'send').map((e) => {
    if (!('msg' in e)) return JSON.stringify(e, (k, v) => (k === 'seq' ? undefined : v));
    const { id: _, ...msg } = e.msg;
    return `${e.time} ${e.type} ${JSON.stringify(msg)}`;
  });
  assert.equal(again.steps, first.steps);
  assert.deepEqual(moves(again), moves(first));
});

test('the hunted runs the chapters draw replay from their pinned walks and break agreement', () => {
  for (const mutant of Object.keys(HUNTED)) {
    const pin = HUNTED[mutant]!;
    const r = huntedRun(mutant);
    assert.equal(r?.result, 'violation', mutant);
    if (r?.result !== 'violation') continue;
    assert.equal(r.steps, pin.steps, mutant);
    assert.ok(checkTrace(r.trace) !== null, `${mutant}: the trace checker rejects the run`);
    const twice = [...chosenValues(r.trace).entries()].find(([, values]) => values.length > 1);
    assert.ok(twice, `${mutant}: two values chosen in one slot`);
    const result = checkHunted(mutant);
    assert.equal(result?.result, 'violation');
    if (result?.result === 'violation') {
      assert.equal(result.hunted?.walk, pin.walk);
      // The trace checker names the first rule the run breaks (for forget-promise-on-learn the second
      // promise, at S3's accept); two values chosen in one slot is judged by chosenValues above.
      assert.ok(result.broken.length > 0, `${mutant}: the trace checker finds a broken property`);
      assert.equal(result.scripted, undefined);
    }
  }
});

test('the recorded shortest run (the bounded search result) replays in the multiset scope, delivering no message twice, and breaks agreement', () => {
  for (const mutant of ['forget-promise-on-learn']) {
    const rec = SEARCHED[mutant]!;
    const w = recordedRun(mutant);
    assert.ok(w?.conflict, mutant);
    if (!w?.conflict) continue;
    assert.equal(Math.max(...w.trace.events.map((e) => e.time)), rec.steps, `${mutant}: ${rec.steps} moves`);
    assert.ok([...chosenValues(w.trace).values()].some((v) => v.length > 1), `${mutant}: two values chosen in one slot`);
    assert.ok(checkTrace(w.trace) !== null, `${mutant}: the trace checker rejects the run`);
    // A run of the set network that is a multiset run too: no message is delivered twice.
    const delivered = w.trace.events.flatMap((e) => (e.type === 'deliver' ? [e.msg.id] : []));
    assert.equal(new Set(delivered).size, delivered.length);
    // Shorter than the hunted run of the same scope.
    const pin = HUNTED[mutant];
    if (pin) assert.ok(rec.steps < pin.steps || rec.steps === pin.steps);
    // The same moves with the correct rule: S3 still remembers 1.S2 after the restart and refuses.
    const correct = { ...rec.replayScope(), config: multiPaxos.config({ protocol: 'multi', acceptors: 3, clients: 0, nack: false }) };
    assert.equal(new EngineExplorer(correct, { reduce: false }).follow(rec.moves).conflict, undefined, `${mutant}: the correct protocol chooses one value`);
    const r = checkRecorded(mutant);
    assert.ok(r?.result === 'violation' && r.steps === rec.steps && r.reductions.includes('distance-bound') && r.scripted === undefined && r.hunted === undefined);
  }
});

test('reconfigure-immediately: the recorded shortest run of the narrow scope replays, chooses two values in slot 1, and is what the build serves', () => {
  const rec = SEARCHED['reconfigure-immediately']!;
  const w = recordedRun('reconfigure-immediately');
  assert.ok(w?.conflict);
  if (!w?.conflict) return;
  assert.equal(rec.moves.length, 18);
  assert.equal(Math.max(...w.trace.events.map((e) => e.time)), 18 + (rec.epilogue?.length ?? 0), '18 moves, then the deliveries that announce slot 1');
  assert.equal(w.conflict.slot, 1);
  assert.deepEqual([...w.conflict.values].sort(), ['set x 1', 'set x 3']);
  assert.ok(brokenProperties(w.trace).includes('agreement'), 'the trace checker sees two values chosen');
  // With the change taking effect α slots later, S1 has no accept for S4 to deliver: the run is not one of the correct rule.
  let correctConflict: unknown;
  try {
    correctConflict = new EngineExplorer(reconfigureNarrowScope(false), { reduce: false }).follow(rec.moves).conflict;
  } catch {
    correctConflict = undefined;
  }
  assert.equal(correctConflict, undefined, 'the correct rule chooses one value');
  const r = checkRecorded('reconfigure-immediately');
  assert.ok(r?.result === 'violation' && r.steps === 18 && r.epilogue === 4 && r.states === rec.states && r.scripted === undefined);
  assert.deepEqual(r?.reductions, ['idle-deliveries']);
  assert.equal((r?.scope as { network?: string } | undefined)?.network, 'multiset');
});
