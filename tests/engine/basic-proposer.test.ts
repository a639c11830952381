// Unit tests for the Basic Paxos proposer and learner rules, config validation, and the proposer-side
// mutants (ignore-reply, minority-quorum, reused-ballot).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { basicPaxos, type BasicConfig, type BasicState, type ProposerState } from '../../src/paxos/basic/index.ts';
import { PHASE_TIMER, RETRY_TIMER } from '../../src/paxos/basic/proposer.ts';
import { ConfigError, type Input, type StepResult } from '../../src/paxos/core/protocol.ts';
import type { AcceptedEntry, Message } from '../../src/paxos/core/message.ts';

const cfg = (extra: Partial<BasicConfig> = {}): BasicConfig =>
  basicPaxos.config({ protocol: 'basic', acceptors: 3, proposers: 2, nack: true, timing: { proposerTimeout: 10, backoff: [2, 8], heartbeat: 5, electionTimeout: [10, 20] }, ...extra });
const b = (round: number, node: string) => ({ round, node });
let id = 100;
const promise = (from: string, round: number, node: string, accepted: AcceptedEntry[] = []): Message => ({ id: id++, from, to: node, kind: 'promise', ballot: b(round, node), slot: 0, accepted });
const nack = (from: string, round: number, node: string, promised: { round: number; node: string }): Message => ({ id: id++, from, to: node, kind: 'nack', ballot: b(round, node), promised });
const accepted = (from: string, to: string, round: number, node: string, value: string): Message => ({ id: id++, from, to, kind: 'accepted', ballot: b(round, node), slot: 0, value });

function run(inputs: Input[], config = cfg(), start?: BasicState) {
  let s: BasicState = start ?? basicPaxos.init({ id: 'P1', roles: ['proposer', 'learner'] }, config);
  const results: StepResult<BasicState>[] = [];
  for (const input of inputs) {
    const r = basicPaxos.step(s, input, config, 0);
    results.push(r);
    s = r.state;
  }
  return { state: s as ProposerState, results, last: results.at(-1)! };
}
const msg = (m: Message): Input => ({ type: 'message', msg: m });

test('propose: phase 1 with ballot (1, P1) to every acceptor, and a phase timer', () => {
  const { state, last } = run([{ type: 'propose', value: 'v1' }]);
  assert.equal(state.phase, 'preparing');
  assert.deepEqual(last.send, ['A1', 'A2', 'A3'].map((to) => ({ kind: 'prepare', to, ballot: b(1, 'P1'), slot: 0 })));
  assert.deepEqual(last.timers, [{ op: 'set', timer: PHASE_TIMER, delay: 10 }]);
});

test('a second propose while busy is ignored (Basic decides one value)', () => {
  const { last } = run([{ type: 'propose', value: 'v1' }, { type: 'propose', value: 'v9' }]);
  assert.deepEqual(last.send, []);
});

test('quorum of promises with nothing accepted: phase 2 with its own value', () => {
  const { state, results } = run([{ type: 'propose', value: 'v1' }, msg(promise('A1', 1, 'P1')), msg(promise('A2', 1, 'P1'))]);
  assert.deepEqual(results[1]!.send, [], 'one promise is not a quorum of 3');
  assert.equal(state.phase, 'accepting');
  assert.deepEqual(results[2]!.send.map((m) => m.kind === 'accept' && m.value), ['v1', 'v1', 'v1']);
});

test('a duplicated promise counts once', () => {
  const p = promise('A1', 1, 'P1');
  const { state, last } = run([{ type: 'propose', value: 'v1' }, msg(p), msg(p)]);
  assert.equal(state.phase, 'preparing');
  assert.deepEqual(last.send, []);
});

test('promises for another ballot are not counted', () => {
  const { state } = run([{ type: 'propose', value: 'v1' }, msg(promise('A1', 1, 'P1')), msg(promise('A2', 7, 'P1'))]);
  assert.equal(state.phase, 'preparing');
});

