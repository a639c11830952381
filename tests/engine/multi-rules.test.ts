// Unit tests for each Multi-Paxos rule, by direct `step` calls (no simulator): the acceptor's promises
// over a log suffix, phase 1 once for all slots ≥ k, skipping phase 1, one accept per slot, re-proposing
// half-accepted values, no-op holes, learning, catch-up, in-order apply, durable state, leases, stepping
// down, the client, and the forget-promise-on-learn mutant.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { multiPaxos, applyCommand, type MultiConfig, type MultiState, type ServerState, type ClientState } from '../../src/paxos/multi/index.ts';
import { ConfigError, type Input, type StepResult } from '../../src/paxos/core/protocol.ts';
import type { AcceptedEntry, Message, Outgoing } from '../../src/paxos/core/message.ts';
import type { Ballot } from '../../src/paxos/core/ballot.ts';
import type { NodeId, Value } from '../../src/paxos/core/ids.ts';

const cfg = (extra: Partial<MultiConfig> = {}): MultiConfig => multiPaxos.config({ protocol: 'multi', ...extra });
const C3 = cfg();

const b = (round: number, node: NodeId): Ballot => ({ round, node });

/** Frozen all the way down: a step that mutated its input state would throw (modules run in strict mode). */
function deepFreeze<T>(x: T): T {
  if (x !== null && typeof x === 'object' && !Object.isFrozen(x)) {
    Object.freeze(x);
    for (const v of Object.values(x)) deepFreeze(v);
  }
  return x;
}

function initNode(c: MultiConfig, id: NodeId): MultiState {
  const info = multiPaxos.nodes(c).find((n) => n.id === id);
  if (!info) throw new Error(`no node ${id}`);
  return multiPaxos.init(info, c);
}
const server = (c: MultiConfig, id: NodeId): ServerState => initNode(c, id) as ServerState;

let nextId = 1;
const msg = (from: NodeId, out: Outgoing | Record<string, unknown>): Message => ({ ...out, id: nextId++, from }) as Message;

function step<S extends MultiState>(c: MultiConfig, s: S, input: Input, now = 0): StepResult<S> {
  return multiPaxos.step(deepFreeze(s), input, c, now) as StepResult<S>;
}
const deliver = <S extends MultiState>(c: MultiConfig, s: S, from: NodeId, body: Outgoing | Record<string, unknown>, now = 0): StepResult<S> =>
  step(c, s, { type: 'message', msg: msg(from, body) }, now);

type Sent = Outgoing & Record<string, unknown>;
const sent = (r: StepResult<unknown>, kind?: string): Sent[] => r.send.filter((m) => kind === undefined || m.kind === kind) as Sent[];

function assertConfigError(fn: () => unknown, field: string): void {
  assert.throws(fn, (e: unknown) => e instanceof ConfigError && e.field === field && e.message.startsWith(`${field}:`), `expected a ConfigError naming ${field}`);
}

/** S_id wins an election at ballot (1, id) with empty promises from a quorum; returns the leader's state. */
function leader(c: MultiConfig, id: NodeId, base: ServerState = server(c, id)): ServerState {
  let s = step(c, base, { type: 'timeout', timer: 'election' }).state;
  const ballot = s.lastBallot;
  const q = Math.floor(c.acceptors / 2) + 1;
  for (let i = 1; i <= q; i++) s = deliver(c, s, `S${i}`, { kind: 'promise', to: id, ballot, slot: s.prepareSlot, accepted: [] }).state;
  assert.equal(s.role, 'leader');
  return s;
}

// ---------------------------------------------------------------------------------------------------------

test('config: defaults, node names and roles, majority quorum', () => {
  assert.equal(C3.acceptors, 3);
  assert.equal(C3.nack, true);
  assert.equal(C3.lease, 0);
  assert.equal(C3.mutant, undefined);
  assert.deepEqual(multiPaxos.quorums(C3), { classic: 2 });
  assert.deepEqual(multiPaxos.quorums(cfg({ acceptors: 5 })), { classic: 3 });
  assert.deepEqual(multiPaxos.quorums(cfg({ acceptors: 4 })), { classic: 3 });
  assert.deepEqual(multiPaxos.nodes(cfg({ clients: 2 })), [
    { id: 'S1', roles: ['proposer', 'acceptor', 'learner'] },
    { id: 'S2', roles: ['proposer', 'acceptor', 'learner'] },
    { id: 'S3', roles: ['proposer', 'acceptor', 'learner'] },
    { id: 'C1', roles: ['client'] },
    { id: 'C2', roles: ['client'] },
  ]);
  assert.equal(cfg({ mutant: 'forget-promise-on-learn' }).mutant, 'forget-promise-on-learn');
  assert.equal(cfg({ timing: { heartbeat: 3 } as never }).timing.electionTimeout[0], 20, 'a partial timing keeps the other defaults');
});

