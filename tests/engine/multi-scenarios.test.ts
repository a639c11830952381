// The scripted Multi-Paxos scenarios of content/scenarios/multi/, run through the simulator and judged by
// the trace checker, plus what each one is there to show: one election then phase 2 only (steady), a new
// leader re-proposing a value it cannot know was chosen (takeover-half-accepted), a hole filled with a
// no-op (hole-noop), a lagging replica catching up (catch-up), and zpaxos's lost promise (lost-promise,
// the mutant, which the checker must catch; the same script without it must pass).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { runScenario, simulate, type Scenario } from '../../src/paxos/sim/index.ts';
import { checkTrace } from '../../src/paxos/check/properties.ts';
import type { TraceDocument, TraceEvent } from '../../src/paxos/core/trace.ts';
import type { Message } from '../../src/paxos/core/message.ts';
import type { NodeId, Slot, Value } from '../../src/paxos/core/ids.ts';

const DIR = new URL('../../content/scenarios/multi/', import.meta.url);
const load = (name: string): Scenario => JSON.parse(readFileSync(new URL(name, DIR), 'utf8')) as Scenario;

type Chosen = TraceEvent & { type: 'chosen' };
const chosen = (t: TraceDocument, node?: NodeId): Chosen[] =>
  t.events.filter((e): e is Chosen => e.type === 'chosen' && (node === undefined || e.node === node));
const sends = (t: TraceDocument, kind: string) =>
  t.events.filter((e): e is TraceEvent & { type: 'send' } => e.type === 'send' && e.msg.kind === kind).map((e) => e.msg as Message & Record<string, unknown>);
const delivered = (t: TraceDocument, kind: string) =>
  t.events.filter((e): e is TraceEvent & { type: 'deliver' } => e.type === 'deliver' && e.msg.kind === kind);
/** slot → value as learned by `node` (each slot once). */
const log = (t: TraceDocument, node: NodeId): Record<Slot, Value> => Object.fromEntries(chosen(t, node).map((c) => [c.slot, c.value]));

test('every scenario file in content/scenarios/multi is valid, deterministic, and judged by checkTrace', () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.json'));
  for (const need of ['steady.json', 'takeover-half-accepted.json', 'hole-noop.json', 'catch-up.json']) assert.ok(files.includes(need), `${need} exists`);
  for (const f of files) {
    const s = load(f);
    assert.equal(s.protocol, 'multi', f);
    const a = JSON.stringify(runScenario(s));
    assert.equal(a, JSON.stringify(runScenario(s)), `${f}: same scenario, byte-identical trace`);
    const violation = checkTrace(JSON.parse(a) as TraceDocument);
    if (s.mutant === undefined) assert.equal(violation, null, `${f}: ${violation?.message}`);
    else assert.ok(violation, `${f}: the mutant's run must be caught`);
  }
});

test('steady: one phase 1 for every slot, then each command is one accept round; all replicas apply the same log', () => {
  const sim = simulate(load('steady.json'));
  const t = sim.trace();
  const prepares = sends(t, 'prepare');
  assert.deepEqual(prepares.map((m) => `${m.from}→${m.to} ${JSON.stringify(m['ballot'])} slot ${m['slot']}`), ['S1', 'S2', 'S3'].map((to) => `S1→${to} {"round":1,"node":"S1"} slot 0`));
  const firstAccept = t.events.findIndex((e) => e.type === 'send' && e.msg.kind === 'accept');
  assert.ok(t.events.slice(firstAccept).every((e) => e.type !== 'send' || e.msg.kind !== 'prepare'), 'no prepare once phase 2 has started');
  const accepts = sends(t, 'accept');
  assert.deepEqual(accepts.map((m) => `${m['slot']}:${m['value']}`), ['0:set x 1', '0:set x 1', '0:set x 1', '1:set y 2', '1:set y 2', '1:set y 2'], 'one accept per slot and server');
  for (const node of ['S1', 'S2', 'S3']) {
    assert.deepEqual(log(t, node), { 0: 'set x 1', 1: 'set y 2' }, node);
    assert.equal(sim.view(node).extra['kv'], 'x=1, y=2', node);
  }
  // The leader learns first (from the accepted quorum), the others from its commit.
  assert.equal(chosen(t)[0]?.node, 'S1');
  const replies = delivered(t, 'client-reply').map((e) => e.msg as Message & { ok: boolean; slot: number });
  assert.deepEqual(replies.map((m) => [m.to, m.ok, m.slot]), [['C1', true, 0], ['C1', true, 1]]);
});

