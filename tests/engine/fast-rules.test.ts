// Unit tests for each Fast Paxos rule, by direct `step` calls (no simulator): quorum sizes, the acceptor's
// fast vote, collision detection, the recovery rule, the classic fallback and durable state.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fastPaxos, defaultQuorums, type FastConfig, type FastState } from '../../src/paxos/fast/index.ts';
import { ROUND_ZERO } from '../../src/paxos/fast/acceptor.ts';
import { isCollision, recordVote, EMPTY_TALLY } from '../../src/paxos/fast/learner.ts';
import { pickRecoveryValue } from '../../src/paxos/fast/recovery.ts';
import { ConfigError, type Input, type StepResult } from '../../src/paxos/core/protocol.ts';
import type { Message, Outgoing } from '../../src/paxos/core/message.ts';
import type { Ballot } from '../../src/paxos/core/ballot.ts';
import type { NodeId, Value } from '../../src/paxos/core/ids.ts';

const cfg = (extra: Partial<FastConfig> = {}): FastConfig => fastPaxos.config({ protocol: 'fast', ...extra });

const nodeInfo = (c: FastConfig, id: NodeId) => {
  const n = fastPaxos.nodes(c).find((x) => x.id === id);
  if (!n) throw new Error(`no node ${id}`);
  return n;
};
const init = (c: FastConfig, id: NodeId): FastState => fastPaxos.init(nodeInfo(c, id), c);

let nextId = 1;
const msg = (from: NodeId, out: Outgoing): Message => ({ ...out, id: nextId++, from }) as Message;
const deliver = (c: FastConfig, s: FastState, from: NodeId, body: Outgoing | Record<string, unknown>): StepResult<FastState> =>
  fastPaxos.step(s, { type: 'message', msg: msg(from, body as Outgoing) }, c, 0);
const step = (c: FastConfig, s: FastState, input: Input): StepResult<FastState> => fastPaxos.step(s, input, c, 0);

const b = (round: number, fast = false): Ballot => (fast ? { round, node: 'L1', fast: true } : { round, node: 'L1' });

function assertConfigError(fn: () => unknown, field: string): void {
  assert.throws(fn, (e: unknown) => e instanceof ConfigError && e.field === field && e.message.startsWith(`${field}:`));
}

test('quorum defaults: smallest q_c > n/2, then smallest q_f with q_c + 2·q_f > 2n', () => {
  assert.deepEqual(defaultQuorums(3), { classic: 2, fast: 3 });
  assert.deepEqual(defaultQuorums(4), { classic: 3, fast: 3 });
  assert.deepEqual(defaultQuorums(5), { classic: 3, fast: 4 });
  assert.deepEqual(defaultQuorums(6), { classic: 4, fast: 5 });
  assert.deepEqual(defaultQuorums(7), { classic: 4, fast: 6 });
  for (let n = 1; n <= 12; n++) {
    const { classic, fast } = defaultQuorums(n);
    assert.ok(2 * classic > n && classic + 2 * fast > 2 * n && fast <= n, `n=${n}: both formulas hold`);
    assert.ok(!(2 * (classic - 1) > n), `n=${n}: q_c is the smallest`);
    assert.ok(!(classic + 2 * (fast - 1) > 2 * n), `n=${n}: q_f is the smallest for that q_c`);
    const c = cfg({ acceptors: n });
    assert.deepEqual(fastPaxos.quorums(c), { classic, fast });
  }
});

