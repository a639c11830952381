// Spec mode for Lamport's Paxos.tla (src/paxos/check/spec.ts): TLC's full published figure for
// MCPaxosTiny, "states generated" included. (Distinct counts and hand-counted scopes: checker.test.ts.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkSpec } from '../../src/paxos/check/spec.ts';

test("spec mode: MCPaxosTiny gives all of TLC's figures — 3,921 distinct, 23,563 generated, depth 17", () => {
  // tlaplus/Examples specifications/PaxosHowToWinATuringAward/manifest.json. TLC's "generated" counts the
  // initial state and one successor per witness of Phase2a's \E Q \in Quorum and \E m \in Q1bv.
  const r = checkSpec({ acceptors: 3, values: 2, maxBallot: 1 });
  assert.deepEqual([r.result, r.distinct, r.transitions + 1, r.depth], ['safe', 3921, 23563, 17]);
});
