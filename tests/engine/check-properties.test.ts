// checkTrace on hand-built traces: for each of the seven properties, a trace that breaks it (and only the
// expected property is reported, at the expected event) and a close trace that satisfies it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkTrace, PROPERTIES, TRACE_RULES, TraceMonitor } from '../../src/paxos/check/properties.ts';
import { fastPaxos } from '../../src/paxos/fast/index.ts';
import { TraceBuilder, bal, entry } from './trace-builder.ts';

const safe = (t: TraceBuilder) => assert.equal(checkTrace(t.doc()), null, JSON.stringify(checkTrace(t.doc())));
function broken(t: TraceBuilder, property: string, seq?: number) {
  const v = checkTrace(t.doc());
  assert.ok(v, 'expected a violation');
  assert.equal(v.property, property, v.message);
  if (seq !== undefined) assert.equal(v.seq, seq, v.message);
  assert.deepEqual(v.event, t.doc().events[v.seq]);
  return v;
}

test('the property ids are the seven of the contract, in order', () => {
  assert.deepEqual(PROPERTIES.map((p) => p.id), ['first-promise', 'second-promise', 'promise-reply', 'acceptor-value', 'proposer-value', 'agreement', 'validity']);
});

test('a smooth round is safe', () => {
  const t = new TraceBuilder().propose('P1', 'v1').phase1('P1', bal(1, 'P1'), ['A1', 'A2', 'A3']).phase2('P1', bal(1, 'P1'), 'v1', ['A1', 'A2']).chosen('P1', 'v1');
  safe(t);
});

test('1 first-promise: promising lower after higher breaks it; equal or higher is fine', () => {
  const ok = new TraceBuilder();
  ok.send('A1', 'P2', { kind: 'promise', ballot: bal(2, 'P2'), slot: 0, accepted: [] });
  ok.send('A1', 'P2', { kind: 'promise', ballot: bal(2, 'P2'), slot: 0, accepted: [] });
  ok.send('A1', 'P1', { kind: 'promise', ballot: bal(3, 'P1'), slot: 0, accepted: [] });
  safe(ok);
  const bad = new TraceBuilder();
  bad.send('A1', 'P2', { kind: 'promise', ballot: bal(1, 'P2'), slot: 0, accepted: [] });
  bad.send('A1', 'P1', { kind: 'promise', ballot: bal(1, 'P1'), slot: 0, accepted: [] });
  broken(bad, 'first-promise', 1);
});

test('2 second-promise: accepting below a promise breaks it', () => {
  const mk = (acceptRound: number) => {
    const t = new TraceBuilder().propose('P1', 'v1').phase1('P1', bal(1, 'P1'), ['A1', 'A2']);
    t.send('A1', 'P2', { kind: 'promise', ballot: bal(2, 'P2'), slot: 0, accepted: [] });
    t.post('P1', 'A1', { kind: 'accept', ballot: bal(1, 'P1'), slot: 0, value: 'v1' });
    t.send('A1', 'P1', { kind: 'accepted', ballot: bal(acceptRound, 'P1'), slot: 0, value: 'v1' });
    return t;
  };
  broken(mk(1), 'second-promise');
  // The same acceptance at a ballot ≥ the promise is fine for this property (it breaks 4 instead: no such accept received).
  assert.equal(checkTrace(mk(3).doc())?.property, 'acceptor-value');
});

test('an acceptance below the promise still counts: the vote that breaks the second promise and completes a second quorum breaks agreement in the same event', () => {
  // P2 gets v2 chosen in ballot 2 by A2, A3; then P1's old accept(1, v1) reaches A1 (promised 1: fine) and
  // A2 (promised 2). A2's vote is below its promise and makes {A1, A2} a quorum for v1 in ballot 1.
  const t = new TraceBuilder().propose('P1', 'v1').propose('P2', 'v2').phase1('P1', bal(1, 'P1'), ['A1', 'A2', 'A3']);
  t.phase1('P2', bal(2, 'P2'), ['A2', 'A3']).phase2('P2', bal(2, 'P2'), 'v2', ['A2', 'A3']);
  t.phase2('P1', bal(1, 'P1'), 'v1', ['A1', 'A2']);
  const doc = t.doc();
  // A2's accepted(1.P1): the send before the last event (its delivery).
  const last = doc.events.length - 2;
  const monitor = new TraceMonitor(doc, TRACE_RULES);
  const found = doc.events.map((e) => monitor.observe(e));
  assert.deepEqual(found.flat().filter((v) => v.seq !== last), [], 'nothing but A2\'s vote breaks a property');
  assert.deepEqual(found[last]!.map((v) => v.property), ['second-promise', 'agreement'], found[last]!.map((v) => v.message).join('; '));
  assert.ok(found[last]!.every((v) => v.seq === last));
  // checkTrace reports the first of them.
  broken(t, 'second-promise', last);
});