test('config: bad settings name their field', () => {
  assertConfigError(() => cfg({ acceptors: 0 }), 'acceptors');
  assertConfigError(() => cfg({ acceptors: 2.5 }), 'acceptors');
  assertConfigError(() => cfg({ clients: -1 }), 'clients');
  assertConfigError(() => cfg({ nack: 'yes' as never }), 'nack');
  assertConfigError(() => cfg({ lease: -5 }), 'lease');
  assertConfigError(() => cfg({ timing: { proposerTimeout: 40, backoff: [1, 2], heartbeat: 30, electionTimeout: [20, 40] } }), 'timing.heartbeat');
  assertConfigError(() => cfg({ timing: { proposerTimeout: 40, backoff: [1, 2], heartbeat: 5, electionTimeout: [40, 20] } }), 'timing.electionTimeout');
  assertConfigError(() => cfg({ mutant: 'no-reply' }), 'mutant'); // a Basic mutant
  assertConfigError(() => cfg({ mutant: 'bogus' as never }), 'mutant');
  assertConfigError(() => multiPaxos.config({ protocol: 'basic' } as never), 'protocol');
});

// --- the acceptor -------------------------------------------------------------------------------------

function acceptorWith(c: MultiConfig, promised: Ballot, entries: AcceptedEntry[]): ServerState {
  let s = server(c, 'S2');
  for (const e of entries) s = deliver(c, s, e.ballot.node, { kind: 'accept', to: 'S2', ballot: e.ballot, slot: e.slot, value: e.value }).state;
  return { ...s, promised };
}

test('acceptor: prepare(b, k) is promised for every slot ≥ k, and the promise reports exactly the accepted entries from slot k on', () => {
  const entries: AcceptedEntry[] = [
    { slot: 0, ballot: b(1, 'S1'), value: 'a' },
    { slot: 1, ballot: b(1, 'S1'), value: 'b' },
    { slot: 3, ballot: b(2, 'S3'), value: null },
  ];
  const s = acceptorWith(C3, b(2, 'S3'), entries);
  const r = deliver(C3, s, 'S1', { kind: 'prepare', to: 'S2', ballot: b(3, 'S1'), slot: 1 });
  assert.deepEqual(sent(r), [{ kind: 'promise', to: 'S1', ballot: b(3, 'S1'), slot: 1, accepted: [entries[1], entries[2]] }]);
  assert.deepEqual(r.state.promised, b(3, 'S1'));
  assert.deepEqual(r.state.accepted, s.accepted, 'a promise changes no accepted entry');
  // The single promise now guards every slot, the ones with entries and the empty ones alike.
  for (const slot of [0, 2, 9]) {
    const refused = deliver(C3, r.state, 'S3', { kind: 'accept', to: 'S2', ballot: b(2, 'S3'), slot, value: 'late' });
    assert.deepEqual(sent(refused), [{ kind: 'nack', to: 'S3', ballot: b(2, 'S3'), promised: b(3, 'S1'), slot }]);
    assert.equal(refused.state, r.state);
  }
});

test('acceptor: first promise — a lower prepare is nacked (or ignored with nack off), an equal one (a duplicate) is ignored', () => {
  const s = acceptorWith(C3, b(5, 'S3'), []);
  const lower = deliver(C3, s, 'S1', { kind: 'prepare', to: 'S2', ballot: b(4, 'S1'), slot: 0 });
  assert.deepEqual(sent(lower), [{ kind: 'nack', to: 'S1', ballot: b(4, 'S1'), promised: b(5, 'S3'), slot: 0 }]);
  assert.equal(lower.state, s);
  const equal = deliver(C3, s, 'S3', { kind: 'prepare', to: 'S2', ballot: b(5, 'S3'), slot: 0 });
  assert.deepEqual(sent(equal), []);
  const quiet = cfg({ nack: false });
  assert.deepEqual(sent(deliver(quiet, s, 'S1', { kind: 'prepare', to: 'S2', ballot: b(4, 'S1'), slot: 0 })), []);
  assert.deepEqual(sent(deliver(quiet, s, 'S1', { kind: 'accept', to: 'S2', ballot: b(4, 'S1'), slot: 0, value: 'v' })), []);
  // Same round, lower node: ballots order by round, then node.
  assert.equal(sent(deliver(C3, s, 'S1', { kind: 'prepare', to: 'S2', ballot: b(5, 'S1'), slot: 0 }), 'nack').length, 1);
});

