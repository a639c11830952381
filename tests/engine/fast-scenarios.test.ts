// The scripted Fast Paxos scenarios of content/scenarios/fast/, run through the simulator and judged by
// the trace checker: the fast path saves one message delay, a collision is recovered with the value that
// may have been chosen, and a too-small fast quorum lets two values be chosen (and the checker says so).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { runScenario, simulate, ScenarioError, type Scenario } from '../../src/paxos/sim/index.ts';
import { checkTrace } from '../../src/paxos/check/properties.ts';
import type { TraceDocument, TraceEvent } from '../../src/paxos/core/trace.ts';
import type { Message } from '../../src/paxos/core/message.ts';

const DIR = new URL('../../content/scenarios/fast/', import.meta.url);
const load = (name: string): Scenario => JSON.parse(readFileSync(new URL(name, DIR), 'utf8')) as Scenario;

const chosen = (t: TraceDocument) => t.events.filter((e): e is TraceEvent & { type: 'chosen' } => e.type === 'chosen');
const sends = (t: TraceDocument, kind: string) =>
  t.events.filter((e): e is TraceEvent & { type: 'send' } => e.type === 'send' && e.msg.kind === kind).map((e) => ({ time: e.time, seq: e.seq, msg: e.msg }));
const firstTime = (t: TraceDocument, type: TraceEvent['type']): number => {
  const e = t.events.find((x) => x.type === type);
  assert.ok(e, `the trace has a ${type} event`);
  return e.time;
};

test('every scenario file in content/scenarios/fast is valid, deterministic, and judged by checkTrace', () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.json'));
  assert.ok(files.length >= 5, `scenario files: ${files.join(', ')}`);
  for (const f of files) {
    const s = load(f);
    const a = JSON.stringify(runScenario(s));
    assert.equal(a, JSON.stringify(runScenario(s)), `${f}: same scenario, byte-identical trace`);
    const violation = checkTrace(JSON.parse(a) as TraceDocument);
    if (s.mutant === undefined) assert.equal(violation, null, `${f}: ${violation?.message}`);
    else assert.ok(violation, `${f}: the mutant's run must be caught`);
  }
});

test('fast-no-conflict: chosen two message delays after the proposal, by a fast quorum in round 0', () => {
  const t = runScenario(load('fast-no-conflict.json'));
  assert.deepEqual(t.quorums, { classic: 3, fast: 4 });
  const c = chosen(t);
  assert.deepEqual(c.map((e) => `${e.node}:${e.value}`), ['L1:x']);
  assert.equal((c[0]?.time ?? NaN) - firstTime(t, 'propose'), 2);
  // L1 learned at the fourth accepted, not the third: a fast round needs q_f.
  const before = t.events.filter((e) => e.type === 'deliver' && e.msg.kind === 'accepted' && e.seq < (c[0]?.seq ?? 0));
  assert.equal(before.length, 4);
  assert.equal(sends(t, 'prepare').length + sends(t, 'accept').length + sends(t, 'accept-any').length, 0, 'the coordinator sent no phase-1/2 message');
});

test('classic-vs-fast: the same proposal through the coordinator takes three message delays', () => {
  const fast = runScenario(load('fast-no-conflict.json'));
  const classic = runScenario(load('classic-vs-fast.json'));
  const delay = (t: TraceDocument) => (chosen(t)[0]?.time ?? NaN) - firstTime(t, 'propose');
  assert.equal(delay(classic), 3);
  assert.equal(delay(classic) - delay(fast), 1, 'the fast round saves one message delay');
  assert.deepEqual(chosen(classic).map((e) => e.value), ['x']);
  assert.ok(sends(classic, 'accept').every((s) => !(s.msg as Message & { ballot: { fast?: true } }).ballot.fast));
});

test('collision-recovery: the collision starts classic ballot 1 at once, and the recovery rule forces y', () => {
  const t = runScenario(load('collision-recovery.json'));
  assert.equal(t.events.filter((e) => e.type === 'timeout').length, 0, 'detected from the votes, not by a timeout');
  const fastVotes = sends(t, 'accepted').filter((s) => (s.msg as Message & { ballot: { fast?: true } }).ballot.fast);
  assert.deepEqual([...new Set(fastVotes.map((s) => (s.msg as Message & { value: string }).value))].sort(), ['x', 'y'], 'both values were accepted in round 0');
  const prepares = sends(t, 'prepare');
  assert.ok(prepares.length > 0 && prepares.every((p) => p.msg.kind === 'prepare' && p.msg.ballot.round === 1 && !p.msg.ballot.fast));
  const accepts = sends(t, 'accept');
  assert.ok(accepts.length > 0);
  for (const a of accepts) assert.ok(a.msg.kind === 'accept' && a.msg.value === 'y' && a.msg.ballot.round === 1);
  assert.deepEqual([...new Set(chosen(t).map((e) => e.value))], ['y']);
  assert.equal(checkTrace(t), null);
});