test('takeover-half-accepted: a value accepted by a quorum that nobody knew was chosen is re-proposed by the new leader', () => {
  const t = runScenario(load('takeover-half-accepted.json'));
  const crash = t.events.find((e) => e.type === 'crash');
  assert.ok(crash && crash.type === 'crash' && crash.node === 'S1');
  const before = t.events.filter((e) => e.seq < crash.seq);
  // Chosen already: S1 and S2 (a quorum of 3) accepted 1.S1 in slot 0 before the crash …
  const acceptedBefore = before.filter((e) => e.type === 'send' && e.msg.kind === 'accepted').map((e) => (e.type === 'send' ? e.msg.from : ''));
  assert.deepEqual(acceptedBefore.sort(), ['S1', 'S2']);
  // … but nobody had learned it.
  assert.equal(before.filter((e) => e.type === 'chosen').length, 0);
  const promise = sends(t, 'promise').find((m) => m.from === 'S2' && (m['ballot'] as { node: string }).node === 'S2');
  assert.deepEqual(promise?.['accepted'], [{ slot: 0, ballot: { round: 1, node: 'S1' }, value: 'set x 1' }]);
  const reproposed = sends(t, 'accept').filter((m) => m.from === 'S2');
  assert.ok(reproposed.length > 0);
  for (const m of reproposed) {
    assert.deepEqual(m['ballot'], { round: 2, node: 'S2' });
    assert.equal(m['slot'], 0);
    assert.equal(m['value'], 'set x 1', 'the new leader must keep the half-accepted value');
  }
  assert.deepEqual(log(t, 'S2'), { 0: 'set x 1' });
});

test('takeover-half-accepted, varied: if only the crashed leader accepted, the value was not chosen and the slot is free', () => {
  const s = load('takeover-half-accepted.json');
  const steps = (s.steps ?? []).map((st) =>
    st.type === 'deliver' && st.match.kind === 'accept' && st.match.to === 'S2' ? { type: 'drop' as const, match: st.match } : st,
  );
  const t = runScenario({ ...s, steps });
  assert.equal(checkTrace(t), null);
  const reproposed = sends(t, 'accept').filter((m) => m.from === 'S2');
  assert.deepEqual([...new Set(reproposed.map((m) => m['value']))], [], 'nothing reported: S2 has nothing to re-propose (and C1 will retry)');
  assert.deepEqual(log(t, 'S2'), {});
});

test('hole-noop: the new leader re-proposes reported slots and fills the unreported one with a no-op; the store skips it', () => {
  const sim = simulate(load('hole-noop.json'));
  const t = sim.trace();
  const byS2 = sends(t, 'accept').filter((m) => m.from === 'S2');
  const values = new Map(byS2.map((m) => [m['slot'] as number, m['value'] as Value]));
  assert.deepEqual([...values.entries()].sort(), [[0, 'set x 1'], [1, null], [2, 'set z 3']]);
  for (const node of ['S2', 'S3']) {
    assert.deepEqual(log(t, node), { 0: 'set x 1', 1: null, 2: 'set z 3' }, node);
    assert.equal(sim.view(node).extra['kv'], 'x=1, z=3', node);
  }
  assert.equal(chosen(t).filter((c) => c.value === 'set y 2').length, 0, 'the lost command is not in the log (yet)');
});