test('acceptor: second promise and phase 2b — accept(b ≥ promised) is accepted in that slot only and answered to the sender', () => {
  const s = acceptorWith(C3, b(2, 'S1'), [{ slot: 0, ballot: b(1, 'S1'), value: 'a' }]);
  const r = deliver(C3, s, 'S1', { kind: 'accept', to: 'S2', ballot: b(2, 'S1'), slot: 2, value: 'c' });
  assert.deepEqual(sent(r, 'accepted'), [{ kind: 'accepted', to: 'S1', ballot: b(2, 'S1'), slot: 2, value: 'c' }]);
  assert.deepEqual(r.state.accepted, [{ slot: 0, ballot: b(1, 'S1'), value: 'a' }, null, { slot: 2, ballot: b(2, 'S1'), value: 'c' }]);
  const higher = deliver(C3, r.state, 'S3', { kind: 'accept', to: 'S2', ballot: b(3, 'S3'), slot: 0, value: 'z' });
  assert.deepEqual(higher.state.promised, b(3, 'S3'), 'accepting a higher ballot raises the promise');
  assert.deepEqual(higher.state.accepted[0], { slot: 0, ballot: b(3, 'S3'), value: 'z' });
  const lower = deliver(C3, higher.state, 'S1', { kind: 'accept', to: 'S2', ballot: b(2, 'S1'), slot: 3, value: 'd' });
  assert.equal(sent(lower, 'accepted').length, 0);
  assert.equal(lower.state, higher.state);
});

// --- phase 1 once for all slots ≥ k -------------------------------------------------------------------

test('election: one prepare per server (itself included) for every slot from its first unchosen slot, in a ballot above all it has seen', () => {
  let s = server(C3, 'S2');
  for (const slot of [0, 1]) s = deliver(C3, s, 'S1', { kind: 'commit', to: 'S2', slot, ballot: b(1, 'S1'), value: `v${slot}` }).state;
  s = deliver(C3, s, 'S1', { kind: 'commit', to: 'S2', slot: 3, ballot: b(1, 'S1'), value: 'v3' }).state; // slot 2 is still unknown
  s = { ...s, promised: b(4, 'S3') };
  const r = step(C3, s, { type: 'timeout', timer: 'election' });
  assert.deepEqual(sent(r), ['S1', 'S2', 'S3'].map((to) => ({ kind: 'prepare', to, ballot: b(5, 'S2'), slot: 2 })));
  assert.equal(r.state.role, 'candidate');
  assert.deepEqual(r.state.lastBallot, b(5, 'S2'));
  assert.ok(r.timers.some((t) => t.op === 'set' && t.timer === 'election'), 'no quorum by the next timeout: try again');
  // A nack taught it a higher round: the next bid goes above that too.
  const nacked = deliver(C3, r.state, 'S1', { kind: 'nack', to: 'S2', ballot: b(5, 'S2'), promised: b(9, 'S1'), slot: 2 });
  assert.equal(nacked.state.role, 'follower');
  assert.deepEqual(sent(step(C3, nacked.state, { type: 'timeout', timer: 'election' }), 'prepare')[0]?.['ballot'], b(10, 'S2'));
});

test('election: the new leader re-proposes the highest-ballot value of every reported slot, fills holes with no-op, and puts new values after them', () => {
  let s = server(C3, 'S2');
  for (const slot of [0, 1]) s = deliver(C3, s, 'S1', { kind: 'commit', to: 'S2', slot, ballot: b(1, 'S1'), value: `v${slot}` }).state;
  s = step(C3, s, { type: 'timeout', timer: 'election' }).state;
  const ballot = s.lastBallot;
  assert.equal(s.prepareSlot, 2);
  // S2's own promise: slot 2 half-accepted in 1.S1, slot 5 in 1.S1.
  s = deliver(C3, s, 'S2', {
    kind: 'promise', to: 'S2', ballot, slot: 2,
    accepted: [{ slot: 2, ballot: b(1, 'S1'), value: 'x' }, { slot: 5, ballot: b(1, 'S1'), value: 'old' }],
  }).state;
  assert.equal(s.role, 'candidate', 'one promise is not a quorum of three');
  const dup = deliver(C3, s, 'S2', { kind: 'promise', to: 'S2', ballot, slot: 2, accepted: [] });
  assert.equal(dup.state.promisesFrom.length, 1, 'a duplicated promise counts once');
  // S3's promise: slot 5 accepted later, in 2.S3, with another value — that one wins.
  const r = deliver(C3, s, 'S3', { kind: 'promise', to: 'S2', ballot, slot: 2, accepted: [{ slot: 5, ballot: b(2, 'S3'), value: 'new' }] });
  assert.equal(r.state.role, 'leader');
  const accepts = sent(r, 'accept');
  const bySlot = new Map<number, Value[]>();
  for (const a of accepts) {
    assert.deepEqual(a['ballot'], ballot, 'phase 2 in its own ballot');
    bySlot.set(a['slot'] as number, [...(bySlot.get(a['slot'] as number) ?? []), a['value'] as Value]);
  }
  assert.deepEqual([...bySlot.keys()], [2, 3, 4, 5], 'no accept below k: those slots are chosen and known');
  assert.deepEqual(bySlot.get(2), ['x', 'x', 'x'], 'half-accepted value re-proposed, one accept per server');
  assert.deepEqual(bySlot.get(3), [null, null, null], 'hole → no-op');
  assert.deepEqual(bySlot.get(4), [null, null, null], 'hole → no-op');
  assert.deepEqual(bySlot.get(5), ['new', 'new', 'new'], 'highest ballot wins');
  assert.deepEqual(accepts.filter((a) => a['slot'] === 2).map((a) => a.to), ['S1', 'S2', 'S3']);
  assert.ok(sent(r, 'heartbeat').length === 2, 'it announces itself to the two others at once');
  // A late promise after the quorum changes nothing; a new value goes after the last reported slot.
  const late = deliver(C3, r.state, 'S1', { kind: 'promise', to: 'S2', ballot, slot: 2, accepted: [{ slot: 9, ballot: b(1, 'S1'), value: 'ignored' }] });
  assert.equal(late.state, r.state);
  assert.deepEqual(sent(late), []);
  const next = deliver(C3, r.state, 'C1', { kind: 'client-request', to: 'S2', value: 'set k v' });
  assert.deepEqual(sent(next).map((m) => [m.kind, m['slot']]), [['accept', 6], ['accept', 6], ['accept', 6]]);
});

