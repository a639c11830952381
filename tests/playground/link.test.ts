// Share links: round trips, and every kind of bad link comes back as a message, never an exception.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runScenario } from '../../src/paxos/sim/run.ts';
import { scenarioCatalog } from '../../src/scenarios/index.ts';
import { decodeRunLink, encodeRunLink, MAX_LINK_CHARS, scriptRunLink, type Command } from '../../src/figures/playground-link/index.ts';
import { PlaygroundRun } from '../../src/components/playground/run.ts';
import { checkTrace } from '../../src/paxos/check/properties.ts';
import { preempted, smooth } from '../../src/scenarios/basic.ts';
import { collisionRecovery } from '../../src/scenarios/fast.ts';
import type { Scenario } from '../../src/paxos/sim/scenario.ts';
import { SCENARIO_LIMITS } from '../../src/paxos/sim/limits.ts';
import { getProtocol } from '../../src/paxos/registry.ts';
import { resolveScenario } from '../../src/paxos/sim/validate.ts';

function fragmentOf(payload: unknown): string {
  const bytes = new TextEncoder().encode(JSON.stringify(payload));
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return `#run=1.${btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`;
}

function replayed(scenario: Scenario, commands: readonly Command[], position: number): PlaygroundRun {
  const run = new PlaygroundRun(resolveScenario(scenario, getProtocol));
  for (const c of commands) run.replay(c);
  run.seek(position);
  return run;
}

test('a run with steps, manual actions and a seek survives the link and replays to the same trace', () => {
  const run = new PlaygroundRun(resolveScenario(preempted, getProtocol));
  for (let i = 0; i < 3; i++) run.next();
  const flight = run.inFlight()[0]!;
  run.act({ type: 'drop', match: { id: flight.msg.id, copy: flight.copy } });
  run.act({ type: 'crash', node: 'A2' });
  run.runToEnd();
  run.seek(run.length - 2);
  const fragment = encodeRunLink({ scenario: run.scenario, commands: run.commands(), position: run.position });
  const decoded = decodeRunLink(`#${fragment}`, getProtocol);
  assert.ok(decoded.ok, decoded.ok ? '' : decoded.message);
  assert.equal(decoded.run.commands.length, run.length);
  assert.equal(decoded.run.position, run.position);
  const again = replayed(decoded.run.scenario, decoded.run.commands, decoded.run.position);
  assert.deepEqual(again.trace(), run.trace());
  assert.deepEqual(again.nodes(), run.nodes());
  assert.equal(checkTrace(again.trace()), null);
  // Runs of "next" pack into one number: a whole run to the end stays short.
  const long = new PlaygroundRun(resolveScenario(smooth, getProtocol));
  long.runToEnd();
  const packed = encodeRunLink({ scenario: smooth, commands: long.commands(), position: long.length });
  assert.ok(packed.length < 1200, `link of ${packed.length} chars`);
});

test('links leave out the notes-only fields and keep Unicode titles intact', () => {
  const fragment = encodeRunLink({ scenario: collisionRecovery, commands: [], position: 0 });
  const decoded = decodeRunLink(fragment, getProtocol);
  assert.ok(decoded.ok);
  assert.equal(decoded.run.scenario.description, undefined);
  assert.equal(decoded.run.scenario.title, collisionRecovery.title);
  const zh = { ...preempted, title: '抢占：P2 的编号更高 ✓' };
  const back = decodeRunLink(encodeRunLink({ scenario: zh, commands: [], position: 0 }), getProtocol);
  assert.ok(back.ok);
  assert.equal(back.run.scenario.title, zh.title);
});

test('no link is not an error; a link without run= says so', () => {
  assert.deepEqual(decodeRunLink('', getProtocol), { ok: false, message: '' });
  assert.deepEqual(decodeRunLink('#', getProtocol), { ok: false, message: '' });
  const other = decodeRunLink('#section-2', getProtocol);
  assert.equal(other.ok, false);
  assert.match(!other.ok ? other.message : '', /run=/);
});

test('garbled links: truncated, not base64, not UTF-8, not JSON, wrong version', () => {
  const good = encodeRunLink({ scenario: preempted, commands: [{ type: 'next' }], position: 1 });
  const cases = [
    `#${good.slice(0, good.length - 7)}`,
    '#run=1.%%%%',
    '#run=1.!!notbase64!!',
    '#run=1.' + btoa(String.fromCharCode(0xff, 0xfe, 0xfd)).replace(/=+$/, ''),
    '#run=1.' + btoa('{"s": {"protocol": "basic"').replace(/=+$/, ''),
    '#run=9.' + good.slice(6),
    '#run=nodot',
    '#run=1.',
  ];
  for (const hash of cases) {
    const r = decodeRunLink(hash, getProtocol);
    assert.equal(r.ok, false, hash);
    assert.ok(!r.ok && r.message.length > 0, hash);
  }
});