test('collision-recovery, other promise order: from A1, A2, A3 the rule forces x instead', () => {
  const s = load('collision-recovery.json');
  const steps = (s.steps ?? []).map((step) =>
    step.type === 'deliver' && step.match.kind === 'prepare' ? { ...step, match: { ...step.match, to: { A3: 'A1', A4: 'A2', A5: 'A3' }[step.match.to as 'A3'] } }
    : step.type === 'deliver' && step.match.kind === 'promise' ? { ...step, match: { ...step.match, from: { A3: 'A1', A4: 'A2', A5: 'A3' }[step.match.from as 'A3'] } }
    : step,
  );
  const t = runScenario({ ...s, steps });
  assert.deepEqual([...new Set(sends(t, 'accept').map((a) => (a.msg as Message & { value: string }).value))], ['x']);
  assert.deepEqual([...new Set(chosen(t).map((e) => e.value))], ['x']);
  assert.equal(checkTrace(t), null);
});

test('chosen-in-fast-round: a value chosen by a fast quorum the coordinator never saw survives recovery', () => {
  const t = runScenario(load('chosen-in-fast-round.json'));
  const c = chosen(t);
  assert.deepEqual(c.map((e) => `${e.node}:${e.value}`), ['L2:y', 'L1:y']);
  const fastVotesForY = new Set(
    sends(t, 'accepted')
      .filter((s) => s.msg.kind === 'accepted' && s.msg.ballot.fast && s.msg.value === 'y')
      .map((s) => s.msg.from),
  );
  assert.equal(fastVotesForY.size, 4, 'y had a fast quorum in round 0');
  assert.ok(t.events.some((e) => e.type === 'timeout' && e.node === 'L1'), 'L1 saw no collision: it had to time out');
  const accepts = sends(t, 'accept');
  assert.ok(accepts.length > 0 && accepts.every((a) => a.msg.kind === 'accept' && a.msg.value === 'y'), 'the recovery rule forces y');
  assert.equal(checkTrace(t), null);
});

test('small-fast-quorum: two values chosen, and checkTrace reports the agreement violation', () => {
  const t = runScenario(load('small-fast-quorum.json'));
  assert.deepEqual(t.quorums, { classic: 3, fast: 3 });
  assert.deepEqual(chosen(t).map((e) => `${e.node}:${e.value}`), ['L2:x', 'L1:y']);
  const v = checkTrace(t);
  assert.equal(v?.property, 'agreement');
  assert.match(v?.message ?? '', /"y" reached a quorum/);
});

test('the same story with correct quorums (q_f = 4): nothing is chosen in round 0, one value in all', () => {
  const s = load('small-fast-quorum.json');
  const { mutant: _m, ...correct } = s;
  // Keep the deliveries up to the point where the broken run timed out; with q_f = 4 the coordinator sees
  // the collision itself (2 + 2 votes, 1 unheard) and recovers without a timeout.
  const cut = (s.steps ?? []).findIndex((x) => x.type === 'timeout');
  const sim = simulate({ ...correct, steps: [...(s.steps ?? []).slice(0, cut), { type: 'run', until: 'quiet' }] });
  const t = sim.trace();
  assert.deepEqual(t.quorums, { classic: 3, fast: 4 });
  const values = new Set(chosen(t).map((e) => e.value));
  assert.equal(values.size, 1, `chosen: ${[...values].join(', ')}`);
  assert.ok(!chosen(t).some((e) => e.node === 'L2' && e.time < 3), 'L2 learns nothing from round 0');
  assert.equal(checkTrace(t), null);
});

test('a fast quorum that breaks the formula is rejected with a message naming the field', () => {
  assert.throws(
    () => simulate({ protocol: 'fast', acceptors: 5, fastQuorum: 3 }),
    (e: unknown) => e instanceof ScenarioError && e.path === 'fastQuorum' && /2n/.test(e.message),
  );
  assert.throws(
    () => simulate({ protocol: 'fast', acceptors: 4, options: { opening: 'sideways' } }),
    (e: unknown) => e instanceof ScenarioError && e.path === 'options.opening',
  );
});
