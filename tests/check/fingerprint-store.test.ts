// The fingerprint store (SearchOptions.fingerprints): a 96-bit fingerprint per state and only the rows still
// to expand. Held against the row store on scopes both finish: the same counts, verdicts and
// counterexamples (whose paths it replays from recorded moves, since the rows are gone), with and without
// symmetry, the distance bound and the crash-before-step reduction. Every counterexample goes through the trace checker.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FingerprintStore, presizedBytes, presizeRefusal } from '../../src/paxos/check/fingerprint-store.ts';
import { checkBounded, chosenValues } from '../../src/paxos/check/model-check.ts';
import { checkTrace } from '../../src/paxos/check/properties.ts';
import type { ScopeOptions } from '../../src/paxos/check/scopes.ts';
import type { SearchOptions } from '../../src/paxos/check/explore.ts';
import { rowOf } from '../support/rows.ts';

test('FingerprintStore: new rows numbered in order, every stored row refused again, parents and moves kept, across table growth', () => {
  const store = new FingerprintStore();
  const n = 50_000;
  for (let i = 0; i < n; i++) {
    const r = rowOf(i);
    assert.equal(store.add(r, r.length, i - 1, i % 300), i);
  }
  for (let i = 0; i < n; i++) {
    const r = rowOf(i);
    assert.equal(store.add(r, r.length, 0, 0), -1, `row ${i} is already stored`);
    assert.equal(store.parent[i], i - 1);
    assert.equal(store.action[i], i % 300);
  }
  // A prefix of a stored row is another state.
  const r = rowOf(11);
  assert.equal(store.add(r, r.length - 1, 0, 0), n);
  assert.ok(store.missBound() > 0 && store.missBound() < 1e-18, `n²/2^96 for ${n + 1} states: ${store.missBound()}`);
});

test('FingerprintStore: rows of the two newest levels are readable, older ones dropped with a message; a move ordinal over 16 bits is refused', () => {
  const store = new FingerprintStore();
  const level = (from: number, to: number) => {
    for (let i = from; i < to; i++) store.add(rowOf(i), rowOf(i).length, 0, 0);
  };
  level(0, 1);
  store.beginLevel(0);
  level(1, 100);
  store.beginLevel(1);
  level(100, 5000);
  for (const i of [1, 57, 99, 100, 4999]) assert.deepEqual([...store.row(i)], [...rowOf(i)], `row ${i}`);
  assert.throws(() => store.row(0), /row of state 0 was dropped/);
  store.beginLevel(100);
  assert.throws(() => store.row(99), /dropped with its level/);
  assert.deepEqual([...store.row(4321)], [...rowOf(4321)]);
  assert.throws(() => store.beginLevel(4000), /level starts at 4000/);
  assert.throws(() => store.add(rowOf(9999), 1, 0, 70_000), /move ordinal 70000/);
});

test('FingerprintStore: reading a level in order gives back the chunks before the row read; an earlier row is then refused', () => {
  const store = new FingerprintStore();
  store.add(rowOf(0), 1, -1, 0);
  store.beginLevel(0);
  // 12-word rows, 4.8 M words: more than one 4 M-word chunk.
  const wide = (i: number) => {
    const r = new Uint32Array(12);
    r[0] = i;
    r[11] = Math.imul(i, 0x9e3779b1) >>> 0;
    return r;
  };
  const n = 400_000;
  for (let i = 1; i <= n; i++) store.add(wide(i), 12, 0, 0);
  store.beginLevel(1);
  const before = store.bytes();
  for (let i = 1; i <= n; i += 997) assert.equal(store.row(i)[0], i);
  assert.equal(store.row(n)[0], n);
  assert.ok(store.bytes() < before, `a chunk given back: ${store.bytes()} < ${before} bytes`);
  assert.throws(() => store.row(2), /row of state 2 was released after its expansion/);
});

