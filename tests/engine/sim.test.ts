// The simulator: determinism, the stepwise Simulation (in-flight list, timers, actions, checkpoints and
// forks), network faults, crashes, and copy-as-scenario. Every run here is also safety-checked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkTrace } from '../../src/paxos/check/properties.ts';
import { Simulation, copyAsScenario, runScenario, simulate, ScenarioError, type Scenario } from '../../src/paxos/sim/index.ts';
import type { TraceDocument } from '../../src/paxos/core/trace.ts';
import { getProtocol } from '../../src/paxos/registry.ts';
import { resolveScenario } from '../../src/paxos/sim/validate.ts';

const safe = (doc: TraceDocument) => assert.equal(checkTrace(doc), null, JSON.stringify(checkTrace(doc)));
const faulty: Scenario = { protocol: 'basic', seed: 11, acceptors: 5, proposers: 3, network: { latency: [1, 4], drop: 0.15, duplicate: 0.15, reorder: 0.2, partitions: 2 }, faults: { crashes: 3 } };

test('same scenario + seed → byte-identical trace; another seed → another trace', () => {
  const a = JSON.stringify(runScenario(faulty));
  assert.equal(JSON.stringify(runScenario(faulty)), a);
  assert.equal(JSON.stringify(runScenario(structuredClone(faulty))), a);
  assert.notEqual(JSON.stringify(runScenario({ ...faulty, seed: 12 })), a);
  safe(runScenario(faulty));
});

test('trace shape: paxos-trace/1 header, seq 0..n-1, time non-decreasing, deliver/drop carry the sent message', () => {
  const doc = runScenario(faulty);
  assert.equal(doc.format, 'paxos-trace/1');
  assert.equal(doc.protocol, 'basic');
  assert.equal(doc.config.seed, 11);
  assert.deepEqual(doc.quorums, { classic: 3 });
  assert.deepEqual(doc.nodes.map((n) => n.id), ['P1', 'P2', 'P3', 'A1', 'A2', 'A3', 'A4', 'A5']);
  const sent = new Map<number, string>();
  let last = 0;
  doc.events.forEach((e, i) => {
    assert.equal(e.seq, i);
    assert.ok(e.time >= last);
    last = e.time;
    if (e.type === 'send') sent.set(e.msg.id, JSON.stringify(e.msg));
    if (e.type === 'deliver' || e.type === 'drop') assert.equal(JSON.stringify(e.msg), sent.get(e.msg.id));
  });
  for (const t of ['propose', 'send', 'deliver', 'drop', 'crash', 'chosen']) assert.ok(doc.events.some((e) => e.type === t), `a ${t} event`);
});

test('random runs without steps: every proposer proposes, values are v1, v2, …', () => {
  const doc = runScenario({ protocol: 'basic', seed: 3, proposers: 3 });
  const proposals = doc.events.filter((e) => e.type === 'propose').map((e) => e.type === 'propose' && `${e.node}=${e.value}`);
  assert.deepEqual(proposals.sort(), ['P1=v1', 'P2=v2', 'P3=v3']);
});

test('stepwise: messages in flight and pending timers are listed; deliver by id; timers fire', () => {
  const sim = new Simulation(resolveScenario({ protocol: 'basic', seed: 1, network: { latency: [2, 2] }, timing: { proposerTimeout: 9 }, steps: [] }, getProtocol));
  sim.apply({ type: 'propose', node: 'P1', value: 'x' });
  assert.deepEqual(sim.inFlight().map((f) => `${f.msg.kind}→${f.msg.to}@${f.due}`), ['prepare→A1@2', 'prepare→A2@2', 'prepare→A3@2']);
  assert.deepEqual(sim.timers(), [{ node: 'P1', timer: 'phase', due: 9, serial: sim.timers()[0]!.serial }]);
  const id = sim.inFlight()[1]!.msg.id;
  sim.apply({ type: 'deliver', match: { id } });
  assert.equal(sim.time, 2);
  assert.deepEqual(sim.inFlight().map((f) => f.msg.kind), ['prepare', 'prepare', 'promise']);
  sim.apply({ type: 'timeout', node: 'P1' });
  assert.equal(sim.time, 9);
  assert.equal(sim.view('P1').extra['phase'], 'backoff');
  assert.deepEqual(sim.timers().map((t) => t.timer), ['retry']);
});

