// The browser resolves scenarios the build has checked without shipping the checks (resolve.ts): that
// trusted path must give exactly what the checked path gives, for every scenario the site carries and for
// hand-written ones that leave every default out or give every field.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getProtocol } from '../../src/paxos/registry.ts';
import { completeScenario } from '../../src/paxos/sim/resolve.ts';
import { resolveScenario } from '../../src/paxos/sim/validate.ts';
import { Simulation } from '../../src/paxos/sim/simulation.ts';
import type { Scenario, Step } from '../../src/paxos/sim/scenario.ts';
import { scenarioCatalog } from '../../src/scenarios/index.ts';
import { checkTrace } from '../../src/paxos/check/properties.ts';

const handWritten: Scenario[] = [
  { protocol: 'basic' },
  { protocol: 'fast', options: { learners: 2 }, classicQuorum: 3, fastQuorum: 4, acceptors: 5 },
  { protocol: 'multi', options: { alpha: 2 }, clients: 1, maxTime: 90 },
  {
    protocol: 'basic', acceptors: 5, proposers: 2, nack: false, seed: 9, workload: true, proposals: 2, maxTime: 70, maxEvents: 400,
    network: { latency: [1, 4], drop: 0.1, duplicate: 0.1, reorder: 0.2, partitions: [{ nodes: ['A1', 'A2'], from: 5, to: 20 }] },
    faults: { crashes: [{ node: 'A3', at: 4, recover: 30 }] },
    steps: [{ type: 'propose', node: 'P1', value: 'x' }, { type: 'deliver' } as Step, { type: 'drop', match: { kind: 'promise' } }, { type: 'run', until: 'quiet' }],
  },
];

test('completeScenario resolves a checked scenario exactly as resolveScenario does', () => {
  const all = [...Object.values(scenarioCatalog), ...handWritten];
  assert.ok(all.length > 20);
  for (const s of all) {
    const checked = resolveScenario(s, getProtocol);
    const trusted = completeScenario(s, getProtocol);
    assert.deepEqual(trusted, checked, s.title ?? JSON.stringify(s));
  }
});

test('a run from the trusted path is the same run, and a safe one', () => {
  for (const s of [...Object.values(scenarioCatalog).slice(0, 12), ...handWritten]) {
    const a = new Simulation(resolveScenario(s, getProtocol));
    const b = new Simulation(completeScenario(s, getProtocol));
    a.runSteps();
    b.runSteps();
    const trace = a.trace();
    assert.equal(JSON.stringify(b.trace()), JSON.stringify(trace));
    if (!s.mutant) assert.equal(checkTrace(trace), null);
  }
});

test('the trusted path refuses a protocol that is not loaded instead of guessing', () => {
  assert.throws(() => completeScenario({ protocol: 'fast' }, () => undefined), /not loaded/);
});
