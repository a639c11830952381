// The notes' scripted Basic Paxos runs (content/scenarios/basic/*.json): each runs, is safety-checked, and
// shows what its text claims.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { checkTrace } from '../../src/paxos/check/properties.ts';
import { summarizeOutcome } from '../../src/paxos/render/outcome.ts';
import { runScenario, type Scenario } from '../../src/paxos/sim/index.ts';
import type { TraceDocument, TraceEvent } from '../../src/paxos/core/trace.ts';
import type { Message } from '../../src/paxos/core/message.ts';

const dir = new URL('../../content/scenarios/basic/', import.meta.url);
const load = (name: string) => JSON.parse(readFileSync(new URL(`${name}.json`, dir), 'utf8')) as Scenario & { expect: Record<string, unknown> };
const sent = (doc: TraceDocument, pred: (m: Message) => boolean): Message[] => doc.events.flatMap((e: TraceEvent) => (e.type === 'send' && pred(e.msg) ? [e.msg] : []));

const NAMES = ['smooth', 'preempted', 'value-adoption', 'duelling', 'duelling-backoff', 'minority-crash', 'majority-crash', 'reused-ballot', 'loss-retry', 'nack-preempted', 'timeout-preempted', 'flexible-quorums'];

test('every scenario file is listed here and meets its "expect"', () => {
  const files = readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)).sort();
  assert.deepEqual(files, [...NAMES].sort());
  for (const name of NAMES) {
    const s = load(name);
    assert.equal(typeof s.title, 'string', `${name}: title`);
    const doc = runScenario(s);
    const outcome = summarizeOutcome(doc);
    const violation = checkTrace(doc);
    const e = s.expect;
    if (e['violation']) {
      assert.equal(violation?.property, e['violation'], name);
      continue;
    }
    assert.equal(violation, null, `${name}: ${violation?.message}`);
    if (e['chosen'] === null) assert.equal(outcome.chosen.length, 0, name);
    else if (e['chosen'] === 'any') assert.equal(outcome.chosen.length, 1, name);
    else assert.equal(outcome.chosen[0]?.value, e['chosen'], name);
    if (e['stall']) assert.equal(outcome.stall, e['stall'], name);
    if (typeof e['maxBallots'] === 'number') assert.ok(outcome.ballots <= e['maxBallots'], `${name}: ${outcome.ballots} ballots`);
  }
});

test('smooth: one ballot, three promises, value1 accepted by all three', () => {
  const doc = runScenario(load('smooth'));
  assert.equal(sent(doc, (m) => m.kind === 'promise').length, 3);
  assert.equal(new Set(sent(doc, (m) => m.kind === 'accepted').map((m) => m.from)).size, 3);
});

test('preempted: P2 promised 1.P2 everywhere, so P1\'s accept(1.P1, value1) is refused by all three', () => {
  const doc = runScenario(load('preempted'));
  const nacks = sent(doc, (m) => m.kind === 'nack' && m.to === 'P1');
  assert.deepEqual(nacks.map((m) => m.from).sort(), ['A1', 'A2', 'A3']);
  for (const m of nacks) assert.deepEqual(m.kind === 'nack' && m.promised, { round: 1, node: 'P2' });
  assert.equal(sent(doc, (m) => m.kind === 'accepted' && m.ballot.round === 1 && m.ballot.node === 'P1').length, 0);
});

test('value-adoption: promises report 1.P1=value1, so P2 proposes value1, never value2', () => {
  const doc = runScenario(load('value-adoption'));
  const reports = sent(doc, (m) => m.kind === 'promise' && m.to === 'P2').flatMap((m) => (m.kind === 'promise' ? m.accepted : []));
  assert.ok(reports.some((r) => r.value === 'value1'));
  const p2 = sent(doc, (m) => m.kind === 'accept' && m.from === 'P2');
  assert.equal(p2.length, 3);
  assert.ok(p2.every((m) => m.kind === 'accept' && m.value === 'value1'));
});

test('duelling: each accept is refused by a fresher promise; ballots keep rising and nothing is chosen', () => {
  const doc = runScenario(load('duelling'));
  const rounds = sent(doc, (m) => m.kind === 'prepare').map((m) => (m.kind === 'prepare' ? `${m.ballot.round}.${m.ballot.node}` : ''));
  assert.deepEqual([...new Set(rounds)], ['1.P1', '1.P2', '2.P1', '3.P2', '4.P1', '5.P2', '6.P1', '7.P2']);
  assert.equal(sent(doc, (m) => m.kind === 'accepted').length, 0);
});

test('duelling-backoff: randomized back-off ends the duel; without back-off the same seed duels longer', () => {
  const s = load('duelling-backoff');
  const withBackoff = summarizeOutcome(runScenario(s));
  const without = summarizeOutcome(runScenario({ ...s, timing: { ...s.timing, backoff: [0, 0] } }));
  assert.equal(withBackoff.chosen.length, 1);
  assert.ok(without.ballots > withBackoff.ballots + 2, `${without.ballots} vs ${withBackoff.ballots} ballots`);
  // Not a lucky seed: over many seeds, no back-off means more ballots on average.
  let fixed = 0;
  let random = 0;
  for (let seed = 1; seed <= 150; seed++) {
    fixed += summarizeOutcome(runScenario({ ...s, seed, timing: { ...s.timing, backoff: [0, 0] } })).ballots;
    random += summarizeOutcome(runScenario({ ...s, seed })).ballots;
  }
  assert.ok(fixed > random * 1.3, `average ballots without back-off ${fixed / 150}, with ${random / 150}`);
});

test('minority-crash: messages to A3 are lost, A1 and A2 suffice', () => {
  const doc = runScenario(load('minority-crash'));
  assert.ok(doc.events.some((e) => e.type === 'drop' && e.msg.to === 'A3'));
  assert.ok(!doc.events.some((e) => e.type === 'deliver' && e.msg.to === 'A3'));
});

test('majority-crash: proposers retry until the time limit; nothing accepted by a quorum', () => {
  const s = load('majority-crash');
  const doc = runScenario(s);
  assert.ok(summarizeOutcome(doc).ballots >= 4);
  assert.ok(doc.events.at(-1)!.time > (s.maxTime ?? 0) * 0.8);
  assert.equal(new Set(sent(doc, (m) => m.kind === 'accepted').map((m) => m.from)).size <= 1, true);
});

test('reused-ballot: the correct protocol survives the same story (its restarted proposer uses 2.P1)', () => {
  const s = load('reused-ballot');
  const { mutant: _m, ...correct } = s;
  // The script stops matching (there is no accept(1.P1, value2) to deliver), which is the point.
  assert.throws(() => runScenario(correct), /steps\[11\]\.match: no message in flight matches/);
  const upTo = { ...correct, steps: (s.steps ?? []).slice(0, 11) };
  const doc = runScenario(upTo);
  assert.equal(checkTrace(doc), null);
  assert.deepEqual(sent(doc, (m) => m.kind === 'prepare' && m.from === 'P1').map((m) => m.kind === 'prepare' && m.ballot.round).at(-1), 2);
});