test('steady state: the leader skips phase 1 — one accept per slot per server, consecutive slots, no prepare', () => {
  let s = leader(C3, 'S1');
  const all: Sent[] = [];
  for (const v of ['set a 1', 'set b 2', 'get a']) {
    const r = deliver(C3, s, 'C1', { kind: 'client-request', to: 'S1', value: v });
    all.push(...sent(r));
    s = r.state;
  }
  assert.equal(all.filter((m) => m.kind === 'prepare').length, 0);
  assert.deepEqual(
    all.map((m) => `${m.kind} ${m['slot']} ${m.to} ${m['value']}`),
    ['set a 1', 'set b 2', 'get a'].flatMap((v, slot) => ['S1', 'S2', 'S3'].map((to) => `accept ${slot} ${to} ${v}`)),
  );
  assert.equal(s.nextSlot, 3);
});

// --- learning, apply, catch-up ------------------------------------------------------------------------

test('learning: the leader learns a slot from a quorum of distinct accepted in its ballot, applies it, answers the client, then commits to the others', () => {
  let s = leader(C3, 'S1');
  s = deliver(C3, s, 'C1', { kind: 'client-request', to: 'S1', value: 'set x 1' }).state;
  const acc = (from: NodeId, ballot = b(1, 'S1'), value: Value = 'set x 1') => ({ kind: 'accepted', to: 'S1', ballot, slot: 0, value, from });
  const one = deliver(C3, s, 'S1', acc('S1'));
  assert.deepEqual(one.chosen, []);
  const again = deliver(C3, one.state, 'S1', acc('S1'));
  assert.deepEqual(again.chosen, [], 'a duplicated accepted counts once');
  const foreign = deliver(C3, again.state, 'S2', acc('S2', b(0, 'S2')));
  assert.deepEqual(foreign.chosen, [], 'an accepted for another ballot does not count');
  const two = deliver(C3, again.state, 'S3', acc('S3'));
  assert.deepEqual(two.chosen, [{ slot: 0, value: 'set x 1' }]);
  assert.deepEqual(
    sent(two).map((m) => `${m.kind}→${m.to}`),
    ['client-reply→C1', 'commit→S2', 'commit→S3'],
  );
  assert.deepEqual(sent(two, 'client-reply')[0], { kind: 'client-reply', to: 'C1', value: 'set x 1', ok: true, slot: 0, result: 'ok' });
  assert.deepEqual(sent(two, 'commit')[0], { kind: 'commit', to: 'S2', slot: 0, ballot: b(1, 'S1'), value: 'set x 1' });
  assert.deepEqual(two.state.kv, { x: '1' });
  const third = deliver(C3, two.state, 'S2', acc('S2'));
  assert.deepEqual(third.chosen, [], 'chosen is reported once per slot');
  assert.deepEqual(sent(third), []);
});

test('learning: a follower learns from commit only — accepted messages do not make it learn', () => {
  const s = server(C3, 'S2');
  const stray = deliver(C3, s, 'S3', { kind: 'accepted', to: 'S2', ballot: b(1, 'S2'), slot: 0, value: 'v' });
  assert.deepEqual(stray.chosen, []);
  const r = deliver(C3, s, 'S1', { kind: 'commit', to: 'S2', slot: 0, ballot: b(1, 'S1'), value: 'v' });
  assert.deepEqual(r.chosen, [{ slot: 0, value: 'v' }]);
  assert.deepEqual(r.state.learned[0], { ballot: b(1, 'S1'), value: 'v' });
  assert.equal(r.state.firstUnchosen, 1);
});