test('3 promise-reply: the promise must list what the acceptor last accepted', () => {
  const base = () => new TraceBuilder().propose('P1', 'v1').phase1('P1', bal(1, 'P1'), ['A1', 'A2']).phase2('P1', bal(1, 'P1'), 'v1', ['A1']);
  const ok = base();
  ok.send('A1', 'P2', { kind: 'promise', ballot: bal(2, 'P2'), slot: 0, accepted: [entry(bal(1, 'P1'), 'v1')] });
  safe(ok);
  const omitted = base();
  omitted.send('A1', 'P2', { kind: 'promise', ballot: bal(2, 'P2'), slot: 0, accepted: [] });
  broken(omitted, 'promise-reply');
  const wrong = base();
  wrong.send('A1', 'P2', { kind: 'promise', ballot: bal(2, 'P2'), slot: 0, accepted: [entry(bal(1, 'P1'), 'v9')] });
  broken(wrong, 'promise-reply');
  const invented = new TraceBuilder();
  invented.send('A2', 'P2', { kind: 'promise', ballot: bal(2, 'P2'), slot: 0, accepted: [entry(bal(1, 'P1'), 'v1')] });
  broken(invented, 'promise-reply');
});

test('3 promise-reply: a slot the acceptor learned as chosen may be left out', () => {
  const nodes = ['S1', 'S2', 'S3'].map((id) => ({ id, roles: ['proposer' as const, 'acceptor' as const, 'learner' as const] }));
  const t = new TraceBuilder(nodes).propose('S1', 'v1');
  for (const a of ['S1', 'S2']) t.post('S1', a, { kind: 'prepare', ballot: bal(1, 'S1'), slot: 0 });
  for (const a of ['S1', 'S2']) t.post(a, 'S1', { kind: 'promise', ballot: bal(1, 'S1'), slot: 0, accepted: [] });
  for (const a of ['S1', 'S2']) {
    t.post('S1', a, { kind: 'accept', ballot: bal(1, 'S1'), slot: 0, value: 'v1' });
    t.send(a, 'S1', { kind: 'accepted', ballot: bal(1, 'S1'), slot: 0, value: 'v1' });
  }
  t.chosen('S2', 'v1');
  t.send('S2', 'S3', { kind: 'promise', ballot: bal(2, 'S3'), slot: 0, accepted: [] });
  safe(t);
  // S1 did not learn it: leaving it out is a violation. Slots below the prepare's slot are not covered.
  t.send('S1', 'S3', { kind: 'promise', ballot: bal(2, 'S3'), slot: 1, accepted: [] });
  safe(t);
  t.send('S1', 'S3', { kind: 'promise', ballot: bal(2, 'S3'), slot: 0, accepted: [] });
  broken(t, 'promise-reply');
});

test('4 acceptor-value: accepting a value no accept carried, or two values in one ballot', () => {
  const t = new TraceBuilder().propose('P1', 'v1').propose('P2', 'v2').phase1('P1', bal(1, 'P1'), ['A1', 'A2']);
  t.post('P1', 'A1', { kind: 'accept', ballot: bal(1, 'P1'), slot: 0, value: 'v1' });
  t.send('A1', 'P1', { kind: 'accepted', ballot: bal(1, 'P1'), slot: 0, value: 'v1' });
  t.send('A1', 'P2', { kind: 'accepted', ballot: bal(1, 'P1'), slot: 0, value: 'v1' }); // same acceptance, another learner
  safe(t);
  const forged = new TraceBuilder().propose('P1', 'v1').propose('P2', 'v2').phase1('P1', bal(1, 'P1'), ['A1', 'A2']);
  forged.post('P1', 'A1', { kind: 'accept', ballot: bal(1, 'P1'), slot: 0, value: 'v1' });
  forged.send('A1', 'P1', { kind: 'accepted', ballot: bal(1, 'P1'), slot: 0, value: 'v2' });
  broken(forged, 'acceptor-value');
  t.deliver({ id: 99, from: 'P1', to: 'A1', kind: 'accept', ballot: bal(1, 'P1'), slot: 0, value: 'v2' });
  t.send('A1', 'P1', { kind: 'accepted', ballot: bal(1, 'P1'), slot: 0, value: 'v2' });
  broken(t, 'acceptor-value');
});

