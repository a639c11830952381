// The search-found counterexample of reconfigure-immediately (content/scenarios/multi/
// reconfigure-immediately-shortest.json, written by bench/reconfig-search.ts, drawn in chapter 3): it
// replays in the simulator to two values chosen in slot 1 — set x 1 by S1 and S4 (a majority of the new
// membership) and set x 3 by S1 and S2 (a majority of the first), after S2's phase 1 asked only S2 and S3 —
// it is shorter than the scripted witness, and the correct rule cannot follow it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runScenario } from '../../src/paxos/sim/run.ts';
import { brokenProperties, chosenValues } from '../../src/paxos/check/model-check.ts';
import { reconfigureImmediatelyWitness } from '../../src/paxos/check/witnesses.ts';
import { reconfigureImmediatelyShortest } from '../../src/scenarios/multi.ts';
import type { TraceDocument } from '../../src/paxos/core/trace.ts';

/** Who sent `accepted` for (slot, ballot, value), as "value@ballot: S1 S4". */
function quorums(trace: TraceDocument, slot: number): string[] {
  const by = new Map<string, string[]>();
  for (const e of trace.events) {
    if (e.type !== 'send' || e.msg.kind !== 'accepted' || e.msg.slot !== slot) continue;
    const k = `${e.msg.value}@${e.msg.ballot.round}.${e.msg.ballot.node}`;
    by.set(k, [...(by.get(k) ?? []), e.msg.from]);
  }
  return [...by].map(([k, who]) => `${k}: ${who.sort().join(' ')}`).sort();
}

test('the shortest run: two values in slot 1, from a new-membership quorum and an old-membership one', () => {
  const trace = runScenario(reconfigureImmediatelyShortest);
  assert.deepEqual(trace.quorums.reconfig, { initial: ['S1', 'S2', 'S3'], alpha: 1 });
  assert.deepEqual(brokenProperties(trace), ['proposer-value', 'agreement']);
  assert.deepEqual(chosenValues(trace).get(1)?.slice().sort(), ['set x 1', 'set x 3']);
  assert.deepEqual(quorums(trace, 1), ['set x 1@1.S1: S1 S4', 'set x 3@2.S2: S1 S2']);
  // S2's phase 1 asked S2 and S3 only: neither had accepted anything in slot 1.
  const prepares = trace.events.filter((e) => e.type === 'deliver' && e.msg.kind === 'prepare' && e.msg.from === 'S2').map((e) => e.type === 'deliver' && e.msg.to);
  assert.deepEqual(prepares, ['S2', 'S3']);
});

test('18 moves and 4 to let the learners hear: shorter than the 26-step scripted witness', () => {
  const steps = reconfigureImmediatelyShortest.steps ?? [];
  assert.equal(steps.length, 22);
  const witness = reconfigureImmediatelyWitness(true);
  assert.equal(new Set(witness.trace.events.map((e) => e.time)).size, 26);
});

test('the correct rule cannot follow it: with the window, S1 sends no accept for slot 1 while slot 0 is open', () => {
  const { mutant: _, ...correct } = reconfigureImmediatelyShortest;
  assert.throws(() => runScenario(correct), /steps\[9\].*accept/);
});

test('the scripted witness, kept as a test: set x 1 by S1+S4 in slot 1 (1.S1), then set x 2 in slot 0 and set x 3 in slot 1 by S2+S3 (2.S2)', () => {
  const { trace } = reconfigureImmediatelyWitness(true);
  assert.deepEqual(quorums(trace, 1), ['set x 1@1.S1: S1 S4', 'set x 3@2.S2: S2 S3']);
  assert.deepEqual(quorums(trace, 0), ['set x 2@2.S2: S2 S3']);
  // S1 leads on S1's and S2's promises; S2 on S2's and S3's, which report nothing.
  const promises = trace.events.flatMap((e) => (e.type === 'deliver' && e.msg.kind === 'promise' ? [`${e.msg.from}→${e.msg.to} ${e.msg.ballot.round}.${e.msg.ballot.node}`] : []));
  assert.deepEqual(promises, ['S1→S1 1.S1', 'S2→S1 1.S1', 'S2→S2 2.S2', 'S3→S2 2.S2']);
  assert.ok(trace.events.some((e) => e.type === 'chosen' && e.node === 'S1' && e.slot === 1 && e.value === 'set x 1'), 'S1 learns set x 1 in slot 1');
});