test('apply: the key-value store applies chosen commands strictly in slot order, waiting for holes', () => {
  let s = server(C3, 'S3');
  const later = deliver(C3, s, 'S1', { kind: 'commit', to: 'S3', slot: 1, ballot: b(1, 'S1'), value: 'set x 2' });
  assert.deepEqual(later.chosen, [{ slot: 1, value: 'set x 2' }], 'learned at once');
  assert.deepEqual(later.state.kv, {}, 'but not applied past the unknown slot 0');
  assert.equal(later.state.applied, 0);
  s = deliver(C3, later.state, 'S1', { kind: 'commit', to: 'S3', slot: 0, ballot: b(1, 'S1'), value: 'set x 1' }).state;
  assert.deepEqual(s.kv, { x: '2' }, 'slot 0 then slot 1: x=1 then x=2');
  assert.equal(s.applied, 2);
  s = deliver(C3, s, 'S1', { kind: 'commit', to: 'S3', slot: 2, ballot: b(1, 'S1'), value: null }).state;
  assert.deepEqual(s.kv, { x: '2' }, 'a no-op changes nothing');
  s = deliver(C3, s, 'S1', { kind: 'commit', to: 'S3', slot: 3, ballot: b(1, 'S1'), value: 'del x' }).state;
  assert.deepEqual(s.kv, {});
  assert.equal(s.applied, 4);
});

test('kv state machine: set / get / del, no-op and opaque values', () => {
  const a = applyCommand({}, 'set name Ada Lovelace');
  assert.deepEqual(a, { kv: { name: 'Ada Lovelace' }, result: 'ok' });
  assert.deepEqual(applyCommand(a.kv, 'get name').result, 'Ada Lovelace');
  assert.equal(applyCommand(a.kv, 'get nobody').result, null);
  assert.deepEqual(applyCommand(a.kv, 'del name'), { kv: {}, result: 'ok' });
  assert.equal(applyCommand(a.kv, null).kv, a.kv);
  assert.equal(applyCommand(a.kv, 'v1').kv, a.kv);
  assert.equal(applyCommand(a.kv, 'set lonely').kv, a.kv);
  assert.deepEqual(applyCommand({ x: '1' }, 'set __proto__ 2').kv, { x: '1', ['__proto__']: '2' });
});

test('catch-up: a follower behind the heartbeat asks from its first unchosen slot; the leader answers with chosen entries and ballots', () => {
  let L = leader(C3, 'S1');
  for (const [slot, value] of [[0, 'set x 1'], [1, 'set y 2'], [2, 'del x']] as const) {
    L = deliver(C3, L, 'C1', { kind: 'client-request', to: 'S1', value }).state;
    for (const from of ['S1', 'S2']) L = deliver(C3, L, from, { kind: 'accepted', to: 'S1', ballot: b(1, 'S1'), slot, value }).state;
  }
  assert.equal(L.firstUnchosen, 3);
  const hb = sent(step(C3, L, { type: 'timeout', timer: 'heartbeat' }, 50), 'heartbeat').find((m) => m.to === 'S3');
  assert.deepEqual(hb, { kind: 'heartbeat', to: 'S3', ballot: b(1, 'S1'), chosenUpTo: 3 });

  let F = server(C3, 'S3');
  F = deliver(C3, F, 'S1', { kind: 'commit', to: 'S3', slot: 0, ballot: b(1, 'S1'), value: 'set x 1' }).state;
  const ask = deliver(C3, F, 'S1', hb as Sent);
  assert.deepEqual(sent(ask, 'catchup'), [{ kind: 'catchup', to: 'S1', slot: 1 }]);
  assert.equal(ask.state.leader, 'S1');
  const uptodate = deliver(C3, F, 'S1', { ...(hb as Sent), chosenUpTo: 1 });
  assert.deepEqual(sent(uptodate, 'catchup'), [], 'not behind: no catch-up');

  const reply = deliver(C3, L, 'S3', { kind: 'catchup', to: 'S1', slot: 1 });
  assert.deepEqual(sent(reply), [{
    kind: 'catchup-reply', to: 'S3',
    entries: [{ slot: 1, ballot: b(1, 'S1'), value: 'set y 2' }, { slot: 2, ballot: b(1, 'S1'), value: 'del x' }],
  }]);
  const caught = deliver(C3, ask.state, 'S1', sent(reply)[0] as Sent);
  assert.deepEqual(caught.chosen, [{ slot: 1, value: 'set y 2' }, { slot: 2, value: 'del x' }]);
  assert.deepEqual(caught.state.kv, L.kv);
  assert.deepEqual(caught.state.kv, { y: '2' });
});