test('quorum config: explicit sizes are checked against both formulas, the error names the field', () => {
  assert.deepEqual(fastPaxos.quorums(cfg({ acceptors: 5, classicQuorum: 4 })), { classic: 4, fast: 4 }); // 4 + 2·4 > 10
  assert.deepEqual(fastPaxos.quorums(cfg({ acceptors: 5, classicQuorum: 5, fastQuorum: 3 })), { classic: 5, fast: 3 }); // 5 + 6 > 10
  assertConfigError(() => cfg({ acceptors: 4, classicQuorum: 2 }), 'classicQuorum'); // 2 ≤ 4/2
  assertConfigError(() => cfg({ acceptors: 5, fastQuorum: 3 }), 'fastQuorum'); // 3 + 6 ≤ 10
  assertConfigError(() => cfg({ acceptors: 4, fastQuorum: 5 }), 'fastQuorum'); // more than n
  assertConfigError(() => cfg({ acceptors: 0 }), 'acceptors');
  assertConfigError(() => cfg({ mutant: 'no-reply' }), 'mutant');
  assertConfigError(() => cfg({ opening: 'slow' as never }), 'opening');
  assertConfigError(() => fastPaxos.config({ protocol: 'basic' } as never), 'protocol');
  const msg = (() => {
    try {
      cfg({ acceptors: 5, fastQuorum: 3 });
    } catch (e) {
      return (e as Error).message;
    }
    return '';
  })();
  assert.match(msg, /q_c \+ 2·q_f > 2n/);
  assert.match(msg, /at least 4/);
});

test('quorum config: the small-fast-quorum mutant allows (and by default picks) q_c + 2·q_f ≤ 2n', () => {
  const m = cfg({ acceptors: 3, mutant: 'small-fast-quorum' });
  assert.deepEqual(fastPaxos.quorums(m), { classic: 2, fast: 2 });
  assert.ok(m.classicQuorum + 2 * m.fastQuorum <= 2 * m.acceptors);
  assert.equal(cfg({ acceptors: 5, fastQuorum: 3, mutant: 'small-fast-quorum' }).fastQuorum, 3);
  assertConfigError(() => cfg({ acceptors: 4, classicQuorum: 2, mutant: 'small-fast-quorum' }), 'classicQuorum');
});

test('nodes: coordinator L1, acceptors, clients, dedicated learners', () => {
  const c = cfg({ acceptors: 3, clients: 2, learners: 1 });
  assert.deepEqual(
    fastPaxos.nodes(c).map((n) => `${n.id}:${n.roles.join('+')}`),
    ['C1:client', 'C2:client', 'A1:acceptor', 'A2:acceptor', 'A3:acceptor', 'L1:proposer+leader+learner', 'L2:learner'],
  );
});

test('client: a request goes straight to every acceptor; re-sent (also to the coordinator) until answered', () => {
  const c = cfg({ acceptors: 3 });
  const r = step(c, init(c, 'C1'), { type: 'propose', value: 'x' });
  assert.deepEqual(r.send.map((m) => `${m.kind}:${m.to}`), ['request:A1', 'request:A2', 'request:A3']);
  assert.deepEqual(r.timers, [{ op: 'set', timer: 'resend', delay: [24, 36] }]);
  const again = step(c, r.state, { type: 'timeout', timer: 'resend' });
  assert.deepEqual(again.send.map((m) => `${m.kind}:${m.to}`), ['request:A1', 'request:A2', 'request:A3', 'request:L1']);
  const answered = deliver(c, again.state, 'L1', { kind: 'client-reply', value: 'x', to: 'C1' });
  assert.deepEqual(answered.timers, [{ op: 'cancel', timer: 'resend' }]);
  assert.deepEqual(fastPaxos.view(answered.state, c).chosen, [{ slot: 0, value: 'x' }]);
  assert.equal(step(c, answered.state, { type: 'timeout', timer: 'resend' }).send.length, 0);
  const classic = cfg({ acceptors: 3, opening: 'classic' });
  assert.deepEqual(step(classic, init(classic, 'C1'), { type: 'propose', value: 'x' }).send.map((m) => m.to), ['L1']);
});