test('FingerprintStore: sized for a capacity up front, the table never grows below it and grows by half again past it; a capacity it cannot index is refused', () => {
  const n = 30_000;
  const store = new FingerprintStore({ capacity: n });
  const slots = store.tableSlots();
  assert.ok(slots * 0.75 >= n && slots < n / 0.75 + 2, `${slots} slots for ${n} states at most ¾ full`);
  assert.equal(presizedBytes(n), slots * 12 + store.parent.byteLength + store.action.byteLength, 'what --expect-states checks against memory is what the store allocates');
  for (let i = 0; i < n; i++) assert.equal(store.add(rowOf(i), rowOf(i).length, i - 1, 0), i);
  assert.equal(store.tableSlots(), slots, 'no growth up to the capacity');
  assert.equal(store.parent.length, n, 'the per-state arrays were sized once');
  for (let i = n; i < n + 2_000; i++) assert.equal(store.add(rowOf(i), rowOf(i).length, 0, 0), i);
  assert.equal(store.tableSlots(), Math.ceil(slots * 1.5), 'past it, half again');
  for (let i = 0; i < n + 2_000; i += 7) assert.equal(store.add(rowOf(i), rowOf(i).length, 0, 0), -1, `row ${i} still found after the move`);
  for (const bad of [-1, 1.5, Number.NaN, 2 ** 31, Infinity]) {
    assert.throws(() => new FingerprintStore({ capacity: bad }), /holds 0 to 2147483647 states, not a capacity of/, String(bad));
  }
});

test('presizeRefusal: a capacity the store cannot index, or whose table outgrows the memory, is refused with the figures', () => {
  assert.equal(presizeRefusal(1_000_000, presizedBytes(1_000_000)), undefined, 'exactly the memory it needs');
  assert.equal(
    presizeRefusal(1_000_000, presizedBytes(1_000_000) - 1),
    `1000000 states need ${(presizedBytes(1_000_000) / 2 ** 30).toFixed(1)} GiB up front and this machine has ${((presizedBytes(1_000_000) - 1) / 2 ** 30).toFixed(1)} GiB; ask for fewer`,
  );
  for (const huge of [2 ** 31, 1e20, Infinity]) assert.match(presizeRefusal(huge, Infinity) ?? '', /at most 2147483647 states \(parent indices are Int32\)/, String(huge));
});

/** The result without its timing and without the fingerprint report. */
function comparable(r: object): object {
  const { ms: _ms, fingerprints: _f, ...rest } = r as { ms: number; fingerprints?: unknown };
  return rest;
}

const SCOPES: { name: string; scope: ScopeOptions; bound?: number; search?: SearchOptions }[] = [
  { name: 'basic, the standard scope (safe)', scope: { protocol: 'basic' } },
  { name: 'basic no-first-promise (a violation)', scope: { protocol: 'basic', mutant: 'no-first-promise' } },
  { name: 'basic no-first-promise with symmetry', scope: { protocol: 'basic', mutant: 'no-first-promise' }, search: { symmetry: true } },
  { name: 'basic no-first-promise, bound one short (clear)', scope: { protocol: 'basic', mutant: 'no-first-promise' }, bound: 13 },
  { name: 'multi, one slot, a crash, crash before step (safe)', scope: { protocol: 'multi', slots: 1, maxRound: 1, crashes: 1, timeouts: 1 }, search: { por: true } },
  { name: 'basic reused-ballot, crash before step (a violation through a restart)', scope: { protocol: 'basic', mutant: 'reused-ballot' }, search: { por: true } },
  { name: 'flexible quorums q1 2 q2 2 (a violation)', scope: { protocol: 'basic', acceptors: 4, phase1Quorum: 2, phase2Quorum: 2 } },
];

for (const { name, scope, bound, search } of SCOPES) {
  test(`fingerprints give the row store's result: ${name}`, () => {
    const rows = checkBounded(scope, bound, {}, search);
    const prints = checkBounded(scope, bound, {}, { ...search, fingerprints: true });
    assert.deepEqual(comparable(prints), comparable(rows));
    // Sized up front for a tenth of the states, the table grows from there instead: the same result.
    const presized = checkBounded(scope, bound, {}, { ...search, fingerprints: true, expectedStates: Math.ceil(rows.states / 10) });
    assert.deepEqual(comparable(presized), comparable(rows));
    assert.equal(rows.fingerprints, undefined, 'the row store reports no fingerprints');
    assert.equal(prints.fingerprints?.bits, 96);
    assert.ok(prints.fingerprints!.missBound < 1e-15, 'the chance is reported and tiny at this size');
    if (prints.result === 'violation') {
      assert.ok(checkTrace(prints.trace), 'the trace checker sees the replayed counterexample break a property');
      assert.equal(chosenValues(prints.trace).get(prints.slot)?.length, 2);
    }
  });
}