test('catch-up: the isolated replica learns the chosen prefix from one catchup-reply and reaches the same store', () => {
  const sim = simulate(load('catch-up.json'));
  const t = sim.trace();
  assert.deepEqual(log(t, 'S1'), { 0: 'set x 1', 1: 'set y 2', 2: 'del x' });
  const asks = sends(t, 'catchup').filter((m) => m.from === 'S3');
  assert.deepEqual(asks.map((m) => [m.to, m['slot']]), [['S1', 0]]);
  const reply = delivered(t, 'catchup-reply').find((e) => e.msg.to === 'S3');
  assert.ok(reply, 'the reply reached S3');
  const s3 = chosen(t, 'S3');
  assert.deepEqual(s3.map((c) => [c.slot, c.value]), [[0, 'set x 1'], [1, 'set y 2'], [2, 'del x']]);
  assert.ok(s3.every((c) => c.seq > reply.seq), 'S3 learned only from the catch-up');
  assert.ok(sends(t, 'promise').every((m) => m.from !== 'S3'), 'no vote was needed');
  assert.equal(sim.view('S3').extra['kv'], sim.view('S1').extra['kv']);
  assert.equal(sim.view('S3').extra['kv'], 'y=2');
});

test('lost-promise: with the mutant the restarted acceptor accepts below its promise and two values reach a quorum in slot 1; without it, safe', () => {
  const s = load('lost-promise.json');
  assert.equal(s.mutant, 'forget-promise-on-learn');
  const bad = runScenario(s);
  const v = checkTrace(bad);
  assert.equal(v?.property, 'second-promise', v?.message);
  assert.match(v?.message ?? '', /S3 accepted 1\.S1 after promising 2\.S2/);
  // Slot 1: b accepted in 1.S1 by S1, S3; c in 2.S2 by S2, S3 — two quorums, two values.
  const votes = sends(bad, 'accepted').filter((m) => m['slot'] === 1).map((m) => `${m.from}:${m['value']}`);
  assert.ok(['S1:b', 'S3:b', 'S2:c', 'S3:c'].every((x) => votes.includes(x)), votes.join(' '));

  const { mutant: _m, ...correct } = s;
  const good = runScenario(correct);
  assert.equal(checkTrace(good), null);
  const slot1 = new Set(chosen(good).filter((c) => c.slot === 1).map((c) => c.value));
  assert.ok(slot1.size <= 1, `one value in slot 1, got ${[...slot1].join(', ')}`);
  assert.ok(!sends(good, 'accepted').some((m) => m.from === 'S3' && m['slot'] === 1 && m['value'] === 'b'), 'S3 remembers 2.S2 and refuses b');
});

test('recovery: a restarted replica keeps its votes, forgets what it learned, and re-learns and re-applies the log by catch-up', () => {
  const s = load('steady.json');
  const steps = [
    ...(s.steps ?? []).filter((st) => st.type !== 'run' || st.until !== 22),
    { type: 'run' as const, until: 24 },
    { type: 'crash' as const, node: 'S3' },
    { type: 'recover' as const, node: 'S3', at: 30 },
    { type: 'run' as const, until: 70 },
  ];
  const sim = simulate({ ...s, steps });
  const t = sim.trace();
  assert.equal(checkTrace(t), null);
  const recover = t.events.find((e) => e.type === 'recover');
  assert.ok(recover);
  const after = chosen(t, 'S3').filter((c) => c.seq > recover.seq);
  assert.deepEqual(after.map((c) => [c.slot, c.value]), [[0, 'set x 1'], [1, 'set y 2']], 'learned again, in order');
  assert.ok(sends(t, 'catchup').some((m) => m.from === 'S3' && m['slot'] === 0));
  const v = sim.view('S3');
  assert.equal(v.extra['kv'], 'x=1, y=2', 'the store is rebuilt from slot 0');
  assert.deepEqual(v.accepted.map((a) => [a.slot, a.value]), [[0, 'set x 1'], [1, 'set y 2']], 'its accepted entries survived the crash');
});