test('value adoption: the highest-ballot accepted entry among the promises wins over its own value', () => {
  const e1: AcceptedEntry = { slot: 0, ballot: b(1, 'P2'), value: 'old' };
  const e2: AcceptedEntry = { slot: 0, ballot: b(2, 'P3'), value: 'newer' };
  const { last } = run([{ type: 'propose', value: 'mine' }, msg(promise('A1', 1, 'P1', [e1])), msg(promise('A2', 1, 'P1', [e2]))]);
  assert.deepEqual(last.send.map((m) => m.kind === 'accept' && m.value), ['newer', 'newer', 'newer']);
});

test('nack for the current ballot: give up, cancel the phase timer, back off with a [min, max] timer', () => {
  const { state, last } = run([{ type: 'propose', value: 'v1' }, msg(nack('A1', 1, 'P1', b(5, 'P2')))]);
  assert.equal(state.phase, 'backoff');
  assert.equal(state.round, 5, 'remembers the round it saw');
  assert.deepEqual(last.timers, [{ op: 'cancel', timer: PHASE_TIMER }, { op: 'set', timer: RETRY_TIMER, delay: [2, 8] }]);
});

test('a stale nack (old ballot) does not interrupt the current attempt', () => {
  const { state } = run([{ type: 'propose', value: 'v1' }, msg(nack('A1', 1, 'P1', b(2, 'P2'))), { type: 'timeout', timer: RETRY_TIMER }, msg(nack('A2', 1, 'P1', b(2, 'P2')))]);
  assert.equal(state.phase, 'preparing');
  assert.deepEqual(state.ballot, b(3, 'P1'));
});

test('retry after back-off: a round above everything seen', () => {
  const { last } = run([{ type: 'propose', value: 'v1' }, msg(nack('A1', 1, 'P1', b(5, 'P2'))), { type: 'timeout', timer: RETRY_TIMER }]);
  assert.deepEqual(last.send[0], { kind: 'prepare', to: 'A1', ballot: b(6, 'P1'), slot: 0 });
});

test('timeout in phase 1 or phase 2 without a quorum: back off', () => {
  const p1 = run([{ type: 'propose', value: 'v1' }, { type: 'timeout', timer: PHASE_TIMER }]);
  assert.equal(p1.state.phase, 'backoff');
  const p2 = run([{ type: 'propose', value: 'v1' }, msg(promise('A1', 1, 'P1')), msg(promise('A2', 1, 'P1')), { type: 'timeout', timer: PHASE_TIMER }]);
  assert.equal(p2.state.phase, 'backoff');
});

test('learner: a quorum of accepted for one ballot → chosen, timers cancelled, proposer done', () => {
  const { state, results } = run([{ type: 'propose', value: 'v1' }, msg(accepted('A1', 'P1', 3, 'P2', 'x')), msg(accepted('A2', 'P1', 3, 'P2', 'x'))]);
  assert.deepEqual(results[1]!.chosen, []);
  assert.deepEqual(results[2]!.chosen, [{ slot: 0, value: 'x' }]);
  assert.deepEqual(results[2]!.timers, [{ op: 'cancel', timer: PHASE_TIMER }, { op: 'cancel', timer: RETRY_TIMER }]);
  assert.equal(state.phase, 'done');
});

test('learner: accepted for different ballots do not add up; duplicates count once; chosen is emitted once', () => {
  const a = accepted('A1', 'P1', 1, 'P1', 'x');
  const r = run([msg(a), msg(a), msg(accepted('A2', 'P1', 2, 'P2', 'x'))]);
  assert.deepEqual(r.results.flatMap((x) => x.chosen), []);
  const r2 = run([msg(a), msg(accepted('A2', 'P1', 1, 'P1', 'x')), msg(accepted('A3', 'P1', 1, 'P1', 'x'))]);
  assert.deepEqual(r2.results.flatMap((x) => x.chosen), [{ slot: 0, value: 'x' }]);
});