test('acceptor, fast round 0: accepts the first request at once, ignores the second', () => {
  const c = cfg({ acceptors: 3, learners: 1 });
  let a = init(c, 'A1');
  const r1 = deliver(c, a, 'C1', { kind: 'request', value: 'x', to: 'A1' });
  assert.deepEqual(
    r1.send.map((m) => [m.kind, m.to, m.kind === 'accepted' ? m.value : '', m.kind === 'accepted' ? m.ballot : null]),
    [
      ['accepted', 'L1', 'x', ROUND_ZERO],
      ['accepted', 'L2', 'x', ROUND_ZERO],
    ],
  );
  a = r1.state;
  const r2 = deliver(c, a, 'C2', { kind: 'request', value: 'y', to: 'A1' });
  assert.equal(r2.send.length, 0);
  assert.deepEqual(fastPaxos.view(r2.state, c).accepted, [{ slot: 0, ballot: ROUND_ZERO, value: 'x' }]);
});

test('acceptor, prepared fast ballot: a request before accept-any waits, then gets the vote', () => {
  const c = cfg({ acceptors: 3, opening: 'fast-prepare' });
  let a = init(c, 'A1');
  let r = deliver(c, a, 'C1', { kind: 'request', value: 'x', to: 'A1' });
  assert.equal(r.send.length, 0, 'no fast ballot is open yet');
  a = r.state;
  r = deliver(c, a, 'L1', { kind: 'prepare', ballot: b(1, true), slot: 0, to: 'A1' });
  assert.deepEqual(r.send, [{ kind: 'promise', ballot: b(1, true), slot: 0, accepted: [], to: 'L1' }]);
  r = deliver(c, r.state, 'L1', { kind: 'accept-any', ballot: b(1, true), slot: 0, to: 'A1' });
  assert.deepEqual(r.send, [{ kind: 'accepted', ballot: b(1, true), slot: 0, value: 'x', to: 'L1' }]);
  r = deliver(c, r.state, 'C2', { kind: 'request', value: 'y', to: 'A1' });
  assert.equal(r.send.length, 0, 'one vote per ballot');
});

test('acceptor: the two promises hold in fast Paxos too (and nack names the promise)', () => {
  const c = cfg({ acceptors: 3 });
  let r = deliver(c, init(c, 'A1'), 'L1', { kind: 'prepare', ballot: b(2), slot: 0, to: 'A1' });
  r = deliver(c, r.state, 'L1', { kind: 'prepare', ballot: b(1), slot: 0, to: 'A1' });
  assert.deepEqual(r.send, [{ kind: 'nack', ballot: b(1), promised: b(2), slot: 0, to: 'L1' }]);
  r = deliver(c, r.state, 'L1', { kind: 'accept', ballot: b(1), slot: 0, value: 'x', to: 'A1' });
  assert.equal(r.send[0]?.kind, 'nack');
  r = deliver(c, r.state, 'C1', { kind: 'request', value: 'x', to: 'A1' });
  assert.equal(r.send.length, 0, 'round 0 is closed once a higher ballot is promised');
  r = deliver(c, r.state, 'L1', { kind: 'accept-any', ballot: b(1, true), slot: 0, to: 'A1' });
  assert.equal(r.send[0]?.kind, 'nack');
  const quiet = cfg({ acceptors: 3, nack: false });
  const q = deliver(quiet, deliver(quiet, init(quiet, 'A1'), 'L1', { kind: 'prepare', ballot: b(2), slot: 0, to: 'A1' }).state, 'L1', {
    kind: 'prepare',
    ballot: b(1),
    slot: 0,
    to: 'A1',
  });
  assert.equal(q.send.length, 0, 'without nack a refusal is silent');
});

