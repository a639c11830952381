// Flexible quorums in Basic Paxos (Howard, Malkhi, Spiegelman, "Flexible Paxos", 2016): phase 1 waits for
// q1 promises, phase 2 and the learner for q2 acceptances, and the config insists on q1 + q2 > n unless the
// non-intersecting-quorums variant breaks it on purpose. Unit tests of the rules, the trace's quorum
// header, and seeded random faulty runs, every trace checked against the seven safety properties.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { basicPaxos, type BasicConfig, type BasicState, type ProposerState } from '../../src/paxos/basic/index.ts';
import { ConfigError, type Input } from '../../src/paxos/core/protocol.ts';
import type { Message } from '../../src/paxos/core/message.ts';
import { checkTrace } from '../../src/paxos/check/properties.ts';
import { TraceBuilder, bal } from './trace-builder.ts';
import { formatFailures, runDst } from './dst-helpers.ts';

const cfg = (extra: Partial<BasicConfig> = {}): BasicConfig => basicPaxos.config({ protocol: 'basic', acceptors: 4, proposers: 2, nack: false, ...extra });
const b = (round: number, node: string) => ({ round, node });
let id = 1;
const promise = (from: string): Message => ({ id: id++, from, to: 'P1', kind: 'promise', ballot: b(1, 'P1'), slot: 0, accepted: [] });
const accepted = (from: string): Message => ({ id: id++, from, to: 'P1', kind: 'accepted', ballot: b(1, 'P1'), slot: 0, value: 'v1' });

function drive(config: BasicConfig, inputs: Input[]): { state: ProposerState; sends: number[]; chosen: boolean } {
  let s: BasicState = basicPaxos.init({ id: 'P1', roles: ['proposer', 'learner'] }, config);
  const sends: number[] = [];
  let chosen = false;
  for (const input of inputs) {
    const r = basicPaxos.step(s, input, config, 0);
    sends.push(r.send.filter((m) => m.kind === 'accept').length);
    if (r.chosen.length > 0) chosen = true;
    s = r.state;
  }
  return { state: s as ProposerState, sends, chosen };
}
const msg = (m: Message): Input => ({ type: 'message', msg: m });

test('phase 1 waits for q1 promises: with q1 = 3 of 4, two promises are not enough and the third starts phase 2', () => {
  const run = drive(cfg({ phase1Quorum: 3, phase2Quorum: 2 }), [{ type: 'propose', value: 'v1' }, msg(promise('A1')), msg(promise('A2')), msg(promise('A3'))]);
  assert.deepEqual(run.sends, [0, 0, 0, 4]);
  assert.equal(run.state.phase, 'accepting');
});

test('the learner counts q2 acceptances: with q2 = 2 of 4, two acceptances of one ballot choose the value', () => {
  const config = cfg({ phase1Quorum: 3, phase2Quorum: 2 });
  const one = drive(config, [msg(accepted('A1'))]);
  assert.equal(one.chosen, false);
  const two = drive(config, [msg(accepted('A1')), msg(accepted('A4'))]);
  assert.equal(two.chosen, true);
  // With the default (a majority, 3 of 4) the same two acceptances choose nothing.
  assert.equal(drive(cfg(), [msg(accepted('A1')), msg(accepted('A4'))]).chosen, false);
});

test('the config insists on q1 + q2 > n, names the field, and keeps unset sizes unset', () => {
  assert.throws(() => cfg({ phase1Quorum: 2, phase2Quorum: 2 }), (e: unknown) => e instanceof ConfigError && e.field === 'phase2Quorum' && /2 \+ 2 ≤ 4/.test(e.message) && /q2 ≥ 3/.test(e.message));
  assert.throws(() => cfg({ phase1Quorum: 5 }), (e: unknown) => e instanceof ConfigError && e.field === 'phase1Quorum');
  assert.throws(() => cfg({ phase2Quorum: 0 }), (e: unknown) => e instanceof ConfigError && e.field === 'phase2Quorum');
  assert.throws(() => cfg({ phase1Quorum: 2.5 as number }), (e: unknown) => e instanceof ConfigError && e.field === 'phase1Quorum');
  // q1 = 1 is allowed when q2 = n: every acceptor must accept, and any one promise meets that.
  assert.equal(cfg({ phase1Quorum: 1, phase2Quorum: 4 }).phase1Quorum, 1);
  const plain = cfg();
  assert.equal('phase1Quorum' in plain || 'phase2Quorum' in plain, false, 'a config that names no sizes echoes as before');
});