test('crash keeps the round counter (durable) and forgets the rest', () => {
  const { state } = run([{ type: 'propose', value: 'v1' }, msg(nack('A1', 1, 'P1', b(4, 'P2')))]);
  const after = basicPaxos.crash(state, cfg()) as ProposerState;
  assert.equal(after.round, 4);
  assert.equal(after.phase, 'idle');
  assert.equal(after.own, null);
  const again = run([{ type: 'propose', value: 'v2' }], cfg(), after);
  assert.deepEqual(again.state.ballot, b(5, 'P1'));
});

test('mutant reused-ballot: a restart forgets the round, so the old ballot comes back', () => {
  const config = cfg({ mutant: 'reused-ballot' });
  const { state } = run([{ type: 'propose', value: 'v1' }], config);
  const again = run([{ type: 'propose', value: 'v2' }], config, basicPaxos.crash(state, config));
  assert.deepEqual(again.state.ballot, b(1, 'P1'));
});

test('mutant ignore-reply: proposes its own value despite an accepted entry', () => {
  const e: AcceptedEntry = { slot: 0, ballot: b(1, 'P2'), value: 'old' };
  const { last } = run([{ type: 'propose', value: 'mine' }, msg(promise('A1', 1, 'P1', [e])), msg(promise('A2', 1, 'P1'))], cfg({ mutant: 'ignore-reply' }));
  assert.deepEqual(last.send.map((m) => m.kind === 'accept' && m.value), ['mine', 'mine', 'mine']);
});

test('mutant minority-quorum: proceeds with ⌊n/2⌋ promises and learns from ⌊n/2⌋ accepted', () => {
  const config = cfg({ mutant: 'minority-quorum' });
  const { last } = run([{ type: 'propose', value: 'v1' }, msg(promise('A1', 1, 'P1'))], config);
  assert.equal(last.send.length, 3);
  const r = run([msg(accepted('A1', 'P1', 1, 'P2', 'x'))], config);
  assert.deepEqual(r.last.chosen, [{ slot: 0, value: 'x' }]);
  assert.equal(basicPaxos.quorums(config).classic, 2, 'the trace still reports the real quorum');
});

test('config: defaults, node list and quorum', () => {
  const c = basicPaxos.config({ protocol: 'basic' });
  assert.equal(c.acceptors, 3);
  assert.deepEqual(basicPaxos.nodes(cfg({ acceptors: 5, proposers: 1 })).map((n) => n.id), ['P1', 'A1', 'A2', 'A3', 'A4', 'A5']);
  assert.equal(basicPaxos.quorums(cfg({ acceptors: 5 })).classic, 3);
  assert.equal(basicPaxos.quorums(cfg({ acceptors: 4 })).classic, 3);
});

test('config: bad settings name the field', () => {
  assert.throws(() => basicPaxos.config({ protocol: 'basic', acceptors: 0 }), (e: unknown) => e instanceof ConfigError && e.field === 'acceptors');
  assert.throws(() => basicPaxos.config({ protocol: 'basic', mutant: 'small-fast-quorum' }), /mutant: "small-fast-quorum" is a fast mutant/);
  assert.throws(() => basicPaxos.config({ protocol: 'basic', timing: { proposerTimeout: 5, backoff: [9, 1], heartbeat: 1, electionTimeout: [1, 2] } }), /timing.backoff/);
});

test('view: proposer and acceptor columns', () => {
  const { state } = run([{ type: 'propose', value: 'v1' }, msg(promise('A1', 1, 'P1'))]);
  const v = basicPaxos.view(state, cfg());
  assert.equal(v.extra['phase'], 'preparing');
  assert.equal(v.extra['ballot'], '1.P1');
  assert.equal(v.extra['promises'], 'A1');
});
