// Multi-Paxos reconfiguration, rule by rule: the config command and the membership it gives each slot
// (α slots after it is chosen), the leader's window (no proposal beyond it), phase 1 again for a new
// membership that has not promised, servers outside the membership not running, the settings'
// validation, the variant reconfigure-immediately, and the scenario multi/reconfigure (S3 leaves, S4 joins
// while C1 writes).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { multiPaxos, type MultiConfig, type ServerState } from '../../src/paxos/multi/index.ts';
import { membersOf, inWindow } from '../../src/paxos/multi/membership.ts';
import { configCommand, parseConfigCommand } from '../../src/paxos/core/reconfig.ts';
import { ConfigError, type Input, type StepResult } from '../../src/paxos/core/protocol.ts';
import type { Message, Outgoing } from '../../src/paxos/core/message.ts';
import type { NodeId, Value } from '../../src/paxos/core/ids.ts';
import { runScenario, type Scenario } from '../../src/paxos/sim/index.ts';
import { checkTrace } from '../../src/paxos/check/properties.ts';
import type { TraceDocument, TraceEvent } from '../../src/paxos/core/trace.ts';

const cfg = (extra: Partial<MultiConfig> = {}): MultiConfig => multiPaxos.config({ protocol: 'multi', acceptors: 4, alpha: 1, members: 3, ...extra });
const C = cfg();
const server = (c: MultiConfig, id: NodeId): ServerState => multiPaxos.init({ id, roles: ['proposer', 'acceptor', 'learner'] }, c) as ServerState;
let nextId = 1;
const step = (c: MultiConfig, s: ServerState, input: Input, now = 0): StepResult<ServerState> => multiPaxos.step(s, input, c, now) as StepResult<ServerState>;
const deliver = (c: MultiConfig, s: ServerState, from: NodeId, body: Outgoing, now = 0): StepResult<ServerState> =>
  step(c, s, { type: 'message', msg: { ...body, id: nextId++, from } as Message }, now);
const sent = (r: StepResult<unknown>, kind: string): (Outgoing & Record<string, unknown>)[] => r.send.filter((m) => m.kind === kind) as (Outgoing & Record<string, unknown>)[];
const learned = (s: ServerState, values: Value[]): ServerState => ({
  ...s,
  learned: values.map((value) => ({ ballot: { round: 1, node: 'S1' }, value })),
  firstUnchosen: values.length,
});

/** S1 leads with ballot 1.S1 on promises from `from` (empty). */
function leaderOn(c: MultiConfig, from: NodeId[]): ServerState {
  let s = step(c, server(c, 'S1'), { type: 'timeout', timer: 'election' }).state;
  for (const id of from) s = deliver(c, s, id, { kind: 'promise', to: 'S1', ballot: s.lastBallot, slot: 0, accepted: [] }).state;
  assert.equal(s.role, 'leader');
  return s;
}

test('the config command: distinct known servers, sorted; anything else is not a change', () => {
  const ids = ['S1', 'S2', 'S3', 'S4'];
  assert.deepEqual(parseConfigCommand('config S4 S1 S2', ids), ['S1', 'S2', 'S4']);
  assert.equal(parseConfigCommand('config S1 S9', ids), null);
  assert.equal(parseConfigCommand('config S1 S1', ids), null);
  assert.equal(parseConfigCommand('config ', ids), null);
  assert.equal(parseConfigCommand('set config S1', ids), null);
  assert.equal(parseConfigCommand(null, ids), null);
  assert.equal(configCommand(['S4', 'S2', 'S1']), 'config S1 S2 S4');
});

test('a change chosen in slot i sets the acceptors of slots ≥ i + α; unknown until slots ≤ s − α are chosen', () => {
  const s0 = server(C, 'S1');
  assert.deepEqual(membersOf(s0, 0, C), ['S1', 'S2', 'S3']);
  assert.equal(membersOf(s0, 1, C), null, 'slot 1 waits for slot 0');
  const s = learned(s0, ['set x 1', 'config S1 S2 S4']);
  assert.deepEqual(membersOf(s, 1, C), ['S1', 'S2', 'S3'], 'the change in slot 1 does not touch slot 1');
  assert.deepEqual(membersOf(s, 2, C), ['S1', 'S2', 'S4']);
  const C3 = cfg({ alpha: 3 });
  assert.deepEqual(membersOf(s, 3, C3), ['S1', 'S2', 'S3']);
  assert.deepEqual(membersOf(s, 4, C3), ['S1', 'S2', 'S4'], 'α = 3: slot 1 + 3 is the first with the new acceptors');
  assert.equal(membersOf(s, 5, C3), null, 'slot 2 is not chosen yet');
  assert.ok(inWindow(s, 2, C) && !inWindow(s, 3, C));
  assert.ok(inWindow(s, 4, C3) && !inWindow(s, 5, C3));
});