test('acceptor: promise reports the fast vote; durable state survives crash, the open fast ballot does not', () => {
  const c = cfg({ acceptors: 3 });
  let a = deliver(c, init(c, 'A1'), 'C1', { kind: 'request', value: 'x', to: 'A1' }).state;
  a = fastPaxos.crash(a, c);
  assert.deepEqual(fastPaxos.view(a, c).accepted, [{ slot: 0, ballot: ROUND_ZERO, value: 'x' }]);
  assert.equal(deliver(c, a, 'C2', { kind: 'request', value: 'y', to: 'A1' }).send.length, 0, 'still one vote in round 0 after a restart');
  const r = deliver(c, a, 'L1', { kind: 'prepare', ballot: b(1), slot: 0, to: 'A1' });
  assert.deepEqual(r.send, [{ kind: 'promise', ballot: b(1), slot: 0, accepted: [{ slot: 0, ballot: ROUND_ZERO, value: 'x' }], to: 'L1' }]);
  const after = fastPaxos.crash(r.state, c);
  assert.deepEqual(fastPaxos.view(after, c).promised, b(1), 'the promise is durable');
  // A prepared fast ballot's "any" is volatile: after a restart the acceptor no longer votes for requests.
  const p = cfg({ acceptors: 3, opening: 'fast-prepare' });
  let s = deliver(p, init(p, 'A2'), 'L1', { kind: 'prepare', ballot: b(1, true), slot: 0, to: 'A2' }).state;
  s = deliver(p, s, 'L1', { kind: 'accept-any', ballot: b(1, true), slot: 0, to: 'A2' }).state;
  s = fastPaxos.crash(s, p);
  assert.equal(deliver(p, s, 'C1', { kind: 'request', value: 'x', to: 'A2' }).send.length, 0);
});

test('learner: a fast ballot needs q_f votes, a classic one q_c; a repeated vote counts once', () => {
  const c = cfg({ acceptors: 4 }); // q_c 3, q_f 3
  const c5 = cfg({ acceptors: 5 }); // q_c 3, q_f 4
  let t = EMPTY_TALLY;
  for (const a of ['A1', 'A2', 'A3']) {
    const r = recordVote(t, a, b(0, true), 'x', c5);
    assert.equal(r.learned, false, `${a}: 3 < q_f 4`);
    t = r.tally;
  }
  assert.equal(recordVote(t, 'A3', b(0, true), 'x', c5).learned, false, 'duplicate');
  assert.equal(recordVote(t, 'A4', b(0, true), 'x', c5).learned, true);
  let u = EMPTY_TALLY;
  u = recordVote(u, 'A1', b(1), 'y', c5).tally;
  u = recordVote(u, 'A2', b(1), 'y', c5).tally;
  assert.equal(recordVote(u, 'A3', b(1), 'y', c5).learned, true, 'classic ballot: q_c = 3');
  // A learner node emits `chosen` once.
  let l = init(cfg({ acceptors: 4, learners: 1 }), 'L2');
  const chosen: Value[] = [];
  for (const a of ['A1', 'A2', 'A3', 'A4']) {
    const r = deliver(c, l, a, { kind: 'accepted', ballot: b(0, true), slot: 0, value: 'x', to: 'L2' });
    chosen.push(...r.chosen.map((x) => x.value));
    l = r.state;
  }
  assert.deepEqual(chosen, ['x']);
});

test('collision detection: no value can still reach a fast quorum', () => {
  const c = cfg({ acceptors: 4 }); // q_f 3
  const votes = (vs: [string, string][]) => vs.reduce((t, [a, v]) => recordVote(t, a, b(0, true), v, c).tally, EMPTY_TALLY);
  assert.equal(isCollision(votes([['A1', 'x'], ['A2', 'y']]), b(0, true), c), false, '1 + 2 unheard could still make 3');
  assert.equal(isCollision(votes([['A1', 'x'], ['A2', 'y'], ['A3', 'y']]), b(0, true), c), false, 'y: 2 + 1 unheard');
  assert.equal(isCollision(votes([['A1', 'x'], ['A2', 'y'], ['A3', 'z']]), b(0, true), c), true);
  assert.equal(isCollision(votes([['A1', 'x'], ['A2', 'x'], ['A3', 'y'], ['A4', 'y']]), b(0, true), c), true, '2 : 2');
  assert.equal(isCollision(votes([['A1', 'x'], ['A2', 'y'], ['A3', 'z']]), b(1), c), false, 'never in a classic ballot');
});

