// Unit tests for every rule of the Basic Paxos acceptor: the two promises, the reply, nack, durability,
// and the acceptor-side mutants (each breaks exactly its rule).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { basicPaxos, type BasicConfig, type BasicState } from '../../src/paxos/basic/index.ts';
import type { AcceptorState } from '../../src/paxos/basic/acceptor.ts';
import type { Message } from '../../src/paxos/core/message.ts';
import type { MutantName } from '../../src/paxos/core/mutants.ts';

const cfg = (extra: Partial<BasicConfig> = {}): BasicConfig => basicPaxos.config({ protocol: 'basic', acceptors: 3, proposers: 2, nack: true, ...extra });
const b = (round: number, node: string) => ({ round, node });
let nextId = 0;
const prepare = (round: number, node: string): Message => ({ id: nextId++, from: node, to: 'A1', kind: 'prepare', ballot: b(round, node), slot: 0 });
const accept = (round: number, node: string, value: string): Message => ({ id: nextId++, from: node, to: 'A1', kind: 'accept', ballot: b(round, node), slot: 0, value });

function acceptor(config = cfg()): AcceptorState {
  return basicPaxos.init({ id: 'A1', roles: ['acceptor'] }, config) as AcceptorState;
}
function deliver(s: BasicState, msg: Message, config = cfg()) {
  return basicPaxos.step(s, { type: 'message', msg }, config, 0);
}
/** Runs messages through one acceptor and returns the final state and everything it sent. */
function feed(msgs: Message[], config = cfg()) {
  let s: BasicState = acceptor(config);
  const sent = [];
  for (const m of msgs) {
    const r = deliver(s, m, config);
    s = r.state;
    sent.push(...r.send);
  }
  return { state: s as AcceptorState, sent };
}

test('prepare above every promise: promise it, reply with nothing accepted yet', () => {
  const { state, sent } = feed([prepare(1, 'P1')]);
  assert.deepEqual(state.promised, b(1, 'P1'));
  assert.deepEqual(sent, [{ kind: 'promise', to: 'P1', ballot: b(1, 'P1'), slot: 0, accepted: [] }]);
});

test('first promise: a prepare numbered below the promise is refused with nack carrying the promise', () => {
  const { state, sent } = feed([prepare(2, 'P2'), prepare(1, 'P1')]);
  assert.deepEqual(state.promised, b(2, 'P2'));
  assert.deepEqual(sent[1], { kind: 'nack', to: 'P1', ballot: b(1, 'P1'), promised: b(2, 'P2') });
});

test('first promise: same round, lower node is lower (1.P1 < 1.P2)', () => {
  const { sent } = feed([prepare(1, 'P2'), prepare(1, 'P1')]);
  assert.equal(sent[1]?.kind, 'nack');
});

test('first promise: a repeat of the promised prepare (≤ n) gets no second promise and no nack', () => {
  const { sent } = feed([prepare(1, 'P1'), prepare(1, 'P1')]);
  assert.equal(sent.length, 1);
});

test('nack off: refusals are silent', () => {
  const config = cfg({ nack: false });
  const { sent } = feed([prepare(2, 'P2'), prepare(1, 'P1'), accept(1, 'P1', 'v1')], config);
  assert.deepEqual(sent.map((m) => m.kind), ['promise']);
});

test('second promise: accept below the promise is refused (nack), state unchanged', () => {
  const { state, sent } = feed([prepare(2, 'P2'), accept(1, 'P1', 'v1')]);
  assert.equal(state.accepted, null);
  assert.deepEqual(sent[1], { kind: 'nack', to: 'P1', ballot: b(1, 'P1'), promised: b(2, 'P2') });
});

test('second promise: accept at or above the promise is accepted and announced to every proposer/learner', () => {
  const { state, sent } = feed([prepare(1, 'P1'), accept(1, 'P1', 'v1')]);
  assert.deepEqual(state.accepted, { slot: 0, ballot: b(1, 'P1'), value: 'v1' });
  assert.deepEqual(sent.slice(1), [
    { kind: 'accepted', to: 'P1', ballot: b(1, 'P1'), slot: 0, value: 'v1' },
    { kind: 'accepted', to: 'P2', ballot: b(1, 'P1'), slot: 0, value: 'v1' },
  ]);
});

test('accepting a higher ballot without a prepare raises the promise too', () => {
  const { state, sent } = feed([prepare(1, 'P1'), accept(3, 'P2', 'v2'), prepare(2, 'P1')]);
  assert.deepEqual(state.promised, b(3, 'P2'));
  assert.equal(sent.at(-1)?.kind, 'nack');
});

test('the reply: a promise reports the highest-numbered proposal accepted so far', () => {
  const { sent } = feed([prepare(1, 'P1'), accept(1, 'P1', 'v1'), prepare(2, 'P2'), accept(2, 'P2', 'v2'), prepare(3, 'P1')]);
  const last = sent.at(-1);
  assert.equal(last?.kind, 'promise');
  assert.deepEqual(last?.kind === 'promise' && last.accepted, [{ slot: 0, ballot: b(2, 'P2'), value: 'v2' }]);
});

test('durable state: promised and accepted survive a crash', () => {
  const { state } = feed([prepare(2, 'P1'), accept(2, 'P1', 'v1')]);
  assert.deepEqual(basicPaxos.crash(state, cfg()), state);
  const after = basicPaxos.step(basicPaxos.crash(state, cfg()), { type: 'recover' }, cfg(), 0);
  assert.deepEqual(after.state, state);
});

test('states are not mutated by step', () => {
  const s = acceptor();
  const frozen = JSON.stringify(s);
  deliver(s, prepare(1, 'P1'));
  assert.equal(JSON.stringify(s), frozen);
});

const mutant = (m: MutantName) => cfg({ mutant: m });

test('mutant no-first-promise: answers a lower prepare and lowers its promise (and only that rule breaks)', () => {
  const config = mutant('no-first-promise');
  const { state, sent } = feed([prepare(2, 'P2'), prepare(1, 'P1')], config);
  assert.equal(sent[1]?.kind, 'promise');
  assert.deepEqual(state.promised, b(1, 'P1'));
  // The second promise still holds against its (lowered) promise.
  const r = feed([prepare(2, 'P2'), accept(1, 'P1', 'v1')], config);
  assert.equal(r.sent[1]?.kind, 'nack');
});

test('mutant no-second-promise: accepts below its promise', () => {
  const { state, sent } = feed([prepare(2, 'P2'), accept(1, 'P1', 'v1')], mutant('no-second-promise'));
  assert.equal(sent[1]?.kind, 'accepted');
  assert.deepEqual(state.promised, b(2, 'P2'));
  assert.deepEqual(state.accepted?.ballot, b(1, 'P1'));
});

test('mutant no-reply: the promise leaves out what it accepted', () => {
  const { sent } = feed([prepare(1, 'P1'), accept(1, 'P1', 'v1'), prepare(2, 'P2')], mutant('no-reply'));
  const last = sent.at(-1);
  assert.deepEqual(last?.kind === 'promise' && last.accepted, []);
});

test('correct acceptor with the same inputs as each mutant test behaves correctly', () => {
  assert.equal(feed([prepare(2, 'P2'), prepare(1, 'P1')]).sent[1]?.kind, 'nack');
  assert.equal(feed([prepare(2, 'P2'), accept(1, 'P1', 'v1')]).sent[1]?.kind, 'nack');
  const last = feed([prepare(1, 'P1'), accept(1, 'P1', 'v1'), prepare(2, 'P2')]).sent.at(-1);
  assert.equal(last?.kind === 'promise' && last.accepted.length, 1);
});