test('the leader proposes only inside its window: a second value waits until the change before it is chosen', () => {
  let s = leaderOn(C, ['S1', 'S2']);
  let r = step(C, s, { type: 'propose', value: 'config S1 S2 S4' });
  assert.deepEqual(sent(r, 'accept').map((m) => [m.to, m['slot']]), [['S1', 0], ['S2', 0], ['S3', 0]]);
  r = step(C, r.state, { type: 'propose', value: 'set x 1' });
  assert.deepEqual(sent(r, 'accept'), [], 'slot 1 is beyond the window while slot 0 is open');
  s = r.state;
  assert.deepEqual(s.waiting.map((w) => w.value), ['set x 1']);
  for (const id of ['S1', 'S2']) {
    r = deliver(C, s, id, { kind: 'accepted', to: 'S1', ballot: s.lastBallot, slot: 0, value: 'config S1 S2 S4' });
    s = r.state;
  }
  assert.deepEqual(r.chosen, [{ slot: 0, value: 'config S1 S2 S4' }]);
  // S1 and S2 promised: a majority of the new membership too, so no new phase 1; the accept goes to S1 S2 S4.
  assert.deepEqual(sent(r, 'accept').map((m) => [m.to, m['slot'], m['value']]), [['S1', 1, 'set x 1'], ['S2', 1, 'set x 1'], ['S4', 1, 'set x 1']]);
  assert.deepEqual(sent(r, 'commit').map((m) => m.to), ['S2', 'S3', 'S4'], 'slot 0\'s acceptors hear of it, and S4, an acceptor of the window now');
});

test('a new membership that has not promised gets phase 1 first; the leader counts late promises and re-proposes what they report', () => {
  let s = leaderOn(C, ['S1', 'S3']);
  s = step(C, s, { type: 'propose', value: 'config S1 S2 S4' }).state;
  s = step(C, s, { type: 'propose', value: 'set x 1' }).state;
  let r = deliver(C, s, 'S1', { kind: 'accepted', to: 'S1', ballot: s.lastBallot, slot: 0, value: 'config S1 S2 S4' });
  r = deliver(C, r.state, 'S3', { kind: 'accepted', to: 'S1', ballot: s.lastBallot, slot: 0, value: 'config S1 S2 S4' });
  // Of S1 S2 S4 only S1 promised: prepare(1.S1, slot 1) to S2 and S4 (S2 was asked at the election, so only S4).
  assert.deepEqual(sent(r, 'accept'), []);
  assert.deepEqual(sent(r, 'prepare').map((m) => [m.to, m['slot']]), [['S4', 1]]);
  s = r.state;
  // S4 had accepted "set y 9" in slot 1 under an older ballot: the leader must propose it there, not its own value.
  r = deliver(C, s, 'S4', { kind: 'promise', to: 'S1', ballot: s.lastBallot, slot: 1, accepted: [{ slot: 1, ballot: { round: 0, node: 'S2' }, value: 'set y 9' }] });
  assert.deepEqual(sent(r, 'accept').map((m) => [m.to, m['slot'], m['value']]), [['S1', 1, 'set y 9'], ['S2', 1, 'set y 9'], ['S4', 1, 'set y 9']]);
  assert.deepEqual(r.state.waiting.map((w) => w.value), ['set x 1'], 'its own value waits for the next slot');
});

test('an acceptor answers its leader\'s prepare again at the same ballot (only with reconfiguration)', () => {
  const ballot = { round: 1, node: 'S1' };
  let s4 = deliver(C, server(C, 'S4'), 'S1', { kind: 'accept', to: 'S4', ballot, slot: 1, value: 'set x 1' }).state;
  const r = deliver(C, s4, 'S1', { kind: 'prepare', to: 'S4', ballot, slot: 1 });
  assert.deepEqual(sent(r, 'promise').map((m) => m['accepted']), [[{ slot: 1, ballot, value: 'set x 1' }]]);
  const plain = multiPaxos.config({ protocol: 'multi', acceptors: 4 });
  s4 = deliver(plain, server(plain, 'S4'), 'S1', { kind: 'accept', to: 'S4', ballot, slot: 1, value: 'set x 1' }).state;
  assert.deepEqual(sent(deliver(plain, s4, 'S1', { kind: 'prepare', to: 'S4', ballot, slot: 1 }), 'promise'), []);
});