test('recovery rule: the value that may have been chosen is forced', () => {
  const f = b(0, true);
  // n = 4, q_f = 3, Q = {A1, A2, A3}: x seen twice; with A4 (unseen) it could have made 3 → forced.
  assert.deepEqual(
    pickRecoveryValue([{ acceptor: 'A1', ballot: f, value: 'x' }, { acceptor: 'A2', ballot: f, value: 'x' }, { acceptor: 'A3', ballot: f, value: 'y' }], 4, 3),
    { kind: 'forced', value: 'x' },
  );
  // n = 5, q_f = 4, Q = {A1, A2, A3}: x twice, y once; x could reach 2 + 2 unseen = 4 → forced.
  assert.deepEqual(
    pickRecoveryValue([{ acceptor: 'A3', ballot: f, value: 'y' }, { acceptor: 'A1', ballot: f, value: 'x' }, { acceptor: 'A2', ballot: f, value: 'x' }], 5, 4),
    { kind: 'forced', value: 'x' },
  );
  // n = 5, q_f = 4, Q = {A1, A2, A3} all different: nothing can have been chosen → pick among them.
  assert.deepEqual(
    pickRecoveryValue([{ acceptor: 'A1', ballot: f, value: 'x' }, { acceptor: 'A2', ballot: f, value: 'y' }, { acceptor: 'A3', ballot: f, value: 'z' }], 5, 4),
    { kind: 'any-of', values: ['x', 'y', 'z'] },
  );
  // Broken sizes (n = 5, q_f = 3, |Q| = 3: threshold 1) make both x and y possible: the most reported wins.
  assert.deepEqual(
    pickRecoveryValue([{ acceptor: 'A3', ballot: f, value: 'x' }, { acceptor: 'A4', ballot: f, value: 'y' }, { acceptor: 'A5', ballot: f, value: 'y' }], 5, 3),
    { kind: 'forced', value: 'y' },
  );
  // The highest ballot wins; a classic ballot's value is forced even if reported once.
  assert.deepEqual(
    pickRecoveryValue([{ acceptor: 'A1', ballot: f, value: 'x' }, { acceptor: 'A2', ballot: b(1), value: 'y' }, { acceptor: 'A3' }], 4, 3),
    { kind: 'forced', value: 'y' },
  );
  assert.deepEqual(pickRecoveryValue([{ acceptor: 'A1' }, { acceptor: 'A2' }, { acceptor: 'A3' }], 4, 3), { kind: 'free' });
  // A duplicated promise counts once. n = 5, q_f = 4, Q = {A1, A2, A3} with A1's promise twice: y (A2, A3)
  // plus the 2 unseen acceptors could have made 4, so y is forced. Counting A1 twice would shrink the unseen
  // acceptors to 1, leave x and y at 2 each, and let the coordinator propose x: unsafe.
  assert.deepEqual(
    pickRecoveryValue([{ acceptor: 'A1', ballot: f, value: 'x' }, { acceptor: 'A1', ballot: f, value: 'x' }, { acceptor: 'A2', ballot: f, value: 'y' }, { acceptor: 'A3', ballot: f, value: 'y' }], 5, 4),
    { kind: 'forced', value: 'y' },
  );
});

/** Runs a coordinator through inputs, collecting everything it sends and learns. */
function drive(c: FastConfig, s: FastState, inputs: Input[]): { state: FastState; sent: Outgoing[]; chosen: Value[]; timers: string[] } {
  const sent: Outgoing[] = [];
  const chosen: Value[] = [];
  const timers: string[] = [];
  for (const input of inputs) {
    const r = step(c, s, input);
    s = r.state;
    sent.push(...r.send);
    chosen.push(...r.chosen.map((x) => x.value));
    timers.push(...r.timers.map((t) => `${t.op}:${t.timer}`));
  }
  return { state: s, sent, chosen, timers };
}

const input = (from: NodeId, body: Record<string, unknown>): Input => ({ type: 'message', msg: msg(from, body as Outgoing) });

