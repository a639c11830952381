// Bad scenarios get a ScenarioError whose message starts with the field path and says what is allowed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveScenario, ScenarioError, runScenario } from '../../src/paxos/sim/index.ts';
import { getProtocol } from '../../src/paxos/registry.ts';

function rejects(raw: unknown, path: string, pattern: RegExp) {
  assert.throws(
    () => resolveScenario(raw, getProtocol),
    (e: unknown) => {
      assert.ok(e instanceof ScenarioError, `expected ScenarioError, got ${String(e)}`);
      assert.equal(e.path, path, e.message);
      assert.ok(e.message.startsWith(`${path}: `), e.message);
      assert.match(e.message, pattern);
      return true;
    },
  );
}

test('0 acceptors', () => rejects({ protocol: 'basic', acceptors: 0 }, 'acceptors', /at least 1/));
test('unknown protocol and unknown field', () => {
  rejects({ protocol: 'raft' }, 'protocol', /one of basic, multi, fast, got "raft"/);
  rejects({ protocol: 'basic', acceptor: 3 }, 'acceptor', /unknown field; allowed: protocol, acceptors/);
  rejects('nope', 'scenario', /must be an object/);
});
test('unknown node in a step names the step and lists the nodes', () => {
  rejects({ protocol: 'basic', proposers: 2, steps: [{ type: 'propose', node: 'P1', value: 'x' }, { type: 'run', until: 'quiet' }, { type: 'deliver', match: {} }, { type: 'crash', node: 'A9' }] }, 'steps[3].node', /unknown node "A9"; nodes are P1, P2, A1, A2, A3$/);
});
test('bad patterns', () => {
  rejects({ protocol: 'basic', steps: [{ type: 'deliver', match: { knd: 'accept' } }] }, 'steps[0].match.knd', /unknown field; allowed: kind, from, to/);
  rejects({ protocol: 'basic', steps: [{ type: 'deliver', match: { from: 'P7' } }] }, 'steps[0].match.from', /unknown node "P7"/);
  rejects({ protocol: 'basic', steps: [{ type: 'drop', match: { kind: 3 } }] }, 'steps[0].match.kind', /message kind/);
  rejects({ protocol: 'basic', steps: [{ type: 'deliver', match: {}, count: 0 }] }, 'steps[0].count', /integer ≥ 1/);
  rejects({ protocol: 'basic', steps: [{ type: 'jump' }] }, 'steps[0].type', /one of propose, deliver/);
  rejects({ protocol: 'basic', steps: [{ type: 'run', until: 'forever' }] }, 'steps[0].until', /number/);
});
test('fast quorums must satisfy q_c > n/2 and q_c + 2·q_f > 2n, unless the small-fast-quorum mutant', () => {
  rejects({ protocol: 'fast', acceptors: 5, classicQuorum: 2, fastQuorum: 5 }, 'classicQuorum', /q_c > n\/2/);
  rejects({ protocol: 'fast', acceptors: 5, classicQuorum: 3, fastQuorum: 3 }, 'fastQuorum', /3 breaks q_c \+ 2·q_f > 2n \(3 \+ 2·3 ≤ 10\) with 5 acceptors and classicQuorum 3; use at least 4/);
  rejects({ protocol: 'fast', acceptors: 5, classicQuorum: 3, fastQuorum: 6 }, 'fastQuorum', /must be an integer between 1 and 5, got 6/);
  assert.doesNotThrow(() => resolveScenario({ protocol: 'fast', acceptors: 5, classicQuorum: 3, fastQuorum: 4 }, getProtocol));
  assert.doesNotThrow(() => resolveScenario({ protocol: 'fast', acceptors: 5, classicQuorum: 3, fastQuorum: 3, mutant: 'small-fast-quorum' }, getProtocol));
  rejects({ protocol: 'basic', classicQuorum: 2 }, 'classicQuorum', /only Fast Paxos/);
});
test('mutants must exist and belong to the protocol', () => {
  rejects({ protocol: 'basic', mutant: 'no-such' }, 'mutant', /unknown mutant "no-such"/);
  rejects({ protocol: 'basic', mutant: 'small-fast-quorum' }, 'mutant', /is a fast mutant; Basic Paxos mutants are no-first-promise/);
});
test('network, faults and timing fields', () => {
  rejects({ protocol: 'basic', network: { drop: 1.5 } }, 'network.drop', /probability between 0 and 1/);
  rejects({ protocol: 'basic', network: { latency: [5, 1] } }, 'network.latency', /min 5 is above max 1/);
  rejects({ protocol: 'basic', network: { latency: [1] } }, 'network.latency', /\[min, max\]/);
  rejects({ protocol: 'basic', network: { partitions: [{ nodes: ['A1'], from: 5, to: 2 }] } }, 'network.partitions[0].to', /after from/);
  rejects({ protocol: 'basic', network: { partitions: [{ nodes: ['Q1'], from: 0, to: 2 }] } }, 'network.partitions[0].nodes[0]', /unknown node "Q1"/);
  rejects({ protocol: 'basic', faults: { crashes: [{ node: 'A1', at: 10, recover: 3 }] } }, 'faults.crashes[0].recover', /after at/);
  rejects({ protocol: 'basic', faults: { crashes: -1 } }, 'faults.crashes', /integer ≥ 0/);
  rejects({ protocol: 'basic', timing: { backoff: [9, 1] } }, 'timing.backoff', /min ≤ max/);
  rejects({ protocol: 'basic', seed: 1.5 }, 'seed', /integer/);
  rejects({ protocol: 'basic', maxTime: 0 }, 'maxTime', /≥ 1/);
});
test('errors met while running a script name the step', () => {
  assert.throws(() => runScenario({ protocol: 'basic', steps: [{ type: 'propose', node: 'P1', value: 'x' }, { type: 'deliver', match: { kind: 'accept' } }] }), /^ScenarioError: steps\[1\]\.match: no message in flight matches|steps\[1\]\.match: no message in flight/);
  assert.throws(() => runScenario({ protocol: 'basic', steps: [{ type: 'crash', node: 'P1' }, { type: 'propose', node: 'P1', value: 'x' }] }), /steps\[1\]\.node: P1 is crashed; recover it first/);
});