test('heartbeat: the leader re-sends accepts that waited a whole interval, only to servers that did not acknowledge', () => {
  let L = leader(C3, 'S1');
  L = deliver(C3, L, 'C1', { kind: 'client-request', to: 'S1', value: 'v' }, 10).state;
  L = deliver(C3, L, 'S1', { kind: 'accepted', to: 'S1', ballot: b(1, 'S1'), slot: 0, value: 'v' }, 11).state;
  const soon = step(C3, L, { type: 'timeout', timer: 'heartbeat' }, 12);
  assert.deepEqual(sent(soon, 'accept'), [], 'sent 2 time units ago: not yet');
  const later = step(C3, L, { type: 'timeout', timer: 'heartbeat' }, 10 + C3.timing.heartbeat);
  assert.deepEqual(sent(later, 'accept').map((m) => m.to), ['S2', 'S3']);
  assert.deepEqual(later.timers, [{ op: 'set', timer: 'heartbeat', delay: C3.timing.heartbeat }]);
});

// --- crash, recovery, stepping down -------------------------------------------------------------------

test('crash: promise, accepted entries and last ballot survive; chosen log, store, leadership and pending values do not', () => {
  let s = leader(C3, 'S1');
  s = deliver(C3, s, 'C1', { kind: 'client-request', to: 'S1', value: 'set x 1' }).state;
  s = deliver(C3, s, 'S1', { kind: 'accept', to: 'S1', ballot: b(1, 'S1'), slot: 0, value: 'set x 1' }).state;
  for (const from of ['S1', 'S2']) s = deliver(C3, s, from, { kind: 'accepted', to: 'S1', ballot: b(1, 'S1'), slot: 0, value: 'set x 1' }).state;
  s = deliver(C3, s, 'S2', { kind: 'prepare', to: 'S1', ballot: b(2, 'S2'), slot: 1 }).state; // promised 2.S2, stepped down
  s = step(C3, s, { type: 'propose', value: 'mine' }).state;
  assert.equal(s.pending.length, 1);
  const c = multiPaxos.crash(deepFreeze(s), C3) as ServerState;
  assert.deepEqual(c.promised, b(2, 'S2'));
  assert.deepEqual(c.accepted, [{ slot: 0, ballot: b(1, 'S1'), value: 'set x 1' }]);
  assert.deepEqual(c.lastBallot, b(1, 'S1'));
  assert.deepEqual({ ...c, promised: s.promised, accepted: s.accepted, lastBallot: s.lastBallot, lastRecord: s.lastRecord }, {
    ...server(C3, 'S1'), promised: s.promised, accepted: s.accepted, lastBallot: s.lastBallot, lastRecord: s.lastRecord,
  }, 'everything else is back to a fresh server');
  const back = step(C3, c, { type: 'recover' });
  assert.deepEqual(back.timers, [{ op: 'set', timer: 'election', delay: C3.timing.electionTimeout }]);
});

test('crash: a restarted candidate never reuses its ballot, even if its own prepare never reached its acceptor', () => {
  const cand = step(C3, server(C3, 'S1'), { type: 'timeout', timer: 'election' }).state; // bids 1.S1, promised still 0
  const c = multiPaxos.crash(cand, C3) as ServerState;
  assert.deepEqual(c.promised, { round: 0, node: '' });
  const again = step(C3, c, { type: 'timeout', timer: 'election' });
  assert.deepEqual(sent(again, 'prepare')[0]?.['ballot'], b(2, 'S1'));
});

test('stepping down: a leader yields to a higher prepare, a higher heartbeat, or a nack; its own values go back to pending', () => {
  let L = leader(C3, 'S1');
  L = step(C3, L, { type: 'propose', value: 'own' }).state;
  assert.equal(L.proposals[0]?.client, 'S1');
  const byPrepare = deliver(C3, L, 'S3', { kind: 'prepare', to: 'S1', ballot: b(2, 'S3'), slot: 0 });
  assert.equal(byPrepare.state.role, 'follower');
  assert.deepEqual(byPrepare.state.pending, [{ value: 'own', sentAt: null }]);
  assert.ok(byPrepare.timers.some((t) => t.op === 'cancel' && t.timer === 'heartbeat'));
  const byHeartbeat = deliver(C3, L, 'S2', { kind: 'heartbeat', to: 'S1', ballot: b(3, 'S2'), chosenUpTo: 0 });
  assert.equal(byHeartbeat.state.role, 'follower');
  assert.equal(byHeartbeat.state.leader, 'S2');
  assert.deepEqual(sent(byHeartbeat, 'client-request'), [{ kind: 'client-request', to: 'S2', value: 'own' }], 'handed to the new leader');
  const byNack = deliver(C3, L, 'S2', { kind: 'nack', to: 'S1', ballot: b(1, 'S1'), promised: b(4, 'S3'), slot: 0 });
  assert.equal(byNack.state.role, 'follower');
  assert.equal(byNack.state.seenRound, 4);
  const staleHeartbeat = deliver(C3, L, 'S2', { kind: 'heartbeat', to: 'S1', ballot: b(0, 'S2'), chosenUpTo: 0 });
  assert.equal(staleHeartbeat.state, L, 'a deposed leader’s heartbeat is ignored');
});