test('5 proposer-value: accept needs a classic quorum of promises for its own ballot', () => {
  const few = new TraceBuilder().propose('P1', 'v1').phase1('P1', bal(1, 'P1'), ['A1']);
  few.send('P1', 'A1', { kind: 'accept', ballot: bal(1, 'P1'), slot: 0, value: 'v1' });
  assert.match(broken(few, 'proposer-value').message, /promises from 1 acceptor/);
  const notOwn = new TraceBuilder().propose('P1', 'v1').phase1('P1', bal(1, 'P2'), ['A1', 'A2']);
  notOwn.send('P1', 'A1', { kind: 'accept', ballot: bal(1, 'P2'), slot: 0, value: 'v1' });
  assert.match(broken(notOwn, 'proposer-value').message, /belongs to P2/);
});

test('5 proposer-value: the value must be the highest-ballot entry of some quorum', () => {
  const reports = { A1: [entry(bal(1, 'P2'), 'old')], A2: [entry(bal(2, 'P2'), 'newer')], A3: [] };
  const mk = (value: string) => {
    // History that makes the reports true: P2 got 'old' accepted by A1 in 1.P2, then 'newer' by A2 in 2.P2.
    const t = new TraceBuilder().propose('P1', 'mine').propose('P2', 'old').propose('P2', 'newer');
    t.phase1('P2', bal(1, 'P2'), ['A1', 'A3']).phase2('P2', bal(1, 'P2'), 'old', ['A1'], ['P2']);
    t.phase1('P2', bal(2, 'P2'), ['A2', 'A3']).phase2('P2', bal(2, 'P2'), 'newer', ['A2'], ['P2']);
    t.phase1('P1', bal(3, 'P1'), ['A1', 'A2', 'A3'], reports);
    t.send('P1', 'A1', { kind: 'accept', ballot: bal(3, 'P1'), slot: 0, value });
    return t;
  };
  safe(mk('newer')); // quorum {A1, A2} or {A2, A3}
  safe(mk('old')); // quorum {A1, A3}: its highest entry is 1.P2=old
  broken(mk('mine'), 'proposer-value'); // every quorum of 2 among these reports something
  // With an empty quorum available, any proposed value is allowed — but not an unproposed one.
  const free = (value: string) => {
    const t = new TraceBuilder().propose('P1', 'mine').phase1('P1', bal(1, 'P1'), ['A1', 'A2']);
    t.send('P1', 'A1', { kind: 'accept', ballot: bal(1, 'P1'), slot: 0, value });
    return t;
  };
  safe(free('mine'));
  broken(free('ghost'), 'proposer-value');
});

test('5 proposer-value: never two values for one ballot and slot', () => {
  const t = new TraceBuilder().propose('P1', 'v1').propose('P1', 'v2').phase1('P1', bal(1, 'P1'), ['A1', 'A2']);
  t.send('P1', 'A1', { kind: 'accept', ballot: bal(1, 'P1'), slot: 0, value: 'v1' });
  t.send('P1', 'A2', { kind: 'accept', ballot: bal(1, 'P1'), slot: 0, value: 'v1' });
  safe(t);
  t.send('P1', 'A3', { kind: 'accept', ballot: bal(1, 'P1'), slot: 0, value: 'v2' });
  broken(t, 'proposer-value', t.events.length - 1);
});

test('5 proposer-value (Fast Paxos): after a fast round the recovery rule decides', () => {
  const nodes = [
    { id: 'L1', roles: ['proposer' as const, 'leader' as const, 'learner' as const] },
    ...['A1', 'A2', 'A3', 'A4', 'A5'].map((id) => ({ id, roles: ['acceptor' as const] })),
  ];
  const mk = (value: string) => {
    const t = new TraceBuilder(nodes, { classic: 3, fast: 4 }, 'fast').propose('C1', 'x').propose('C2', 'y');
    const f = bal(1, 'L1', true);
    // Fast round: A1, A2, A3 accepted x; A4 accepted y.
    for (const [a, v] of [['A1', 'x'], ['A2', 'x'], ['A3', 'x'], ['A4', 'y']] as const) t.send(a, 'L1', { kind: 'accepted', ballot: f, slot: 0, value: v });
    const reports = { A1: [entry(f, 'x')], A2: [entry(f, 'x')], A4: [entry(f, 'y')] };
    t.phase1('L1', bal(2, 'L1'), ['A1', 'A2', 'A4'], reports);
    t.send('L1', 'A1', { kind: 'accept', ballot: bal(2, 'L1'), slot: 0, value });
    return t;
  };
  safe(mk('x')); // x may have been chosen (A1, A2 + unseen A3, A5 make a fast quorum of 4)
  broken(mk('y'), 'proposer-value');
});