test('peek tells what tick does next', () => {
  const sim = new Simulation(resolveScenario({ protocol: 'basic', seed: 5, network: { drop: 0.3 }, faults: { crashes: [{ node: 'A1', at: 3 }] } }, getProtocol));
  let dropsToCrashed = 0;
  for (let i = 0; i < 60; i++) {
    const next = sim.peek();
    if (!next) break;
    const before = sim.events().length;
    sim.apply({ type: 'tick' });
    const e = sim.events()[before]!;
    if (next.type === 'deliver' || next.type === 'drop') {
      assert.ok(e.type === 'deliver' || e.type === 'drop');
      assert.equal(e.msg.id, next.match.id);
      assert.equal(e.type, next.type, 'a message to a crashed node is announced as a drop too');
      if (e.type === 'drop' && e.msg.to === 'A1' && !sim.isUp('A1')) dropsToCrashed++;
    } else assert.equal(e.type, next.type);
  }
  assert.ok(dropsToCrashed > 0, 'the run should send something to the crashed A1');
});

test('snapshot/restore: seek back and fork; the original future is unaffected', () => {
  const sim = new Simulation(resolveScenario(faulty, getProtocol));
  sim.apply({ type: 'run', until: 20 });
  const mid = sim.snapshot();
  const midEvents = sim.events().length;
  sim.apply({ type: 'run', until: 'quiet' });
  const full = JSON.stringify(sim.trace());
  // Fork: crash A1 at the checkpoint, then run on.
  sim.restore(mid);
  assert.equal(sim.events().length, midEvents);
  sim.apply({ type: 'crash', node: 'A1' });
  sim.apply({ type: 'run', until: 'quiet' });
  const fork = JSON.stringify(sim.trace());
  assert.notEqual(fork, full);
  safe(sim.trace());
  // Back again: replaying from the checkpoint gives the original future byte for byte.
  sim.restore(mid);
  sim.apply({ type: 'run', until: 'quiet' });
  assert.equal(JSON.stringify(sim.trace()), full);
});

