// The checker on Multi-Paxos reconfiguration: the scope `--alpha` resolves to (3 → 3 servers, α = 1, two
// slots), the correct rule proved safe in the part of it a test can afford (one leader: S1's timers only),
// and the variant reconfigure-immediately refuted by its scripted run, which the correct rule refuses.
// The whole standard scope (two leaders) is run by bench/checker.ts and stated in the Multi chapter.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { brokenProperties, checkEngine, checkWitness, chosenValues } from '../../src/paxos/check/model-check.ts';
import { resolveScope } from '../../src/paxos/check/scopes.ts';
import { reconfigureImmediatelyWitness } from '../../src/paxos/check/witnesses.ts';
import { checkTrace } from '../../src/paxos/check/properties.ts';

test('--alpha 1 resolves to 4 servers, 3 of them first, two slots, two elections (S1, S2); the variant implies it', () => {
  const s = resolveScope({ protocol: 'multi', alpha: 1 });
  assert.deepEqual([s.acceptors, s.members, s.alpha, s.slots, s.timeouts, s.timed], [4, 3, 1, 2, 2, ['S1', 'S2']]);
  const m = resolveScope({ protocol: 'multi', mutant: 'reconfigure-immediately' });
  assert.deepEqual([m.acceptors, m.members, m.alpha], [4, 3, 1]);
  // Without reconfiguration the Multi scope is what it always was.
  const plain = resolveScope({ protocol: 'multi' });
  assert.equal(plain.acceptors, 3);
  assert.equal('alpha' in plain, false);
  assert.throws(() => resolveScope({ protocol: 'basic', alpha: 1 }), /alpha.*only Multi-Paxos reconfigures/);
});

test('the correct rule with one leader (S1) in the 3 → 3 scope: safe, every state checked', () => {
  const r = checkEngine({ protocol: 'multi', alpha: 1, timeouts: 1, timed: ['S1'] });
  assert.equal(r.result, 'safe', JSON.stringify({ ...r, trace: undefined }));
  assert.ok(r.states > 100_000, `the scope covers the change and both slots (${r.states} states)`);
  assert.equal(r.scope['alpha'], 1);
  assert.equal(r.scope['members'], 3);
});

test('reconfigure-immediately: S1 S4 choose "set x 1" in slot 1 under the new membership, S2 S3 choose "set x 3" there under the old one', () => {
  const w = reconfigureImmediatelyWitness(true);
  assert.deepEqual(w.conflict, { slot: 1, values: ['set x 1', 'set x 3'] });
  assert.deepEqual(chosenValues(w.trace).get(1), ['set x 1', 'set x 3']);
  assert.deepEqual(w.trace.quorums.reconfig, { initial: ['S1', 'S2', 'S3'], alpha: 1 });
  // The rule the variant removes is the proposer's (slot 1 proposed before its acceptors were known);
  // agreement breaks with it.
  assert.deepEqual(brokenProperties(w.trace), ['proposer-value', 'agreement']);
  assert.match(checkTrace(w.trace)?.message ?? '', /slot 1 was sent before the acceptors of slot 1 were known/);
  const r = checkWitness('reconfigure-immediately');
  assert.equal(r?.result, 'violation');
  // With the window S1 may not propose in slot 1 while slot 0 is open: the script has nothing to deliver.
  assert.throws(() => reconfigureImmediatelyWitness(false), /script step 8 .*"to":"S1","msg":"accept","slot":1/);
});
