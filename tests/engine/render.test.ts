// Rendering: Mermaid sequence diagrams (labels, arrows, lost messages, notes, escaping), plain text, and
// the outcome summary.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { escapeMermaid, messageLabel, summarizeOutcome, traceToMermaid, traceToText } from '../../src/paxos/render/index.ts';
import { runScenario, type Scenario } from '../../src/paxos/sim/index.ts';
import { TraceBuilder, bal, entry } from './trace-builder.ts';

const scenario = (name: string) => JSON.parse(readFileSync(new URL(`../../content/scenarios/basic/${name}.json`, import.meta.url), 'utf8')) as Scenario;

test('message labels', () => {
  const m = { id: 0, from: 'A1', to: 'P1' };
  assert.equal(messageLabel({ ...m, kind: 'prepare', ballot: bal(1, 'P1'), slot: 0 }), 'prepare(1.P1)');
  assert.equal(messageLabel({ ...m, kind: 'promise', ballot: bal(1, 'P1'), slot: 0, accepted: [] }), 'promise(1.P1)');
  assert.equal(messageLabel({ ...m, kind: 'promise', ballot: bal(1, 'P1'), slot: 0, accepted: [entry(bal(0, 'P2'), 'v1')] }), 'promise(1.P1, 已接受 0.P2=v1)');
  assert.equal(messageLabel({ ...m, kind: 'accept', ballot: bal(1, 'P1'), slot: 0, value: 'v1' }), 'accept(1.P1, v1)');
  assert.equal(messageLabel({ ...m, kind: 'accepted', ballot: bal(1, 'P1'), slot: 0, value: 'v1' }), 'accepted(1.P1, v1)');
  assert.equal(messageLabel({ ...m, kind: 'nack', ballot: bal(1, 'P1'), promised: bal(2, 'P2') }), 'nack(promised 2.P2)');
  assert.equal(messageLabel({ ...m, kind: 'request', value: 'v' }), 'request(v)');
  assert.equal(messageLabel({ ...m, kind: 'accept', ballot: bal(3, 'S1'), slot: 4, value: null }, { slots: true }), 'accept(3.S1, s4, no-op)');
  assert.equal(messageLabel({ ...m, kind: 'heartbeat', ballot: bal(3, 'S1'), chosenUpTo: 2 }), 'heartbeat(3.S1, chosenUpTo=2)');
});

test('Mermaid: participants in node order, arrows at delivery, lost arrows, notes, autonumber', () => {
  const text = traceToMermaid(runScenario(scenario('preempted')), { autonumber: true });
  const lines = text.split('\n');
  assert.deepEqual(lines.slice(0, 7), ['sequenceDiagram', '  autonumber', '  participant P1', '  participant P2', '  participant A1', '  participant A2', '  participant A3']);
  assert.ok(lines.includes('  Note over P1: 提议 value1'));
  assert.ok(lines.includes('  P1->>A1: prepare(1.P1)'));
  assert.ok(lines.includes('  A1-->>P1: promise(1.P1)'));
  assert.ok(lines.includes('  A1-->>P1: nack(promised 1.P2)'));
  assert.ok(lines.includes('  Note over P2: 选定 value2'));
  assert.equal(lines.filter((l) => l.includes('accept(1.P1, value1)')).length, 3);
  // Arrows appear in delivery order: P2's prepare reaches A1 before P1's accept does.
  assert.ok(lines.indexOf('  P2->>A1: prepare(1.P2)') < lines.indexOf('  P1->>A1: accept(1.P1, value1)'));
});

test('Mermaid: dropped messages are lost arrows, crashes and recoveries are notes', () => {
  const t = new TraceBuilder().propose('P1', 'v1');
  const m = t.send('P1', 'A1', { kind: 'prepare', ballot: bal(1, 'P1'), slot: 0 });
  t.events.push({ seq: t.events.length, time: 5, type: 'drop', msg: m });
  const r = t.send('A2', 'P1', { kind: 'promise', ballot: bal(1, 'P1'), slot: 0, accepted: [] });
  t.events.push({ seq: t.events.length, time: 6, type: 'drop', msg: r });
  t.crash('A3');
  t.events.push({ seq: t.events.length, time: 9, type: 'recover', node: 'A3' });
  const text = traceToMermaid(t.doc());
  assert.match(text, /\n {2}P1-xA1: prepare\(1\.P1\)\n/);
  assert.match(text, /\n {2}A2--xP1: promise\(1\.P1\)\n/);
  assert.match(text, /Note over A3: 崩溃\n {2}Note over A3: 恢复\n/);
  assert.doesNotMatch(traceToMermaid(t.doc(), { drops: false }), /-x/);
});

test('Mermaid: characters that break Mermaid are escaped', () => {
  assert.equal(escapeMermaid('a;b#c<d>e%%f\ng'), 'a#59;b#35;c#lt;d#gt;e#37;#37;f g');
  const t = new TraceBuilder().propose('P1', 'x;y#z<b>\nend');
  const text = traceToMermaid(t.doc());
  assert.ok(text.includes('Note over P1: 提议 x#59;y#35;z#lt;b#gt; end'));
  assert.equal(text.split('\n').filter((l) => l.includes('提议')).length, 1);
  const odd = new TraceBuilder([{ id: 'node-1', roles: ['proposer'] }]).propose('node-1', 'v');
  assert.match(traceToMermaid(odd.doc()), /participant n0 as node-1\n {2}Note over n0: 提议 v/);
});

test('plain text: one line per delivered/lost message and note, outcome at the end', () => {
  const text = traceToText(runScenario(scenario('smooth')));
  const lines = text.trim().split('\n');
  assert.match(lines[0]!, /^basic paxos, seed 1, quorum 2; nodes P1 \(proposer\+learner\)/);
  assert.ok(lines.includes('t=1  P1 → A1  prepare(1.P1)'), text);
  assert.equal(lines.at(-1), 'chosen: value1 (t=4, learned by P1, P2)');
});

test('outcome: chosen value, or why nothing was chosen', () => {
  assert.equal(summarizeOutcome(runScenario(scenario('smooth'))).chosen[0]?.value, 'value1');
  const majority = summarizeOutcome(runScenario(scenario('majority-crash')));
  assert.equal(majority.stall, 'majority-crashed');
  assert.match(majority.text, /2 of 3 acceptors are crashed/);
  const duel = summarizeOutcome(runScenario(scenario('duelling')));
  assert.equal(duel.stall, 'livelock');
  assert.equal(summarizeOutcome(runScenario({ protocol: 'basic', steps: [] })).stall, 'no-proposal');
  const lossy = summarizeOutcome(runScenario({ protocol: 'basic', seed: 1, network: { drop: 1 }, maxTime: 100 }));
  assert.equal(lossy.stall, 'messages-lost');
  assert.match(summarizeOutcome(runScenario(scenario('reused-ballot'))).text, /^UNSAFE: different values chosen \(slot 0: value1 and value2\)/);
});