test('a non-leader answers a client with a hint; a server hands its own value to the leader and keeps it until answered', () => {
  let F = server(C3, 'S2');
  const blind = deliver(C3, F, 'C1', { kind: 'client-request', to: 'S2', value: 'set a 1' });
  assert.deepEqual(sent(blind), [{ kind: 'client-reply', to: 'C1', value: 'set a 1', ok: false }], 'no leader known: no hint field at all');
  F = deliver(C3, F, 'S1', { kind: 'heartbeat', to: 'S2', ballot: b(1, 'S1'), chosenUpTo: 0 }, 1).state;
  const r = deliver(C3, F, 'C1', { kind: 'client-request', to: 'S2', value: 'set a 1' });
  assert.deepEqual(sent(r), [{ kind: 'client-reply', to: 'C1', value: 'set a 1', ok: false, leader: 'S1' }]);
  const p = step(C3, F, { type: 'propose', value: 'mine' }, 2);
  assert.deepEqual(sent(p), [{ kind: 'client-request', to: 'S1', value: 'mine' }]);
  assert.deepEqual(p.state.pending, [{ value: 'mine', sentAt: 2 }]);
  const early = deliver(C3, p.state, 'S1', { kind: 'heartbeat', to: 'S2', ballot: b(1, 'S1'), chosenUpTo: 0 }, 10);
  assert.deepEqual(sent(early, 'client-request'), [], 'not again before proposerTimeout');
  const late = deliver(C3, p.state, 'S1', { kind: 'heartbeat', to: 'S2', ballot: b(1, 'S1'), chosenUpTo: 0 }, 2 + C3.timing.proposerTimeout);
  assert.deepEqual(sent(late, 'client-request'), [{ kind: 'client-request', to: 'S1', value: 'mine' }]);
  const done = deliver(C3, p.state, 'S1', { kind: 'client-reply', to: 'S2', value: 'mine', ok: true, slot: 0 });
  assert.deepEqual(done.state.pending, []);
  const seen = deliver(C3, p.state, 'S1', { kind: 'commit', to: 'S2', slot: 0, ballot: b(1, 'S1'), value: 'mine' });
  assert.deepEqual(seen.state.pending, [], 'seen chosen: no longer pending, answer or not');
});

// --- lease ----------------------------------------------------------------------------------------------

test('lease: within the lease a follower ignores prepares from anyone but the leader; after it, it promises', () => {
  const leased = cfg({ lease: 10 });
  const F = deliver(leased, server(leased, 'S2'), 'S1', { kind: 'heartbeat', to: 'S2', ballot: b(1, 'S1'), chosenUpTo: 0 }, 100).state;
  assert.equal(F.leaseHolder, 'S1');
  assert.equal(F.leaseUntil, 110);
  const during = deliver(leased, F, 'S3', { kind: 'prepare', to: 'S2', ballot: b(2, 'S3'), slot: 0 }, 105);
  assert.deepEqual(sent(during), [], 'no promise and no nack');
  assert.equal(during.state, F);
  const fromLeader = deliver(leased, F, 'S1', { kind: 'prepare', to: 'S2', ballot: b(2, 'S1'), slot: 0 }, 105);
  assert.equal(sent(fromLeader, 'promise').length, 1, 'the lease holder itself may bid higher');
  const after = deliver(leased, F, 'S3', { kind: 'prepare', to: 'S2', ballot: b(2, 'S3'), slot: 0 }, 110);
  assert.equal(sent(after, 'promise').length, 1);
  // Off by default: the same prepare is promised at once.
  const plain = deliver(C3, deliver(C3, server(C3, 'S2'), 'S1', { kind: 'heartbeat', to: 'S2', ballot: b(1, 'S1'), chosenUpTo: 0 }, 100).state, 'S3', { kind: 'prepare', to: 'S2', ballot: b(2, 'S3'), slot: 0 }, 105);
  assert.equal(sent(plain, 'promise').length, 1);
});

// --- the mutant -------------------------------------------------------------------------------------------

/** S3 accepts slot 0 from S1 (1.S1), then promises S2 (2.S2), then learns slot 0 chosen in 1.S1, then crashes. */
function learnAfterPromise(c: MultiConfig, learnSlot = 0): ServerState {
  let s = server(c, 'S3');
  s = deliver(c, s, 'S1', { kind: 'accept', to: 'S3', ballot: b(1, 'S1'), slot: 0, value: 'a' }).state;
  s = deliver(c, s, 'S2', { kind: 'prepare', to: 'S3', ballot: b(2, 'S2'), slot: 0 }).state;
  s = deliver(c, s, 'S1', { kind: 'commit', to: 'S3', slot: learnSlot, ballot: b(1, 'S1'), value: 'a' }).state;
  return multiPaxos.crash(s, c) as ServerState;
}

