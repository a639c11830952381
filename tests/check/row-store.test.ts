// The engine mode's state store (word-store.ts RowStore): a set of variable-length rows numbered in
// insertion order, kept in fixed chunks a row never straddles. Tiny chunks here make every path run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RowStore } from '../../src/paxos/check/word-store.ts';
import { rowOf } from '../support/rows.ts';

test('RowStore: every row back as stored, in insertion order, duplicates refused, across many chunks', () => {
  const store = new RowStore(32);
  const n = 20_000;
  for (let i = 0; i < n; i++) {
    const r = rowOf(i);
    assert.equal(store.add(r, r.length, i - 1, i % 7), i);
  }
  for (let i = 0; i < n; i += 3) {
    const r = rowOf(i);
    assert.equal(store.add(r, r.length, 0, 0), -1, `row ${i} is already stored`);
  }
  // A prefix of a stored row is a different row: stored anew, after the others.
  const r = rowOf(11);
  assert.equal(store.add(r, r.length - 1, 0, 0), n);
  assert.deepEqual([...store.row(n)], [...r.subarray(0, r.length - 1)]);
  for (let i = 0; i < n; i++) {
    assert.deepEqual([...store.row(i)], [...rowOf(i)], `row ${i}`);
    assert.equal(store.parent[i], i - 1);
    assert.equal(store.action[i], i % 7);
  }
  assert.ok(store.bytes() > 0);
});

test('RowStore: a row longer than a chunk is refused with a message, not split', () => {
  const store = new RowStore(8);
  assert.throws(() => store.add(new Uint32Array(9), 9, -1, -1), /more than a row holds/);
  assert.equal(store.size, 0);
});
