// The three Basic runs written for the notes (loss-retry, nack-preempted, timeout-preempted) show what the
// prose around them says, event by event; the generic "meets its expect" check lives in
// tests/engine/basic-scenarios.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { checkTrace } from '../../src/paxos/check/properties.ts';
import { summarizeOutcome } from '../../src/paxos/render/outcome.ts';
import { runScenario, type Scenario } from '../../src/paxos/sim/index.ts';
import type { TraceDocument, TraceEvent } from '../../src/paxos/core/trace.ts';
import type { Message } from '../../src/paxos/core/message.ts';
import { formatBallot, type Ballot } from '../../src/paxos/core/ballot.ts';

const dir = new URL('../../content/scenarios/basic/', import.meta.url);
const load = (name: string): Scenario => JSON.parse(readFileSync(new URL(`${name}.json`, dir), 'utf8')) as Scenario;
const sent = (doc: TraceDocument, pred: (m: Message) => boolean): Message[] => doc.events.flatMap((e: TraceEvent) => (e.type === 'send' && pred(e.msg) ? [e.msg] : []));
const ballotOf = (m: Message): string => {
  const b = (m as { ballot?: Ballot }).ballot;
  return b ? formatBallot(b) : '';
};
const run = (name: string): TraceDocument => {
  const doc = runScenario(load(name));
  const bad = checkTrace(doc);
  assert.equal(bad, null, `${name}: ${bad?.message}`);
  return doc;
};
const chosenAt = (doc: TraceDocument): number => {
  const e = doc.events.find((ev) => ev.type === 'chosen');
  assert.ok(e, 'something is chosen');
  return e.time;
};

test('loss-retry: two accepts lost, A1\'s accepted duplicated and counted once, retry with 2.P1 re-adopts value1', () => {
  const doc = run('loss-retry');
  const lost = doc.events.flatMap((e) => (e.type === 'drop' ? [e.msg] : []));
  assert.deepEqual(lost.filter((m) => m.kind === 'accept').map((m) => m.to).sort(), ['A2', 'A3']);
  const deliveredAccepted = doc.events.filter((e) => e.type === 'deliver' && e.msg.kind === 'accepted' && e.msg.from === 'A1' && e.msg.to === 'P1' && ballotOf(e.msg) === '1.P1');
  assert.equal(deliveredAccepted.length, 2, 'the original and its copy both arrive');
  // Counted once: P1 does not learn value1 from the 1.P1 round (one acceptor is no quorum).
  const chosenEvents = doc.events.filter((e) => e.type === 'chosen');
  assert.ok(chosenEvents.every((e) => e.time > deliveredAccepted[1]!.time + 5), 'nothing is chosen right after the duplicate');
  assert.deepEqual([...new Set(sent(doc, (m) => m.kind === 'prepare').map(ballotOf))], ['1.P1', '2.P1']);
  const report = sent(doc, (m) => m.kind === 'promise' && ballotOf(m) === '2.P1' && m.from === 'A1');
  assert.ok(report.some((m) => m.kind === 'promise' && m.accepted.some((a) => a.value === 'value1' && a.ballot.round === 1)));
  assert.ok(sent(doc, (m) => m.kind === 'accept' && ballotOf(m) === '2.P1').every((m) => m.kind === 'accept' && m.value === 'value1'));
  assert.equal(summarizeOutcome(doc).chosen[0]?.value, 'value1');
});

test('nack-preempted and timeout-preempted: the same story; P2 crashes after its prepare, P1 retries with 2.P1', () => {
  const withNack = run('nack-preempted');
  const without = run('timeout-preempted');
  for (const doc of [withNack, without]) {
    assert.ok(doc.events.some((e) => e.type === 'crash' && e.node === 'P2'));
    assert.deepEqual([...new Set(sent(doc, (m) => m.kind === 'prepare').map(ballotOf))], ['1.P1', '1.P2', '2.P1']);
    assert.equal(sent(doc, (m) => m.kind === 'accept' && m.from === 'P2').length, 0, 'P2 never reaches phase 2');
    assert.equal(summarizeOutcome(doc).chosen[0]?.value, 'value1');
  }
  const nacks = sent(withNack, (m) => m.kind === 'nack' && m.to === 'P1');
  assert.deepEqual(nacks.map((m) => m.from).sort(), ['A1', 'A2', 'A3']);
  for (const m of nacks) assert.deepEqual(m.kind === 'nack' && m.promised, { round: 1, node: 'P2' });
  assert.equal(sent(without, (m) => m.kind === 'nack').length, 0);
  assert.ok(without.events.some((e) => e.type === 'timeout' && e.node === 'P1' && e.timer === 'phase'));
  assert.ok(!withNack.events.some((e) => e.type === 'timeout' && e.timer === 'phase'), 'with nack P1 never waits out its phase timer');
  // The prose: the timeout run is later by the timeout minus one round trip (12 − 2 = 10 time units here).
  assert.equal(chosenAt(without) - chosenAt(withNack), 10);
});