test('durable promise: learning a chosen value never lowers the promise a restart reads back', () => {
  const s = learnAfterPromise(C3);
  assert.deepEqual(s.promised, b(2, 'S2'));
  const r = deliver(C3, s, 'S1', { kind: 'accept', to: 'S3', ballot: b(1, 'S1'), slot: 1, value: 'b' });
  assert.deepEqual(sent(r, 'accepted'), [], 'the old leader’s accept is still refused');
});

test('mutant forget-promise-on-learn: the learned record’s ballot becomes the promise after a restart (zpaxos pitfall 3)', () => {
  const mutant = cfg({ mutant: 'forget-promise-on-learn' });
  const s = learnAfterPromise(mutant);
  assert.deepEqual(s.promised, b(1, 'S1'), 'the promise went backwards');
  const r = deliver(mutant, s, 'S1', { kind: 'accept', to: 'S3', ballot: b(1, 'S1'), slot: 1, value: 'b' });
  assert.deepEqual(sent(r, 'accepted'), [{ kind: 'accepted', to: 'S1', ballot: b(1, 'S1'), slot: 1, value: 'b' }], 'so it accepts below its promise of 2.S2');
  // Learning a slot below the last record does not touch the promise on disk (it is not the last record).
  let t = server(mutant, 'S3');
  t = deliver(mutant, t, 'S1', { kind: 'accept', to: 'S3', ballot: b(1, 'S1'), slot: 4, value: 'later' }).state;
  t = deliver(mutant, t, 'S2', { kind: 'prepare', to: 'S3', ballot: b(2, 'S2'), slot: 0 }).state;
  t = deliver(mutant, t, 'S1', { kind: 'commit', to: 'S3', slot: 0, ballot: b(1, 'S1'), value: 'a' }).state;
  assert.deepEqual((multiPaxos.crash(t, mutant) as ServerState).promised, b(2, 'S2'));
});

// --- the client ---------------------------------------------------------------------------------------------

test('client: sends to its target, follows a leader hint, moves on after a timeout, and finishes on an ok answer', () => {
  const c = cfg({ clients: 1 });
  const C = initNode(c, 'C1') as ClientState;
  const p = step(c, C, { type: 'propose', value: 'set x 1' });
  assert.deepEqual(sent(p), [{ kind: 'client-request', to: 'S1', value: 'set x 1' }]);
  assert.deepEqual(p.timers, [{ op: 'set', timer: 'retry', delay: c.timing.proposerTimeout }]);
  const hinted = deliver(c, p.state, 'S1', { kind: 'client-reply', to: 'C1', value: 'set x 1', ok: false, leader: 'S3' });
  assert.deepEqual(sent(hinted), [{ kind: 'client-request', to: 'S3', value: 'set x 1' }]);
  assert.equal(hinted.state.target, 2);
  const noHint = deliver(c, p.state, 'S1', { kind: 'client-reply', to: 'C1', value: 'set x 1', ok: false });
  assert.deepEqual(sent(noHint), [], 'no hint: wait for the retry timer');
  const retry = step(c, p.state, { type: 'timeout', timer: 'retry' });
  assert.deepEqual(sent(retry), [{ kind: 'client-request', to: 'S2', value: 'set x 1' }]);
  const ok = deliver(c, hinted.state, 'S3', { kind: 'client-reply', to: 'C1', value: 'set x 1', ok: true, slot: 0, result: 'ok' });
  assert.deepEqual(ok.state.outstanding, []);
  assert.equal(ok.state.completed, 1);
  assert.deepEqual(ok.timers, [{ op: 'cancel', timer: 'retry' }]);
  assert.equal(multiPaxos.view(ok.state, c).extra['last'], 'set x 1 → ok');
});

// --- plain data ----------------------------------------------------------------------------------------------

test('states are plain JSON and views summarise them', () => {
  let L = leader(C3, 'S1');
  L = deliver(C3, L, 'C1', { kind: 'client-request', to: 'S1', value: 'set x 1' }).state;
  for (const from of ['S1', 'S2']) L = deliver(C3, L, from, { kind: 'accepted', to: 'S1', ballot: b(1, 'S1'), slot: 0, value: 'set x 1' }).state;
  assert.deepEqual(JSON.parse(JSON.stringify(L)), L);
  const v = multiPaxos.view(L, C3);
  assert.deepEqual(v.promised, { round: 0, node: '' }, 'no promise delivered in this hand-driven run');
  assert.deepEqual(v.chosen, [{ slot: 0, value: 'set x 1' }]);
  assert.deepEqual(v.extra, { role: 'leader', ballot: '1.S1', applied: '1', kv: 'x=1', nextSlot: '1' });
  const f = multiPaxos.view(deliver(C3, server(C3, 'S2'), 'S1', { kind: 'heartbeat', to: 'S2', ballot: b(1, 'S1'), chosenUpTo: 0 }).state, C3);
  assert.deepEqual(f.extra, { role: 'follower', leader: 'S1', applied: '0', kv: '{}' });
});
