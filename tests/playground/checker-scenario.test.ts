// The checker panel's converter: each Basic mutant's shortest counterexample, turned into a playground
// scenario, replays in the simulator to a run the trace checker rejects for agreement — and for the same
// properties, in the same order, as the checker's own trace; the correct protocol has nothing to convert.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { brokenProperties, checkEngine, checkWitness, chosenValues } from '../../src/paxos/check/model-check.ts';
import { checkTrace } from '../../src/paxos/check/properties.ts';
import { MUTANTS } from '../../src/paxos/core/mutants.ts';
import { Simulation } from '../../src/paxos/sim/simulation.ts';
import { counterexampleScenario } from '../../src/components/playground/checker/counterexample-scenario.ts';
import { PlaygroundRun } from '../../src/components/playground/run.ts';
import { getProtocol } from '../../src/paxos/registry.ts';
import { resolveScenario } from '../../src/paxos/sim/validate.ts';

for (const m of MUTANTS.filter((x) => x.protocol === 'basic' && x.safety === 'broken')) {
  test(`${m.name}: the counterexample replays in the simulator and breaks agreement`, () => {
    const r = checkEngine({ protocol: 'basic', mutant: m.name });
    assert.equal(r.result, 'violation');
    if (r.result !== 'violation') return;
    const scenario = counterexampleScenario(r.trace, m.name);
    assert.equal(scenario.mutant, m.name);
    const sim = new Simulation(resolveScenario(scenario, getProtocol));
    sim.runSteps();
    const trace = sim.trace();
    const bad = checkTrace(trace);
    assert.ok(bad, 'the replayed run breaks a safety property');
    assert.deepEqual(brokenProperties(trace), r.broken, 'the same properties, in the same order, as the checker\'s trace');
    // Two values chosen in one slot, judged from the acceptances alone. (reused-ballot's trace breaks
    // "one value per ballot" first, and the trace checker names that property, not agreement.)
    assert.ok([...chosenValues(trace).values()].some((values) => values.length > 1), 'two values chosen');
    if (m.name !== 'reused-ballot') assert.ok(r.broken.includes('agreement'));
    // The same message contents in the same order as the checker's trace (ids and times aside).
    const sends = (events: typeof trace.events) => events.filter((e) => e.type === 'send').map((e) => e.type === 'send' && `${e.msg.kind} ${e.msg.from}→${e.msg.to}`);
    assert.deepEqual(sends(trace.events), sends(r.trace.events));
    // Stepping it in the playground: safe before the move that breaks agreement, unsafe from it on.
    const run = new PlaygroundRun(resolveScenario(scenario, getProtocol));
    let firstUnsafe = -1;
    for (let i = 0; i < 200 && run.next(); i++) {
      const v = run.violation();
      if (v && firstUnsafe < 0) firstUnsafe = run.position;
      if (v?.property === 'agreement') break;
    }
    assert.ok(firstUnsafe > 0, 'the playground flags the run');
  });
}

test('answer-lower-prepare keeps agreement: the checker finds no counterexample to convert', () => {
  const r = checkEngine({ protocol: 'basic', mutant: 'answer-lower-prepare' }, { maxStates: 300_000 });
  assert.notEqual(r.result, 'violation');
});

test('reconfigure-immediately: a reconfiguration counterexample converts with its window and first membership, and replays to two values in slot 1', () => {
  const r = checkWitness('reconfigure-immediately');
  assert.equal(r?.result, 'violation');
  if (r?.result !== 'violation') return;
  const scenario = counterexampleScenario(r.trace, 'reconfigure-immediately');
  assert.deepEqual(scenario.options, { alpha: 1, members: 3 });
  const sim = new Simulation(resolveScenario(scenario, getProtocol));
  sim.runSteps();
  const trace = sim.trace();
  assert.deepEqual(trace.quorums.reconfig, { initial: ['S1', 'S2', 'S3'], alpha: 1 });
  assert.deepEqual(brokenProperties(trace), r.broken);
  assert.deepEqual(chosenValues(trace).get(1), ['set x 1', 'set x 3']);
});