test('a step that cannot be done throws a ScenarioError and leaves the simulation as it was', () => {
  const sim = new Simulation(resolveScenario({ protocol: 'basic', seed: 1, steps: [] }, getProtocol));
  sim.apply({ type: 'propose', node: 'P1', value: 'x' });
  const before = JSON.stringify(sim.trace());
  assert.throws(() => sim.apply({ type: 'deliver', match: { kind: 'accept' } }), (e: unknown) => e instanceof ScenarioError && /no message in flight matches \{"kind":"accept"\}; in flight: #0 prepare P1→A1/.test(e.message));
  assert.throws(() => sim.apply({ type: 'deliver', match: { kind: 'prepare' }, count: 4 }), /after 3 matched/);
  assert.throws(() => sim.apply({ type: 'timeout', node: 'P2' }), /P2 has no pending timer/);
  assert.throws(() => sim.apply({ type: 'recover', node: 'A1' }), /A1 is not crashed/);
  assert.throws(() => sim.apply({ type: 'crash', node: 'A9' }), /unknown node "A9"; nodes are P1, P2, A1, A2, A3/);
  assert.equal(JSON.stringify(sim.trace()), before);
  assert.deepEqual(sim.steps(), [{ type: 'propose', node: 'P1', value: 'x' }]);
});

test('crash: messages to a crashed node are dropped; its timers go; durable acceptor state comes back', () => {
  const sim = new Simulation(resolveScenario({ protocol: 'basic', seed: 1, steps: [] }, getProtocol));
  sim.apply({ type: 'propose', node: 'P1', value: 'x' });
  sim.apply({ type: 'deliver', match: { to: 'A1' } });
  sim.apply({ type: 'crash', node: 'A1' });
  sim.apply({ type: 'crash', node: 'P1' });
  assert.deepEqual(sim.timers(), []);
  sim.apply({ type: 'deliver', match: { to: 'P1', from: 'A1' } });
  assert.equal(sim.events().at(-1)?.type, 'drop');
  sim.apply({ type: 'recover', node: 'A1' });
  assert.deepEqual(sim.view('A1').promised, { round: 1, node: 'P1' });
  safe(sim.trace());
});

test('duplicate: a second copy with its own id/copy number; both can be delivered', () => {
  const sim = new Simulation(resolveScenario({ protocol: 'basic', seed: 1, steps: [] }, getProtocol));
  sim.apply({ type: 'propose', node: 'P1', value: 'x' });
  sim.apply({ type: 'duplicate', match: { to: 'A2' } });
  const copies = sim.inFlight().filter((f) => f.msg.to === 'A2');
  assert.ok(copies.every((f) => f.msg.id === copies[0]!.msg.id));
  assert.deepEqual(copies.map((f) => f.copy).sort(), [0, 1]);
  sim.apply({ type: 'deliver', match: { to: 'A2' }, count: 'all' });
  const delivered = sim.events().filter((e) => e.type === 'deliver' && e.msg.to === 'A2');
  assert.equal(delivered.length, 2);
  // The repeat prepare gets no second promise (first promise: ≤ n is not answered again).
  assert.equal(sim.events().filter((e) => e.type === 'send' && e.msg.kind === 'promise').length, 1);
  safe(sim.trace());
});

test('a partition cuts messages across it while it lasts', () => {
  const doc = runScenario({ protocol: 'basic', seed: 2, network: { partitions: [{ nodes: ['A1', 'A2'], from: 0, to: 1000 }] }, maxTime: 200 });
  const drops = doc.events.filter((e) => e.type === 'drop');
  assert.ok(drops.length > 0);
  for (const e of doc.events) {
    if (e.type === 'deliver') assert.ok(!['A1', 'A2'].includes(e.msg.to) && !['A1', 'A2'].includes(e.msg.from), `${e.msg.from}→${e.msg.to} crossed the cut`);
  }
  assert.ok(!doc.events.some((e) => e.type === 'chosen'), 'only A3 is reachable: no quorum');
  safe(doc);
});

test('run until a time stops the clock there; maxTime bounds a run that never goes quiet', () => {
  const sim = new Simulation(resolveScenario({ protocol: 'basic', seed: 1, steps: [], maxTime: 60 }, getProtocol));
  sim.apply({ type: 'crash', node: 'A1' });
  sim.apply({ type: 'crash', node: 'A2' });
  sim.apply({ type: 'propose', node: 'P1', value: 'x' });
  sim.apply({ type: 'run', until: 30 });
  assert.equal(sim.time, 30);
  assert.ok(sim.events().every((e) => e.time <= 30));
  sim.apply({ type: 'run', until: 'quiet' });
  assert.equal(sim.stopReason, 'max-time');
  assert.ok(sim.events().every((e) => e.time <= 60));
});

test('maxEvents bounds a run', () => {
  const sim = simulate({ protocol: 'basic', seed: 1, maxEvents: 10 });
  assert.equal(sim.stopReason, 'max-events');
  assert.equal(sim.events().length, 10);
});

test('copy as scenario: a hand-driven run replays to the same trace (JSON round trip included)', () => {
  const base: Scenario = { protocol: 'basic', seed: 9, network: { latency: [1, 3], drop: 0.1, duplicate: 0.2 }, faults: { crashes: 1 } };
  const sim = new Simulation(resolveScenario(base, getProtocol));
  sim.apply({ type: 'tick' });
  sim.apply({ type: 'tick' });
  sim.apply({ type: 'propose', node: 'P2', value: 'mine' });
  sim.apply({ type: 'deliver', match: { kind: 'prepare', from: 'P2' }, count: 2 });
  sim.apply({ type: 'crash', node: 'A3' });
  sim.apply({ type: 'run', until: 25 });
  sim.apply({ type: 'recover', node: 'A3' });
  sim.apply({ type: 'run', until: 'quiet' });
  const copy = JSON.parse(JSON.stringify(copyAsScenario(base, sim.steps()))) as Scenario;
  assert.equal(copy.workload, true);
  assert.equal(copy.steps?.length, 8);
  assert.equal(JSON.stringify(runScenario(copy)), JSON.stringify(sim.trace()));
  safe(sim.trace());
});

test('copy as scenario of a random run, and of a scripted one', () => {
  const random: Scenario = { protocol: 'basic', seed: 4, network: { drop: 0.2 } };
  const s1 = simulate(random);
  assert.equal(JSON.stringify(runScenario(copyAsScenario(random, s1.steps()))), JSON.stringify(s1.trace()));
  const scripted: Scenario = { protocol: 'basic', seed: 4, steps: [{ type: 'propose', node: 'P1', value: 'a' }, { type: 'run', until: 'quiet' }] };
  const s2 = simulate(scripted);
  const copy = copyAsScenario(scripted, s2.steps());
  assert.equal(copy.workload, false);
  assert.equal(JSON.stringify(runScenario(copy)), JSON.stringify(s2.trace()));
});

test('the simulator drives every registered protocol, deterministically and safely', () => {
  for (const protocol of ['basic', 'multi', 'fast'] as const) {
    const sc: Scenario = { protocol, seed: 21, network: { drop: 0.1, duplicate: 0.1 }, faults: { crashes: 1 }, maxTime: 300 };
    const a = runScenario(sc);
    assert.equal(JSON.stringify(runScenario(sc)), JSON.stringify(a), protocol);
    assert.equal(a.protocol, protocol);
    safe(a);
  }
});
