// The browser's protocol shelf: nothing is at hand until loaded, each protocol loads once, and a scenario of a
// protocol not yet loaded is refused with a message that says what to do.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ProtocolShelf } from '../../src/paxos/load-protocol.ts';
import { protocols } from '../../src/paxos/registry.ts';
import { Simulation } from '../../src/paxos/sim/simulation.ts';
import { resolveScenario } from '../../src/paxos/sim/validate.ts';
import { ScenarioError } from '../../src/paxos/sim/scenario.ts';
import { checkTrace } from '../../src/paxos/check/properties.ts';
import { PROTOCOL_NAMES } from '../../src/paxos/core/trace.ts';

test('each protocol loads on demand, once, and is the registry\'s protocol without the checker\'s hints', async () => {
  const shelf = new ProtocolShelf();
  for (const name of PROTOCOL_NAMES) {
    assert.equal(shelf.lookup(name), undefined);
    assert.throws(() => resolveScenario({ protocol: name }, shelf.lookup), (e: unknown) => e instanceof ScenarioError && e.path === 'protocol' && /not loaded yet/.test(e.message));
    const loaded = await shelf.load(name);
    const { stale, valuesPerStep, ...engine } = protocols[name];
    assert.equal(typeof stale, 'function');
    assert.equal(loaded.stale, undefined);
    assert.equal(loaded.valuesPerStep, undefined);
    if (name === 'fast') assert.equal(typeof valuesPerStep, 'function');
    assert.deepEqual({ ...loaded }, engine);
    assert.equal(await shelf.load(name), loaded);
    assert.ok(shelf.has(name));
  }
});

test('a run built from the shelf is the same run as one built from the registry', async () => {
  const shelf = new ProtocolShelf();
  await shelf.load('multi');
  const scenario = { protocol: 'multi' as const, seed: 7, maxTime: 80 };
  const a = new Simulation(resolveScenario(scenario, shelf.lookup));
  a.runSteps();
  const b = new Simulation(resolveScenario(scenario, (n) => protocols[n]));
  b.runSteps();
  assert.equal(JSON.stringify(a.trace()), JSON.stringify(b.trace()));
  assert.equal(checkTrace(a.trace()), null);
});

test('a raw scenario without a lookup is refused, not guessed', () => {
  assert.throws(() => new (Simulation as unknown as new (s: unknown) => Simulation)({ protocol: 'basic' }), /resolve the scenario first/);
});