test('the non-intersecting-quorums variant defaults to the largest sizes that break q1 + q2 > n, and refuses sizes that keep it', () => {
  assert.deepEqual(
    [4, 3, 5].map((n) => {
      const c = cfg({ acceptors: n, mutant: 'non-intersecting-quorums' });
      return [c.phase1Quorum, c.phase2Quorum];
    }),
    [[2, 2], [1, 2], [2, 3]],
  );
  assert.throws(() => cfg({ mutant: 'non-intersecting-quorums', phase1Quorum: 3 }), (e: unknown) => e instanceof ConfigError && e.field === 'phase2Quorum');
});

test('the trace header: `classic` is phase 2\'s quorum, `phase1` appears only when q1 differs', () => {
  assert.deepEqual(basicPaxos.quorums(cfg()), { classic: 3 });
  assert.deepEqual(basicPaxos.quorums(cfg({ phase1Quorum: 3, phase2Quorum: 2 })), { classic: 2, phase1: 3 });
  assert.deepEqual(basicPaxos.quorums(cfg({ phase1Quorum: 2, phase2Quorum: 3 })), { classic: 3, phase1: 2 });
  assert.deepEqual(basicPaxos.quorums(cfg({ mutant: 'non-intersecting-quorums' })), { classic: 2 });
  // minority-quorum waits for too few but reports the correct sizes: the checker judges it by them.
  assert.deepEqual(basicPaxos.quorums(cfg({ mutant: 'minority-quorum' })), { classic: 3 });
});

test('the trace checker reads `phase1`: phase 2 after q1 promises passes, after fewer it is flagged', () => {
  const nodes = [{ id: 'P1', roles: ['proposer' as const, 'learner' as const] }, ...['A1', 'A2', 'A3', 'A4'].map((a) => ({ id: a, roles: ['acceptor' as const] }))];
  const build = (promisers: string[]) =>
    new TraceBuilder(nodes, { classic: 2, phase1: 3 }).propose('P1', 'v1').phase1('P1', bal(1, 'P1'), promisers).phase2('P1', bal(1, 'P1'), 'v1', ['A3', 'A4']).doc();
  assert.equal(checkTrace(build(['A1', 'A2', 'A3'])), null);
  const v = checkTrace(build(['A1', 'A2']));
  assert.equal(v?.property, 'proposer-value');
  assert.match(v?.message ?? '', /a phase-1 quorum is 3/);
});

test('DST: random faulty Basic runs with q1 = 3, q2 = 2 of 4 acceptors never break a safety property', () => {
  const r = runDst({ protocol: 'basic', runs: 1500, overrides: { acceptors: 4, phase1Quorum: 3, phase2Quorum: 2 } });
  assert.deepEqual(r.failures, [], formatFailures(r));
  assert.equal(r.runs, 1500);
  assert.ok(r.decided > r.runs * 0.7, `${r.decided} of ${r.runs} runs decided`);
});

test('DST: q1 = 2, q2 = 3 of 4 (the other way round) is safe too', () => {
  const r = runDst({ protocol: 'basic', runs: 1000, overrides: { acceptors: 4, phase1Quorum: 2, phase2Quorum: 3 } });
  assert.deepEqual(r.failures, [], formatFailures(r));
});

test('DST catches non-intersecting-quorums (q1 = q2 = 2 of 4) on agreement, and prints a command with --q1/--q2', () => {
  const r = runDst({ protocol: 'basic', runs: 1000, overrides: { acceptors: 4, proposers: 3, mutant: 'non-intersecting-quorums', phase1Quorum: 2, phase2Quorum: 2 } });
  assert.equal(r.failures.length, 1, 'the variant should be caught');
  const f = r.failures[0]!;
  assert.equal(f.violation.property, 'agreement');
  assert.match(f.command, /--mutant non-intersecting-quorums --q1 2 --q2 2/);
});