test('wrong types anywhere are rejected with a message naming what is wrong', () => {
  const cases: [unknown, RegExp][] = [
    [[1, 2, 3], /损坏/],
    [{ s: 'basic' }, /损坏/],
    [{ s: { protocol: 'basic', acceptors: '3' } }, /acceptors/],
    [{ s: { protocol: 'raft' } }, /protocol/],
    [{ s: { protocol: 'basic', steps: 'all' } }, /steps/],
    [{ s: { protocol: 'basic' }, c: 'next' }, /损坏/],
    [{ s: { protocol: 'basic' }, c: [0] }, /操作/],
    [{ s: { protocol: 'basic' }, c: [1.5] }, /操作/],
    [{ s: { protocol: 'basic' }, c: [{ type: 'crash', node: 'A9' }] }, /A9/],
    [{ s: { protocol: 'basic' }, c: [{ type: 'explode' }] }, /type/],
    [{ s: { protocol: 'basic' }, c: [1], p: 5 }, /损坏/],
    [{ s: { protocol: 'basic' }, c: [1], p: '1' }, /损坏/],
    [{ s: { protocol: 'basic' }, extra: true }, /损坏/],
    [{ s: { protocol: 'basic', __proto__x: 1 } }, /__proto__x/],
    [JSON.parse('{"s":{"protocol":"basic","__proto__":{"polluted":true}}}'), /__proto__/],
  ];
  for (const [payload, pattern] of cases) {
    const r = decodeRunLink(fragmentOf(payload), getProtocol);
    assert.equal(r.ok, false, JSON.stringify(payload));
    assert.match(!r.ok ? r.message : '', pattern, JSON.stringify(payload));
  }
  assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
});

test('hostile sizes: a huge fragment, a thousand acceptors, endless next presses', () => {
  const huge = decodeRunLink(`#run=1.${'A'.repeat(MAX_LINK_CHARS + 10)}`, getProtocol);
  assert.equal(huge.ok, false);
  assert.match(!huge.ok ? huge.message : '', /太长/);
  const big = decodeRunLink(fragmentOf({ s: { protocol: 'basic', acceptors: 1000 } }), getProtocol);
  assert.equal(big.ok, false);
  assert.match(!big.ok ? big.message : '', new RegExp(`acceptors: at most ${SCENARIO_LIMITS.acceptors}`));
  const crashes = decodeRunLink(fragmentOf({ s: { protocol: 'basic', faults: { crashes: 1e9 } } }), getProtocol);
  assert.equal(crashes.ok, false);
  const presses = decodeRunLink(fragmentOf({ s: { protocol: 'basic' }, c: [1e9] }), getProtocol);
  assert.equal(presses.ok, false);
  assert.match(!presses.ok ? presses.message : '', /太多/);
});

test('script tags stay data: a title with markup decodes verbatim (the island renders it as text)', () => {
  const title = '<script>alert(1)</script><img src=x onerror=alert(2)>';
  const r = decodeRunLink(encodeRunLink({ scenario: { ...preempted, title }, commands: [], position: 0 }), getProtocol);
  assert.ok(r.ok);
  assert.equal(r.run.scenario.title, title);
  const value = decodeRunLink(fragmentOf({ s: { protocol: 'basic', steps: [{ type: 'propose', node: 'P1', value: '<b>x</b>' }] } }), getProtocol);
  assert.ok(value.ok);
});

test('a link to a protocol the page has not loaded says which one; after loading it, the same link opens', async () => {
  const { ProtocolShelf } = await import('../../src/paxos/load-protocol.ts');
  const shelf = new ProtocolShelf();
  const run = new PlaygroundRun(resolveScenario(collisionRecovery, getProtocol));
  run.next();
  run.next();
  const hash = `#${encodeRunLink({ scenario: run.scenario, commands: run.commands(), position: run.position })}`;
  const first = decodeRunLink(hash, shelf.lookup);
  assert.deepEqual(first, { ok: false, message: '', missing: 'fast' });
  await shelf.load('fast');
  const second = decodeRunLink(hash, shelf.lookup);
  assert.ok(second.ok);
  const again = replayed(second.run.scenario, second.run.commands, second.run.position);
  assert.equal(JSON.stringify(again.sim.trace()), JSON.stringify(run.sim.trace()));
  assert.equal(checkTrace(again.sim.trace()), null);
  // An unknown protocol is no "missing" one: the link is broken, and says so.
  const bad = decodeRunLink(fragmentOf({ s: { protocol: 'raft' }, c: [] }), shelf.lookup);
  assert.ok(!bad.ok && !('missing' in bad) && /protocol/.test(bad.message));
});

test("a figure's link counts the playground's own presses: for every scenario, the script played to its end", () => {
  const names = Object.keys(scenarioCatalog);
  assert.ok(names.length > 10, `${names.length} scenarios`);
  for (const name of names) {
    const scenario = scenarioCatalog[name]!;
    const link = scriptRunLink(scenario);
    const run = new PlaygroundRun(resolveScenario(scenario, getProtocol));
    run.runScript();
    assert.deepEqual(link.commands, run.commands(), name);
    assert.equal(link.position, run.position, name);
    assert.equal(encodeRunLink(link), encodeRunLink({ scenario, commands: run.commands(), position: run.position }), name);
    // Opened, the link shows the very run the figure draws, judged by the safety properties.
    const decoded = decodeRunLink(encodeRunLink(link), getProtocol);
    assert.ok(decoded.ok, name);
    const trace = replayed(decoded.run.scenario, decoded.run.commands, decoded.run.position).trace();
    assert.deepEqual(trace, runScenario(scenario), name);
    const bad = checkTrace(trace);
    assert.ok(scenario.mutant ? true : bad === null, `${name}: ${bad ? bad.property : ''}`);
  }
});

test("a script step that no longer fits ends the figure's link as it ends the playground's script", () => {
  const scenario: Scenario = { ...preempted, steps: [...(preempted.steps ?? []).slice(0, 2), { type: 'deliver', match: { kind: 'nack', from: 'A3', to: 'P1' } }, { type: 'crash', node: 'A1' }] };
  const link = scriptRunLink(scenario);
  const run = new PlaygroundRun(resolveScenario(scenario, getProtocol));
  run.runScript();
  assert.ok(run.scriptError, 'the playground reports the step that does not fit');
  assert.deepEqual(link.commands, run.commands());
  assert.equal(link.position, run.position);
  assert.equal(checkTrace(run.trace()), null);
});