test('a server outside the membership does not run for leader; a candidate asks only the members', () => {
  const r4 = step(C, server(C, 'S4'), { type: 'timeout', timer: 'election' });
  assert.equal(r4.state.role, 'follower');
  assert.deepEqual(sent(r4, 'prepare'), []);
  const r1 = step(C, server(C, 'S1'), { type: 'timeout', timer: 'election' });
  assert.deepEqual(sent(r1, 'prepare').map((m) => m.to), ['S1', 'S2', 'S3']);
});

test('settings: alpha 1–99, members 1–servers and only with alpha, the variant only with alpha; off, the config echoes nothing new', () => {
  const bad = (extra: Record<string, unknown>, field: string): void =>
    assert.throws(() => multiPaxos.config({ protocol: 'multi', acceptors: 4, ...extra }), (e: unknown) => e instanceof ConfigError && e.field === field);
  bad({ alpha: 0 }, 'alpha');
  bad({ alpha: 1.5 }, 'alpha');
  bad({ alpha: 1, members: 5 }, 'members');
  bad({ members: 3 }, 'members');
  bad({ mutant: 'reconfigure-immediately' }, 'mutant');
  const plain = multiPaxos.config({ protocol: 'multi', acceptors: 4 });
  assert.equal('alpha' in plain || 'members' in plain, false);
  assert.deepEqual(multiPaxos.quorums(plain), { classic: 3 });
  assert.deepEqual(multiPaxos.quorums(C), { classic: 2, reconfig: { initial: ['S1', 'S2', 'S3'], alpha: 1 } });
});

test('reconfigure-immediately: the leader uses the new membership from the next slot as soon as it proposes the change', () => {
  const M = cfg({ mutant: 'reconfigure-immediately' });
  let r = step(M, leaderOn(M, ['S1', 'S2']), { type: 'propose', value: 'config S1 S2 S4' });
  r = step(M, r.state, { type: 'propose', value: 'set x 1' });
  assert.deepEqual(sent(r, 'accept').map((m) => [m.to, m['slot']]), [['S1', 1], ['S2', 1], ['S4', 1]], 'slot 0 is not chosen, yet slot 1 goes to S1 S2 S4');
});

type Send = TraceEvent & { type: 'send' };
test('scenario multi/reconfigure: S3 leaves and S4 joins while C1 writes; no accept beyond the window; checked safe', () => {
  const s = JSON.parse(readFileSync(new URL('../../content/scenarios/multi/reconfigure.json', import.meta.url), 'utf8')) as Scenario;
  const t = runScenario(s) as TraceDocument;
  assert.equal(checkTrace(t), null);
  const accepts = t.events.filter((e): e is Send => e.type === 'send' && e.msg.kind === 'accept').map((e) => e.msg as Message & { slot: number });
  const chosenAt = new Map<number, number>();
  for (const e of t.events) if (e.type === 'chosen' && e.node === 'S1' && !chosenAt.has(e.slot)) chosenAt.set(e.slot, e.seq);
  for (const e of t.events) {
    if (e.type !== 'send' || e.msg.kind !== 'accept') continue;
    const slot = (e.msg as Message & { slot: number }).slot;
    if (slot > 0) assert.ok((chosenAt.get(slot - 1) ?? Infinity) < e.seq, `accept for slot ${slot} sent after slot ${slot - 1} was chosen (α = 1)`);
  }
  const to = (slot: number): string[] => [...new Set(accepts.filter((m) => m.slot === slot).map((m) => m.to))].sort();
  assert.deepEqual(to(1), ['S1', 'S2', 'S3']);
  assert.deepEqual(to(2), ['S1', 'S2', 'S4']);
  assert.deepEqual(Object.fromEntries([...t.events].filter((e) => e.type === 'chosen' && e.node === 'S4').map((e) => [(e as { slot: number }).slot, (e as { value: Value }).value])),
    { 0: 'set x 1', 1: 'config S1 S2 S4', 2: 'set x 2', 3: 'set x 3', 4: 'set y 4' });
});