test('coordinator: a fast round without conflict is learned from a fast quorum of accepted', () => {
  const c = cfg({ acceptors: 4 });
  const r = drive(c, init(c, 'L1'), [
    { type: 'start' },
    input('C1', { kind: 'request', value: 'x', to: 'L1' }),
    ...['A1', 'A2', 'A3'].map((a) => input(a, { kind: 'accepted', ballot: ROUND_ZERO, slot: 0, value: 'x', to: 'L1' })),
  ]);
  assert.deepEqual(
    r.sent.map((m) => `${m.kind}:${m.to}`),
    ['client-reply:C1', 'client-reply:C2'],
    'round 0 needs no message from the coordinator; it only tells the clients the outcome',
  );
  assert.deepEqual(r.chosen, ['x']);
  assert.deepEqual(r.timers, ['set:round', 'cancel:round', 'cancel:retry']);
});

test('coordinator: collision → classic round → recovery value → chosen in the classic round', () => {
  const c = cfg({ acceptors: 4 }); // q_c 3, q_f 3
  const votes: [NodeId, Value][] = [['A1', 'x'], ['A2', 'x'], ['A3', 'y'], ['A4', 'y']];
  let r = drive(c, init(c, 'L1'), [
    { type: 'start' },
    ...votes.map(([a, v]) => input(a, { kind: 'accepted', ballot: ROUND_ZERO, slot: 0, value: v, to: 'L1' })),
  ]);
  assert.deepEqual(r.chosen, []);
  assert.deepEqual(
    r.sent.map((m) => `${m.kind}:${m.to}`),
    ['prepare:A1', 'prepare:A2', 'prepare:A3', 'prepare:A4'],
    'the fourth vote makes the collision certain (2 : 2 with q_f = 3)',
  );
  assert.deepEqual(r.sent[0]?.kind === 'prepare' && r.sent[0].ballot, b(1), 'a classic ballot above round 0');
  // Promises from A2, A3, A4: x once, y twice, n − |Q| = 1 unseen → y could have had 3: forced y.
  r = drive(c, r.state, [
    input('A2', { kind: 'promise', ballot: b(1), slot: 0, accepted: [{ slot: 0, ballot: ROUND_ZERO, value: 'x' }], to: 'L1' }),
    input('A2', { kind: 'promise', ballot: b(1), slot: 0, accepted: [{ slot: 0, ballot: ROUND_ZERO, value: 'x' }], to: 'L1' }),
    input('A3', { kind: 'promise', ballot: b(1), slot: 0, accepted: [{ slot: 0, ballot: ROUND_ZERO, value: 'y' }], to: 'L1' }),
  ]);
  assert.deepEqual(r.sent, [], 'a duplicated promise is not a quorum');
  r = drive(c, r.state, [input('A4', { kind: 'promise', ballot: b(1), slot: 0, accepted: [{ slot: 0, ballot: ROUND_ZERO, value: 'y' }], to: 'L1' })]);
  assert.deepEqual(
    r.sent.map((m) => (m.kind === 'accept' ? `${m.to}:${m.value}` : m.kind)),
    ['A1:y', 'A2:y', 'A3:y', 'A4:y'],
  );
  r = drive(c, r.state, ['A1', 'A2', 'A3'].map((a) => input(a, { kind: 'accepted', ballot: b(1), slot: 0, value: 'y', to: 'L1' })));
  assert.deepEqual(r.chosen, ['y'], 'classic ballot: q_c = 3 accepted');
});