test('a monitor without Fast Paxos\'s recovery rule refuses a Fast trace instead of judging it without the rule', () => {
  const header = { protocol: 'fast' as const, quorums: { classic: 3, fast: 4 }, nodes: [{ id: 'A1', roles: ['acceptor' as const] }] };
  assert.throws(() => new TraceMonitor(header, {}), /recovery rule/);
  assert.doesNotThrow(() => new TraceMonitor(header, TRACE_RULES));
  // The Fast protocol carries the rule the playground's monitor uses, and it is the checker's own.
  assert.equal(fastPaxos.traceRules?.recoveryPermits, TRACE_RULES.recoveryPermits);
});

test('6 agreement: two values reaching a quorum in one slot, and chosen before or unlike the quorum', () => {
  const t = new TraceBuilder().propose('P1', 'v1').propose('P2', 'v2');
  t.phase1('P1', bal(1, 'P1'), ['A1', 'A2']).phase2('P1', bal(1, 'P1'), 'v1', ['A1', 'A2']).chosen('P1', 'v1');
  safe(t);
  // P2 gets promises from A2 (reporting v1) and A3: it must propose v1; a quorum of v2 would be a disagreement.
  t.phase1('P2', bal(2, 'P2'), ['A2', 'A3'], { A2: [entry(bal(1, 'P1'), 'v1')] });
  t.phase2('P2', bal(2, 'P2'), 'v1', ['A2', 'A3']).chosen('P2', 'v1');
  safe(t);
  const early = new TraceBuilder().propose('P1', 'v1').phase1('P1', bal(1, 'P1'), ['A1', 'A2']).phase2('P1', bal(1, 'P1'), 'v1', ['A1']).chosen('P1', 'v1');
  assert.match(broken(early, 'agreement').message, /no quorum has accepted/);
  // Two quorums for different values: build it with acceptances only (so properties 1–5 hold).
  const two = new TraceBuilder().propose('P1', 'v1').propose('P2', 'v2');
  for (const a of ['A1', 'A2']) {
    two.post('P1', a, { kind: 'accept', ballot: bal(1, 'P1'), slot: 0, value: 'v1' });
    two.send(a, 'P1', { kind: 'accepted', ballot: bal(1, 'P1'), slot: 0, value: 'v1' });
  }
  for (const a of ['A2', 'A3']) {
    two.post('P2', a, { kind: 'accept', ballot: bal(2, 'P2'), slot: 0, value: 'v2' });
    two.send(a, 'P2', { kind: 'accepted', ballot: bal(2, 'P2'), slot: 0, value: 'v2' });
  }
  // The accepts were sent without promises, so property 5 fires first; the agreement check needs the send.
  const v = checkTrace(two.doc());
  assert.equal(v?.property, 'proposer-value');
  const only6 = { ...two.doc(), events: two.doc().events.filter((e) => !(e.type === 'send' && e.msg.kind === 'accept')) };
  assert.equal(checkTrace(only6)?.property, 'agreement');
});

test('7 validity: an accepted value nobody proposed', () => {
  const mk = (proposed: boolean) => {
    const t = new TraceBuilder();
    if (proposed) t.propose('P1', 'v1');
    t.post('P1', 'A1', { kind: 'accept', ballot: bal(1, 'P1'), slot: 0, value: 'v1' });
    t.send('A1', 'P1', { kind: 'accepted', ballot: bal(1, 'P1'), slot: 0, value: 'v1' });
    return { ...t.doc(), events: t.doc().events.filter((e) => !(e.type === 'send' && e.msg.kind === 'accept')) };
  };
  assert.equal(checkTrace(mk(true)), null);
  assert.equal(checkTrace(mk(false))?.property, 'validity');
});

test('unknown message kinds are skipped', () => {
  const t = new TraceBuilder();
  t.send('P1', 'A1', { kind: 'heartbeat', term: 3 });
  safe(t);
});