test('coordinator: a stalled round times out, backs off, and retries with a higher classic ballot', () => {
  const c = cfg({ acceptors: 3 });
  let r = drive(c, init(c, 'L1'), [{ type: 'start' }, input('C1', { kind: 'request', value: 'x', to: 'L1' })]);
  assert.deepEqual(r.timers, ['set:round']);
  r = drive(c, r.state, [{ type: 'timeout', timer: 'round' }]);
  assert.deepEqual(r.timers, ['cancel:round', 'set:retry']);
  r = drive(c, r.state, [{ type: 'timeout', timer: 'retry' }]);
  assert.deepEqual(r.sent.map((m) => (m.kind === 'prepare' ? `${m.to}:${m.ballot.round}` : m.kind)), ['A1:1', 'A2:1', 'A3:1']);
  // Nothing was accepted anywhere: the classic round proposes the value a client asked for.
  r = drive(c, r.state, ['A1', 'A2'].map((a) => input(a, { kind: 'promise', ballot: b(1), slot: 0, accepted: [], to: 'L1' })));
  assert.deepEqual(r.sent.map((m) => (m.kind === 'accept' ? `${m.to}:${m.value}` : m.kind)), ['A1:x', 'A2:x', 'A3:x']);
  // A nack with a higher promise makes the next ballot jump above it.
  r = drive(c, r.state, [input('A3', { kind: 'nack', ballot: b(1), promised: b(7), slot: 0, to: 'L1' }), { type: 'timeout', timer: 'retry' }]);
  const prepares = r.sent.filter((m) => m.kind === 'prepare');
  assert.equal(prepares[0]?.kind === 'prepare' && prepares[0].ballot.round, 8);
});

test('coordinator: with nothing proposed, a prepared classic ballot waits for a value', () => {
  const c = cfg({ acceptors: 3, opening: 'classic' });
  let r = drive(c, init(c, 'L1'), [{ type: 'start' }, ...['A1', 'A2'].map((a) => input(a, { kind: 'promise', ballot: b(1), slot: 0, accepted: [], to: 'L1' }))]);
  assert.deepEqual(r.sent.map((m) => m.kind), ['prepare', 'prepare', 'prepare']);
  assert.equal(fastPaxos.view(r.state, c).extra['phase'], 'waiting-value');
  const waiting = r.state;
  r = drive(c, waiting, [input('C1', { kind: 'request', value: 'z', to: 'L1' })]);
  assert.deepEqual(r.sent.map((m) => (m.kind === 'accept' ? `${m.to}:${m.value}` : m.kind)), ['A1:z', 'A2:z', 'A3:z']);
  // A vote it hears about names a proposed value too (in a fast-zero run: a late round-0 vote from outside its quorum).
  r = drive(c, waiting, [input('A3', { kind: 'accepted', ballot: ROUND_ZERO, slot: 0, value: 'w', to: 'L1' })]);
  assert.deepEqual(r.sent.map((m) => (m.kind === 'accept' ? `${m.to}:${m.value}` : m.kind)), ['A1:w', 'A2:w', 'A3:w']);
});

test('coordinator: a prepared fast ballot with nothing accepted sends accept-any', () => {
  const c = cfg({ acceptors: 4, opening: 'fast-prepare' });
  const r = drive(c, init(c, 'L1'), [
    { type: 'start' },
    ...['A1', 'A2', 'A3'].map((a) => input(a, { kind: 'promise', ballot: b(1, true), slot: 0, accepted: [], to: 'L1' })),
  ]);
  assert.deepEqual(r.sent.slice(4).map((m) => `${m.kind}:${m.to}`), ['accept-any:A1', 'accept-any:A2', 'accept-any:A3', 'accept-any:A4']);
});

test('coordinator: only its highest round survives a crash, so a restart never reuses a ballot', () => {
  const c = cfg({ acceptors: 3 });
  let r = drive(c, init(c, 'L1'), [{ type: 'start' }, input('C1', { kind: 'request', value: 'x', to: 'L1' }), { type: 'timeout', timer: 'round' }, { type: 'timeout', timer: 'retry' }]);
  assert.equal(fastPaxos.view(r.state, c).extra['round'], '1');
  const crashed = fastPaxos.crash(r.state, c);
  assert.equal(fastPaxos.view(crashed, c).extra['phase'], 'idle');
  r = drive(c, crashed, [{ type: 'recover' }, { type: 'timeout', timer: 'retry' }]);
  assert.deepEqual(r.sent.map((m) => (m.kind === 'prepare' ? m.ballot.round : -1)), [2, 2, 2]);
});
